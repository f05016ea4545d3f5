import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createConsoleCore } from './console';
import { product } from './product';
import { defaultUserDataDir } from './storage';
import { startBrowserShell } from './web/index';

const usage = `Usage: npm run web -- [options]

Serves ${product.name} to a browser on this machine only (127.0.0.1).
Each address it prints works once; press Enter to print another.

Options:
  --port N          listen on port N (default: a free port)
  --user-data DIR   keep settings in DIR (default: the desktop app's folder)
  --open            open the address in the system's browser instead of printing it
  -h, --help        show this help`;

function fatal(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

/** Hands an address to the system's browser; false when there is none to hand it to. */
function openInBrowser(address: string): Promise<boolean> {
  const command =
    process.platform === 'darwin'
      ? { file: 'open', args: [address] }
      : process.platform === 'win32'
        ? { file: 'rundll32', args: ['url.dll,FileProtocolHandler', address] }
        : { file: 'xdg-open', args: [address] };
  if (process.platform === 'linux' && (process.env.DISPLAY ?? '') === '' && (process.env.WAYLAND_DISPLAY ?? '') === '') return Promise.resolve(false);
  return new Promise((resolvePromise) => {
    const child = spawn(command.file, command.args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolvePromise(false));
    child.once('exit', (code) => resolvePromise(code === 0));
    child.unref();
  });
}

async function main(): Promise<void> {
  let values: { port?: string; 'user-data'?: string; open?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'user-data': { type: 'string' },
        open: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fatal(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fatal(`--port must be a whole number from 0 to 65535, not "${values.port}".`);

  const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  if (!existsSync(rendererDir)) fatal('The interface is not built yet: run `npm run build` first.');

  const userDataDir = values['user-data'] ?? defaultUserDataDir(product.name);
  const core = await createConsoleCore({ userDataDir, shell: 'browser', openInSystemBrowser: null });
  let shell;
  try {
    shell = await startBrowserShell({ dispatch: core.dispatch, rendererDir, port, events: { subscribe: (listener) => core.jobs.subscribe(listener) } });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fatal(code === 'EADDRINUSE' ? `Port ${port} is already in use; choose another with --port, or leave it out.` : `Could not start: ${String(error)}`);
  }
  const printAddress = (): void => {
    process.stdout.write(`Open this address in a browser on this machine (it works once): ${shell.newAddress()}\n`);
  };
  if (values.open === true && (await openInBrowser(shell.newAddress()))) {
    process.stdout.write(`${product.name} opened in your browser (${shell.origin}).\n`);
  } else {
    process.stdout.write(`${product.name} is running.\n`);
    printAddress();
  }
  process.stdout.write(`For another tab, press Enter here for a new address. Data folder: ${userDataDir}. Stop with Ctrl+C.\n`);
  // Each line on standard input (Enter in the terminal) prints a new one-time address.
  createInterface({ input: process.stdin }).on('line', printAddress);

  const stop = (): void => {
    void Promise.all([shell.close(), core.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();

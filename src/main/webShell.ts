import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createConsoleCore } from './console';
import { product } from './product';
import { defaultUserDataDir } from './storage';
import { startBrowserShell } from './web/index';

const usage = `Usage: npm run web -- [options]

Serves ${product.name} to a browser on this machine only (127.0.0.1).

Options:
  --port N          listen on port N (default: a free port)
  --user-data DIR   keep settings in DIR (default: the desktop app's folder)
  -h, --help        show this help`;

function fatal(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; 'user-data'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'user-data': { type: 'string' },
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
    shell = await startBrowserShell({ dispatch: core.dispatch, rendererDir, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fatal(code === 'EADDRINUSE' ? `Port ${port} is already in use; choose another with --port, or leave it out.` : `Could not start: ${String(error)}`);
  }
  // The only line that ever shows the token.
  process.stdout.write(`${product.name} is running at ${shell.url}\n`);
  process.stdout.write(`Open that address in a browser on this machine. Data folder: ${userDataDir}. Stop with Ctrl+C.\n`);

  const stop = (): void => {
    void Promise.all([shell.close(), core.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type BrowserContext } from '@playwright/test';

export interface ConsoleServer {
  /**
   * A one-time address with its token, as a user gets by pressing Enter in the
   * terminal: each works for one tab only.
   */
  address(): Promise<string>;
  /** The origin, without a token. */
  origin: string;
  userDataDir: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const webShell = fileURLToPath(new URL('../../out/main/web.js', import.meta.url));

/** Starts the built browser shell as a user would, on a fresh data folder; `keychain: false` hides the keychain from it. */
export async function startConsoleServer(userDataDir: string, options: { keychain?: boolean } = {}): Promise<ConsoleServer> {
  // Without a session bus the console finds no keychain, as on a server with no desktop.
  const env = options.keychain === false ? { ...process.env, DBUS_SESSION_BUS_ADDRESS: '' } : process.env;
  const child: ChildProcess = spawn(process.execPath, [webShell, '--port', '0', '--user-data', userDataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env,
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const addressPattern = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/g;
  const printedAddresses = (): string[] => printed.match(addressPattern) ?? [];
  const nextAddress = (after: number): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the browser shell printed no address:\n${printed}`)), 15_000);
      const exited = (code: number | null): void => reject(new Error(`the browser shell exited with ${code}:\n${printed}`));
      const look = (): void => {
        const addresses = printedAddresses();
        if (addresses.length > after) {
          clearTimeout(timer);
          child.stdout?.off('data', look);
          child.off('exit', exited);
          resolve(addresses[after]!);
        }
      };
      child.stdout?.on('data', look);
      child.once('exit', exited);
      look();
    });
  const first = await nextAddress(0);
  let handedOut = 0;
  return {
    async address() {
      handedOut += 1;
      if (handedOut === 1) return first;
      const count = printedAddresses().length;
      child.stdin?.write('\n');
      return nextAddress(count);
    },
    origin: new URL(first).origin,
    userDataDir,
    output: () => printed,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A test with a fresh console server and data folder for each test file's worker, started with `options`. */
function withServer(options: { keychain?: boolean } = {}) {
  return base.extend<object, { server: ConsoleServer }>({
    server: [
      // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter
      async ({}, use) => {
        const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-e2e-'));
        const server = await startConsoleServer(userDataDir, options);
        await use(server);
        await server.stop();
        await rm(userDataDir, { recursive: true, force: true });
      },
      { scope: 'worker' },
    ],
  });
}

export const test = withServer();

/** The same with a console that finds no keychain, and keeps the secrets typed into it in memory. */
export const testWithoutKeychain = withServer({ keychain: false });

/**
 * A console of the test file's own, started before its tests and stopped
 * after them: a file that adds profiles and signs in to them must not leave
 * them to the files that share the worker's console.
 */
export function ownConsole(prefix: string): { server: () => ConsoleServer; userDataDir: () => string } {
  let server: ConsoleServer | undefined;
  let userDataDir: string | undefined;
  base.beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), prefix));
    server = await startConsoleServer(userDataDir);
  });
  base.afterAll(async () => {
    await server?.stop();
    if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true });
  });
  return {
    server: () => server ?? assertStarted(),
    userDataDir: () => userDataDir ?? assertStarted(),
  };
}

function assertStarted(): never {
  throw new Error('the console of this file has not started');
}

/** Every file under a folder, at any depth: for the scans that look for a secret left behind. */
export async function filesUnder(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Blocks everything but the console's own server, and records what was tried. */
export async function offline(context: BrowserContext): Promise<string[]> {
  const attempted: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    async (route) => {
      attempted.push(route.request().url());
      await route.abort('internetdisconnected');
    },
  );
  return attempted;
}

export { expect } from '@playwright/test';

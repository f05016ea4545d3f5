import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

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

export { expect } from '@playwright/test';

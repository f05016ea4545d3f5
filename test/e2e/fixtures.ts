import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

export interface ConsoleServer {
  /** The address printed at start, token included. */
  url: string;
  /** The origin, without the token. */
  origin: string;
  userDataDir: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const webShell = fileURLToPath(new URL('../../out/main/web.js', import.meta.url));

/** Starts the built browser shell as a user would, on a fresh data folder. */
export async function startConsoleServer(userDataDir: string): Promise<ConsoleServer> {
  const child: ChildProcess = spawn(process.execPath, [webShell, '--port', '0', '--user-data', userDataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the browser shell did not start:\n${printed}`)), 15_000);
    const look = (): void => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => reject(new Error(`the browser shell exited with ${code}:\n${printed}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
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

/** A fresh console server and data folder for each test file's worker. */
export const test = base.extend<object, { server: ConsoleServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter
    async ({}, use) => {
      const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-e2e-'));
      const server = await startConsoleServer(userDataDir);
      await use(server);
      await server.stop();
      await rm(userDataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

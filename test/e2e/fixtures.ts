import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type BrowserContext, type Download } from '@playwright/test';
import type { SandboxHandle } from '../../src/sandbox';
import { secretsAnswered, secretsRunVariable, secretsSent, type SecretKind } from '../support/secretsScan';

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
  const addressPattern = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/g;
  const printedAddresses = (): string[] => printed.match(addressPattern) ?? [];
  let tokensSeen = 0;
  const heard = (chunk: Buffer): void => {
    printed += chunk.toString();
    // Every token the console printed is looked for at the end of the run, everywhere but in what it printed.
    const addresses = printedAddresses();
    for (; tokensSeen < addresses.length; tokensSeen += 1) registerSecret('console token', new URL(addresses[tokensSeen]!).searchParams.get('token') ?? '');
  };
  child.stdout?.on('data', heard);
  child.stderr?.on('data', heard);
  const kept = keptForScan(userDataDir, () => printed);
  child.once('exit', () => void kept.keep());
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
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      // The data folder as the console left it, before the test that started it deletes it.
      await kept.keep();
    },
  };
}

/**
 * Playwright's test, with the browser shell's traffic recorded for the run's
 * secrets scan: the secrets each page sends, every answer it gets and every
 * file it downloads.
 */
const recorded = base.extend({
  context: async ({ context }, use) => {
    const traffic = await recordTraffic(context);
    await use(context);
    await traffic.settle();
  },
});

/** A test with a fresh console server and data folder for each test file's worker, started with `options`. */
function withServer(options: { keychain?: boolean } = {}) {
  return recorded.extend<object, { server: ConsoleServer }>({
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

function scanFolder(...parts: string[]): string | undefined {
  const run = process.env[secretsRunVariable];
  if (run === undefined || run === '') return undefined;
  const folder = join(run, ...parts);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

/** The secrets this worker met, in memory; each is also written once for the teardown. */
const registered = new Map<string, Set<SecretKind>>();

/**
 * Adds a secret to those the end of the run looks for in every file, output
 * and answer. The browser shell's traffic registers what pages send and are
 * shown by itself; a test registers what it uses otherwise (a password it
 * sends SCM itself, a key it makes). Never printed: the report names only the
 * kind and where it was found.
 */
export function registerSecret(kind: SecretKind, value: string): void {
  if (value === '') return;
  const kinds = registered.get(value) ?? new Set<SecretKind>();
  if (kinds.has(kind)) return;
  kinds.add(kind);
  registered.set(value, kinds);
  const folder = scanFolder('secrets');
  if (folder !== undefined) appendFileSync(join(folder, `${process.pid}.jsonl`), `${JSON.stringify({ kind, value })}\n`, { mode: 0o600 });
}

/** Registers a sandbox's seeded passwords and OAuth2 client secrets. */
export function registerSandbox(sandbox: Pick<SandboxHandle, 'logins' | 'oauthClients'>): void {
  for (const { password } of sandbox.logins) registerSecret('seeded password', password);
  for (const { clientSecret } of sandbox.oauthClients) registerSecret('OAuth2 client secret', clientSecret);
}

let keptCount = 0;
/** Consoles whose data folder is not yet kept, for a worker that ends without stopping them. */
const unkept = new Set<() => void>();

/** The test file a console belongs to, for the report; none in a worker's own fixtures. */
function currentFile(): string {
  try {
    return basename(base.info().file).replace(/\.spec\.ts$/, '');
  } catch {
    return 'worker';
  }
}

/** Keeps a console's data folder and output for the scan, once, when it has stopped. */
export function keptForScan(userDataDir: string, output: () => string): { keep(): Promise<void> } {
  keptCount += 1;
  const name = `${currentFile()}-${process.pid}-${keptCount}`;
  let keeping: Promise<void> | undefined;
  const keepNow = (): void => {
    unkept.delete(keepNow);
    const folder = scanFolder('consoles', name);
    if (folder === undefined) return;
    writeFileSync(join(folder, 'output.log'), output(), { mode: 0o600 });
    try {
      cpSync(userDataDir, join(folder, 'data'), { recursive: true });
    } catch {
      // Deleted already: nothing of it is left to leak.
    }
  };
  unkept.add(keepNow);
  return {
    keep() {
      keeping ??= (async () => {
        unkept.delete(keepNow);
        const folder = scanFolder('consoles', name);
        if (folder === undefined) return;
        await writeFile(join(folder, 'output.log'), output(), { mode: 0o600 });
        await cp(userDataDir, join(folder, 'data'), { recursive: true }).catch(() => undefined);
      })();
      return keeping;
    },
  };
}

process.once('exit', () => {
  for (const keepNow of [...unkept]) keepNow();
});

let downloads = 0;

/** Keeps a downloaded file (an export, a record, a key) for the scan. */
async function keepDownload(download: Download): Promise<void> {
  const folder = scanFolder('downloads');
  if (folder === undefined) return;
  downloads += 1;
  await download.saveAs(join(folder, `${process.pid}-${downloads}-${download.suggestedFilename().replace(/[^\w.-]/g, '_')}`)).catch(() => undefined);
}

/** Keeps the files the console wrote beside a key file it was told to make (the key, its CSR, certificate, chain and PKCS#12). */
async function keepWrittenBeside(keyFiles: Iterable<string>): Promise<void> {
  for (const keyFile of keyFiles) {
    const stem = basename(keyFile, extname(keyFile));
    const names = await readdir(dirname(keyFile)).catch(() => [] as string[]);
    const mine = names.filter((name) => name.startsWith(stem));
    if (mine.length === 0) continue;
    downloads += 1;
    const folder = scanFolder('written', `${process.pid}-${downloads}`);
    if (folder === undefined) return;
    for (const name of mine) await cp(join(dirname(keyFile), name), join(folder, name), { recursive: true }).catch(() => undefined);
  }
}

/** Strings anywhere in `value` under a property called `name`. */
function stringsNamed(value: unknown, name: string, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const entry of value) stringsNamed(entry, name, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      if (key === name && typeof entry === 'string') found.push(entry);
      else stringsNamed(entry, name, found);
    }
  }
  return found;
}

/**
 * Records a browser context's traffic with the console: the secrets in what
 * its pages send (registered), every answer to an operation (kept for the
 * scan), the tab keys the console hands out, and every download.
 */
async function recordTraffic(context: BrowserContext): Promise<{ settle(): Promise<void> }> {
  const pending = new Set<Promise<unknown>>();
  const track = (promise: Promise<unknown>): void => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
  };
  const keyFiles = new Set<string>();
  const operation = (url: string): string | undefined => {
    const { hostname, pathname } = new URL(url);
    return hostname === '127.0.0.1' && pathname.startsWith('/rpc/') ? decodeURIComponent(pathname.slice('/rpc/'.length)) : undefined;
  };
  context.on('request', (request) => {
    const channel = operation(request.url());
    if (channel === undefined) return;
    // The tab's key, which the console handed the page for its token.
    const key = /^Bearer (.+)$/.exec(request.headers().authorization ?? '')?.[1];
    if (key !== undefined) registerSecret('tab key', key);
    const body = request.postData();
    if (body === null) return;
    let args: unknown;
    try {
      args = JSON.parse(body);
    } catch {
      return;
    }
    for (const secret of secretsSent(channel, args)) registerSecret(secret.kind, secret.value);
    for (const path of stringsNamed(args, 'keyFile')) if (isAbsolute(path) && !path.includes('\n')) keyFiles.add(path);
  });
  context.on('response', (response) => {
    const channel = operation(response.url());
    if (channel === undefined) return;
    const answers = scanFolder('answers');
    track(
      response.text().then(
        (text) => {
          if (answers !== undefined) appendFileSync(join(answers, `${process.pid}.jsonl`), `${JSON.stringify({ channel, status: response.status(), text })}\n`, { mode: 0o600 });
          let answer: unknown;
          try {
            answer = JSON.parse(text);
          } catch {
            return;
          }
          for (const secret of secretsAnswered(channel, answer)) registerSecret(secret.kind, secret.value);
        },
        // An answer the page went away from before it was read: counted, so the scan says how many it could not read.
        () => answers !== undefined && appendFileSync(join(answers, `${process.pid}.jsonl`), `${JSON.stringify({ channel, unread: true })}\n`, { mode: 0o600 }),
      ),
    );
  });
  context.on('page', (page) => page.on('download', (download) => track(keepDownload(download))));
  // The event stream never ends while a page is open, so its answer cannot be read whole: each page hands over what it hears.
  const answers = scanFolder('answers');
  if (answers !== undefined) {
    await context.exposeBinding(heardBinding, (_source, text: unknown) => {
      if (typeof text === 'string') appendFileSync(join(answers, `${process.pid}.jsonl`), `${JSON.stringify({ channel: 'events', status: 200, text })}\n`, { mode: 0o600 });
    });
    await context.addInitScript(tapEventStream, heardBinding);
  }
  return {
    async settle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await keepWrittenBeside(keyFiles);
    },
  };
}

const heardBinding = '__tcsEventsHeard';

/**
 * Runs in each page before the console's own code: the browser shell's event
 * stream, read by the page as ever, is also handed to the test chunk by chunk.
 */
function tapEventStream(binding: string): void {
  const hand = (text: string): Promise<void> => (window as unknown as Record<string, (text: string) => Promise<void>>)[binding]!(text);
  const original = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await original(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    if (url.pathname !== '/events' || response.body === null) return response;
    const [heard, read] = response.body.tee();
    void (async () => {
      const reader = heard.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        await hand(value);
      }
    })().catch(() => undefined);
    return new Response(read, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

export { expect } from '@playwright/test';

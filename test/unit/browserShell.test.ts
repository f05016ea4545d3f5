import { request as httpRequest } from 'node:http';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type HandlerTable } from '../../src/main/ipc';
import { startBrowserShell, type BrowserShell } from '../../src/main/web';
import { ok } from '../../src/shared/result';
import { refusingHandlers } from './handlerStubs';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

let shell: BrowserShell;
let port: number;
let clock = 1_000_000;
let key: string;
const eventListeners = new Set<(payload: unknown) => void>();
const updates = vi.fn((patch: { theme?: 'system' | 'light' | 'dark' }) => ok({ theme: patch.theme ?? 'system', language: 'system' as const }));

function tokenOf(address: string): string {
  return new URL(address).searchParams.get('token')!;
}

function connect(token: string, headers: Record<string, string> = {}): Promise<Reply> {
  return send(port, { method: 'POST', path: '/connect', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ token }) });
}

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'tcs-renderer-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(rendererDir, 'assets', 'big.js'), 'console.log("a line the interface repeats");\n'.repeat(200));
  await writeFile(join(rendererDir, '..', 'outside.txt'), 'not to be served');
  const handlers: HandlerTable = {
    ...refusingHandlers(),
    'app:info': () => ok({ name: 'x', version: '1', shell: 'browser', platform: 'linux', arch: 'x64', versions: { node: '20' }, userDataDir: '/tmp', notices: [] }),
    'settings:get': () => ok({ theme: 'light', language: 'system' }),
    'settings:update': updates,
    'shell:openExternal': () => ok({ opened: false }),
  };
  shell = await startBrowserShell({
    dispatch: createDispatcher(handlers),
    rendererDir,
    port: 0,
    addressLifetimeMs: 60_000,
    now: () => clock,
    events: {
      subscribe(listener) {
        eventListeners.add(listener);
        return () => eventListeners.delete(listener);
      },
    },
  });
  port = shell.port;
  key = (JSON.parse((await connect(tokenOf(shell.newAddress()))).body) as { key: string }).key;
});

afterAll(async () => {
  await shell.close();
});

const bearer = () => ({ authorization: `Bearer ${key}` });
const json = () => ({ ...bearer(), 'content-type': 'application/json' });

describe('the browser shell', () => {
  it('listens on 127.0.0.1 and makes a new one-time address each time it is asked', () => {
    const first = shell.newAddress();
    const second = shell.newAddress();
    expect(first).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[\\w-]{43}$`));
    expect(tokenOf(first)).not.toBe(tokenOf(second));
    expect(shell.origin).toBe(`http://127.0.0.1:${port}`);
  });

  it('serves the built interface, which holds no secret, but no operation without a tab key', async () => {
    expect((await send(port, { path: '/' })).status).toBe(200);
    expect((await send(port, { path: '/assets/app.js' })).status).toBe(200);
    const rpc = await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { 'content-type': 'application/json' } });
    expect(rpc.status).toBe(401);
    expect((await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('sends the interface’s scripts compressed to a browser that takes it, with the same security headers', async () => {
    const raw = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/assets/big.js', headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(raw.headers['content-encoding']).toBe('br');
    expect(raw.headers.vary).toMatch(/accept-encoding/i);
    expect(raw.headers['content-security-policy']).toBeDefined();
    expect(raw.headers['cache-control']).toBe('no-store');
    expect(brotliDecompressSync(raw.body).toString('utf8')).toBe('console.log("a line the interface repeats");\n'.repeat(200));
    const plain = await send(port, { path: '/assets/big.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('trades an address token for a tab key once, and never again', async () => {
    const token = tokenOf(shell.newAddress());
    const first = await connect(token);
    expect(first.status).toBe(200);
    const tabKey = (JSON.parse(first.body) as { key: string }).key;
    expect(tabKey).toMatch(/^[\w-]{43}$/);
    expect(tabKey).not.toBe(token);
    expect(first.headers['set-cookie']).toBeUndefined();

    const again = await connect(token);
    expect(again.status).toBe(401);
    expect(again.body).toContain('press Enter');

    const reply = await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { 'content-type': 'application/json', authorization: `Bearer ${tabKey}` } });
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { theme: 'light', language: 'system' } });
  });

  it('lets an address nobody opened expire', async () => {
    const token = tokenOf(shell.newAddress());
    clock += 60_001;
    expect((await connect(token)).status).toBe(401);
    const fresh = tokenOf(shell.newAddress());
    clock += 59_000;
    expect((await connect(fresh)).status).toBe(200);
  });

  it('authorises nothing that travels in a cookie, which every local port would receive', async () => {
    for (const cookie of [`tcs-console-${port}=${key}`, `key=${key}`, `token=${tokenOf(shell.newAddress())}`]) {
      const reply = await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { 'content-type': 'application/json', cookie } });
      expect(reply.status).toBe(401);
    }
    const page = await send(port, { path: `/?token=${tokenOf(shell.newAddress())}` });
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('connects only by POST with JSON, from its own origin', async () => {
    const token = tokenOf(shell.newAddress());
    expect((await send(port, { path: `/connect?token=${token}` })).status).toBe(405);
    expect((await send(port, { method: 'POST', path: '/connect', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ token }) })).status).toBe(415);
    expect((await connect(token, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await connect(token, { origin: 'http://localhost:5173' })).status).toBe(403);
    // Refused attempts did not use it up.
    expect((await connect(token)).status).toBe(200);
  });

  it.each([
    ['a foreign Host (DNS rebinding)', (p: number) => ({ host: `evil.example:${p}` })],
    ['a loopback Host on another port', () => ({ host: '127.0.0.1:1' })],
    ['a foreign Origin', () => ({ origin: 'https://evil.example' })],
    ['a loopback Origin on another port', () => ({ origin: 'http://127.0.0.1:8888' })],
  ])('refuses %s with 403 even with the key', async (_name, extraHeaders) => {
    const reply = await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { ...json(), ...extraHeaders(port) } });
    expect(reply.status).toBe(403);
  });

  it('accepts localhost as the Host', async () => {
    const reply = await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { ...json(), host: `localhost:${port}`, origin: `http://localhost:${port}` } });
    expect(reply.status).toBe(200);
  });

  it('answers an operation with its Result', async () => {
    const reply = await send(port, { method: 'POST', path: '/rpc/settings:get', headers: json() });
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { theme: 'light', language: 'system' } });
  });

  it('runs the same argument checks as the desktop app', async () => {
    updates.mockClear();
    const reply = await send(port, { method: 'POST', path: '/rpc/settings:update', headers: json(), body: JSON.stringify({ theme: 'neon' }) });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(updates).not.toHaveBeenCalled();
  });

  it('refuses operations sent as a form, by GET, with broken JSON or unknown names', async () => {
    expect((await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { ...bearer(), 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await send(port, { path: '/rpc/settings:get', headers: bearer() })).status).toBe(405);
    expect((await send(port, { method: 'POST', path: '/rpc/settings:update', headers: json(), body: '{' })).status).toBe(400);
    expect((await send(port, { method: 'POST', path: '/rpc/nothing:here', headers: json() })).status).toBe(404);
  });

  it.each(['/rpc/%', '/rpc/%zz', '/rpc/settings%3Aget%', '/%', '/assets/%E0%A4%A', '/connect%'])('answers the bad percent-encoding %s with 400', async (path) => {
    const reply = await send(port, { method: 'POST', path, headers: json() });
    expect(reply.status).toBe(400);
    expect((await send(port, { path, headers: bearer() })).status).toBe(400);
  });

  it('serves nothing outside the built interface', async () => {
    expect((await send(port, { path: '/../outside.txt' })).status).toBe(404);
    expect((await send(port, { path: '/%2e%2e/outside.txt' })).status).toBe(404);
    expect((await send(port, { path: '/assets/app.js' })).status).toBe(200);
  });

  it('streams job events to a tab with its key, and to nobody else', async () => {
    expect((await send(port, { path: '/events' })).status).toBe(401);
    expect((await send(port, { path: '/events', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await send(port, { path: '/events', headers: { ...bearer(), origin: 'http://127.0.0.1:1' } })).status).toBe(403);
    expect((await send(port, { method: 'POST', path: '/events', headers: json() })).status).toBe(405);

    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/events', headers: bearer() }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('text/event-stream');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('\n\ndata: ')) {
            for (const listener of eventListeners) listener({ id: 'job-1', state: 'running' });
          }
          if (text.includes('"job-1"') && text.endsWith('\n\n')) {
            req.destroy();
            resolve(text);
          }
        });
        // Once the stream is open and subscribed, an event goes out.
        const wait = setInterval(() => {
          if (eventListeners.size > 0) {
            clearInterval(wait);
            for (const listener of eventListeners) listener({ id: 'job-0', state: 'running' });
          }
        }, 1);
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('data: {"id":"job-0","state":"running"}\n\n');
    expect(received).toContain('data: {"id":"job-1","state":"running"}\n\n');
    // A closed stream stops listening.
    await expect.poll(() => eventListeners.size).toBe(0);
  });
});

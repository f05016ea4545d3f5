import { request as httpRequest } from 'node:http';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const token = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';
let shell: BrowserShell;
let port: number;
const updates = vi.fn((patch: { theme?: 'system' | 'light' | 'dark' }) => ok({ theme: patch.theme ?? 'system' }));

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'tcs-renderer-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(rendererDir, '..', 'outside.txt'), 'not to be served');
  const handlers: HandlerTable = {
    ...refusingHandlers(),
    'app:info': () => ok({ name: 'x', version: '1', shell: 'browser', platform: 'linux', arch: 'x64', versions: { node: '20' }, userDataDir: '/tmp', notices: [] }),
    'settings:get': () => ok({ theme: 'light' }),
    'settings:update': updates,
    'shell:openExternal': () => ok({ opened: false }),
  };
  shell = await startBrowserShell({ dispatch: createDispatcher(handlers), rendererDir, port: 0, token });
  port = shell.port;
});

afterAll(async () => {
  await shell.close();
});

const bearer = { authorization: `Bearer ${token}` };
const json = { ...bearer, 'content-type': 'application/json' };

describe('the browser shell', () => {
  it('listens on 127.0.0.1 and prints an address with the token', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
  });

  it('refuses every request without the token with 401', async () => {
    expect((await send(port, { path: '/' })).status).toBe(401);
    expect((await send(port, { path: '/assets/app.js' })).status).toBe(401);
    const rpc = await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { 'content-type': 'application/json' } });
    expect(rpc.status).toBe(401);
    expect((await send(port, { path: '/', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await send(port, { path: '/?token=wrong' })).status).toBe(401);
  });

  it('trades the token in the address for an HttpOnly, same-site cookie and drops it from the address', async () => {
    const reply = await send(port, { path: `/?token=${token}` });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');

    const page = await send(port, { path: '/', headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>console</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it.each([
    ['a foreign Host (DNS rebinding)', (p: number) => ({ host: `evil.example:${p}` })],
    ['a loopback Host on another port', () => ({ host: '127.0.0.1:1' })],
    ['a foreign Origin', () => ({ origin: 'https://evil.example' })],
  ])('refuses %s with 403 even with the token', async (_name, extraHeaders) => {
    const reply = await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { ...json, ...extraHeaders(port) } });
    expect(reply.status).toBe(403);
  });

  it('accepts localhost as the Host', async () => {
    const reply = await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { ...json, host: `localhost:${port}`, origin: `http://localhost:${port}` } });
    expect(reply.status).toBe(200);
  });

  it('answers an operation with its Result', async () => {
    const reply = await send(port, { method: 'POST', path: '/rpc/settings:get', headers: json });
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { theme: 'light' } });
  });

  it('runs the same argument checks as the desktop app', async () => {
    updates.mockClear();
    const reply = await send(port, { method: 'POST', path: '/rpc/settings:update', headers: json, body: JSON.stringify({ theme: 'neon' }) });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(updates).not.toHaveBeenCalled();
  });

  it('refuses operations sent as a form, by GET, with broken JSON or unknown names', async () => {
    expect((await send(port, { method: 'POST', path: '/rpc/settings:get', headers: { ...bearer, 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await send(port, { path: '/rpc/settings:get', headers: bearer })).status).toBe(405);
    expect((await send(port, { method: 'POST', path: '/rpc/settings:update', headers: json, body: '{' })).status).toBe(400);
    expect((await send(port, { method: 'POST', path: '/rpc/nothing:here', headers: json })).status).toBe(404);
  });

  it('serves nothing outside the built interface', async () => {
    expect((await send(port, { path: '/../outside.txt', headers: bearer })).status).toBe(404);
    expect((await send(port, { path: '/%2e%2e/outside.txt', headers: bearer })).status).toBe(404);
    expect((await send(port, { path: '/assets/app.js', headers: bearer })).status).toBe(200);
  });
});

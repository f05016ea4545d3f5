import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../ipc';
import { isChannel } from '../ipc';
import { readRendererFile, rendererSecurityHeaders } from './static';

export interface BrowserShellOptions {
  dispatch: Dispatch;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed only by tests; otherwise a fresh random token per launch. */
  token?: string;
}

export interface BrowserShell {
  /** The address to open, with the token in it. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Serves the built renderer and the handler table over HTTP on 127.0.0.1 only.
 * Every request must carry the per-launch token (as a cookie set when the printed
 * URL is opened, or a bearer header), and a Host or Origin that is not loopback
 * is refused, so neither another user's page nor a DNS-rebinding site can use it.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const server = createServer();
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const cookieName = `tcs-console-${port}`;

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLoopbackRequest(request, port)) {
      send(response, 403, 'text/plain; charset=utf-8', 'Forbidden: the browser shell answers only on 127.0.0.1.');
      return;
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);

    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!sameSecret(offered, token)) {
        send(response, 401, 'text/plain; charset=utf-8', unauthorizedText);
        return;
      }
      url.searchParams.delete('token');
      response.writeHead(303, {
        location: `${url.pathname}${url.search}`,
        'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    if (!carriesToken(request, cookieName, token)) {
      send(response, 401, 'text/plain; charset=utf-8', unauthorizedText);
      return;
    }

    if (url.pathname.startsWith('/rpc/')) {
      await answerRpc(request, response, decodeURIComponent(url.pathname.slice('/rpc/'.length)));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      return;
    }
    const file = await readRendererFile(options.rendererDir, url.pathname);
    if (file === null) {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    response.writeHead(200, {
      ...rendererSecurityHeaders,
      'content-type': file.contentType,
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  async function answerRpc(request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> {
    if (request.method !== 'POST') {
      send(response, 405, 'text/plain; charset=utf-8', 'Use POST for operations.');
      return;
    }
    if (!isChannel(channel)) {
      send(response, 404, 'text/plain; charset=utf-8', 'No such operation');
      return;
    }
    // A cross-site form cannot send this type without a preflight the server never grants.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      send(response, 415, 'text/plain; charset=utf-8', 'Operations take application/json.');
      return;
    }
    const body = await readBody(request);
    if (body === null) {
      send(response, 413, 'text/plain; charset=utf-8', 'Request too large');
      return;
    }
    let args: unknown;
    try {
      args = body.length === 0 ? undefined : JSON.parse(body);
    } catch {
      send(response, 400, 'text/plain; charset=utf-8', 'The request body is not valid JSON.');
      return;
    }
    const result = await options.dispatch(channel, args);
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  }

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}

const unauthorizedText =
  'Unauthorized: open the full address (with its token) that `npm run web` printed when it started.';

function isLoopbackRequest(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  if (host === undefined || !isLoopbackAuthority(host, port)) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const parsed = new URL(origin);
    return parsed.protocol === 'http:' && isLoopbackAuthority(parsed.host, port);
  } catch {
    return false;
  }
}

function isLoopbackAuthority(authority: string, port: number): boolean {
  const separator = authority.lastIndexOf(':');
  if (separator < 0) return false;
  const hostname = authority.slice(0, separator).toLowerCase();
  return loopbackHosts.has(hostname) && authority.slice(separator + 1) === String(port);
}

function carriesToken(request: IncomingMessage, cookieName: string, token: string): boolean {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ') === true && sameSecret(authorization.slice(7), token)) return true;
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName && sameSecret(value.join('='), token)) return true;
  }
  return false;
}

function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

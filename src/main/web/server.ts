import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Socket, type AddressInfo } from 'node:net';
import type { Dispatch } from '../ipc';
import { isChannel } from '../ipc';
import { sendRendererFile } from './static';

export interface BrowserShellOptions {
  dispatch: Dispatch;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long a printed address stays usable if nobody opens it. */
  addressLifetimeMs?: number;
  /** The clock, for tests. */
  now?: () => number;
  /** What main tells the page unasked (job progress), sent on `/events` to connected tabs. */
  events?: EventSource;
}

/** Something that tells its listeners of changes, and lets them stop listening. */
export interface EventSource {
  subscribe(listener: (payload: unknown) => void): () => void;
}

export interface BrowserShell {
  /** A fresh address to open, with a one-time token in it. */
  newAddress(): string;
  /** The address without a token: the built interface, which is not secret, and nothing else. */
  origin: string;
  port: number;
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);
const defaultAddressLifetimeMs = 15 * 60_000;
/** Enough for every tab a person keeps open; the oldest goes first. */
const maxTabs = 64;
/** How long a refused CONNECT's connection may stay open for its client to read the answer. */
const tunnelGraceMs = 10_000;
/** The path a page trades its one-time token at. */
export const connectPath = '/connect';
/** The path of the event stream (Server-Sent Events), for tabs with a key. */
export const eventsPath = '/events';
/** A comment line now and then keeps proxies and idle timers from closing a quiet stream. */
const keepAliveMs = 20_000;

/**
 * Serves the built renderer and the handler table over HTTP on 127.0.0.1 only.
 *
 * Browsers share cookies between ports of one host, so nothing that authorises
 * an operation travels in a cookie: a page on any other local port would carry
 * it too. Instead, each printed address holds a one-time token that expires;
 * the page trades it at `/connect` for a key of its own, keeps that key in its
 * tab's session storage (which is per origin, port included), and sends it as
 * a bearer header that no other origin can make a browser add. A Host or
 * Origin that is not this loopback port is refused, so neither another local
 * page nor a DNS-rebinding site can use the shell.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const now = options.now ?? Date.now;
  const lifetime = options.addressLifetimeMs ?? defaultAddressLifetimeMs;
  /** One-time tokens of printed addresses, with the time each stops working. */
  const addressTokens = new Map<string, number>();
  /** The keys of the tabs that traded a token; insertion order is age. */
  const tabKeys = new Set<string>();

  const server = createServer();
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  /** Connections of refused CONNECT requests, which Node no longer counts as its own: `close()` ends them too. */
  const refusedTunnels = new Set<Duplex>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'Internal error');
      else response.destroy();
    });
  });
  // A CONNECT request (a proxy tunnel) never reaches 'request': Node hands over its socket, paused, and
  // would drop it unanswered. It is answered, and read to its end, so that it closes when the client goes
  // and cannot hold `close()` open; one that never goes is dropped after a while.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    refusedTunnels.add(socket);
    socket.on('close', () => refusedTunnels.delete(socket));
    socket.on('error', () => socket.destroy());
    if (socket instanceof Socket) socket.setTimeout(tunnelGraceMs, () => socket.destroy());
    socket.resume();
    socket.end(rawAnswer(405, 'Method not allowed: the browser shell is not a proxy.'));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLoopbackRequest(request, port)) {
      send(response, 403, 'Forbidden: the browser shell answers only on 127.0.0.1.');
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', origin);
    } catch {
      send(response, 400, 'Bad request: the address is not one the browser shell can read.');
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      send(response, 400, 'Bad request: the path is not valid percent-encoding.');
      return;
    }

    if (path === connectPath) {
      await connect(request, response);
      return;
    }
    if (path === eventsPath) {
      if (!carriesTabKey(request)) {
        send(response, 401, unauthorizedText);
        return;
      }
      streamEvents(request, response);
      return;
    }
    if (path.startsWith('/rpc/')) {
      if (!carriesTabKey(request)) {
        send(response, 401, unauthorizedText);
        return;
      }
      await answerRpc(request, response, path.slice('/rpc/'.length));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'Method not allowed');
      return;
    }
    // The built interface is public; it can do nothing without a tab key. Text goes compressed where the browser takes it.
    if (!(await sendRendererFile(request, response, options.rendererDir, url.pathname))) send(response, 404, 'Not found');
  }

  /**
   * Holds the response open and writes each event as a `data:` line. The
   * page reads it with fetch, which can send the tab's key as a header.
   */
  function streamEvents(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') {
      send(response, 405, 'Use GET for the event stream.');
      return;
    }
    if (options.events === undefined) {
      send(response, 404, 'Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const unsubscribe = options.events.subscribe((payload) => {
      response.write(`data: ${JSON.stringify(payload)}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': still here\n\n'), keepAliveMs);
    keepAlive.unref();
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  /** Trades a printed address's one-time token for a tab key, once. */
  async function connect(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      send(response, 405, 'Use POST to connect.');
      return;
    }
    if (!isJson(request)) {
      send(response, 415, 'Connecting takes application/json.');
      return;
    }
    const body = await readBody(request);
    if (body === null) {
      send(response, 413, 'Request too large');
      return;
    }
    let offered: unknown;
    try {
      offered = (JSON.parse(body) as { token?: unknown } | null)?.token;
    } catch {
      offered = undefined;
    }
    if (typeof offered !== 'string' || !takeAddressToken(offered)) {
      send(response, 401, unusableAddressText);
      return;
    }
    const key = randomBytes(32).toString('base64url');
    tabKeys.add(key);
    if (tabKeys.size > maxTabs) tabKeys.delete(tabKeys.values().next().value!);
    send(response, 200, JSON.stringify({ key }), 'application/json; charset=utf-8');
  }

  function takeAddressToken(offered: string): boolean {
    const time = now();
    for (const [token, expires] of addressTokens) {
      if (expires <= time) addressTokens.delete(token);
    }
    for (const token of addressTokens.keys()) {
      if (sameSecret(offered, token)) {
        addressTokens.delete(token);
        return true;
      }
    }
    return false;
  }

  function carriesTabKey(request: IncomingMessage): boolean {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ') !== true) return false;
    const offered = authorization.slice('Bearer '.length);
    for (const key of tabKeys) if (sameSecret(offered, key)) return true;
    return false;
  }

  async function answerRpc(request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> {
    if (request.method !== 'POST') {
      send(response, 405, 'Use POST for operations.');
      return;
    }
    if (!isChannel(channel)) {
      send(response, 404, 'No such operation');
      return;
    }
    if (!isJson(request)) {
      send(response, 415, 'Operations take application/json.');
      return;
    }
    const body = await readBody(request);
    if (body === null) {
      send(response, 413, 'Request too large');
      return;
    }
    let args: unknown;
    try {
      args = body.length === 0 ? undefined : JSON.parse(body);
    } catch {
      send(response, 400, 'The request body is not valid JSON.');
      return;
    }
    const result = await options.dispatch(channel, args);
    send(response, 200, JSON.stringify(result), 'application/json; charset=utf-8');
  }

  return {
    newAddress() {
      const token = randomBytes(32).toString('base64url');
      addressTokens.set(token, now() + lifetime);
      return `${origin}/?token=${token}`;
    },
    origin,
    port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
        for (const socket of refusedTunnels) socket.destroy();
      }),
  };
}

const unauthorizedText =
  'Unauthorized: this tab is not connected to the console. Open a new address from the terminal where the console runs (press Enter there to print one).';

const unusableAddressText =
  'Unauthorized: this address was used already or has expired. Each address works once: press Enter in the terminal where the console runs to print a new one.';

function isJson(request: IncomingMessage): boolean {
  // A cross-site form cannot send this type without a preflight the server never grants.
  return (request.headers['content-type'] ?? '').startsWith('application/json');
}

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

/** A whole plain-text HTTP answer, for a socket Node hands over without a response object. */
function rawAnswer(status: number, text: string): string {
  const body = Buffer.from(text, 'utf8');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\ncontent-type: text/plain; charset=utf-8\r\ncache-control: no-store\r\nx-content-type-options: nosniff\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${text}`;
}

function send(response: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

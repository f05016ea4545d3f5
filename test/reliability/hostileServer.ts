import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local stand-in for SCM that answers every request wrongly, in one chosen
 * way, and keeps what it received, so a test can see what the console sent
 * where. A second kind of server, the recorder, stands for any other host: it
 * answers politely and keeps everything, so a credential that reaches it shows.
 */

/** How the server misbehaves: the same way for every request. */
export type Misbehaviour =
  /** A declared length, half the body, then the connection is cut. */
  | 'truncated'
  /** A chunked body cut off before its last chunk. */
  | 'truncated-chunked'
  /** The connection is cut as soon as the request has arrived. */
  | 'dropped'
  /** JSON of the wrong shape: strings for numbers, objects for lists, a bare scalar. */
  | 'mistyped'
  /** A web page with 200, as a sign-in portal or a proxy's page gives. */
  | 'html'
  /** A proxy's error page: 502 with HTML. */
  | 'html-proxy-error'
  /** A redirect to another port on this host, carrying the request on (307/308). */
  | 'redirect-other-port'
  /** A redirect to another host name (302, 301 or 303). */
  | 'redirect-other-host'
  /** A redirect within the same origin. */
  | 'redirect-same-origin'
  /** A chunked body larger than the client's limit, which does end. */
  | 'oversized'
  /** A Content-Length far above the limit, and a few bytes. */
  | 'oversized-declared'
  /** A chunked body that never ends, sent as fast as the client reads. */
  | 'never-ending'
  /** A body of one byte now and then, for ever. */
  | 'trickling'
  /** A status line and then a header byte now and then, for ever. */
  | 'trickling-headers'
  /** Nothing at all: the request is read and never answered. */
  | 'silent'
  /** A header far larger than any HTTP client takes. */
  | 'huge-headers'
  /** Bytes that are not HTTP. */
  | 'not-http'
  /** An empty list page whose X-Total-Count is 10^12. */
  | 'count-huge'
  /** An empty list page whose X-Total-Count is negative. */
  | 'count-negative'
  /** An empty list page whose X-Total-Count is not a number. */
  | 'count-not-a-number'
  /** An empty list page whose X-Total-Count has more digits than any number holds. */
  | 'count-overflow'
  /** JSON nested tens of thousands deep, in a known field and beside the known fields. */
  | 'deeply-nested'
  /** Writes have their answer cut off; reads get a web page, so a look-up after a lost answer fails too. */
  | 'lost-writes';

export const misbehaviours: readonly Misbehaviour[] = [
  'truncated',
  'truncated-chunked',
  'dropped',
  'mistyped',
  'html',
  'html-proxy-error',
  'redirect-other-port',
  'redirect-other-host',
  'redirect-same-origin',
  'oversized',
  'oversized-declared',
  'never-ending',
  'trickling',
  'trickling-headers',
  'silent',
  'huge-headers',
  'not-http',
  'count-huge',
  'count-negative',
  'count-not-a-number',
  'count-overflow',
  'deeply-nested',
  'lost-writes',
];

/** A request as a server saw it: header names in lower case, the body as text (its first 64 kB). */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface HostileScm {
  misbehaviour: Misbehaviour;
  origin: string;
  requests: SeenRequest[];
  /** Bytes of answer body handed to the sockets, in all. */
  bytesSent: { value: number };
  stop(): Promise<void>;
}

export interface HostileOptions {
  misbehaviour: Misbehaviour;
  /** The client's limit on an answer's size, in bytes. */
  limit: number;
  /** Draws the variant and the sizes: a seeded generator, so a run can be repeated. */
  random: () => number;
  /** Where redirects point: another port here, and another host name. */
  elsewhere: { otherPort: string; otherHost: string };
  /** A token path that is answered properly, with this token, for clients that sign in with OAuth2. */
  goodToken: { path: string; accessToken: string };
  /** How deep the deeply nested answers go. */
  depth: number;
}

/** POSTs that only read (reports, the DCV status), as the client itself sorts them. */
function isWrite(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  return !(method === 'POST' && (path.startsWith('/api/report/') || path.startsWith('/api/dcv/v2/validation/status')));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))]!;
}

function between(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

const htmlPage = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form action="/login" method="post"><input name="user"><input name="pass" type="password"></form></body></html>\n';

/** Bodies of the wrong shape for every schema the client reads with. */
const mistypedBodies = [
  JSON.stringify({ id: '7', sslId: '7', status: 7, state: 7, host: 7, url: 7, emails: 'all', reports: {}, access_token: 7, backendCertId: {}, orderNumber: 'x', name: 7, description: 7 }),
  JSON.stringify([{ id: '1', sslId: '1', name: 1 }]),
  JSON.stringify({ reports: [{ id: 'x' }], statusCode: 'ok' }),
  '"a string"',
  'true',
  '12345',
  'null',
];

function deeplyNested(random: () => number, depth: number): string {
  const inside = pick(random, ['array', 'object', 'beside'] as const);
  const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  if (inside === 'array') return arrays;
  if (inside === 'object') return `{"id":${objects},"reports":${arrays}}`;
  // Beside the known fields, which are all well formed: the nesting must not get further than the parse.
  return `{"id":1,"sslId":1,"host":"h","point":"p","url":"u","firstLine":"f","emails":[],"reports":[],"extra":${arrays},"more":${objects}}`;
}

/** Streams filler until `total` bytes (for ever when undefined), respecting back-pressure. */
function flood(response: ServerResponse, total: number | undefined, sent: { value: number }): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  if (response.req.method === 'HEAD') {
    response.end();
    return;
  }
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  chunk[0] = 0x5b; // "[": the start of a list that never closes.
  let written = 0;
  const pump = (): void => {
    while ((total === undefined || written < total) && !response.destroyed) {
      const piece = total === undefined ? chunk : chunk.subarray(0, Math.min(chunk.length, total - written));
      written += piece.length;
      sent.value += piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  pump();
}

/** One byte every `everyMs`, until the client goes away. */
function trickle(socket: Socket, everyMs: number, byte: string): void {
  const timer = setInterval(() => {
    if (socket.destroyed) clearInterval(timer);
    else socket.write(byte);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

function answerWith(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
  response.end(body);
}

interface Listening {
  origin: string;
  port: number;
  requests: SeenRequest[];
  stop: () => Promise<void>;
}

async function listen(handler: (request: IncomingMessage, response: ServerResponse, seen: SeenRequest) => void, host = '127.0.0.1'): Promise<Listening> {
  const sockets = new Set<Socket>();
  const requests: SeenRequest[] = [];
  const server = createServer();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size < 64 * 1024) chunks.push(chunk);
      size += chunk.length;
    });
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      const seen: SeenRequest = { method: request.method ?? '', url: request.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      handler(request, response, seen);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host}:${port}`,
    port,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A server that answers everything but the good token path in the one way it was told to misbehave. */
export async function startHostileScm(options: HostileOptions): Promise<HostileScm> {
  const { misbehaviour, random, limit } = options;
  const bytesSent = { value: 0 };
  const handle = await listen((request, response, seen) => {
    const socket = request.socket;
    const path = seen.url.split('?')[0] ?? '';
    if (path === options.goodToken.path) {
      answerWith(response, 200, JSON.stringify({ access_token: options.goodToken.accessToken, expires_in: 3600, token_type: 'Bearer' }));
      return;
    }
    const kind: Misbehaviour = misbehaviour === 'lost-writes' ? (isWrite(seen.method, path) ? 'truncated' : 'html') : misbehaviour;
    switch (kind) {
      case 'truncated': {
        const body = JSON.stringify({ id: 1, sslId: 1, reports: [], filler: 'x'.repeat(between(random, 64, 4096)) });
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        if (seen.method !== 'HEAD') response.write(body.slice(0, between(random, 0, body.length - 1)));
        // Flush what was written, then cut the connection mid-answer.
        setImmediate(() => socket.destroy());
        return;
      }
      case 'truncated-chunked':
        response.writeHead(200, { 'content-type': 'application/json' });
        if (seen.method === 'HEAD') {
          socket.destroy();
          return;
        }
        response.write(`[{"id":1,"sslId":1,"name":"${'y'.repeat(between(random, 0, 2048))}`);
        setImmediate(() => socket.destroy());
        return;
      case 'dropped':
        socket.destroy();
        return;
      case 'mistyped':
        answerWith(response, pick(random, [200, 200, 201]), pick(random, mistypedBodies), { 'x-total-count': pick(random, ['1', 'many', '']) });
        return;
      case 'html':
        response.writeHead(200, { 'content-type': pick(random, ['text/html; charset=utf-8', 'application/json', 'text/plain']), 'content-length': String(htmlPage.length) });
        response.end(htmlPage);
        return;
      case 'html-proxy-error':
        response.writeHead(pick(random, [502, 503, 504]), { 'content-type': 'text/html', 'content-length': String(htmlPage.length) });
        response.end(htmlPage);
        return;
      case 'redirect-other-port':
      case 'redirect-other-host':
      case 'redirect-same-origin': {
        const target =
          kind === 'redirect-other-port' ? options.elsewhere.otherPort : kind === 'redirect-other-host' ? options.elsewhere.otherHost : handle.origin;
        const status = kind === 'redirect-other-port' ? pick(random, [307, 308]) : pick(random, [301, 302, 303, 307, 308]);
        // The id at the end of the address is what a create reads from Location: a redirect must not pass for one.
        const location = `${target}${kind === 'redirect-same-origin' ? '/elsewhere' : ''}${path}/4242`;
        response.writeHead(status, { location, 'content-type': 'text/html', 'content-length': String(htmlPage.length), 'x-total-count': '0' });
        response.end(htmlPage);
        return;
      }
      case 'oversized':
        flood(response, limit + between(random, 1, 4 * limit), bytesSent);
        return;
      case 'oversized-declared':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(limit + between(random, 1, 1e12)) });
        if (seen.method !== 'HEAD') response.write('[{"id":1}');
        return;
      case 'never-ending':
        flood(response, undefined, bytesSent);
        return;
      case 'trickling':
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n2\r\n[ \r\n');
        trickle(socket, between(random, 5, 40), '1\r\n \r\n');
        return;
      case 'trickling-headers':
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-filler: ');
        trickle(socket, between(random, 5, 40), 'a');
        return;
      case 'silent':
        return;
      case 'huge-headers':
        answerWith(response, 200, '[]', { 'x-filler': 'h'.repeat(between(random, 64 * 1024, 256 * 1024)), 'x-total-count': '0' });
        return;
      case 'not-http':
        socket.end(pick(random, ['SSH-2.0-OpenSSH_9.6\r\n', '\u0000\u0001\u0002garbage\r\n\r\n', 'HTTP/1.1 abc nonsense\r\n\r\n{}']));
        return;
      case 'count-huge':
        answerWith(response, 200, '[]', { 'x-total-count': pick(random, ['1000000000000', '10000001', '9007199254740993']) });
        return;
      case 'count-negative':
        answerWith(response, 200, '[]', { 'x-total-count': pick(random, ['-5', '-1000000000000', '-0']) });
        return;
      case 'count-not-a-number':
        answerWith(response, 200, '[]', { 'x-total-count': pick(random, ['many', 'NaN', '1e12', '12.5', '0x10', ' ', 'Infinity']) });
        return;
      case 'count-overflow':
        answerWith(response, 200, '[]', { 'x-total-count': '9'.repeat(between(random, 310, 2000)) });
        return;
      case 'deeply-nested':
        answerWith(response, 200, deeplyNested(random, options.depth), { 'x-total-count': '1' });
        return;
    }
  });
  return { misbehaviour, origin: handle.origin, requests: handle.requests, bytesSent, stop: handle.stop };
}

/**
 * Another host: answers every request with an empty 200 and keeps it. `host`
 * may be another loopback address (127.0.0.2 on Linux), so that the recorder is
 * another host in fact, not only in name; where that address is missing, this
 * machine's own address serves.
 */
export async function startRecorder(host = '127.0.0.1'): Promise<Listening> {
  const handler = (_request: IncomingMessage, response: ServerResponse): void => answerWith(response, 200, '{}');
  try {
    return await listen(handler, host);
  } catch {
    return listen(handler);
  }
}


import { connect } from 'node:net';

/**
 * An HTTP/1.1 client that sends exactly the bytes it is given, so a request
 * can be wrong in every way a browser or another local program could make
 * it: odd methods and paths, missing or repeated headers, bodies of any size.
 */

export interface RawRequest {
  method: string;
  /** The request target, as written on the request line. */
  target: string;
  /** In order; a header may repeat. `Connection: close` is added unless a Connection header is given. */
  headers: readonly (readonly [string, string])[];
  body?: Buffer;
  /** Sends the body chunked instead of with a Content-Length. */
  chunked?: boolean;
  /** Leaves the body half sent and hangs up, as a client that goes away. */
  abortMidBody?: boolean;
}

export interface RawReply {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: Buffer;
  /** The server began an event stream, which stays open; the client hung up after its headers. */
  eventStream: boolean;
}

export type Exchange = { answered: true; reply: RawReply } | { answered: false; why: string };

export function serialize(request: RawRequest): Buffer {
  const lines = [`${request.method} ${request.target} HTTP/1.1`];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  const body = request.body;
  if (body !== undefined) lines.push(request.chunked === true ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`);
  // Each request on its own connection, unless the request says otherwise.
  if (!request.headers.some(([name]) => name.toLowerCase() === 'connection')) lines.push('Connection: close');
  lines.push('', '');
  const head = Buffer.from(lines.join('\r\n'), 'utf8');
  if (body === undefined) return head;
  if (request.chunked !== true) return Buffer.concat([head, body]);
  const parts: Buffer[] = [head];
  for (let offset = 0; offset < body.length; offset += 64 * 1024) {
    const piece = body.subarray(offset, offset + 64 * 1024);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** The response in `data`, once it is complete; null while more is to come. */
function parseReply(whole: Buffer, ended: boolean): RawReply | null {
  let data = whole;
  // An interim answer (100 Continue) comes before the real one.
  while (/^HTTP\/1\.[01] 1\d\d/.test(data.subarray(0, 12).toString('latin1')) && !data.subarray(0, 12).toString('latin1').includes(' 101')) {
    const end = data.indexOf('\r\n\r\n');
    if (end < 0) return null;
    data = data.subarray(end + 4);
  }
  const split = data.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const [statusLine, ...headerLines] = data.subarray(0, split).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine ?? '');
  if (status === null) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine?.slice(0, 80))}`);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const base = { status: Number(status[1]), reason: status[2] ?? '', headers };
  if ((headers['content-type'] ?? '').startsWith('text/event-stream')) return { ...base, body: Buffer.alloc(0), eventStream: true };
  const rest = data.subarray(split + 4);
  if ((headers['transfer-encoding'] ?? '').toLowerCase() === 'chunked') {
    const pieces: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', at);
      if (lineEnd < 0) return ended ? { ...base, body: Buffer.concat(pieces), eventStream: false } : null;
      const size = Number.parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
      if (size === 0) return { ...base, body: Buffer.concat(pieces), eventStream: false };
      if (rest.length < lineEnd + 2 + size + 2) return ended ? { ...base, body: Buffer.concat(pieces), eventStream: false } : null;
      pieces.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  const length = headers['content-length'];
  if (length !== undefined) {
    const wanted = Number(length);
    if (rest.length >= wanted) return { ...base, body: rest.subarray(0, wanted), eventStream: false };
    return ended ? { ...base, body: rest, eventStream: false } : null;
  }
  return ended ? { ...base, body: rest, eventStream: false } : null;
}

/**
 * Sends one request on its own connection and reads the answer. A request
 * nobody answers within `hangMs` (minutes, not a measure of speed) counts as
 * unanswered, as does a connection closed before a whole response.
 */
export function exchange(port: number, request: RawRequest, hangMs = 120_000): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (result: Exchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ answered: false, why: `no answer within ${hangMs / 1000} s` }), hangMs);
    const look = (ended: boolean): void => {
      try {
        const reply = parseReply(Buffer.concat(chunks), ended);
        if (reply !== null) finish({ answered: true, reply });
        else if (ended) finish({ answered: false, why: chunks.length === 0 ? 'the connection closed without an answer' : 'the connection closed mid-answer' });
      } catch (error) {
        finish({ answered: false, why: (error as Error).message });
      }
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      look(false);
    });
    socket.on('end', () => look(true));
    socket.on('close', () => look(true));
    // A server that refuses a body may close while it is still being sent: what it answered first still counts.
    socket.on('error', () => look(true));
    const bytes = serialize(request);
    if (request.abortMidBody === true) {
      const cut = bytes.length - Math.max(1, Math.floor((request.body?.length ?? 0) / 2));
      socket.write(bytes.subarray(0, cut), () => setImmediate(() => finish({ answered: false, why: 'the client hung up' })));
      return;
    }
    socket.write(bytes);
  });
}

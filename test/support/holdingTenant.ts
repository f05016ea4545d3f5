import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import type { SandboxHandle } from '../../src/sandbox';

/**
 * A tenant that stops answering: it passes requests on to a sandbox until
 * `hold()`, then takes each request and never answers it, noting when the
 * console gives up on one (closes its connection). One with no sandbox behind
 * it never answers at all.
 */
export interface HoldingTenant {
  url: string;
  /** What was asked of it, in order: method, path and body. */
  asked: { method: string; path: string; body: string }[];
  hold(): void;
  /** Requests taken and not answered. */
  held(): number;
  /** Fired as each request is held. */
  onHeld(listener: () => void): void;
  /** Held requests the console gave up only after waiting for them, rather than cancelling them at once. */
  waitedOut(): number;
  close(): Promise<void>;
}

/**
 * How long a held request must have been waited for before its end counts as
 * the console waiting it out: the console gives up on a silent answer after
 * 30 s; a request it stops because the work moved on ends long before.
 */
export const waitedOutAfterMs = 25_000;

export async function holdingTenant(upstream?: SandboxHandle): Promise<HoldingTenant> {
  let holding = upstream === undefined;
  let closing = false;
  let held = 0;
  let waitedOut = 0;
  const listeners: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const target = upstream === undefined ? undefined : new URL(upstream.url);
  const asked: HoldingTenant['asked'] = [];
  const server = createHttpServer((request, response) => {
    const entry = { method: request.method ?? '', path: request.url ?? '', body: '' };
    asked.push(entry);
    request.on('data', (chunk: Buffer) => (entry.body += chunk.toString()));
    if (!holding && target !== undefined) {
      const forwarded = httpRequest({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      forwarded.on('error', () => response.destroy());
      request.pipe(forwarded);
      return;
    }
    held += 1;
    const since = performance.now();
    request.socket.once('close', () => {
      if (!closing && performance.now() - since >= waitedOutAfterMs) waitedOut += 1;
    });
    for (const listener of listeners) listener();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    asked,
    hold: () => (holding = true),
    held: () => held,
    onHeld: (listener) => listeners.push(listener),
    waitedOut: () => waitedOut,
    close: () =>
      new Promise<void>((resolve) => {
        // What this closes, the console did not give up on.
        closing = true;
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

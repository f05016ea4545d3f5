import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LookupFunction, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ScmClientError } from '../../src/main/scm/errors';
import { TokenSource } from '../../src/main/scm/oauth';
import { classifyConnectionError, reportMaxResponseBytes, defaultMaxResponseBytes, ScmTransport, type ScmRequest, type TransportOptions } from '../../src/main/scm/transport';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { failure } from './scmHelpers';

/** A local server that misbehaves on purpose, and what it saw of the client. */
interface HostileServer {
  origin: string;
  port: number;
  /** Requests received, in order, by path. */
  requests: string[];
  /** Connections the client has closed (or the server saw end). */
  closedConnections(): number;
  /** Bytes of body the server managed to hand to the kernel before the connection closed. */
  bytesWritten: { value: number };
  stop(): Promise<void>;
}

const servers: HostileServer[] = [];
const transports: ScmTransport[] = [];
const sandboxes: SandboxHandle[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close().catch(() => undefined)));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.stop()));
});

async function hostile(handler: (request: IncomingMessage, response: ServerResponse, server: HostileServer) => void): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  let closed = 0;
  const requests: string[] = [];
  const server = createServer();
  const handle: HostileServer = {
    origin: '',
    port: 0,
    requests,
    closedConnections: () => closed,
    bytesWritten: { value: 0 },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      closed += 1;
    });
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    requests.push(request.url ?? '');
    handler(request, response, handle);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  handle.port = (server.address() as AddressInfo).port;
  handle.origin = `http://127.0.0.1:${handle.port}`;
  servers.push(handle);
  return handle;
}

/** Sends a byte now and then, for ever: every gap is short, the whole never ends. */
function trickle(response: ServerResponse, everyMs = 20): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('[');
  const timer = setInterval(() => response.write(' '), everyMs);
  response.on('close', () => clearInterval(timer));
}

/** Streams `total` bytes of JSON-ish filler in 64 kB chunks, respecting back-pressure, counting what got out. */
function flood(response: ServerResponse, total: number, counter: { value: number }, headers: Record<string, string> = {}): void {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !response.destroyed) {
      sent += chunk.length;
      counter.value += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  pump();
}

function transport(options: Partial<TransportOptions> & { origin: string }): ScmTransport {
  const created = new ScmTransport({ retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options });
  transports.push(created);
  return created;
}

const get = (path: string, extra: Partial<ScmRequest> = {}): ScmRequest => ({ method: 'GET', path, headers: {}, idempotent: true, operation: 'list organizations', ...extra });

/** Resolves once `check` holds, looking again whenever the event loop turns; no fixed waits. */
async function eventually(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

describe('a total deadline on every SCM call', () => {
  it('gives up on a server that sends one byte at a time, and closes its connection', async () => {
    const server = await hostile((_request, response) => trickle(response));
    const client = transport({ origin: server.origin, deadlines: { normal: 300 } });
    const error = await failure(client.send(get('/api/organization/v1')));
    expect(error.kind).toBe('timeout');
    expect(error.network).toBe('timeout');
    expect(error.anchor).toBe('errors#network-timeout');
    expect(error.reason).toBe('SCM did not finish answering within 0.3 s.');
    expect(error.message).toBe('Could not list organizations: SCM did not finish answering within 0.3 s.');
    // A trickling answer is not repeated: the deadline covers every try.
    expect(server.requests).toHaveLength(1);
    await eventually(() => server.closedConnections() === 1);
  });

  it('counts the waits between tries, and does not start a wait that would end past the deadline', async () => {
    const server = await hostile((_request, response) => {
      response.writeHead(503, { 'retry-after': '5' });
      response.end();
    });
    const client = transport({ origin: server.origin, deadlines: { normal: 1_000 }, retry: { attempts: 5 } });
    const error = await failure(client.send(get('/api/organization/v1')));
    expect(error.kind).toBe('unavailable');
    expect(server.requests).toHaveLength(1);
  });

  it('bounds each try by what is left of the call, not by the per-try timeout', async () => {
    const server = await hostile(() => undefined);
    const client = transport({ origin: server.origin, timeouts: { normal: { headersMs: 60_000, bodyMs: 60_000 } }, deadlines: { normal: 60_000 } });
    const error = await failure(client.send(get('/api/organization/v1', { deadlineMs: 400 })));
    expect(error.network).toBe('timeout');
    expect(error.reason).toContain('within 0.4 s');
    await eventually(() => server.closedConnections() === 1);
  });

  it('releases the connection of a call that timed out or was cancelled, so the next call gets through', async () => {
    const server = await hostile((request, response) => {
      if (request.url === '/hang') return;
      if (request.url === '/trickle') return trickle(response);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('[]');
    });
    // One connection only: a call left holding it would starve the next.
    const client = transport({ origin: server.origin, connections: 1, deadlines: { normal: 200 } });
    expect((await failure(client.send(get('/hang')))).kind).toBe('timeout');
    const controller = new AbortController();
    const cancelled = client.send(get('/trickle', { signal: controller.signal, deadlineMs: 60_000 }));
    await eventually(() => server.requests.length === 2);
    controller.abort();
    expect((await failure(cancelled)).kind).toBe('cancelled');
    const answer = await client.send(get('/ok', { deadlineMs: 60_000 }));
    expect(answer.body.toString()).toBe('[]');
    await eventually(() => server.closedConnections() >= 2);
  });
});

describe('a cap on the size of SCM’s answer', () => {
  it('stops reading an answer as soon as it passes the cap, and closes the connection', async () => {
    const server = await hostile((_request, response, self) => flood(response, 64 * 1024 * 1024, self.bytesWritten));
    const client = transport({ origin: server.origin, maxResponseBytes: 1024 * 1024 });
    const error = await failure(client.send(get('/api/ssl/v1')));
    expect(error.kind).toBe('protocol');
    expect(error.network).toBe('too-large');
    expect(error.anchor).toBe('errors#network-too-large');
    expect(error.message).toMatch(/^Could not list organizations: SCM's answer was too large: it passed the 1 MB the console accepts/);
    // Reading the same answer again cannot help.
    expect(server.requests).toHaveLength(1);
    await eventually(() => server.closedConnections() === 1);
    expect(server.bytesWritten.value).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses an answer whose declared length passes the cap without reading its body', async () => {
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(512 * 1024 * 1024) });
      response.write('[');
    });
    const client = transport({ origin: server.origin });
    const error = await failure(client.send(get('/api/ssl/v1', { maxResponseBytes: 4096 })));
    expect(error.network).toBe('too-large');
    expect(error.reason).toContain('the 4 kB the console accepts');
    await eventually(() => server.closedConnections() === 1);
  });

  it('never repeats a write whose answer was too large, and says its outcome is unknown', async () => {
    const server = await hostile((_request, response, self) => flood(response, 8 * 1024 * 1024, self.bytesWritten));
    const client = transport({ origin: server.origin, maxResponseBytes: 64 * 1024 });
    const error = await failure(client.send({ method: 'POST', path: '/api/admin/v1', headers: {}, body: { login: 'x' }, idempotent: false, operation: 'create the admin' }));
    expect(error.network).toBe('too-large');
    expect(error.outcomeUnknown).toBe(true);
    expect(error.hint).toContain('Check before you try again');
    expect(server.requests).toHaveLength(1);
  });

  it('says a repeated write may already be done when an earlier try was cut off, whatever the last try met', async () => {
    // The first try reaches the server and loses its answer; the next is refused outright.
    const cutThenRefuse = async (firstFate: 'cut' | 'busy') =>
      hostile((request, response, self) => {
        request.resume();
        if (self.requests.length === 1) {
          if (firstFate === 'cut') response.socket?.destroy();
          else response.writeHead(503, { 'content-type': 'application/json' }).end('{"code":-1,"description":"busy"}');
          return;
        }
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"code":-105,"description":"not found"}');
      });
    const put = { method: 'PUT' as const, path: '/api/admin/v1/5', headers: {}, body: { forename: 'x' }, idempotent: true, operation: 'update the admin' };
    const afterCut = await cutThenRefuse('cut');
    const error = await failure(transport({ origin: afterCut.origin }).send(put));
    expect(afterCut.requests).toHaveLength(2);
    expect(error.code).toBe(-105);
    expect(error.outcomeUnknown).toBe(true);
    expect(error.hint).toContain('An earlier try may have reached SCM');
    // SCM's 503 says it did not do the work, and a read changes nothing: neither is in doubt.
    const afterBusy = await cutThenRefuse('busy');
    const settled = await failure(transport({ origin: afterBusy.origin }).send(put));
    expect(afterBusy.requests).toHaveLength(2);
    expect(settled.outcomeUnknown).toBe(false);
    const afterCutRead = await cutThenRefuse('cut');
    const read = await failure(transport({ origin: afterCutRead.origin }).send(get('/api/admin/v1/5')));
    expect(afterCutRead.requests).toHaveLength(2);
    expect(read.outcomeUnknown).toBe(false);
  });

  it('accepts more from a report than from an ordinary call, and answers within the cap whole', async () => {
    expect(defaultMaxResponseBytes).toBe(16 * 1024 * 1024);
    expect(reportMaxResponseBytes).toBeGreaterThan(defaultMaxResponseBytes);
    const server = await hostile((_request, response, self) => flood(response, 3 * 64 * 1024, self.bytesWritten));
    const client = transport({ origin: server.origin, maxResponseBytes: 3 * 64 * 1024 });
    expect((await client.send(get('/api/ssl/v1'))).body.length).toBe(3 * 64 * 1024);
  });
});

/** A resolver that finds every name at this machine, so a test can use any host name. */
const everyNameHere: LookupFunction = (_hostname, options, callback) => {
  if (options.all === true) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

describe('network failures, told apart', () => {
  const failingLookup =
    (code: string): LookupFunction =>
    (hostname, _options, callback) =>
      process.nextTick(() => callback(Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, syscall: 'getaddrinfo', hostname }), '', 4));

  it('says when the host name does not resolve, naming the host', async () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
      const client = transport({ origin: 'https://scm.example.invalid', lookup: failingLookup(code), retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
      const error = await failure(client.send(get('/api/organization/v1')));
      expect(error.kind).toBe('network');
      expect(error.network).toBe('dns');
      expect(error.anchor).toBe('errors#network-dns');
      expect(error.reason).toBe(`The host name scm.example.invalid could not be found (${code}).`);
      expect(error.message).toBe(`Could not list organizations: the host name scm.example.invalid could not be found (${code}).`);
      expect(error.hint).toMatch(/spelling.*DNS.*VPN/);
      expect(error.outcomeUnknown).toBe(false);
    }
  });

  it('says when the connection is refused, naming the port', async () => {
    const server = await hostile(() => undefined);
    const { port } = server;
    await server.stop();
    servers.splice(servers.indexOf(server), 1);
    const client = transport({ origin: `http://127.0.0.1:${port}` });
    const error = await failure(client.send(get('/api/organization/v1')));
    expect(error.network).toBe('refused');
    expect(error.anchor).toBe('errors#network-refused');
    expect(error.reason).toBe(`127.0.0.1 refused the connection on port ${port} (ECONNREFUSED).`);
    expect(error.hint).toMatch(/port.*down.*proxy/);
  });

  it('says when TLS cannot be set up: plain http on the https port', async () => {
    const server = await hostile(() => undefined);
    const client = transport({ origin: `https://localhost:${server.port}`, lookup: everyNameHere });
    const error = await failure(client.send(get('/api/organization/v1')));
    expect(error.kind).toBe('network');
    expect(error.network).toBe('tls');
    expect(error.anchor).toBe('errors#network-tls');
    expect(error.reason).toMatch(/^A secure \(TLS\) connection to localhost could not be set up \((EPROTO|ERR_SSL_WRONG_VERSION_NUMBER)\)\.$/);
    expect(error.hint).toMatch(/proxy that inspects TLS.*clock/);
    // A failed handshake fails the same way every time.
    expect(server.requests).toHaveLength(0);
  });

  it('says when the host’s certificate is not trusted, or is for another name', async () => {
    const sandbox = await startSandbox({ tls: true });
    sandboxes.push(sandbox);
    const untrusted = await failure(transport({ origin: sandbox.url }).send(get('/api/organization/v1')));
    expect(untrusted.network).toBe('tls');
    expect(untrusted.reason).toMatch(/^The host's TLS certificate is not trusted \([A-Z_]+\)\.$/);
    expect(untrusted.hint).toMatch(/public CAs it comes with.*clock/);
    const otherName = await failure(
      transport({ origin: `https://scm.example.test:${sandbox.port}`, tls: { ca: [sandbox.caCertificate] }, lookup: everyNameHere }).send(get('/api/organization/v1')),
    );
    expect(otherName.network).toBe('tls');
    expect(otherName.reason).toBe("The host's TLS certificate is not trusted (ERR_TLS_CERT_ALTNAME_INVALID): it was issued for another name than scm.example.test.");
    expect(sandbox.requestCounts.size).toBe(0);
  });

  it('says when SCM took too long to answer, apart from a broken connection', async () => {
    const silent = await hostile(() => undefined);
    const slow = await failure(transport({ origin: silent.origin, timeouts: { normal: { headersMs: 100, bodyMs: 100 } }, retry: { attempts: 1 } }).send(get('/api/organization/v1')));
    expect(slow.kind).toBe('timeout');
    expect(slow.network).toBe('timeout');
    expect(slow.reason).toBe('SCM did not answer in time.');
    expect(slow.hint).toMatch(/firewall or proxy.*SCM itself may be slow/);

    const cutting = await hostile((request) => request.socket.destroy());
    const reset = await failure(transport({ origin: cutting.origin, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }).send(get('/api/organization/v1')));
    expect(reset.kind).toBe('network');
    expect(reset.network).toBe('reset');
    expect(reset.anchor).toBe('errors#network-reset');
    expect(reset.reason).toMatch(/^The connection to SCM broke before it answered/);
    // A read is tried again after a reset.
    expect(cutting.requests).toHaveLength(2);
  });

  it('says when no connection could be made in time', async () => {
    // A resolver that never answers holds the connection attempt until the connect timeout.
    const client = transport({ origin: 'https://scm.example.invalid', connectTimeoutMs: 100, lookup: () => undefined, retry: { attempts: 1 } });
    const error = await failure(client.send(get('/api/organization/v1')));
    expect(error.kind).toBe('network');
    expect(error.network).toBe('timeout');
    expect(error.reason).toMatch(/^scm\.example\.invalid did not accept a connection in time/);
    expect(error.outcomeUnknown).toBe(false);
  });

  it('sorts the system’s error codes by cause', () => {
    const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
    expect(classifyConnectionError(withCode('ENOTFOUND')).cause).toBe('dns');
    expect(classifyConnectionError(withCode('EAI_AGAIN')).cause).toBe('dns');
    expect(classifyConnectionError(withCode('ECONNREFUSED')).cause).toBe('refused');
    expect(classifyConnectionError(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect')).cause).toBe('refused');
    expect(classifyConnectionError(withCode('EPROTO', 'write EPROTO … wrong version number')).cause).toBe('tls');
    expect(classifyConnectionError(withCode('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION')).cause).toBe('tls');
    expect(classifyConnectionError(withCode('SELF_SIGNED_CERT_IN_CHAIN'))).toMatchObject({ cause: 'tls', certificate: 'untrusted', sent: false });
    expect(classifyConnectionError(withCode('ERR_TLS_CERT_ALTNAME_INVALID'))).toMatchObject({ cause: 'tls', certificate: 'other-name' });
    expect(classifyConnectionError(withCode('UND_ERR_CONNECT_TIMEOUT'))).toMatchObject({ cause: 'timeout', sent: false });
    expect(classifyConnectionError(withCode('UND_ERR_HEADERS_TIMEOUT'))).toMatchObject({ cause: 'timeout', sent: true });
    expect(classifyConnectionError(withCode('UND_ERR_BODY_TIMEOUT'))).toMatchObject({ cause: 'timeout', sent: true });
    expect(classifyConnectionError(withCode('ECONNRESET'))).toMatchObject({ cause: 'reset', sent: true });
    expect(classifyConnectionError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }))).toMatchObject({ cause: 'reset', sent: true });
    expect(classifyConnectionError(Object.assign(new Error('socket'), { code: 'UND_ERR_SOCKET', cause: withCode('ECONNRESET') })).code).toBe('ECONNRESET');
  });

  it('never puts a credential in the error', async () => {
    const server = await hostile((_request, response) => trickle(response));
    const client = transport({ origin: server.origin, deadlines: { normal: 150 } });
    const error = await failure(client.send(get('/api/organization/v1', { headers: { login: 'rao', password: 'Secret-Pass-1234!', customerUri: 'x' } })));
    expect(error).toBeInstanceOf(ScmClientError);
    expect(`${error.message} ${error.reason} ${error.hint ?? ''} ${JSON.stringify(error)} ${error.stack ?? ''}`).not.toContain('Secret-Pass-1234!');
  });
});

describe('the OAuth2 token service, held to the same limits', () => {
  const tokens = (origin: string, deadlineMs: number) => new TokenSource({ tokenUrl: `${origin}/token`, clientId: 'client', clientSecret: async () => 'Client-Secret-99', deadlineMs });

  it('gives up on a token service that trickles its answer, naming it', async () => {
    const server = await hostile((_request, response) => trickle(response));
    const source = tokens(server.origin, 300);
    try {
      const error = await failure(source.token());
      expect(error.network).toBe('timeout');
      expect(error.reason).toBe('The token service did not finish answering within 0.3 s.');
      expect(error.message).toBe('Could not sign in: the token service did not finish answering within 0.3 s.');
      expect(`${error.message} ${error.hint ?? ''}`).not.toContain('Client-Secret-99');
      await eventually(() => server.closedConnections() === 1);
    } finally {
      await source.close();
    }
  });

  it('stops reading a token answer far larger than any token', async () => {
    const server = await hostile((_request, response, self) => flood(response, 8 * 1024 * 1024, self.bytesWritten));
    const source = tokens(server.origin, 60_000);
    try {
      const error = await failure(source.token());
      expect(error.network).toBe('too-large');
      expect(error.reason).toMatch(/^The token service's answer was too large: it passed the 1 MB/);
      expect(server.requests).toHaveLength(1);
    } finally {
      await source.close();
    }
  });
});

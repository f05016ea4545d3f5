import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tokenPath, type TokenIssuer } from './apiClients';
import { authenticate } from './auth';
import type { SandboxCa } from './ca';
import type { Route, RouteContext, RouteResult } from './context';
import { ScmError, unknownUser } from './errors';
import type { ResolvedOptions } from './options';
import { SeededRandom } from './random';
import { serverCredentials } from './tls';
import { Scope } from './scope';
import type { SandboxStore } from './state/store';

const maxBodyBytes = 16 * 1024 * 1024;

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (match === null) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(match[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

/** Finds the route for a path; a literal segment beats a parameter (`/types` before `/{id}`). */
export class Router {
  readonly #routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.#routes = routes.map(compile).sort((a, b) => a.names.length - b.names.length);
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | 'wrong-method' | undefined {
    let pathMatched = false;
    const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
    for (const candidate of wanted) {
      for (const compiled of this.#routes) {
        const found = compiled.pattern.exec(path);
        if (found === null) continue;
        pathMatched = true;
        if (compiled.route.method !== candidate) continue;
        const params: Record<string, string> = {};
        try {
          compiled.names.forEach((name, index) => (params[name] = decodeURIComponent(found[index + 1]!)));
        } catch {
          return undefined;
        }
        return { route: compiled.route, params };
      }
    }
    return pathMatched ? 'wrong-method' : undefined;
  }
}

export interface FaultSettings {
  latencyMs: number;
  faultRate: number;
  timeoutRate: number;
  rateLimit: number;
  /**
   * The next this many requests are carried out but never answered, as when a
   * network drops the reply; a test sets it instead of a rate and a time.
   */
  loseNextAnswers: number;
  /** The next this many requests are carried out, then their connection is reset before the answer. */
  resetNextAnswers: number;
  /** The next this many requests are answered 503 without being carried out, as when SCM is down for a moment. */
  refuseNextRequests: number;
}

export interface SandboxServer {
  origin: string;
  port: number;
  faults: FaultSettings;
  /** Requests answered so far, by route (`POST /api/ssl/v1/enroll`), for tests. */
  requestCounts: Map<string, number>;
  close(): Promise<void>;
}

type Fate = 'answer' | 'hang' | 'reset' | 500 | 502 | 503;

/**
 * The sandbox's HTTP server. Faults, latency and rate limits act below the
 * routing, so every route can fail; a reset or a hang comes after the work is
 * done, as when a real response is lost on the way back.
 */
export async function startServer(
  routes: Route[],
  store: SandboxStore,
  ca: SandboxCa,
  options: ResolvedOptions,
  tokens: TokenIssuer,
): Promise<SandboxServer> {
  const router = new Router(routes);
  const faults: FaultSettings = {
    latencyMs: options.latencyMs,
    faultRate: options.faultRate,
    timeoutRate: options.timeoutRate,
    rateLimit: options.rateLimit,
    loseNextAnswers: 0,
    resetNextAnswers: 0,
    refuseNextRequests: 0,
  };
  const random = new SeededRandom(options.seed ^ 0x5eed);
  const windows = new Map<string, { second: number; count: number }>();
  const sockets = new Set<Socket>();
  const requestCounts = new Map<string, number>();
  const credentials = options.tls ? await serverCredentials(ca, options.now()) : undefined;
  const server = credentials !== undefined
    ? createHttpsServer({
        key: credentials.privateKey,
        cert: credentials.certificate,
        // Asked for, not required: password sign-in works without one; /private needs it.
        requestCert: true,
        rejectUnauthorized: false,
        ca: [ca.rootPem],
      })
    : createHttpServer();
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  function decideFate(): Fate {
    if (faults.loseNextAnswers > 0) {
      faults.loseNextAnswers -= 1;
      return 'hang';
    }
    if (faults.resetNextAnswers > 0) {
      faults.resetNextAnswers -= 1;
      return 'reset';
    }
    if (faults.refuseNextRequests > 0) {
      faults.refuseNextRequests -= 1;
      return 503;
    }
    const roll = random.next();
    if (roll < faults.timeoutRate) return 'hang';
    if (roll < faults.timeoutRate + faults.faultRate) return random.pick(['reset', 500, 502, 503] as const);
    return 'answer';
  }

  function rateLimited(login: string, now: number): boolean {
    if (faults.rateLimit <= 0) return false;
    const second = Math.floor(now / 1000);
    const window = windows.get(login);
    if (window === undefined || window.second !== second) {
      windows.set(login, { second, count: 1 });
      return false;
    }
    window.count += 1;
    return window.count > faults.rateLimit;
  }

  async function route(request: IncomingMessage, body: Buffer, now: number): Promise<RouteResult> {
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname;
    if (path === tokenPath) return tokens.handle(request.method ?? 'GET', request.headers['content-type'], body, now);
    const login = request.headers.login ?? request.headers.authorization;
    if (rateLimited(typeof login === 'string' ? login : '', now)) {
      return { status: 429, headers: { 'retry-after': '1' }, body: { code: -1, description: 'Too many requests' } };
    }
    const signIn = await authenticate(request, path, store, options, now, tokens);
    const apiPath = path.startsWith('/private/') ? path.slice('/private'.length) : path;
    const matched = router.match(request.method ?? 'GET', apiPath);
    if (matched === undefined) throw new ScmError(404, -1, `No endpoint ${request.method} ${path}`);
    if (matched === 'wrong-method') throw new ScmError(405, -1, `Request method '${request.method}' is not supported`);
    if (signIn.mustChangePassword && matched.route.allowWithExpiredPassword !== true) throw unknownUser();
    const key = `${matched.route.method} ${matched.route.path}`;
    requestCounts.set(key, (requestCounts.get(key) ?? 0) + 1);
    const context: RouteContext = {
      request,
      admin: signIn.admin,
      scope: new Scope(signIn.admin, store),
      params: matched.params,
      query: url.searchParams,
      rawBody: body,
      store,
      ca,
      options,
      now,
      origin,
    };
    return matched.route.handler(context);
  }

  function send(response: ServerResponse, result: RouteResult, head: boolean): void {
    const headers: Record<string, string> = { ...result.headers };
    if (result.parts !== undefined) {
      headers['content-length'] = String(result.parts.reduce((total, part) => total + part.length, 0));
      response.writeHead(result.status, headers);
      if (head) {
        response.end();
        return;
      }
      // Already in memory, so written at once: the socket keeps what it cannot send yet.
      response.cork();
      for (const part of result.parts) response.write(part);
      response.end();
      response.uncork();
      return;
    }
    let payload: Buffer | undefined;
    if (result.body !== undefined) {
      if (Buffer.isBuffer(result.body)) payload = result.body;
      else {
        payload = Buffer.from(JSON.stringify(result.body));
        headers['content-type'] ??= 'application/json;charset=UTF-8';
      }
    }
    if (payload !== undefined) headers['content-length'] = String(payload.length);
    response.writeHead(result.status, headers);
    response.end(head ? undefined : payload);
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => {
      void (async () => {
        const fate = decideFate();
        // Real time, not the sandbox's clock: latency is about the network, not about SCM.
        if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
        if (typeof fate === 'number') {
          const text = fate === 500 ? { code: -2, description: 'Internal error, contact support' } : undefined;
          send(response, text === undefined ? { status: fate, headers: { 'content-type': 'text/html' }, body: Buffer.from(fate === 502 ? 'Bad Gateway' : 'Service Unavailable') } : { status: fate, body: text }, false);
          return;
        }
        let result: RouteResult;
        try {
          if (tooLarge) throw new ScmError(413, -1, 'Request too large');
          result = await route(request, Buffer.concat(chunks), options.now());
        } catch (error) {
          if (error instanceof ScmError) result = { status: error.status, headers: error.headers, body: { code: error.code, description: error.description } };
          else {
            process.stderr.write(`sandbox: ${request.method} ${request.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
            result = { status: 500, body: { code: -2, description: 'Internal error, contact support' } };
          }
        }
        if (fate === 'reset') {
          request.socket.destroy();
          return;
        }
        if (fate === 'hang') return;
        send(response, result, request.method === 'HEAD');
      })();
    });
  });

  return {
    origin,
    port,
    faults,
    requestCounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

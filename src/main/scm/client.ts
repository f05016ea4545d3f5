import type { z } from 'zod';
import { ScmClientError } from './errors';
import { TokenSource } from './oauth';
import { ScmTransport, reportMaxResponseBytes, scmOrigin, type HttpMethod, type Patience, type RetryPolicy, type ScmResponse, type TransportOptions } from './transport';

/** Password sign-in: the three headers on every call. The password is fetched per call, never kept. */
export interface PasswordAuth {
  kind: 'password';
  login: string;
  customerUri: string;
  password: () => Promise<string>;
}

/**
 * "User Login via Certificate": a TLS client certificate instead of the
 * password, on the `/private/api` prefix. The key is fetched when the first
 * connection is made and lives only in that connection pool's TLS context.
 */
export interface CertificateAuth {
  kind: 'certificate';
  login: string;
  customerUri: string;
  /** The admin's certificate chain, PEM. */
  certificate: string;
  privateKey: () => Promise<string>;
}

/** The newer "Admin Operations" host: a bearer token from a client-credentials grant. */
export interface OAuth2Auth {
  kind: 'oauth2';
  clientId: string;
  clientSecret: () => Promise<string>;
  /** Defaults to Sectigo's token endpoint. */
  tokenUrl?: string;
}

export type ScmAuth = PasswordAuth | CertificateAuth | OAuth2Auth;

export interface ScmClientOptions {
  /** The SCM host, e.g. `https://cert-manager.com`. */
  baseUrl: string;
  auth: ScmAuth;
  /** CA certificates (PEM) to trust besides the system's, e.g. the sandbox's root. */
  trustedCertificates?: string[];
  connections?: number;
  retry?: Partial<RetryPolicy>;
  timeouts?: TransportOptions['timeouts'];
  /** The total time per patience a call may take, tries and pauses included (tests use short ones). */
  deadlines?: TransportOptions['deadlines'];
  /** The largest answer an ordinary call accepts, in bytes; reports ask for more themselves. */
  maxResponseBytes?: number;
  /** The largest answer a report accepts, in bytes; `reportMaxResponseBytes` unless told (tests use small ones). */
  maxReportBytes?: number;
  /** A line per request try, for `--verbose` and support logs; never a credential. */
  log?: (line: string) => void;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Stops every call of this client at once: a sign-in that another replaced, say. */
  signal?: AbortSignal;
  /** The clock that decides when an OAuth2 token is due for renewal, and times writes; tests move it themselves. */
  now?: () => number;
  /**
   * Told of every call that may change something in SCM, once, with how it
   * ended, before the call returns or throws. A failure of the hook itself is
   * not passed on: the caller must hear what SCM did.
   */
  onWrite?: (write: ScmWrite) => void | Promise<void>;
}

/** A call that may have changed something in SCM, as the client saw it: never a body, a header or a credential. */
export interface ScmWrite {
  /** When it was sent, ISO 8601. */
  time: string;
  /** The login, or the OAuth2 client ID, it was sent as. */
  who: string;
  operation: string;
  method: 'POST' | 'PUT' | 'DELETE';
  /** Without the query string, which may carry search terms. */
  path: string;
  /** Numbers in the path, and the id at the end of a Location header. */
  objectIds: number[];
  /** `outcome-unknown`: the request may have reached SCM, but no answer came back. */
  result: 'ok' | 'failed' | 'outcome-unknown';
  status: number | null;
  scmCode: number | null;
  durationMs: number;
}

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface CallOptions {
  method: HttpMethod;
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Defaults: GET, HEAD, PUT and DELETE may be repeated; POST may not. */
  idempotent?: boolean;
  patience?: Patience;
  /** The total time for this call, every try and pause included; defaults by patience. */
  deadlineMs?: number;
  /** The largest answer this call accepts, in bytes; defaults to the client's. */
  maxResponseBytes?: number;
  operation: string;
  signal?: AbortSignal;
  /**
   * SCM codes that mean the write's aim already holds, as when a revoke whose
   * answer was lost is repeated and SCM says "already revoked" (-159): the
   * caller treats them as done, and the audit log records the write as done.
   */
  alreadyDone?: readonly number[];
}

const passwordStatePath = '/api/admin/v1/password';

/**
 * POSTs that only read: SCM's reports and the DCV status take their question
 * as a body. They change nothing, so they are not told as writes.
 */
function onlyReads(path: string): boolean {
  return path.startsWith('/api/report/') || path === '/api/dcv/v2/validation/status';
}

function isWrite(method: HttpMethod, path: string): method is ScmWrite['method'] {
  return method !== 'GET' && method !== 'HEAD' && !(method === 'POST' && onlyReads(path));
}

/** The ids a write concerns: whole numbers in its path, and the id SCM gave what it made. */
function objectIdsOf(path: string, location: string | undefined): number[] {
  const ids = path.split('/').filter((part) => /^\d{1,15}$/.test(part)).map(Number);
  const made = /\/(\d{1,15})\/?$/.exec(location ?? '');
  if (made !== null && !ids.includes(Number(made[1]))) ids.push(Number(made[1]));
  return ids.slice(0, 20);
}

export function buildPath(path: string, query: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) search.append(name, String(item));
    else search.append(name, String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** The client's view of a response body that does not match what SCM documents. */
function protocolError(operation: string, detail: string): ScmClientError {
  return new ScmClientError({
    kind: 'protocol',
    message: `Could not ${operation}: SCM's answer was not what the console expects (${detail}).`,
    hint: 'SCM may have changed. Report this with the console version and the SCM release.',
  });
}

/**
 * Reads SCM's answers leniently: unknown fields pass, a missing or mistyped
 * field the console needs is a protocol error naming it.
 */
export function parseWith<T>(schema: z.ZodType<T>, data: unknown, operation: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? 'the body' : `field ${issue.path.join('.')}`;
  throw protocolError(operation, `${field}: ${issue?.message ?? 'invalid'}`);
}

/** A client for the SCM REST API as one admin. */
export class ScmClient {
  readonly #options: ScmClientOptions;
  readonly #auth: ScmAuth;
  readonly #tokens: TokenSource | undefined;
  #transport: Promise<ScmTransport> | undefined;
  readonly origin: string;

  constructor(options: ScmClientOptions) {
    this.origin = scmOrigin(options.baseUrl);
    this.#options = options;
    this.#auth = options.auth;
    this.#tokens =
      options.auth.kind === 'oauth2'
        ? new TokenSource({
            clientId: options.auth.clientId,
            clientSecret: options.auth.clientSecret,
            ...(options.auth.tokenUrl === undefined ? {} : { tokenUrl: options.auth.tokenUrl }),
            ...(options.trustedCertificates === undefined ? {} : { ca: options.trustedCertificates }),
            ...(options.now === undefined ? {} : { now: options.now }),
            // A token is part of the call that needs it: the client's own limits bound it too.
            ...(options.deadlines?.normal === undefined ? {} : { deadlineMs: options.deadlines.normal }),
            ...(options.timeouts?.normal === undefined ? {} : { timeoutMs: options.timeouts.normal.headersMs }),
          })
        : undefined;
    // Password and OAuth2 clients connect at once; a certificate client first needs its key.
    if (options.auth.kind !== 'certificate') this.#transport = Promise.resolve(this.#newTransport(undefined));
  }

  #newTransport(key: string | undefined): ScmTransport {
    const options = this.#options;
    const auth = options.auth;
    return new ScmTransport({
      origin: this.origin,
      tls: {
        ...(options.trustedCertificates === undefined ? {} : { ca: options.trustedCertificates }),
        ...(auth.kind === 'certificate' && key !== undefined ? { cert: auth.certificate, key } : {}),
      },
      ...(options.connections === undefined ? {} : { connections: options.connections }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
      ...(options.deadlines === undefined ? {} : { deadlines: options.deadlines }),
      ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
      ...(options.log === undefined ? {} : { log: options.log }),
      ...(options.random === undefined ? {} : { random: options.random }),
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    });
  }

  /** The largest answer a report accepts, in bytes. */
  get maxReportBytes(): number {
    return this.#options.maxReportBytes ?? reportMaxResponseBytes;
  }

  #transportReady(): Promise<ScmTransport> {
    const auth = this.#auth;
    if (this.#transport === undefined && auth.kind === 'certificate') {
      this.#transport = auth.privateKey().then((key) => this.#newTransport(key));
      // A failed key fetch is not kept: the next call asks again.
      this.#transport.catch(() => (this.#transport = undefined));
    }
    if (this.#transport === undefined) throw new Error('The SCM client was closed.');
    return this.#transport;
  }

  async call(callOptions: CallOptions): Promise<ScmResponse> {
    const signals = [callOptions.signal, this.#options.signal].filter((signal): signal is AbortSignal => signal !== undefined);
    const options: CallOptions = signals.length <= 1 ? { ...callOptions, ...(signals[0] === undefined ? {} : { signal: signals[0] }) } : { ...callOptions, signal: AbortSignal.any(signals) };
    const transport = await this.#transportReady();
    const onWrite = this.#options.onWrite;
    const method = options.method;
    if (onWrite === undefined || !isWrite(method, options.path)) return this.#signedCall(transport, options, () => undefined);
    const now = this.#options.now ?? Date.now;
    const started = now();
    // Only a request that went out is a write: a secret that could not be read sent nothing.
    let sent = false;
    let response: ScmResponse | undefined;
    let failure: unknown;
    try {
      response = await this.#signedCall(transport, options, () => (sent = true));
      return response;
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      if (sent) {
        const known = failure instanceof ScmClientError ? failure : undefined;
        const write: ScmWrite = {
          time: new Date(started).toISOString(),
          who: this.#auth.kind === 'oauth2' ? this.#auth.clientId : this.#auth.login,
          operation: options.operation,
          method,
          path: options.path,
          objectIds: objectIdsOf(options.path, response?.headers.location),
          // A call stopped while under way may have reached SCM all the same.
          result:
            response !== undefined || (known?.code !== undefined && options.alreadyDone?.includes(known.code) === true)
              ? 'ok'
              : known !== undefined && !known.outcomeUnknown && known.kind !== 'cancelled'
                ? 'failed'
                : 'outcome-unknown',
          status: response?.status ?? known?.status ?? null,
          scmCode: known?.code ?? null,
          durationMs: Math.max(0, Math.round(now() - started)),
        };
        try {
          await onWrite(write);
        } catch {
          // The hook's owner reports its own failures; SCM's answer is what the caller needs.
        }
      }
    }
  }

  /** Sends a call signed the way the client signs in; `onSend` is told each time a request goes out. */
  async #signedCall(transport: ScmTransport, options: CallOptions, onSend: () => void): Promise<ScmResponse> {
    const send = (headers: Record<string, string>, prefix = '') => {
      onSend();
      return transport.send({
        method: options.method,
        path: prefix + buildPath(options.path, options.query),
        headers,
        body: options.body,
        idempotent: options.idempotent ?? options.method !== 'POST',
        patience: options.patience ?? 'normal',
        ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
        ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
        operation: options.operation,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    };
    const auth = this.#auth;
    switch (auth.kind) {
      case 'password': {
        const headers = { login: auth.login, password: await auth.password(), customerUri: auth.customerUri };
        try {
          return await send(headers);
        } catch (error) {
          if (!(error instanceof ScmClientError) || error.code !== -16 || options.path === passwordStatePath) throw error;
          throw await this.#diagnoseUnknownUser(error, transport, headers, options.operation);
        }
      }
      case 'certificate':
        return send({ login: auth.login, customerUri: auth.customerUri }, '/private');
      case 'oauth2': {
        const token = await this.#tokens!.token();
        try {
          return await send({ authorization: `Bearer ${token}` });
        } catch (error) {
          // A token refused before its time (revoked, or the clocks disagree): SCM did
          // nothing with the request, so one try with a fresh token is safe for any call.
          if (!(error instanceof ScmClientError) || error.status !== 401) throw error;
          this.#tokens!.invalidate(token);
          return send({ authorization: `Bearer ${await this.#tokens!.token()}` });
        }
      }
    }
  }

  /**
   * SCM answers -16 for a wrong password and for an expired one alike. The
   * password-state endpoint still works for an expired password, so asking it
   * tells the two apart.
   */
  async #diagnoseUnknownUser(original: ScmClientError, transport: ScmTransport, headers: Record<string, string>, operation: string): Promise<ScmClientError> {
    let state: unknown;
    try {
      const response = await transport.send({ method: 'GET', path: passwordStatePath, headers, idempotent: true, operation: 'read the password’s state' });
      state = (JSON.parse(response.body.toString('utf8')) as { state?: unknown }).state;
    } catch {
      return original;
    }
    if (state !== 'EXPIRED') return original;
    return new ScmClientError({
      kind: 'expired-password',
      status: original.status ?? 401,
      code: -16,
      ...(original.scmDescription === undefined ? {} : { scmDescription: original.scmDescription }),
      message: `Could not ${operation}: the password of ${headers.login ?? 'this admin'} has expired, or is still the temporary one it was created with.`,
      hint: 'Change the password (the console offers this when you sign in), then try again.',
    });
  }

  /** A call whose answer is JSON, parsed leniently with `schema`. */
  async json<T>(options: CallOptions, schema: z.ZodType<T>): Promise<T> {
    const response = await this.call(options);
    let data: unknown;
    try {
      data = JSON.parse(response.body.toString('utf8'));
    } catch {
      throw protocolError(options.operation, 'the body is not JSON');
    }
    return parseWith(schema, data, options.operation);
  }

  /** A create call: 201 with the new id only at the end of Location. */
  async create(options: CallOptions): Promise<number> {
    const response = await this.call(options);
    const match = /\/(\d+)\/?$/.exec(response.headers.location ?? '');
    if (match === null) throw protocolError(options.operation, 'no id at the end of the Location header');
    return Number(match[1]);
  }

  /**
   * A create that is never repeated blindly: when its answer is lost, `lookup`
   * looks for what it may have made (by login, name or description), and only
   * when that finds nothing is the create sent again.
   */
  async createOnce(options: CallOptions, lookup: () => Promise<number | undefined>): Promise<number> {
    try {
      return await this.create(options);
    } catch (error) {
      if (!(error instanceof ScmClientError) || !error.outcomeUnknown) throw error;
      // A look-up that fails leaves the outcome as unknown as it was: that, not the look-up's failure, is what the caller must know.
      const existing = await lookup().catch(() => {
        throw error;
      });
      if (existing !== undefined) return existing;
      return this.create(options);
    }
  }

  async close(): Promise<void> {
    const transport = this.#transport;
    this.#transport = undefined;
    await Promise.all([transport?.then((ready) => ready.close(), () => undefined), this.#tokens?.close()]);
  }
}

/**
 * A list's X-Total-Count: digits only, or a protocol error. A count too long to
 * be a number reads as Infinity, for the caller's bound to refuse.
 */
export function totalCount(response: ScmResponse, operation: string): number {
  const raw = response.headers['x-total-count'];
  if (raw === undefined) throw protocolError(operation, 'no X-Total-Count header');
  if (!/^\d+$/.test(raw.trim())) throw protocolError(operation, 'an X-Total-Count that is not a count');
  return Number(raw.trim());
}

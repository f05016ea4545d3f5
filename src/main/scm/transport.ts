import { rootCertificates } from 'node:tls';
import { Pool, errors as undiciErrors } from 'undici';
import { ScmClientError, errorFromResponse } from './errors';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts after this much time since the first try. */
  totalMs: number;
}

export interface TransportOptions {
  /** `https://cert-manager.com`, or the sandbox's `http://127.0.0.1:port`. */
  origin: string;
  /** Requests in flight at once; more wait their turn. */
  connections?: number;
  connectTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Overrides the timeouts per patience (tests use short ones). */
  timeouts?: Partial<Record<Patience, { headersMs: number; bodyMs: number }>>;
  /** TLS settings: extra trusted CAs, and the client certificate for certificate sign-in. */
  tls?: TlsSettings;
  /**
   * Receives a line per try: method, path, outcome, time. Never a header, a
   * body or a credential.
   */
  log?: (line: string) => void;
  /** For tests: the jitter source and the clock's sleep. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface TlsSettings {
  /** CA certificates (PEM) to trust besides the system's, e.g. the sandbox's own root. */
  ca?: string[];
  /** The client certificate chain (PEM) and its private key, for `/private` sign-in. */
  cert?: string;
  key?: string;
}

/**
 * The origin of an SCM host, refusing anything but https, except plain http to
 * this machine (the sandbox).
 */
export function scmOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a URL; an SCM host looks like https://cert-manager.com.`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new Error('SCM is reached over https; plain http only to this machine (the sandbox).');
  }
  return parsed.origin;
}

/** How long SCM may take: most calls answer quickly, enroll and collect can take over a minute. */
export type Patience = 'normal' | 'long';

const defaultTimeouts: Record<Patience, { headersMs: number; bodyMs: number }> = {
  normal: { headersMs: 30_000, bodyMs: 60_000 },
  long: { headersMs: 120_000, bodyMs: 180_000 },
};

export interface ScmRequest {
  method: HttpMethod;
  /** The path with its query, e.g. `/api/ssl/v1?size=200`. */
  path: string;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /**
   * Whether repeating the request is harmless. GET, HEAD, DELETE and PUT of a
   * whole object are; a POST that creates something never is.
   */
  idempotent: boolean;
  patience?: Patience;
  /** What the request does, for messages: "list SSL certificates". */
  operation: string;
  signal?: AbortSignal;
}

export interface ScmResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const defaultRetry: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 8_000, totalMs: 90_000 };
const retryableStatuses = new Set([429, 500, 502, 503, 504]);

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Seconds from a Retry-After header (seconds or an HTTP date). */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

type Failure =
  | { type: 'status'; response: ScmResponse }
  /** The host's TLS certificate was not trusted: repeating cannot help. */
  | { type: 'untrusted'; code: string }
  /** The request never left: safe to repeat whatever it was. */
  | { type: 'not-sent'; error: unknown }
  /** It may have reached SCM: only an idempotent request may be repeated. */
  | { type: 'unknown-outcome'; error: unknown; timeout: boolean };

const untrustedCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function classify(error: unknown): Failure {
  const code = (error as { code?: string } | undefined)?.code;
  if (code !== undefined && untrustedCodes.has(code)) return { type: 'untrusted', code };
  if (error instanceof undiciErrors.ConnectTimeoutError || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { type: 'not-sent', error };
  }
  const timeout = error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError;
  return { type: 'unknown-outcome', error, timeout };
}

/**
 * One keep-alive connection pool per SCM host, with per-call timeouts, a limit
 * on requests in flight, cancellation, and retries only where repeating is
 * safe: with exponential backoff and jitter, honouring Retry-After, within a
 * cap on tries and on total time.
 */
export class ScmTransport {
  readonly #pool: Pool;
  readonly #retry: RetryPolicy;
  readonly #timeouts: Record<Patience, { headersMs: number; bodyMs: number }>;
  readonly #random: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #log: ((line: string) => void) | undefined;
  readonly origin: string;

  constructor(options: TransportOptions) {
    this.origin = scmOrigin(options.origin);
    const tls = options.tls ?? {};
    this.#pool = new Pool(this.origin, {
      connections: options.connections ?? 8,
      connect: {
        timeout: options.connectTimeoutMs ?? 10_000,
        // Extra CAs add to the system's trust; they never replace it.
        ...(tls.ca === undefined || tls.ca.length === 0 ? {} : { ca: [...rootCertificates, ...tls.ca] }),
        ...(tls.cert === undefined ? {} : { cert: tls.cert }),
        ...(tls.key === undefined ? {} : { key: tls.key }),
      },
      keepAliveTimeout: 10_000,
      pipelining: 1,
    });
    this.#retry = { ...defaultRetry, ...options.retry };
    this.#timeouts = { ...defaultTimeouts, ...options.timeouts };
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#log = options.log;
  }

  async send(request: ScmRequest): Promise<ScmResponse> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let failure: Failure;
      const tried = Date.now();
      try {
        const response = await this.#once(request);
        this.#note(request, attempt, tried, String(response.status));
        if (response.status < 400) return response;
        failure = { type: 'status', response };
      } catch (error) {
        if (request.signal?.aborted === true) {
          this.#note(request, attempt, tried, 'cancelled');
          throw cancelled(request.operation);
        }
        failure = classify(error);
        this.#note(request, attempt, tried, failure.type === 'untrusted' ? `untrusted certificate (${failure.code})` : failure.type === 'not-sent' ? 'not connected' : failure.type === 'unknown-outcome' && failure.timeout ? 'timed out' : 'connection broke');
      }
      const delay = this.#delayBeforeRetry(request, failure, attempt, started);
      if (delay === null) throw finalError(request, failure);
      try {
        await this.#sleep(delay, request.signal);
      } catch {
        throw cancelled(request.operation);
      }
    }
  }

  #note(request: ScmRequest, attempt: number, started: number, outcome: string): void {
    if (this.#log === undefined) return;
    this.#log(`${request.method} ${request.path} → ${outcome} (${Date.now() - started} ms, try ${attempt})`);
  }

  async #once(request: ScmRequest): Promise<ScmResponse> {
    const patience = this.#timeouts[request.patience ?? 'normal'];
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json;charset=UTF-8';
    }
    const response = await this.#pool.request({
      method: request.method,
      path: request.path,
      headers,
      body,
      headersTimeout: patience.headersMs,
      bodyTimeout: patience.bodyMs,
      signal: request.signal,
    });
    const bytes = Buffer.from(await response.body.arrayBuffer());
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { status: response.statusCode, headers: flat, body: bytes };
  }

  /** Milliseconds to wait before the next try, or null when there must be none. */
  #delayBeforeRetry(request: ScmRequest, failure: Failure, attempt: number, started: number): number | null {
    if (attempt >= this.#retry.attempts) return null;
    let serverWait: number | undefined;
    if (failure.type === 'status') {
      const { status, headers } = failure.response;
      if (!retryableStatuses.has(status)) return null;
      // A 429 means SCM did not do the work, so even a create may be sent again.
      if (!request.idempotent && status !== 429) return null;
      const after = status === 429 || status === 503 ? retryAfterSeconds(headers['retry-after']) : undefined;
      serverWait = after === undefined ? undefined : after * 1000;
    } else if (failure.type === 'untrusted' || (failure.type === 'unknown-outcome' && !request.idempotent)) {
      return null;
    }
    const backoff = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
    const delay = serverWait ?? Math.round(backoff * (0.5 + this.#random() * 0.5));
    if (Date.now() - started + delay > this.#retry.totalMs) return null;
    return delay;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

function cancelled(operation: string): ScmClientError {
  return new ScmClientError({ kind: 'cancelled', message: `Stopped: ${operation} was cancelled.` });
}

function finalError(request: ScmRequest, failure: Failure): ScmClientError {
  if (failure.type === 'status') {
    return errorFromResponse(request.operation, failure.response.status, failure.response.body, retryAfterSeconds(failure.response.headers['retry-after']));
  }
  if (failure.type === 'untrusted') {
    return new ScmClientError({
      kind: 'network',
      message: `Could not ${request.operation}: the host's TLS certificate is not trusted (${failure.code}).`,
      hint: 'Check the host in the profile. A proxy that inspects TLS needs its CA trusted by the system.',
    });
  }
  if (failure.type === 'not-sent') {
    return new ScmClientError({
      kind: 'network',
      message: `Could not ${request.operation}: SCM could not be reached.`,
      hint: 'Check the network connection and the host in the profile, then try again.',
    });
  }
  return new ScmClientError({
    kind: failure.timeout ? 'timeout' : 'network',
    outcomeUnknown: true,
    message: failure.timeout
      ? `Could not ${request.operation}: SCM did not answer in time.`
      : `Could not ${request.operation}: the connection to SCM broke before it answered.`,
    hint: request.idempotent
      ? 'Try again in a moment.'
      : 'SCM may have done it anyway. Check before you try again; the console does this for you where it can.',
  });
}

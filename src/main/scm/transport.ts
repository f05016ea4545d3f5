import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { Pool, errors as undiciErrors } from 'undici';
import { ScmClientError, errorFromResponse, type NetworkCause } from './errors';

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
  /** Overrides the total time per patience a call may take, all its tries and waits included. */
  deadlines?: Partial<Record<Patience, number>>;
  /** The largest answer a call accepts unless it says otherwise, in bytes. */
  maxResponseBytes?: number;
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
  /** For tests: how host names are resolved, instead of the system's resolver. */
  lookup?: LookupFunction;
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

/**
 * The total time a call may take, every try and pause included. The per-try
 * timeouts above only bound a silence, so a server that sends a byte now and
 * then could otherwise hold a call for ever.
 */
const defaultDeadlines: Record<Patience, number> = { normal: 60_000, long: 300_000 };

/**
 * The largest answer an ordinary call accepts. SCM's JSON answers are small (a
 * page of 200 list rows is about 40 kB, a certificate chain a few kB), so 16 MiB
 * is far above any real answer and far below what would strain memory.
 */
export const defaultMaxResponseBytes = 16 * 1024 * 1024;

/**
 * The largest answer a report accepts. A report row is about 0.8 kB (1 to 3 kB
 * with many SANs and custom fields), so 100,000 certificates make roughly 80 to
 * 300 MB; 256 MiB holds that for typical rows with room to spare, while a body
 * kept in memory and parsed stays within what a desktop app can afford.
 */
export const reportMaxResponseBytes = 256 * 1024 * 1024;

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
  /** The total time for this call, every try and pause included; defaults by patience. */
  deadlineMs?: number;
  /** The largest answer this call accepts, in bytes; a larger one is cut off and fails. */
  maxResponseBytes?: number;
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

/** Waits `ms`, or stops at once with the signal's reason when it is aborted. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
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
  | { type: 'connection'; failure: ConnectionFailure }
  | { type: 'not-the-api'; answer: NotTheApi };

/**
 * An answer that came from something other than SCM's API: a redirect (which
 * the console never follows, so that its credentials go to the configured host
 * only) or a web page, as a proxy, a captive portal or a sign-in page gives.
 */
type NotTheApi = { kind: 'redirect'; status: number; location: string | undefined } | { kind: 'web-page' };

/** Whether a successful answer is a web page rather than the API's answer: by its type, or by how it begins. */
function isWebPage(response: ScmResponse): boolean {
  if (response.body.length === 0) return false;
  if (/^\s*text\/html\b/i.test(response.headers['content-type'] ?? '')) return true;
  const start = response.body.subarray(0, 64).toString('latin1').replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html');
}

/** Why an answer is not the API's, or undefined when it may be. */
function notTheApi(response: ScmResponse): NotTheApi | undefined {
  if (response.status >= 300 && response.status < 400) return { kind: 'redirect', status: response.status, location: response.headers.location };
  return isWebPage(response) ? { kind: 'web-page' } : undefined;
}

/** What went wrong below HTTP, sorted by what a person can check. */
export interface ConnectionFailure {
  /** Undefined for the rare failures that fit none of the causes (no route to the host, say). */
  cause: NetworkCause | undefined;
  /** Whether the request may have reached SCM; when it cannot have, any request may be repeated. */
  sent: boolean;
  /** The system's or undici's code (ENOTFOUND, UND_ERR_SOCKET ...), for messages and the log. */
  code: string | undefined;
  /** For `tls`: whether the host's certificate was refused, and why, or the handshake itself failed. */
  certificate?: 'untrusted' | 'other-name';
  /** For `timeout`: the connection, an answer (headers or the gap between chunks), or the call's total time. */
  waitedFor?: 'connection' | 'answer' | 'deadline';
  /** For `timeout` of the total time, and `too-large`: the limit that was passed. */
  limit?: number;
}

const untrustedCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
]);
const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);
const notReachedCodes = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

/** The first code found on an error, its cause, or (for a connection tried on several addresses) its parts. */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  // undici wraps a socket's own error; the wrapped code says more than UND_ERR_SOCKET.
  const inner = errorCode(cause, depth + 1) ?? (Array.isArray(errors) ? errors.map((part) => errorCode(part, depth + 1)).find((found) => found !== undefined) : undefined);
  if (typeof code === 'string' && !(code === 'UND_ERR_SOCKET' && inner !== undefined)) return code;
  return inner;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.message} ${errorText(error.cause)}` : '';
}

/** Sorts a failed try by its cause: the name, the port, TLS, time or a broken connection. */
export function classifyConnectionError(error: unknown): ConnectionFailure {
  const code = errorCode(error);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return { cause: 'tls', sent: false, code, certificate: 'other-name' };
  if (code !== undefined && untrustedCodes.has(code)) return { cause: 'tls', sent: false, code, certificate: 'untrusted' };
  if (code !== undefined && dnsCodes.has(code)) return { cause: 'dns', sent: false, code };
  if (code === 'ECONNREFUSED') return { cause: 'refused', sent: false, code };
  if (code !== undefined && notReachedCodes.has(code)) return { cause: undefined, sent: false, code };
  if (error instanceof undiciErrors.ConnectTimeoutError || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return { cause: 'timeout', sent: false, code, waitedFor: 'connection' };
  }
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return { cause: 'timeout', sent: true, code, waitedFor: 'answer' };
  }
  const text = errorText(error);
  if (code === 'EPROTO' || code?.startsWith('ERR_SSL_') === true || code?.startsWith('ERR_TLS_') === true || /wrong version number|handshake failure|SSL routines|(?:tlsv1|sslv3) alert/i.test(text)) {
    return { cause: 'tls', sent: false, code };
  }
  // Anything else broke an open connection: ECONNRESET, "other side closed", a cut body.
  return { cause: 'reset', sent: true, code };
}

/** Why a try was stopped from inside: the call's total time ran out. */
class DeadlinePassed extends Error {
  constructor() {
    super('The call took longer than its deadline.');
  }
}

/** Why a body was left unread: it passed the cap. */
export class AnswerTooLarge extends Error {
  constructor(readonly limit: number) {
    super('The answer passed the size cap.');
  }
}

/**
 * One keep-alive connection pool per SCM host, with per-call timeouts, a total
 * deadline per call, a cap on the answer's size, a limit on requests in flight,
 * cancellation, and retries only where repeating is safe: with exponential
 * backoff and jitter, honouring Retry-After, within a cap on tries and on total
 * time.
 */
export class ScmTransport {
  readonly #pool: Pool;
  readonly #retry: RetryPolicy;
  readonly #timeouts: Record<Patience, { headersMs: number; bodyMs: number }>;
  readonly #deadlines: Record<Patience, number>;
  readonly #maxResponseBytes: number;
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
        ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
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
    this.#deadlines = { ...defaultDeadlines, ...options.deadlines };
    this.#maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? abortableSleep;
    this.#log = options.log;
  }

  async send(request: ScmRequest): Promise<ScmResponse> {
    if (isAborted(request.signal)) throw cancelled(request.operation);
    const started = Date.now();
    const budget = request.deadlineMs ?? this.#deadlines[request.patience ?? 'normal'];
    const endsAt = started + budget;
    // One signal for the whole call: the caller's cancel, or the deadline. Aborting
    // a try destroys its connection, so nothing is left reading a hostile answer.
    const stop = new AbortController();
    const onCancel = (): void => stop.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onCancel, { once: true });
    const timer = setTimeout(() => stop.abort(new DeadlinePassed()), budget);
    const deadlineFailure = (): Failure => ({ type: 'connection', failure: { cause: 'timeout', sent: true, code: undefined, waitedFor: 'deadline', limit: budget } });
    // Whether an earlier try of a write may have reached SCM and been carried out:
    // then a later try's failure does not settle what happened.
    let reachedBefore = false;
    const fail = (failure: Failure): ScmClientError => {
      const error = finalError(request, failure, this.origin);
      return reachedBefore && isWrite(request) ? mayAlreadyBeDone(error) : error;
    };
    try {
      for (let attempt = 1; ; attempt++) {
        let failure: Failure;
        const tried = Date.now();
        const remaining = endsAt - tried;
        if (remaining <= 0) throw fail(deadlineFailure());
        try {
          const response = await this.#once(request, remaining, stop.signal);
          this.#note(request, attempt, tried, String(response.status));
          const elsewhere = response.status < 400 ? notTheApi(response) : undefined;
          if (response.status < 400 && elsewhere === undefined) return response;
          failure = elsewhere === undefined ? { type: 'status', response } : { type: 'not-the-api', answer: elsewhere };
        } catch (error) {
          if (isAborted(request.signal)) {
            this.#note(request, attempt, tried, 'cancelled');
            throw cancelled(request.operation);
          }
          failure =
            stop.signal.reason instanceof DeadlinePassed
              ? deadlineFailure()
              : error instanceof AnswerTooLarge
                ? { type: 'connection', failure: { cause: 'too-large', sent: true, code: undefined, limit: error.limit } }
                : { type: 'connection', failure: classifyConnectionError(error) };
          this.#note(request, attempt, tried, describe(failure));
        }
        const delay = this.#delayBeforeRetry(request, failure, attempt, started, endsAt);
        if (delay === null) throw fail(failure);
        reachedBefore ||= mayHaveReached(failure);
        try {
          await this.#sleep(delay, stop.signal);
        } catch {
          if (isAborted(request.signal)) throw cancelled(request.operation);
          throw fail(deadlineFailure());
        }
      }
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCancel);
    }
  }

  #note(request: ScmRequest, attempt: number, started: number, outcome: string): void {
    if (this.#log === undefined) return;
    this.#log(`${request.method} ${request.path} → ${outcome} (${Date.now() - started} ms, try ${attempt})`);
  }

  async #once(request: ScmRequest, remainingMs: number, signal: AbortSignal): Promise<ScmResponse> {
    const patience = this.#timeouts[request.patience ?? 'normal'];
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json;charset=UTF-8';
    }
    // Each try gets no more than what is left of the call's time (undici reads 0 as "no limit").
    const within = (ms: number): number => Math.max(1, Math.min(ms, remainingMs));
    const response = await this.#pool.request({
      method: request.method,
      path: request.path,
      headers,
      body,
      headersTimeout: within(patience.headersMs),
      bodyTimeout: within(patience.bodyMs),
      signal,
    });
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const bytes = await readCapped(response.body, request.maxResponseBytes ?? this.#maxResponseBytes, flat['content-length']);
    return { status: response.statusCode, headers: flat, body: bytes };
  }

  /** Milliseconds to wait before the next try, or null when there must be none. */
  #delayBeforeRetry(request: ScmRequest, failure: Failure, attempt: number, started: number, endsAt: number): number | null {
    if (attempt >= this.#retry.attempts) return null;
    // A redirect or a web page comes back the same on every try.
    if (failure.type === 'not-the-api') return null;
    let serverWait: number | undefined;
    if (failure.type === 'status') {
      const { status, headers } = failure.response;
      if (!retryableStatuses.has(status)) return null;
      // A 429 means SCM did not do the work, so even a create may be sent again.
      if (!request.idempotent && status !== 429) return null;
      const after = status === 429 || status === 503 ? retryAfterSeconds(headers['retry-after']) : undefined;
      serverWait = after === undefined ? undefined : after * 1000;
    } else {
      const { cause, sent, waitedFor } = failure.failure;
      // The same certificate, the same oversized answer and a spent deadline come back on every try.
      if (cause === 'tls' || cause === 'too-large' || waitedFor === 'deadline') return null;
      if (sent && !request.idempotent) return null;
    }
    const backoff = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
    const delay = serverWait ?? Math.round(backoff * (0.5 + this.#random() * 0.5));
    const now = Date.now();
    if (now - started + delay > this.#retry.totalMs || now + delay >= endsAt) return null;
    return delay;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

/**
 * The whole body, read as it streams in and cut off the moment it passes
 * `limit`: destroying the stream aborts the request and closes its connection,
 * so an oversized answer costs at most `limit` bytes of memory.
 */
export async function readCapped(body: Readable, limit: number, declaredLength: string | undefined): Promise<Buffer> {
  const declared = declaredLength !== undefined && /^\d+$/.test(declaredLength.trim()) ? Number(declaredLength) : undefined;
  if (declared !== undefined && declared > limit) {
    body.destroy();
    throw new AnswerTooLarge(limit);
  }
  if (declared !== undefined) {
    // One buffer of the declared size: a large report then costs its size once, not twice.
    const whole = Buffer.allocUnsafe(declared);
    let size = 0;
    for await (const chunk of body) {
      const piece = chunk as Buffer;
      // undici stops at the declared length; this guards the copy all the same.
      if (size + piece.length > declared) {
        body.destroy();
        throw new Error('The answer ran past its declared length.');
      }
      piece.copy(whole, size);
      size += piece.length;
    }
    return size === declared ? whole : whole.subarray(0, size);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const piece = chunk as Buffer;
    size += piece.length;
    if (size > limit) {
      body.destroy();
      throw new AnswerTooLarge(limit);
    }
    chunks.push(piece);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/** A try's outcome for the log: short, and never a header or a body. */
function describe(failure: Failure): string {
  if (failure.type === 'status') return String(failure.response.status);
  if (failure.type === 'not-the-api') return failure.answer.kind === 'redirect' ? `redirect (${failure.answer.status})` : 'a web page';
  const { cause, code, waitedFor } = failure.failure;
  const suffix = code === undefined ? '' : ` (${code})`;
  switch (cause) {
    case 'dns':
      return `host not found${suffix}`;
    case 'refused':
      return `connection refused${suffix}`;
    case 'tls':
      return `TLS failed${suffix}`;
    case 'timeout':
      return waitedFor === 'deadline' ? 'deadline passed' : waitedFor === 'connection' ? `no connection in time${suffix}` : `timed out${suffix}`;
    case 'too-large':
      return 'answer too large';
    case 'reset':
      return `connection broke${suffix}`;
    case undefined:
      return `not connected${suffix}`;
  }
}

/** Read through a call, since a signal's state changes while the call awaits. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function cancelled(operation: string): ScmClientError {
  return new ScmClientError({ kind: 'cancelled', message: `Stopped: ${operation} was cancelled.`, reason: 'It was cancelled.' });
}

/** "The host …" becomes "the host …" after "Could not …:"; "SCM" and host names stay as they are. */
function afterColon(sentence: string): string {
  return /^[A-Z][a-z]/.test(sentence) ? sentence[0]!.toLowerCase() + sentence.slice(1) : sentence;
}

function capitalized(name: string): string {
  return `${name[0]!.toUpperCase()}${name.slice(1)}`;
}

function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return value >= 1 ? `${Number.isInteger(value) ? value : value.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return `${Number.isInteger(value) || value >= 10 ? Math.round(value) : value.toFixed(1)} s`;
}

/** The sentence, the next step and the kind for a failure below HTTP; `service` names who failed to answer, as in mid-sentence. */
function connectionText(failure: ConnectionFailure, origin: string, idempotent: boolean, service: string): { kind: ScmClientError['kind']; reason: string; hint: string } {
  const url = new URL(origin);
  const host = url.hostname;
  const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
  const code = failure.code === undefined ? '' : ` (${failure.code})`;
  const mayHaveHappened = 'SCM may have done it anyway. Check before you try again; the console does this for you where it can.';
  switch (failure.cause) {
    case 'dns':
      return {
        kind: 'network',
        reason: `The host name ${host} could not be found${code}.`,
        hint: 'Check the spelling of the host in the profile, and that this computer’s DNS works and any VPN the host needs is connected.',
      };
    case 'refused':
      return {
        kind: 'network',
        reason: `${host} refused the connection on port ${port}${code}.`,
        hint: 'Check the port in the host address, and whether the service is down. The console connects directly, without a proxy: a network that lets the web out only through one blocks it.',
      };
    case 'tls':
      if (failure.certificate === 'other-name') {
        return {
          kind: 'network',
          reason: `The host's TLS certificate is not trusted${code}: it was issued for another name than ${host}.`,
          hint: 'Check the host name in the profile. A proxy that inspects TLS shows its own certificate, which the console refuses: it trusts the public CAs it comes with, not the system’s list.',
        };
      }
      if (failure.certificate === 'untrusted') {
        return {
          kind: 'network',
          reason: `The host's TLS certificate is not trusted${code}.`,
          hint: 'A proxy that inspects TLS is refused: the console trusts the public CAs it comes with, not the system’s list. Ask for SCM’s host to pass the proxy uninspected, and check that this computer’s clock and date are right.',
        };
      }
      return {
        kind: 'network',
        reason: `A secure (TLS) connection to ${host} could not be set up${code}.`,
        hint: 'Check that the host address is the https address of SCM and its port is right. A proxy that inspects TLS is refused (the console trusts the public CAs it comes with); check too that this computer’s clock is right.',
      };
    case 'timeout':
      if (failure.waitedFor === 'connection') {
        return {
          kind: 'network',
          reason: `${host} did not accept a connection in time${code}.`,
          hint: 'Check the network connection, and whether a firewall or proxy blocks the host; then try again.',
        };
      }
      return {
        kind: 'timeout',
        reason:
          failure.waitedFor === 'deadline' && failure.limit !== undefined
            ? `${capitalized(service)} did not finish answering within ${seconds(failure.limit)}.`
            : `${capitalized(service)} did not answer in time.`,
        hint: idempotent
          ? `Check the network, and whether a firewall or proxy slows or holds the connection; ${service} itself may be slow right now. Try again in a moment.`
          : mayHaveHappened,
      };
    case 'reset':
      return {
        kind: 'network',
        reason: `The connection to ${service} broke before it answered${code}.`,
        hint: idempotent ? 'Try again in a moment. If it keeps happening, a proxy or firewall may be cutting connections.' : mayHaveHappened,
      };
    case 'too-large':
      return {
        kind: 'protocol',
        reason: `${capitalized(service)}'s answer was too large: it passed the ${megabytes(failure.limit ?? 0)} the console accepts for this request, so the console stopped reading it.`,
        hint: idempotent
          ? `Ask for less at a time (a filter, one organization). If the host is not ${service}, or a proxy answered in its place, correct the host in the profile.`
          : `${mayHaveHappened} If the host is not ${service}, correct the host in the profile.`,
      };
    case undefined:
      return {
        kind: 'network',
        reason: `${capitalized(service)} could not be reached${code}.`,
        hint: 'Check the network connection and the host in the profile, then try again.',
      };
  }
}

const isWrite = (request: ScmRequest): boolean => request.method !== 'GET' && request.method !== 'HEAD';

/**
 * Whether a failed try may have reached SCM and been carried out: it was sent
 * and its answer was lost, or something between answered with a server error
 * (SCM's 503 and 429 say it did not do the work).
 */
function mayHaveReached(failure: Failure): boolean {
  if (failure.type === 'connection') return failure.failure.sent;
  if (failure.type === 'status') return failure.response.status >= 500 && failure.response.status !== 503;
  return true;
}

/**
 * A repeatable write's final error after an earlier try may have reached SCM:
 * whatever the last try met, the change may already be made.
 */
function mayAlreadyBeDone(error: ScmClientError): ScmClientError {
  if (error.outcomeUnknown) return error;
  const earlier = 'An earlier try may have reached SCM, so it may already have done it: check before you try again.';
  return new ScmClientError({
    kind: error.kind,
    message: error.message,
    reason: error.reason,
    ...(error.network === undefined ? {} : { network: error.network }),
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.scmDescription === undefined ? {} : { scmDescription: error.scmDescription }),
    hint: error.hint === undefined ? earlier : `${earlier} ${error.hint}`,
    anchor: error.anchor,
    outcomeUnknown: true,
  });
}

function finalError(request: ScmRequest, failure: Failure, origin: string): ScmClientError {
  if (failure.type === 'not-the-api') return notTheApiError(request, failure.answer, origin);
  if (failure.type === 'status') {
    return errorFromResponse(request.operation, failure.response.status, failure.response.body, retryAfterSeconds(failure.response.headers['retry-after']), { method: request.method, path: request.path });
  }
  return connectionError(request.operation, failure.failure, origin, request.idempotent);
}

/** Where a redirect points, named by its origin only: the rest of the address may carry anything. */
function redirectTarget(location: string | undefined, origin: string): string {
  if (location === undefined || location.trim() === '') return 'nowhere it named';
  try {
    const target = new URL(location, origin);
    return target.origin === origin ? 'another address on the same host' : target.origin === 'null' ? 'an address the console cannot read' : target.origin;
  } catch {
    return 'an address the console cannot read';
  }
}

/**
 * The error for an answer that is not the API's: never followed, never taken
 * for success. A write may have reached SCM before whatever answered in its
 * place did, so its outcome is unknown.
 */
function notTheApiError(request: ScmRequest, answer: NotTheApi, origin: string): ScmClientError {
  const write = isWrite(request);
  const reason =
    answer.kind === 'redirect'
      ? `SCM answered with a redirect (HTTP ${answer.status}) to ${redirectTarget(answer.location, origin)}, which the console does not follow.`
      : "The answer was a web page, not SCM's API.";
  const check = 'Check the host in the profile: it is SCM’s own https address, such as https://cert-manager.com. A proxy, a captive portal or a sign-in page may have answered in SCM’s place.';
  return new ScmClientError({
    kind: 'protocol',
    ...(answer.kind === 'redirect' ? { status: answer.status } : {}),
    message: `Could not ${request.operation}: ${afterColon(reason)}`,
    reason,
    hint: write ? `${check} SCM may have done it anyway: check before you try again.` : check,
    outcomeUnknown: write,
  });
}

/**
 * The error for a failure below HTTP: its cause, a sentence that stands alone,
 * a next step and the cause's handbook entry. `service` names who did not
 * answer, for the token service beside SCM.
 */
export function connectionError(operation: string, failure: ConnectionFailure, origin: string, idempotent: boolean, service = 'SCM'): ScmClientError {
  const { kind, reason, hint } = connectionText(failure, origin, idempotent, service);
  // A write that reached SCM may have been carried out; one that never left was not.
  const outcomeUnknown = failure.sent && (failure.cause !== 'too-large' || !idempotent);
  return new ScmClientError({
    kind,
    message: `Could not ${operation}: ${afterColon(reason)}`,
    reason,
    hint,
    ...(failure.cause === undefined ? {} : { network: failure.cause }),
    outcomeUnknown,
  });
}

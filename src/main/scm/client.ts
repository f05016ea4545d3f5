import type { z } from 'zod';
import { ScmClientError } from './errors';
import { ScmTransport, type HttpMethod, type Patience, type RetryPolicy, type ScmResponse, type TransportOptions } from './transport';

/** Password sign-in: the three headers on every call. The password is fetched per call, never kept. */
export interface PasswordAuth {
  kind: 'password';
  login: string;
  customerUri: string;
  password: () => Promise<string>;
}

export type ScmAuth = PasswordAuth;

export interface ScmClientOptions {
  /** The SCM host, e.g. `https://cert-manager.com`. */
  baseUrl: string;
  auth: ScmAuth;
  connections?: number;
  retry?: Partial<RetryPolicy>;
  timeouts?: TransportOptions['timeouts'];
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
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
  operation: string;
  signal?: AbortSignal;
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
  readonly #transport: ScmTransport;
  readonly #auth: ScmAuth;

  constructor(options: ScmClientOptions) {
    this.#transport = new ScmTransport({
      origin: options.baseUrl,
      ...(options.connections === undefined ? {} : { connections: options.connections }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
      ...(options.random === undefined ? {} : { random: options.random }),
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    });
    this.#auth = options.auth;
  }

  get origin(): string {
    return this.#transport.origin;
  }

  async call(options: CallOptions): Promise<ScmResponse> {
    const password = await this.#auth.password();
    return this.#transport.send({
      method: options.method,
      path: buildPath(options.path, options.query),
      headers: { login: this.#auth.login, password, customerUri: this.#auth.customerUri },
      body: options.body,
      idempotent: options.idempotent ?? options.method !== 'POST',
      patience: options.patience ?? 'normal',
      operation: options.operation,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
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

  close(): Promise<void> {
    return this.#transport.close();
  }
}

export function totalCount(response: ScmResponse, operation: string): number {
  const raw = response.headers['x-total-count'];
  if (raw === undefined || !/^\d+$/.test(raw.trim())) throw protocolError(operation, 'no X-Total-Count header');
  return Number(raw);
}

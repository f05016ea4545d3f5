import type { IncomingMessage } from 'node:http';
import type { SandboxCa } from './ca';
import { ScmError, cannotParseBody, invalidField, notAuthorized } from './errors';
import type { ResolvedOptions } from './options';
import type { Privilege, SignedInAdmin } from './state/model';
import type { SandboxStore } from './state/store';
import type { Scope } from './scope';

/** The largest page an SCM list answers. */
const maxPageSize = 200;

/** What a route handler gets for one request. */
export interface RouteContext {
  request: IncomingMessage;
  /** The signed-in admin, who always has a login. */
  admin: SignedInAdmin;
  scope: Scope;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The raw request body (empty when there was none). */
  rawBody: Buffer;
  store: SandboxStore;
  ca: SandboxCa;
  options: ResolvedOptions;
  /** The request's time, in milliseconds. */
  now: number;
  /** `http://127.0.0.1:port`, for Location headers. */
  origin: string;
}

export interface RouteResult {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless a Buffer (sent as is). */
  body?: unknown;
  /** Instead of `body`: a body already written out in parts, sent one after the other (see `reportAnswer`). */
  parts?: Buffer[];
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** A path with `{name}` parameters, e.g. `/api/ssl/v1/{sslId}`. */
  path: string;
  /** Allowed while the admin's password is temporary or expired (only the password routes). */
  allowWithExpiredPassword?: boolean;
  handler(context: RouteContext): RouteResult | Promise<RouteResult>;
}

export function ok(body: unknown, headers?: Record<string, string>): RouteResult {
  return { status: 200, body, ...(headers === undefined ? {} : { headers }) };
}

/** Rows gathered into a part before it is written out: about a megabyte of JSON. */
const reportPartChars = 1 << 20;

/**
 * A report as SCM answers one, `{"statusCode":0,"reports":[...]}`, written out
 * row by row into parts of about a megabyte. A report of 100,000 certificates is
 * some 80 MB of JSON; made as one string and then copied into one buffer, it
 * would take twice the memory and far more time collecting garbage. The rows are
 * rendered now, so the report shows the data as it was when it was asked for.
 */
export function reportAnswer<T>(rows: Iterable<T>, render: (row: T) => unknown, headers: Record<string, string>): RouteResult {
  const parts: Buffer[] = [];
  let pending = '{"statusCode":0,"reports":[';
  let first = true;
  for (const row of rows) {
    pending += (first ? '' : ',') + JSON.stringify(render(row));
    first = false;
    if (pending.length >= reportPartChars) {
      parts.push(Buffer.from(pending, 'utf8'));
      pending = '';
    }
  }
  parts.push(Buffer.from(`${pending}]}`, 'utf8'));
  return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8', ...headers }, parts };
}

/** SCM's create answer: 201, no body, the new id only in Location. */
export function created(context: RouteContext, path: string): RouteResult {
  return { status: 201, headers: { location: `${context.origin}${path}` } };
}

export function noContent(): RouteResult {
  return { status: 204 };
}

export function download(body: Buffer, filename: string): RouteResult {
  return {
    status: 200,
    headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${filename}"` },
    body,
  };
}

/** The JSON body as an object; SCM answers -1002 to a body it cannot parse. */
export function jsonBody(context: RouteContext, options: { optional?: boolean } = {}): Record<string, unknown> {
  const text = context.rawBody.toString('utf8').trim();
  if (text === '') {
    if (options.optional === true) return {};
    throw cannotParseBody();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw cannotParseBody();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw cannotParseBody();
  return parsed as Record<string, unknown>;
}

/** The JSON body as an array (bulk imports). */
export function jsonArrayBody(context: RouteContext): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(context.rawBody.toString('utf8'));
  } catch {
    throw cannotParseBody();
  }
  if (!Array.isArray(parsed)) throw cannotParseBody();
  return parsed;
}

/** A tenant after end of service (`--read-only`) refuses every change to certificates with -3. */
export function refuseWhenReadOnly(context: RouteContext, operation: string): void {
  if (context.options.readOnly) throw notAuthorized(operation);
}

/**
 * A bulk import of certificates made elsewhere: at most 128 per request, each
 * answered on its own (the certificate, or the reason it was not taken).
 */
export function importRoute(path: string, privilege: Privilege, importOne: (context: RouteContext, entry: unknown) => Record<string, unknown>): Route {
  return {
    method: 'POST',
    path,
    handler(context) {
      refuseWhenReadOnly(context, 'certificate import');
      context.scope.require(privilege, 'certificate import');
      const entries = jsonArrayBody(context);
      if (entries.length > 128) throw invalidField('certificates', 'at most 128 certificates per request');
      return ok(entries.map((entry) => importOne(context, entry)));
    },
  };
}

/** A numeric path parameter; SCM answers 404 for ids that are not numbers. */
export function idParam(context: RouteContext, name: string, notFound: () => ScmError): number {
  const raw = context.params[name] ?? '';
  if (!/^\d{1,12}$/.test(raw)) throw notFound();
  return Number(raw);
}

/**
 * `position` and `size` as SCM reads them: size defaults to 25, and a size
 * above 200 (SCM's documented maximum) is refused with -1601 rather than
 * quietly shortened, so a client that asks for more learns it at once.
 */
export function paging(context: RouteContext): { position: number; size: number } {
  const read = (name: string, fallback: number) => {
    const raw = context.query.get(name);
    if (raw === null || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) throw invalidField(name, 'must be a non-negative integer');
    return Number(raw);
  };
  const position = read('position', 0);
  const size = read('size', 25);
  if (size > maxPageSize) throw invalidField('size', `must not be greater than ${maxPageSize}`);
  return { position, size };
}

/** A bare array page with the total in X-Total-Count, as every SCM list answers. */
export function listPage<T, R>(context: RouteContext, rows: readonly T[], render: (row: T) => R): RouteResult {
  const { position, size } = paging(context);
  const page = rows.slice(position, position + size).map(render);
  return { status: 200, headers: { 'x-total-count': String(rows.length) }, body: page };
}

export function requireString(body: Record<string, unknown>, field: string, options: { max?: number; min?: number } = {}): string {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw new ScmError(400, -7, `${field} is required but missing`);
  if (typeof value !== 'string') throw invalidField(field, 'must be a string');
  if (options.max !== undefined && value.length > options.max) throw invalidField(field, `must be at most ${options.max} characters`);
  if (options.min !== undefined && value.length < options.min) throw invalidField(field, `must be at least ${options.min} characters`);
  return value;
}

export function optionalString(body: Record<string, unknown>, field: string, max?: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidField(field, 'must be a string');
  if (max !== undefined && value.length > max) throw invalidField(field, `must be at most ${max} characters`);
  return value;
}

export function requireInteger(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw new ScmError(400, -7, `${field} is required but missing`);
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw invalidField(field, 'must be a whole number');
  return number;
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidField(field, 'must be true or false');
  return value;
}

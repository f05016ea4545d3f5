import { z } from 'zod';
import { ScmClientError } from './errors';
import { parseWith, totalCount, type QueryValue, type ScmClient } from './client';
import type { ScmResponse } from './transport';
import { persist } from './transient';

export interface ListProgress {
  done: number;
  total: number;
}

export interface ListOptions {
  /** Rows per request; SCM allows at most 200. */
  pageSize?: number;
  /** Pages in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ListProgress) => void;
  /**
   * Rounds per page when all of a page's tries fail for a passing reason (SCM
   * busy, a dropped connection): for long listings, where one unlucky page
   * should not cost the rest. 1, the default, leaves retrying to the transport.
   */
  pageAttempts?: number;
  /** The pause before a page's second round, doubling after; 2 s unless told. */
  retryPauseMs?: number;
  /** For tests: the clock's sleep between rounds. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * More rows than any SCM list holds. An X-Total-Count above it is not believed,
 * and a listing that keeps finding rows past it is stopped, so a faulty or
 * hostile answer cannot make the console build an endless list.
 */
export const maxListRows = 10_000_000;

function tooManyRows(operation: string, count: number): ScmClientError {
  const said = Number.isSafeInteger(count) ? count.toLocaleString('en') : 'an impossible number of';
  const reason = `SCM said the list has ${said} rows, more than the ${maxListRows.toLocaleString('en')} the console accepts.`;
  return new ScmClientError({
    kind: 'protocol',
    message: `Could not ${operation}: ${reason}`,
    reason,
    hint: 'Narrow the list with a filter. If the host is SCM, report this with the SCM release: its X-Total-Count cannot be right.',
  });
}

/**
 * How many rows a list has, by its X-Total-Count: for a count or a search box
 * that shows the number without reading the list. A count that is missing,
 * malformed or beyond any list SCM holds is refused, never passed on.
 */
export function listCount(response: ScmResponse, operation: string): number {
  const count = totalCount(response, operation);
  if (count > maxListRows) throw tooManyRows(operation, count);
  return count;
}

/**
 * Every row of an SCM list, in order. The first page brings X-Total-Count; the
 * rest are fetched concurrently (bounded), and rows are yielded page by page in
 * order as soon as each page and all before it have arrived.
 *
 * The count is a promise SCM may not keep: rows can be added while the list is
 * read, and a faulty server may say less or more than it has. So a full page at
 * or past the promised end means there is more, and listing goes on until a
 * short page; a short page ends the list wherever it comes.
 */
export async function* listAll<T>(
  client: ScmClient,
  request: { path: string; query?: Record<string, QueryValue>; operation: string },
  row: z.ZodType<T>,
  options: ListOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const pageSize = Math.max(1, Math.min(options.pageSize ?? 200, 200));
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const pageSchema = z.array(row);
  // Pages still in flight when the listing ends early (a short page, a failure,
  // the caller stopping) are cancelled rather than left running.
  const stop = new AbortController();
  const onCancel = (): void => stop.abort(options.signal?.reason);
  if (options.signal?.aborted === true) stop.abort(options.signal.reason);
  options.signal?.addEventListener('abort', onCancel, { once: true });
  const fetchPage = (position: number): Promise<{ rows: T[]; total: number }> =>
    persist(() => readPage(position), {
      attempts: Math.max(1, options.pageAttempts ?? 1),
      pauseMs: options.retryPauseMs ?? 2_000,
      signal: stop.signal,
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    });
  const readPage = async (position: number): Promise<{ rows: T[]; total: number }> => {
    const response = await client.call({
      method: 'GET',
      path: request.path,
      query: { ...request.query, position, size: pageSize },
      operation: request.operation,
      signal: stop.signal,
    });
    let data: unknown;
    try {
      data = JSON.parse(response.body.toString('utf8'));
    } catch {
      throw new ScmClientError({ kind: 'protocol', message: `Could not ${request.operation}: SCM's answer was not JSON.`, reason: "SCM's answer was not JSON." });
    }
    return { rows: parseWith(pageSchema, data, request.operation), total: totalCount(response, request.operation) };
  };

  const pending = new Map<number, Promise<{ rows: T[]; total: number }>>();
  try {
    const first = await fetchPage(0);
    if (first.total > maxListRows) throw tooManyRows(request.operation, first.total);
    let done = first.rows.length;
    let more = first.rows.length >= pageSize;
    let total = more ? Math.max(first.total, done) : done;
    options.onProgress?.({ done, total });
    if (first.rows.length > 0) yield first.rows;
    // Positions below `end` are worth asking for; it grows when a full page reaches it.
    let end = more ? Math.max(first.total, pageSize + 1) : 0;
    let next = pageSize;
    const launch = (): void => {
      while (pending.size < concurrency && next < end) {
        const promise = fetchPage(next);
        // A page that fails before its turn, or is cancelled, must not be reported as unhandled.
        promise.catch(() => undefined);
        pending.set(next, promise);
        next += pageSize;
      }
    };
    for (let position = pageSize; more && position < end; position += pageSize) {
      launch();
      const page = await pending.get(position)!;
      pending.delete(position);
      done += page.rows.length;
      if (done > maxListRows) throw tooManyRows(request.operation, done);
      more = page.rows.length >= pageSize;
      if (more && position + pageSize >= end) end = position + pageSize + 1;
      total = more ? Math.max(total, done) : done;
      options.onProgress?.({ done, total });
      if (page.rows.length > 0) yield page.rows;
    }
  } finally {
    options.signal?.removeEventListener('abort', onCancel);
    if (pending.size > 0) stop.abort();
  }
}

/** Every row of a list, gathered into one array. */
export async function collectAll<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}

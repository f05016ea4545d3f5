import { z } from 'zod';
import { ScmClientError } from './errors';
import { parseWith, totalCount, type QueryValue, type ScmClient } from './client';

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
}

/**
 * Every row of an SCM list, in order. The first page brings X-Total-Count; the
 * rest are fetched concurrently (bounded), and rows are yielded page by page in
 * order as soon as each page and all before it have arrived.
 */
export async function* listAll<T>(
  client: ScmClient,
  request: { path: string; query?: Record<string, QueryValue>; operation: string },
  row: z.ZodType<T>,
  options: ListOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const pageSize = Math.min(options.pageSize ?? 200, 200);
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const pageSchema = z.array(row);
  const fetchPage = async (position: number): Promise<{ rows: T[]; total: number }> => {
    const response = await client.call({
      method: 'GET',
      path: request.path,
      query: { ...request.query, position, size: pageSize },
      operation: request.operation,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    let data: unknown;
    try {
      data = JSON.parse(response.body.toString('utf8'));
    } catch {
      throw new ScmClientError({ kind: 'protocol', message: `Could not ${request.operation}: SCM's answer was not JSON.` });
    }
    return { rows: parseWith(pageSchema, data, request.operation), total: totalCount(response, request.operation) };
  };

  const first = await fetchPage(0);
  const total = first.total;
  let done = first.rows.length;
  options.onProgress?.({ done, total });
  yield first.rows;
  if (first.rows.length < pageSize || first.rows.length >= total) return;

  const positions: number[] = [];
  for (let position = pageSize; position < total; position += pageSize) positions.push(position);
  const pending = new Map<number, Promise<{ rows: T[]; total: number }>>();
  let next = 0;
  const launch = (): void => {
    while (pending.size < concurrency && next < positions.length) {
      const position = positions[next]!;
      const promise = fetchPage(position);
      // A page that fails before its turn must not be reported as unhandled.
      promise.catch(() => undefined);
      pending.set(position, promise);
      next += 1;
    }
  };
  try {
    for (const position of positions) {
      launch();
      const page = await pending.get(position)!;
      pending.delete(position);
      done += page.rows.length;
      options.onProgress?.({ done, total });
      yield page.rows;
      launch();
    }
  } finally {
    pending.clear();
  }
}

/** Every row of a list, gathered into one array. */
export async function collectAll<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScmClient } from '../../src/main/scm/client';
import { collectAll, listAll, maxListRows, type ListProgress } from '../../src/main/scm/paging';
import { failure } from './scmHelpers';

/**
 * A list endpoint with `rows` rows that says it has `claimed` in X-Total-Count,
 * as a faulty or hostile server might, counting the pages asked for.
 */
interface LyingList {
  client: ScmClient;
  positions: number[];
}

const open: { server: Server; client: ScmClient }[] = [];

afterEach(async () => {
  for (const { server, client } of open.splice(0)) {
    await client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function lyingList(rows: number, claimed: string): Promise<LyingList> {
  const positions: number[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const position = Number(url.searchParams.get('position') ?? 0);
    const size = Number(url.searchParams.get('size') ?? 10);
    positions.push(position);
    const page = Array.from({ length: Math.max(0, Math.min(size, rows - position)) }, (_, index) => ({ sslId: position + index + 1 }));
    response.writeHead(200, { 'content-type': 'application/json', 'x-total-count': claimed });
    response.end(JSON.stringify(page));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new ScmClient({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    auth: { kind: 'password', login: 'rao', customerUri: 'lying', password: async () => 'irrelevant' },
  });
  open.push({ server, client });
  return { client, positions };
}

const sslRow = z.looseObject({ sslId: z.number() });

async function listEverything(list: LyingList, options: { pageSize?: number; concurrency?: number } = {}): Promise<{ ids: number[]; progress: ListProgress[] }> {
  const progress: ListProgress[] = [];
  const rows = await collectAll(listAll(list.client, { path: '/api/ssl/v1', operation: 'list SSL certificates' }, sslRow, { ...options, onProgress: (step) => progress.push({ ...step }) }));
  return { ids: rows.map((row) => row.sslId), progress };
}

const oneTo = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe('listing when X-Total-Count is wrong', () => {
  it('refuses an absurd count at once, without building anything in proportion to it', async () => {
    for (const claimed of ['1000000000000', String(maxListRows + 1), '9'.repeat(400)]) {
      const list = await lyingList(300, claimed);
      const error = await failure(listEverything(list));
      expect(error.kind).toBe('protocol');
      expect(error.message).toMatch(/^Could not list SSL certificates: SCM said the list has .+ rows, more than the 10,000,000 the console accepts\.$/);
      expect(list.positions).toEqual([0]);
    }
    const list = await lyingList(300, '1000000000000');
    expect((await failure(listEverything(list))).reason).toBe('SCM said the list has 1,000,000,000,000 rows, more than the 10,000,000 the console accepts.');
  });

  it('keeps reading past a count one lower than the truth, so no row is dropped', async () => {
    const list = await lyingList(1000, '999');
    const { ids, progress } = await listEverything(list);
    expect(ids).toEqual(oneTo(1000));
    expect(progress.every((step) => step.done <= step.total)).toBe(true);
    expect(progress.at(-1)).toEqual({ done: 1000, total: 1000 });
  });

  it('keeps reading when the first page is full though the count says it is all', async () => {
    for (const claimed of ['200', '150', '0']) {
      const list = await lyingList(350, claimed);
      const { ids, progress } = await listEverything(list);
      expect(ids).toEqual(oneTo(350));
      expect(progress.every((step) => step.done <= step.total)).toBe(true);
      expect(progress.at(-1)).toEqual({ done: 350, total: 350 });
    }
  });

  it('finds every row when the count is far too low, in order, at any concurrency', async () => {
    for (const concurrency of [1, 3, 8]) {
      const list = await lyingList(2345, '10');
      const { ids, progress } = await listEverything(list, { concurrency, pageSize: 100 });
      expect(ids).toEqual(oneTo(2345));
      expect(progress.every((step) => step.done <= step.total)).toBe(true);
      expect(progress.at(-1)).toEqual({ done: 2345, total: 2345 });
    }
  });

  it('stops at the first short page when the count is too high, and says it is done', async () => {
    const list = await lyingList(450, '5000');
    const { ids, progress } = await listEverything(list, { concurrency: 4 });
    expect(ids).toEqual(oneTo(450));
    expect(progress.at(-1)).toEqual({ done: 450, total: 450 });
    // Only the pages in flight when the short one came were asked for beyond it, not all 25.
    expect(Math.max(...list.positions)).toBeLessThanOrEqual(400 + 4 * 200);
  });

  it('reads an honest list whole, asking once more only when the last page is exactly full', async () => {
    const uneven = await lyingList(1234, '1234');
    expect((await listEverything(uneven)).ids).toEqual(oneTo(1234));
    expect(uneven.positions.sort((a, b) => a - b)).toEqual([0, 200, 400, 600, 800, 1000, 1200]);
    const even = await lyingList(400, '400');
    expect((await listEverything(even)).ids).toEqual(oneTo(400));
    expect(even.positions.sort((a, b) => a - b)).toEqual([0, 200, 400]);
  });
});

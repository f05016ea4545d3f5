import { describe, expect, it } from 'vitest';
import { routes } from '../../src/sandbox/routes';
import { callerFor, useSandbox } from './helpers';

const sandbox = useSandbox();

/** The lists SCM documents with position, size and X-Total-Count that the sandbox answers. */
const pagedLists = [
  '/api/admin/v1',
  '/api/cscert/v1',
  '/api/dcv/v1/validation',
  '/api/domain/v1',
  '/api/notification/v1',
  '/api/person/v1',
  '/api/smime/v2',
  '/api/ssl/v1',
];

describe('sandbox paging', () => {
  it('finds every paged list among its routes: those that answer X-Total-Count', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const found: string[] = [];
    for (const route of routes) {
      if (route.method !== 'GET' || route.path.includes('{')) continue;
      const reply = await mrao('GET', route.path);
      if (reply.headers.has('x-total-count')) found.push(route.path);
    }
    expect(found.sort()).toEqual(pagedLists);
  });

  it.each(pagedLists)('refuses size above 200 on %s with 400 -1601, and takes 200', async (path) => {
    const mrao = callerFor(sandbox(), 'mrao');
    for (const size of [201, 500, 100_000]) {
      const reply = await mrao('GET', `${path}?position=0&size=${size}`);
      expect(reply.status, `${path} size=${size}`).toBe(400);
      expect(reply.json).toEqual({ code: -1601, description: "Field 'size' has invalid value: must not be greater than 200" });
    }
    const head = await mrao('HEAD', `${path}?size=201`);
    expect(head.status).toBe(400);
    const largest = await mrao('GET', `${path}?size=200`);
    expect(largest.status, largest.text).toBe(200);
    expect((largest.json as unknown[]).length).toBeLessThanOrEqual(200);
  });

  it('answers 25 rows when size is omitted, and pages with position', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const first = await mrao('GET', '/api/ssl/v1');
    expect(first.json as unknown[]).toHaveLength(25);
    expect(Number(first.headers.get('x-total-count'))).toBeGreaterThan(25);
    const second = await mrao('GET', '/api/ssl/v1?position=1&size=2');
    expect(second.json).toEqual((first.json as unknown[]).slice(1, 3));
  });
});

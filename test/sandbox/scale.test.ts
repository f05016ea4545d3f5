import { describe, expect, it } from 'vitest';
import { callerFor, useSandbox } from './helpers';

const sandbox = useSandbox({ certificates: 100_000 });

describe('a sandbox with 100,000 certificates', () => {
  it('pages through every certificate exactly once', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const head = await mrao('HEAD', '/api/ssl/v1');
    const total = Number(head.headers.get('x-total-count'));
    expect(total).toBe(100_000);
    const seen = new Set<number>();
    for (let position = 0; position < total; position += 200) {
      const page = await mrao('GET', `/api/ssl/v1?position=${position}&size=200`);
      expect(page.status).toBe(200);
      expect(page.headers.get('x-total-count')).toBe(String(total));
      for (const row of page.json as { sslId: number }[]) seen.add(row.sslId);
    }
    expect(seen.size).toBe(100_000);
  }, 120_000);

  it('answers the SSL report with every certificate in one response', async () => {
    const report = await callerFor(sandbox(), 'mrao')('POST', '/api/report/v1/ssl-certificates', {});
    expect(report.status).toBe(200);
    expect((report.json as { reports: unknown[] }).reports).toHaveLength(100_000);
  }, 60_000);
});

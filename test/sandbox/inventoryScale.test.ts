import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox';
import { passwordOf, testClock } from './helpers';

/*
 * A tenant the size of a large university: the sandbox must seed it and answer its reports of all
 * of it. The times are printed, never checked: on an idle two-core machine 100,000 certificates seed
 * in under 2 s and their report is answered in about 1 s, and a busy machine must not fail a test.
 */

describe.each([20_000, 100_000])('a sandbox seeded with %i SSL certificates', (certificates) => {
  it('starts in seconds with a tenth as many client certificates, and answers an MRAO’s reports of all of them', async () => {
    const started = performance.now();
    const s = await startSandbox({ certificates, now: testClock().now });
    const seedMs = performance.now() - started;
    try {
      expect(s.store.ssl.size).toBe(certificates);
      expect(s.store.persons.size).toBe(certificates / 10);
      expect(s.store.smime.size).toBeGreaterThan(certificates / 10 - certificates / 100);
      expect(s.store.smime.size).toBeLessThan(certificates / 10 + certificates / 100);

      const read = async (kind: string) => {
        const asked = performance.now();
        const response = await fetch(`${s.url}/api/report/v1/${kind}`, {
          method: 'POST',
          headers: { login: 'mrao', password: passwordOf(s, 'mrao'), customerUri: s.customerUri, 'content-type': 'application/json' },
          body: '{}',
        });
        const answeredMs = performance.now() - asked;
        const text = await response.text();
        const rows = (JSON.parse(text) as { reports: { id: number; status: string }[] }).reports;
        return { status: response.status, rows, answeredMs, readMs: performance.now() - asked, megabytes: text.length / 1e6 };
      };
      const ssl = await read('ssl-certificates');
      expect(ssl.status).toBe(200);
      expect(ssl.rows).toHaveLength(certificates);
      const statuses = (rows: { status: string }[]) => rows.reduce((counts, row) => counts.set(row.status, (counts.get(row.status) ?? 0) + 1), new Map<string, number>());
      expect(statuses(ssl.rows)).toEqual(statuses(s.records.sslCertificates()));
      const client = await read('client-certificates');
      expect(client.rows).toHaveLength(s.store.smime.size);

      const round = (ms: number) => Math.round(ms);
      console.info(
        `${certificates} SSL certificates: seeded in ${round(seedMs)} ms; SSL report (${ssl.megabytes.toFixed(1)} MB) answered in ${round(ssl.answeredMs)} ms, ` +
          `read and parsed in ${round(ssl.readMs)} ms; client report of ${client.rows.length} (${client.megabytes.toFixed(1)} MB) in ${round(client.readMs)} ms`,
      );
    } finally {
      await s.stop();
    }
  }, 120_000);
});

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../src/main/console';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { healthReport } from '../../src/main/services/health';
import { healthCheckIds, healthReportSchema, maxHealthItems, type HealthCheck } from '../../src/shared/health';

const cores: ConsoleCore[] = [];

afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

async function consoleCore(): Promise<ConsoleCore> {
  const core = await createConsoleCore({
    userDataDir: await mkdtemp(join(tmpdir(), 'tcs-health-')),
    shell: 'browser',
    openInSystemBrowser: null,
    credentials: new MemoryCredentialStore(),
    sandbox: { certificates: 20 },
  });
  cores.push(core);
  return core;
}

describe('the health checks in the app', () => {
  it('asks to sign in first', async () => {
    const core = await consoleCore();
    const answer = await core.dispatch('health:check', undefined);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'auth', anchor: 'connecting#profiles' } });
  });

  it('runs the doctor’s checks for the signed-in session, each with a verdict, a title and where to read more', async () => {
    const core = await consoleCore();
    expect((await core.session.signIn('sandbox')).status).toBe('signed-in');
    const answer = await core.dispatch('health:check', undefined);
    expect(answer.ok).toBe(true);
    const report = healthReportSchema.parse(answer.ok ? answer.value : undefined);
    expect(report.checks.map((check) => check.id)).toEqual([...healthCheckIds]);
    expect(report.checks[0]).toMatchObject({ id: 'connection', verdict: 'OK', title: 'Connection to SCM', detail: expect.stringMatching(/^signed in to http:\/\/127\.0\.0\.1:\d+ as rao$/) });
    // The practice tenant has a department with the REST API off, and validations ending soon.
    expect(report.checks.find((check) => check.id === 'rest-api')).toMatchObject({ verdict: 'WARN', anchor: 'procedure-rest-api-org#step-enable-ssl-api', items: ['University Library (1004)'], itemCount: 1 });
    expect(report.verdict).toBe('WARN');
    expect(report.checks.every((check) => check.title !== '' && check.detail !== '')).toBe(true);
  });

  it('records its order probe in the audit log, which lists it', async () => {
    const core = await consoleCore();
    await core.session.signIn('sandbox');
    await core.dispatch('health:check', undefined);
    const page = await core.dispatch('audit:list', { offset: 0, limit: 10 });
    expect(page).toMatchObject({ ok: true, value: { total: 1, rows: [{ operation: 'check whether the tenant accepts orders', tenant: 'built-in sandbox', profileId: 'sandbox', result: 'failed' }] } });
    expect(await core.dispatch('audit:list', { offset: 0, limit: 501 })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const exported = await core.dispatch('audit:export', { filter: { result: 'failed' } });
    expect(exported).toMatchObject({ ok: true, value: { count: 1, total: 1, fileName: expect.stringMatching(/^tcs-admin-audit-\d{4}-\d{2}-\d{2}\.csv$/) } });
  });

  it('answers two checks asked at once with one round of requests', async () => {
    const core = await consoleCore();
    await core.session.signIn('sandbox');
    const [first, second] = await Promise.all([core.health.check(), core.health.check()]);
    expect(second).toBe(first);
    const audit = await core.audit.list({ offset: 0, limit: 10 });
    expect(audit.total).toBe(1);
  });
});

describe('a health report', () => {
  it('keeps the worst verdict and cuts long lists to what an answer holds, saying how many there are', () => {
    const many: HealthCheck = { id: 'certificates', verdict: 'WARN', title: 'Certificates ending soon', detail: '250 issued certificate(s) expire within 30 days', items: Array.from({ length: 250 }, (_, n) => `host-${n}.example.org (${n}) in 3 days`), itemCount: 250 };
    const failed: HealthCheck = { id: 'writable', verdict: 'FAIL', title: 'Certificate orders', detail: 'The tenant is read-only', items: [], itemCount: 0 };
    const report = healthReport([many, failed], Date.UTC(2026, 0, 2));
    expect(report.verdict).toBe('FAIL');
    expect(report.checkedAt).toBe('2026-01-02T00:00:00.000Z');
    expect(report.checks[0]!.items).toHaveLength(maxHealthItems);
    expect(report.checks[0]!.itemCount).toBe(250);
    expect(healthReportSchema.safeParse(report).success).toBe(true);
  });
});

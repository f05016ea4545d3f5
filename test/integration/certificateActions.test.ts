import { X509Certificate } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../src/main/console';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { ScmClient } from '../../src/main/scm/client';
import { act, type ActionContext } from '../../src/main/services/certificates/actions';
import { startSandbox } from '../../src/sandbox';
import { startProxy } from '../support/checklists';
import type { CertificateFilter, CertificateSort } from '../../src/shared/certificates';
import type { ArgsOf, Channel, ValueOf } from '../../src/shared/contract';
import type { AppError } from '../../src/shared/result';
import { jobEnded } from '../support/jobs';

const cores: ConsoleCore[] = [];

afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

async function signedIn(): Promise<ConsoleCore> {
  const core = await createConsoleCore({
    userDataDir: await mkdtemp(join(tmpdir(), 'tcs-certificate-actions-')),
    shell: 'browser',
    openInSystemBrowser: null,
    credentials: new MemoryCredentialStore(),
    sandbox: { certificates: 600, issueDelaySeconds: 0 },
  });
  cores.push(core);
  await core.session.signIn('sandbox');
  const job = await call(core, 'jobs:start', { kind: 'certificates:load' });
  expect((await jobEnded(core.jobs, job)).state).toBe('done');
  return core;
}

async function call<C extends Channel>(core: ConsoleCore, channel: C, args: ArgsOf<C>): Promise<ValueOf<C>> {
  const result = await core.dispatch(channel, args);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { error: result.error });
  return result.value as ValueOf<C>;
}

async function refusal<C extends Channel>(core: ConsoleCore, channel: C, args: ArgsOf<C>): Promise<AppError> {
  const result = await core.dispatch(channel, args);
  if (result.ok) throw new Error(`${channel} was not refused`);
  return result.error;
}


const byName: CertificateSort = { column: 'commonName', desc: false };

async function some(core: ConsoleCore, filter: CertificateFilter, count = 1) {
  const window = await call(core, 'certificates:window', { filter, sort: byName, offset: 0, limit: 500 });
  const rows = window.rows.filter((row) => row.commonName !== '');
  expect(rows.length).toBeGreaterThanOrEqual(count);
  return rows.slice(0, count);
}

describe('acting on one certificate', () => {
  it('collects the chain leaf to root, and shows it parsed in the details', async () => {
    const core = await signedIn();
    const [row] = await some(core, { kind: 'ssl', state: 'issued' });
    const collected = await call(core, 'certificates:act', { action: 'collect', key: row!.key, format: 'chain' });
    const pems = collected.files[0]!.text!.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    expect(pems.length).toBeGreaterThan(1);
    const chain = pems.map((pem) => new X509Certificate(pem));
    for (let index = 0; index < chain.length - 1; index += 1) expect(chain[index]!.checkIssued(chain[index + 1]!)).toBe(true);
    const rootFirst = await call(core, 'certificates:act', { action: 'collect', key: row!.key, format: 'pem' });
    expect(rootFirst.files[0]!.text).toContain('BEGIN CERTIFICATE');

    const details = await call(core, 'certificates:details', { key: row!.key });
    expect(details.parsed?.chain.length).toBe(chain.length);
    expect(details.parsed?.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(details.fields.some((field) => field.name === 'commonName')).toBe(true);
    expect(details.actions.find((action) => action.action === 'approve')).toMatchObject({ allowed: false });
    expect(details.actions.find((action) => action.action === 'revoke')).toMatchObject({ allowed: true });
  });

  it('revokes only once the common name is typed, and SCM then says Revoked with the reason', async () => {
    const core = await signedIn();
    const [row] = await some(core, { kind: 'ssl', state: 'issued' });
    const wrong = await refusal(core, 'certificates:act', { action: 'revoke', key: row!.key, reasonCode: 4, reason: 'Superseded by a new server', confirm: 'something else' });
    expect(wrong).toMatchObject({ kind: 'validation', field: 'confirm' });
    const sandbox = await core.sandbox.ensure();
    expect(sandbox.store.ssl.get(row!.id)?.status).toBe('Issued');
    await call(core, 'certificates:act', { action: 'revoke', key: row!.key, reasonCode: 4, reason: 'Superseded by a new server', confirm: row!.commonName.toUpperCase() });
    expect(sandbox.store.ssl.get(row!.id)).toMatchObject({ status: 'Revoked', reasonCode: 4 });
    const window = await call(core, 'certificates:window', { filter: { q: row!.commonName }, sort: byName, offset: 0, limit: 500 });
    expect(window.rows.find((candidate) => candidate.key === row!.key)?.state).toBe('revoked');
  });

  it('approves and declines certificates awaiting approval', async () => {
    const core = await signedIn();
    const [first, second] = await some(core, { attention: 'approval' }, 2);
    await call(core, 'certificates:act', { action: 'approve', key: first!.key, message: 'Looks right' });
    await call(core, 'certificates:act', { action: 'decline', key: second!.key, message: 'Wrong organization' });
    const sandbox = await core.sandbox.ensure();
    expect(sandbox.store.ssl.get(first!.id)?.status).not.toBe('Requested');
    expect(sandbox.store.ssl.get(second!.id)?.status).toBe('Declined');
    expect(await refusal(core, 'certificates:act', { action: 'approve', key: second!.key, message: 'again' })).toMatchObject({ kind: 'validation' });
  });

  it('renews with a new key made here, and builds a PKCS#12 from the renewal and that key', async () => {
    const core = await signedIn();
    const [row] = await some(core, { kind: 'ssl', state: 'issued', profile: 'Sandbox OV SSL' });
    const renewed = await call(core, 'certificates:act', { action: 'renew', key: row!.key, csr: { mode: 'generate', keyType: 'EC-P-256', passphrase: 'correct horse battery' } });
    expect(renewed.newKey).toMatch(/^ssl-\d+$/);
    const keyFile = renewed.files[0]!.text!;
    expect(keyFile).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    const sandbox = await core.sandbox.ensure();
    const newId = Number(renewed.newKey!.slice(4));
    expect(sandbox.store.ssl.get(newId)?.renewedFromId).toBe(row!.id);
    if (sandbox.store.ssl.get(newId)!.status === 'Requested') await call(core, 'certificates:act', { action: 'approve', key: renewed.newKey!, message: 'Renewal' });
    await call(core, 'certificates:details', { key: renewed.newKey! });
    const wrongPassphrase = await refusal(core, 'certificates:act', { action: 'pkcs12', key: renewed.newKey!, keyFile, keyPassphrase: 'wrong', password: 'p12 password' });
    expect(wrongPassphrase).toMatchObject({ kind: 'validation', field: 'keyPassphrase' });
    const pkcs12 = await call(core, 'certificates:act', { action: 'pkcs12', key: renewed.newKey!, keyFile, keyPassphrase: 'correct horse battery', password: 'p12 password' });
    expect(pkcs12.files[0]!.fileName).toMatch(/\.p12$/);
    expect(Buffer.from(pkcs12.files[0]!.base64!, 'base64').length).toBeGreaterThan(1000);
    const otherKey = await refusal(core, 'certificates:act', { action: 'pkcs12', key: row!.key, keyFile, keyPassphrase: 'correct horse battery', password: 'p12 password' });
    expect(otherKey).toMatchObject({ field: 'keyFile' });
  });
});

describe('acting on many certificates', () => {
  it('revokes 200 through faults, each exactly once, and says what happened to each', async () => {
    const core = await signedIn();
    const window = await call(core, 'certificates:window', { filter: { kind: 'ssl', state: 'issued' }, sort: byName, offset: 0, limit: 500 });
    const keys = window.rows.slice(0, 200).map((row) => row.key);
    expect(keys).toHaveLength(200);
    const skippedKey = (await some(core, { attention: 'approval' }))[0]!.key;
    const missingReason = await refusal(core, 'certificates:plan', { action: 'revoke', selection: { keys }, options: { reasonCode: 5 } });
    expect(missingReason).toMatchObject({ field: 'reason' });
    const plan = await call(core, 'certificates:plan', { action: 'revoke', selection: { keys: [...keys, skippedKey] }, options: { reasonCode: 5, reason: 'Service closed' } });
    expect(plan.counts).toMatchObject({ planned: 200, skipped: 1 });
    const sandbox = await core.sandbox.ensure();
    const before = sandbox.store.activity.length;
    sandbox.faults.faultRate = 0.1;
    const job = await call(core, 'jobs:start', { kind: 'certificates:bulk', planId: plan.planId });
    expect((await jobEnded(core.jobs, job)).state).toBe('done');
    sandbox.faults.faultRate = 0;
    const result = await call(core, 'certificates:bulkGet', { planId: plan.planId });
    expect(result.counts).toMatchObject({ done: 200, skipped: 1, failed: 0, unknown: 0 });
    const revocations = sandbox.store.activity.slice(before).filter((entry) => entry.action === 'SSL certificate revoked');
    const ids = keys.map((key) => Number(key.slice(4)));
    expect(revocations).toHaveLength(200);
    expect(new Set(revocations.map((entry) => Number(entry.details.split(' ')[0])))).toEqual(new Set(ids));
    for (const id of ids) expect(sandbox.store.ssl.get(id)?.status).toBe('Revoked');
    // Each revocation is in the audit log as done, also one whose first answer was lost and whose
    // repeat SCM answered "already revoked".
    const audited = await call(core, 'audit:list', { filter: { operation: 'revoke SSL certificate' }, offset: 0, limit: 500 });
    expect(audited.rows.every((record) => record.result === 'ok')).toBe(true);
    expect(new Set(audited.rows.flatMap((record) => record.objectIds.map(Number)))).toEqual(new Set(ids));
    const summary = await call(core, 'certificates:bulkFile', { planId: plan.planId, kind: 'summary' });
    expect(summary.text!.trim().split('\r\n')).toHaveLength(202);
    expect(await refusal(core, 'jobs:start', { kind: 'certificates:bulk', planId: plan.planId })).toMatchObject({ kind: 'validation' });
  });

  it('collects every certificate a filter selects into one zip', async () => {
    const core = await signedIn();
    const filter: CertificateFilter = { kind: 'ssl', state: 'issued', expiresWithin: 120 };
    const plan = await call(core, 'certificates:plan', { action: 'collect', selection: { filter }, options: { format: 'chain' } });
    expect(plan.counts.planned).toBeGreaterThan(0);
    const job = await call(core, 'jobs:start', { kind: 'certificates:bulk', planId: plan.planId });
    expect((await jobEnded(core.jobs, job)).state).toBe('done');
    const zip = await call(core, 'certificates:bulkFile', { planId: plan.planId, kind: 'certificates' });
    expect(Buffer.from(zip.base64!, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('an answer lost on the way back', () => {
  it('finds the renewal SCM made instead of ordering a second one', async () => {
    const sandbox = await startSandbox({ certificates: 60, issueDelaySeconds: 0 });
    const proxy = await startProxy(sandbox.url);
    const login = sandbox.logins.find((entry) => entry.login === 'mrao')!;
    const client = new ScmClient({ baseUrl: proxy.url, auth: { kind: 'password', login: login.login, customerUri: sandbox.customerUri, password: async () => login.password } });
    try {
      const original = [...sandbox.store.ssl.values()].find((certificate) => certificate.status === 'Issued' && certificate.profileId === 3001 && certificate.commonName !== '')!;
      const context: ActionContext = { client, identity: null, row: async () => undefined, rows: async () => [], update: async () => undefined, now: Date.now() };
      proxy.rules.push({ method: 'POST', path: /\/api\/ssl\/v1\/renewById\//, times: 1, fate: 'lose-answer' });
      const renewed = await act(context, { action: 'renew', key: `ssl-${original.id}`, csr: { mode: 'same' } });
      const renewals = [...sandbox.store.ssl.values()].filter((certificate) => certificate.renewedFromId === original.id);
      expect(renewals).toHaveLength(1);
      expect(renewed.newKey).toBe(`ssl-${renewals[0]!.id}`);
      expect(proxy.seen.filter((request) => request.startsWith('POST /api/ssl/v1/renewById/'))).toHaveLength(1);
    } finally {
      await client.close();
      await proxy.close();
      await sandbox.stop();
    }
  });
});

import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { SslApi } from '../../src/main/scm/ssl';
import { certificateFingerprint, csrFingerprint, keyFingerprint, openKey } from '../../src/main/services/certificates/localKey';
import { Notices } from '../../src/main/services/notices';
import { ProfileService } from '../../src/main/services/profiles';
import { startSandbox } from '../../src/sandbox';
import type { ChecklistRun, StepState } from '../../src/shared/checklists';
import { checklistWorld, refusalOf, type ChecklistApp, type ChecklistWorld } from '../support/checklists';
import { sink } from './scmHelpers';

/**
 * The checklist “first SSL certificate, with a key made here” against a
 * tenant of its own: names checked up front, the key made once, the order
 * sent once (also when its answer is lost), issuance on the tenant's clock,
 * and the files saved beside the key.
 */

const passphrase = 'a long passphrase for the key';
const issueDelaySeconds = 30;
let world: ChecklistWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

function stateOf(run: ChecklistRun, stepId: string): StepState {
  return run.steps.find((step) => step.id === stepId)!.state;
}

function stepOf(run: ChecklistRun, stepId: string) {
  return run.steps.find((step) => step.id === stepId)!;
}

async function signedIn(login: string): Promise<{ app: ChecklistApp; profileId: string }> {
  world = await checklistWorld({ issueDelaySeconds });
  const app = world.start();
  const profileId = await world.profileFor(app, login);
  app.signIn(profileId);
  return { app, profileId };
}

/** The tenant's certificates for a name, as the MRAO sees them. */
async function ordersFor(commonName: string): Promise<number[]> {
  const ids: number[] = [];
  for await (const page of new SslApi(world!.as('mrao')).list({ commonName })) ids.push(...page.map((row) => row.id));
  return ids;
}

describe('the first certificate checklist', () => {
  it('makes the key here, orders once, waits for issuance and saves the certificate, chain and PKCS#12 beside the key, across a restart', async () => {
    const { app, profileId } = await signedIn('rao');
    const folder = await mkdtemp(join(tmpdir(), 'tcs-first-cert-'));
    const keyFile = join(folder, 'www.key');
    const commonName = 'first-cert.sandbox-university.example';

    const prepared = await app.checklists.prepare('first-certificate');
    expect(prepared.blockers).toEqual([]);
    expect(prepared.choices.profileId?.map((choice) => choice.value)).toContain(3001);
    expect(prepared.choices.keyType?.map((choice) => choice.value)).toEqual(['RSA-2048', 'RSA-3072', 'RSA-4096', 'EC-P-256', 'EC-P-384']);

    const inputs = { orgId: 1001, profileId: 3001, term: 365, keyType: 'EC-P-256', commonName, subjectAlternativeNames: ['www.elsewhere.example'], keyFile, bundles: ['pkcs12'], customFields: [{ name: 'Service owner', value: 'web team' }] };
    const refused = await refusalOf(app.checklists.start('first-certificate', inputs));
    expect(refused.fields).toEqual([expect.objectContaining({ field: 'subjectAlternativeNames', message: expect.stringContaining('www.elsewhere.example') as unknown })]);
    const expired = await refusalOf(app.checklists.start('first-certificate', { ...inputs, subjectAlternativeNames: ['www.old-project.example'] }));
    expect(expired.fields?.[0]?.message).toContain('not validated');
    const wrongKey = await refusalOf(app.checklists.start('first-certificate', { ...inputs, profileId: 3003, subjectAlternativeNames: [] }));
    expect(wrongKey.fields?.map((field) => field.field)).toEqual(['keyType']);
    const noOwner = await refusalOf(app.checklists.start('first-certificate', { ...inputs, subjectAlternativeNames: [], customFields: [] }));
    expect(noOwner.fields).toEqual([expect.objectContaining({ field: 'customFields', message: expect.stringContaining('Service owner') as unknown })]);
    expect(prepared.defaults.customFields).toEqual([{ name: 'Service owner', value: '' }]);
    expect(await readdir(folder)).toEqual([]);

    let run = await app.checklists.start('first-certificate', { ...inputs, subjectAlternativeNames: ['sandbox-university.example'] });
    expect(JSON.stringify(run)).not.toContain(passphrase);
    run = await app.checklists.advance(run.id, 'check-names', 'run');
    expect(stateOf(run, 'check-names')).toBe('verified');

    // The key waits for its passphrase, which is asked for and held outside the run.
    let plan = await app.checklists.plan(run.id);
    expect(plan.stepId).toBe('make-key');
    expect(plan.secret).toEqual({ label: expect.objectContaining({ key: 'first-certificate.secret.passphrase' }) as unknown, environment: 'TCS_KEY_PASSPHRASE', held: false });
    expect(plan.blockers.map((blocker) => blocker.key)).toEqual(['first-certificate.blockers.passphrase']);
    await app.checklists.holdSecret(run.id, 'short');
    expect((await app.checklists.plan(run.id)).blockers.map((blocker) => blocker.key)).toEqual(['first-certificate.blockers.passphraseShort']);
    await app.checklists.holdSecret(run.id, passphrase);
    plan = await app.checklists.plan(run.id);
    expect(plan.secret?.held).toBe(true);
    expect(plan.blockers).toEqual([]);
    run = await app.checklists.advance(run.id, 'make-key', 'run');
    expect(stateOf(run, 'make-key')).toBe('done');
    const keyPem = await readFile(keyFile, 'utf8');
    expect(keyPem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect(((await stat(keyFile)).mode & 0o777).toString(8)).toBe('600');
    const key = openKey(keyPem, passphrase);
    const csr = await readFile(join(folder, 'www.csr'), 'utf8');
    expect(csrFingerprint(csr)).toBe(keyFingerprint(key));

    // The console restarts: the passphrase is gone, the key stays as it was.
    const again = world!.start();
    again.signIn(profileId);
    expect((await again.checklists.plan(run.id, 'make-key')).secret?.held).toBe(false);

    // The order's answer is lost once: the client finds the order by its mark, and SCM has one.
    world!.proxy.rules.push({ method: 'POST', path: /^\/api\/ssl\/v1\/enroll$/, times: 1, fate: 'lose-answer' });
    plan = await again.checklists.plan(run.id);
    expect(plan.requests).toEqual([expect.objectContaining({ as: 'rao', method: 'POST', path: '/api/ssl/v1/enroll' })]);
    run = await again.checklists.advance(run.id, 'enroll', 'run');
    expect(stepOf(run, 'enroll').error).toBeNull();
    expect(stateOf(run, 'enroll')).toBe('done');
    const orders = await ordersFor(commonName);
    expect(orders).toHaveLength(1);
    expect(run.facts.sslId).toBe(orders[0]);
    expect(stepOf(run, 'enroll').sent).toEqual([expect.objectContaining({ as: 'rao', method: 'POST', path: '/api/ssl/v1/enroll' })]);

    // The RAO may approve automatically: the order went to Sectigo at once.
    run = await again.checklists.advance(run.id, 'approve', 'run');
    expect(stateOf(run, 'approve')).toBe('skipped');
    expect(stepOf(run, 'approve').outcome?.text).toContain('Applied');

    world!.clock.advance((issueDelaySeconds + 1) * 1000);
    run = await again.checklists.advance(run.id, 'await-issue', 'run');
    expect(stateOf(run, 'await-issue')).toBe('verified');

    // Saving the PKCS#12 needs the passphrase again, and refuses a wrong one.
    expect((await again.checklists.plan(run.id)).blockers.map((blocker) => blocker.key)).toEqual(['first-certificate.blockers.passphrase']);
    await again.checklists.holdSecret(run.id, 'not the right passphrase');
    run = await again.checklists.advance(run.id, 'save', 'run');
    expect(stateOf(run, 'save')).toBe('failed');
    expect(stepOf(run, 'save').outcome?.key).toBe('first-certificate.problems.wrongPassphrase');
    await again.checklists.holdSecret(run.id, passphrase);
    run = await again.checklists.advance(run.id, 'save', 'run');
    expect(stateOf(run, 'save')).toBe('done');
    expect(run.status).toBe('done');

    expect((await readdir(folder)).sort()).toEqual(['www-chain.pem', 'www.crt', 'www.csr', 'www.key', 'www.p12']);
    expect(await readFile(keyFile, 'utf8')).toBe(keyPem);
    const certificate = await readFile(join(folder, 'www.crt'), 'utf8');
    expect(certificateFingerprint(certificate)).toBe(keyFingerprint(key));
    const chain = await readFile(join(folder, 'www-chain.pem'), 'utf8');
    expect(chain.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    const pfx = await readFile(join(folder, 'www.p12'));
    expect(() => createSecureContext({ pfx, passphrase })).not.toThrow();
    expect(await ordersFor(commonName)).toHaveLength(1);

    run = await again.checklists.verifyAll(run.id);
    expect(run.lastCheck?.results.every((result) => result.holds)).toBe(true);

    // No secret in what the console keeps.
    const kept = [await readFile(world!.runFilePath(profileId), 'utf8'), await readFile(join(world!.folder, 'audit.jsonl'), 'utf8').catch(() => ''), (await again.checklists.exportRun(run.id, 'md')).text];
    for (const text of kept) {
      expect(text).not.toContain(passphrase);
      expect(text).not.toContain('PRIVATE KEY');
    }
  }, 120_000);

  it('calls an order placed when its status cannot be read just after, and leaves the approval step to check it', async () => {
    const { app } = await signedIn('rao');
    const folder = await mkdtemp(join(tmpdir(), 'tcs-first-cert-unread-'));
    const commonName = 'unread-status.sandbox-university.example';
    let run = await app.checklists.start('first-certificate', { orgId: 1001, profileId: 3001, term: 365, keyType: 'EC-P-256', commonName, subjectAlternativeNames: [], keyFile: join(folder, 'unread.key'), bundles: [], customFields: [{ name: 'Service owner', value: 'web team' }] });
    run = await app.checklists.advance(run.id, 'check-names', 'run');
    await app.checklists.holdSecret(run.id, passphrase);
    run = await app.checklists.advance(run.id, 'make-key', 'run');
    // SCM takes the order; every read of it just after fails.
    const unreadable = { method: 'GET', path: /^\/api\/ssl\/v1\/\d+$/, times: 50, fate: 'answer' as const, reply: { status: 503, body: { code: -1, description: 'busy' } } };
    world!.proxy.rules.push(unreadable);
    run = await app.checklists.advance(run.id, 'enroll', 'run');
    world!.proxy.rules.splice(world!.proxy.rules.indexOf(unreadable), 1);
    expect(stepOf(run, 'enroll').error).toBeNull();
    expect(stateOf(run, 'enroll')).toBe('done');
    expect(stepOf(run, 'enroll').details.map((detail) => detail.key)).toEqual(['first-certificate.outcomes.statusUnread']);
    expect(await ordersFor(commonName)).toEqual([run.facts.sslId]);
    // Not known to have gone to Sectigo at once, so approval is not skipped: checking it finds the order applied.
    run = await app.checklists.advance(run.id, 'approve', 'verify');
    expect(stateOf(run, 'approve')).toBe('verified');
    expect(await ordersFor(commonName)).toHaveLength(1);
  });

  it('turns approval into a step done by hand for a DRAO who may not approve, verified once another admin approved', async () => {
    const { app } = await signedIn('drao-physics');
    const folder = await mkdtemp(join(tmpdir(), 'tcs-first-cert-'));
    const commonName = 'lab.physics.sandbox-university.example';
    let run = await app.checklists.start('first-certificate', { orgId: 1002, profileId: 3001, term: 365, keyType: 'RSA-2048', commonName, keyFile: join(folder, 'lab.key'), customFields: [{ name: 'Service owner', value: 'physics' }] });
    run = await app.checklists.advance(run.id, 'check-names', 'run');
    await app.checklists.holdSecret(run.id, passphrase);
    run = await app.checklists.advance(run.id, 'make-key', 'run');
    run = await app.checklists.advance(run.id, 'enroll', 'run');
    expect(stateOf(run, 'enroll')).toBe('done');

    const plan = await app.checklists.plan(run.id);
    expect(plan.stepId).toBe('approve');
    expect(plan.kind).toBe('manual');
    expect(plan.copy.map((entry) => entry.value)).toEqual([String(run.facts.sslId)]);
    run = await app.checklists.advance(run.id, 'approve', 'verify');
    expect(stateOf(run, 'approve')).toBe('pending');
    expect(run.status).toBe('needs-manual');

    await new SslApi(world!.as('mrao')).approve(run.facts.sslId as number, 'Approved by the MRAO');
    run = await app.checklists.advance(run.id, 'approve', 'verify');
    expect(stateOf(run, 'approve')).toBe('verified');

    world!.clock.advance((issueDelaySeconds + 1) * 1000);
    run = await app.checklists.advance(run.id, 'await-issue', 'run');
    expect(stateOf(run, 'await-issue')).toBe('verified');
    run = await app.checklists.advance(run.id, 'save', 'run');
    expect(run.status).toBe('done');
    expect((await readdir(folder)).sort()).toEqual(['lab-chain.pem', 'lab.crt', 'lab.csr', 'lab.key']);
    expect(await ordersFor(commonName)).toHaveLength(1);
  }, 120_000);
});

describe('tcs-admin checklist run first-certificate', () => {
  it('runs the whole checklist from a file with --yes, the passphrase from TCS_KEY_PASSPHRASE, against a fresh tenant', async () => {
    const tenant = await startSandbox({ certificates: 0, issueDelaySeconds: 0 });
    try {
      const folder = await mkdtemp(join(tmpdir(), 'tcs-cli-first-cert-'));
      const keys = await mkdtemp(join(tmpdir(), 'tcs-cli-first-cert-keys-'));
      const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
      await profiles.create({ name: 'University Tenant', host: tenant.url, customerUri: tenant.customerUri, login: 'rao', authKind: 'password' });
      const input = join(keys, 'inputs.json');
      const commonName = 'cli.sandbox-university.example';
      await writeFile(input, JSON.stringify({ orgId: 1001, profileId: 3002, term: 365, keyType: 'RSA-2048', commonName, subjectAlternativeNames: ['cli2.sandbox-university.example'], keyFile: join(keys, 'cli.key'), customFields: [{ name: 'Service owner', value: 'ci' }] }));
      const password = tenant.logins.find((candidate) => candidate.login === 'rao')!.password;
      const run = async (env: NodeJS.ProcessEnv) => {
        const stdout = sink();
        const stderr = sink();
        const code = await main(['checklist', 'run', 'first-certificate', '--input', input, '--yes', '--profile', 'University Tenant', '--user-data', folder], { json: false, stdout, stderr }, env, { credentials: new MemoryCredentialStore() });
        return { code, stdout: stdout.text(), stderr: stderr.text() };
      };

      const without = await run({ SCM_PASSWORD: password });
      expect(without.code).not.toBe(0);
      expect(without.stderr).toContain('TCS_KEY_PASSPHRASE');
      expect(await readdir(keys)).toEqual(['inputs.json']);

      const done = await run({ SCM_PASSWORD: password, TCS_KEY_PASSPHRASE: passphrase });
      expect(done.stderr).not.toContain(passphrase);
      expect(done.stdout).not.toContain(passphrase);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(/Run first-certificate-\d{8}-[0-9a-f]{8}: Done \(6 of 6 steps finished\)/);
      expect((await readdir(keys)).sort()).toEqual(['cli-chain.pem', 'cli.crt', 'cli.csr', 'cli.key', 'inputs.json']);
      const key = openKey(await readFile(join(keys, 'cli.key'), 'utf8'), passphrase);
      expect(certificateFingerprint(await readFile(join(keys, 'cli.crt'), 'utf8'))).toBe(keyFingerprint(key));
      expect([...tenant.store.ssl.values()].filter((certificate) => certificate.commonName === commonName)).toHaveLength(1);
    } finally {
      await tenant.stop();
    }
  }, 120_000);
});

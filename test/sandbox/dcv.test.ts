import { describe, expect, it } from 'vitest';
import { createDomain, limitedAdmin } from './domains-helpers';
import { callerFor, useSandbox, type ScmCaller } from './helpers';
import { makeCsr } from './ssl-helpers';

const delaySeconds = 30;
const sandbox = useSandbox({ firstLoginChange: 'none', issueDelaySeconds: delaySeconds });
/** Lets the sandbox's stand-in for the DNS, HTTP or mail check complete, by moving its clock. */
const passCheckDelay = () => sandbox.passIssueDelay();

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const dayMs = 24 * 60 * 60 * 1000;
const submitted = { status: 'NOT_VALIDATED', orderStatus: 'SUBMITTED', message: 'Submitted successfully', orderBackendId: expect.stringMatching(/^\d+$/) };

interface StatusView {
  status: string;
  validationDate?: string;
  expirationDate?: string;
  orderStatus: string;
  orderMode?: string;
  submittedDate?: string;
  lastCheck?: string;
  nextCheck?: string;
  [field: string]: unknown;
}

interface ListRow {
  domain: string;
  dcvStatus: string;
  dcvMethod: string | null;
  dcvOrderStatus: string;
  dcvOrderMethod: string | null;
  expirationDate: string | null;
}

const status = async (call: ScmCaller, domain: string) => (await call('POST', '/api/dcv/v2/validation/status', { domain })).json as StatusView;

/** Expects a submitted order still pending, lets the check's delay pass, and expects the domain validated. */
async function expectValidatedAfterDelay(call: ScmCaller, domain: string, method: string, validationMethod: string, id: number): Promise<void> {
  expect(await status(call, domain)).toMatchObject({ status: 'NOT_VALIDATED', orderStatus: 'SUBMITTED' });
  passCheckDelay();
  const after = await status(call, domain);
  expect(after).toEqual({ status: 'VALIDATED', validationDate: expect.stringMatching(isoDay), expirationDate: expect.stringMatching(isoDay), orderStatus: 'NOT_INITIATED' });
  expect((Date.parse(after.expirationDate!) - Date.parse(after.validationDate!)) / dayMs).toBe(397);
  expect(after.validationDate).toBe(new Date(sandbox.clock.now()).toISOString().slice(0, 10));
  const details = (await call('GET', `/api/domain/v1/${id}`)).json;
  expect(details).toMatchObject({ validationStatus: 'VALIDATED', validationMethod, dcvValidation: after.validationDate, dcvExpiration: after.expirationDate });
  const row = ((await call('GET', `/api/dcv/v1/validation?domain=${domain}`)).json as ListRow[]).find((candidate) => candidate.domain === domain);
  expect(row).toEqual({ domain, dcvStatus: 'VALIDATED', dcvMethod: method, dcvOrderStatus: 'NOT_INITIATED', dcvOrderMethod: method, expirationDate: after.expirationDate });
}

describe('sandbox DCV runs, one per method', () => {
  it('validates by CNAME: start gives host and point, submit, SUBMITTED, then VALIDATED after the delay', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const id = await createDomain(mrao, 'cname-run.example');
    const started = await mrao('POST', '/api/dcv/v1/validation/start/domain/cname', { domain: 'cname-run.example' });
    expect(started.status).toBe(200);
    expect(started.json).toEqual({
      host: expect.stringMatching(/^_[0-9a-f]{32}\.cname-run\.example\.$/),
      point: expect.stringMatching(/^[0-9a-f]{32}\.[0-9a-f]{32}\.sectigo\.com\.$/),
    });
    expect(await status(mrao, 'cname-run.example')).toMatchObject({ status: 'NOT_VALIDATED', orderStatus: 'AWAITING_SUBMISSION', orderMode: 'CNAME' });
    const reply = await mrao('POST', '/api/dcv/v1/validation/submit/domain/cname', { domain: 'cname-run.example' });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(submitted);
    const pending = await status(mrao, 'cname-run.example');
    expect(pending).toEqual({
      status: 'NOT_VALIDATED',
      orderStatus: 'SUBMITTED',
      orderMode: 'CNAME',
      host: (started.json as { host: string }).host,
      point: (started.json as { point: string }).point,
      orderBackendId: (reply.json as { orderBackendId: string }).orderBackendId,
      submittedDate: expect.stringMatching(isoDay),
      lastCheck: expect.stringMatching(isoTime),
      nextCheck: expect.stringMatching(isoTime),
    });
    expect(Date.parse(pending.nextCheck!) - Date.parse(pending.lastCheck!)).toBe(delaySeconds * 1000);
    await expectValidatedAfterDelay(mrao, 'cname-run.example', 'CNAME', 'CNAME_CSR_HASH', id);
  });

  for (const scheme of ['http', 'https'] as const) {
    it(`validates by ${scheme.toUpperCase()}: start gives the file under /.well-known/pki-validation`, async () => {
      const mrao = callerFor(sandbox(), 'mrao');
      const name = `${scheme}-run.example`;
      const id = await createDomain(mrao, name);
      const started = await mrao('POST', `/api/dcv/v1/validation/start/domain/${scheme}`, { domain: name });
      expect(started.status).toBe(200);
      expect(started.json).toEqual({
        url: expect.stringMatching(new RegExp(`^${scheme}://${scheme}-run\\.example/\\.well-known/pki-validation/[0-9A-F]{32}\\.txt$`)),
        firstLine: expect.stringMatching(/^[0-9a-f]{64}$/),
        secondLine: 'sectigo.com',
      });
      const reply = await mrao('POST', `/api/dcv/v1/validation/submit/domain/${scheme}`, { domain: name });
      expect(reply.json).toEqual(submitted);
      expect(await status(mrao, name)).toMatchObject({ orderStatus: 'SUBMITTED', orderMode: scheme.toUpperCase(), ...(started.json as object) });
      await expectValidatedAfterDelay(mrao, name, scheme.toUpperCase(), `${scheme.toUpperCase()}_CSR_HASH`, id);
    });
  }

  it('validates by TXT, which needs no start: submit gives the _pki-validation record', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const id = await createDomain(mrao, 'txt-run.example');
    const reply = await mrao('POST', '/api/dcv/v1/validation/submit/domain/txt', { domain: 'txt-run.example' });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ...submitted, host: '_pki-validation.txt-run.example.', point: expect.stringMatching(/^\S{16,}$/) });
    expect(await status(mrao, 'txt-run.example')).toMatchObject({ orderStatus: 'SUBMITTED', orderMode: 'TXT', host: '_pki-validation.txt-run.example.' });
    await expectValidatedAfterDelay(mrao, 'txt-run.example', 'TXT', 'DNSTXT_RANDOM_VALUE', id);
  });

  it('validates by email: start lists the addresses, submit takes one of them and gives a reference number', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const id = await createDomain(mrao, 'email-run.example');
    const started = await mrao('POST', '/api/dcv/v1/validation/start/domain/email', { domain: 'email-run.example' });
    expect(started.status).toBe(200);
    const standard = ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map((mailbox) => `${mailbox}@email-run.example`);
    expect(started.json).toEqual({
      emails: ['pki@sandbox-university.example', ...standard],
      dcvEmails: [{ domainName: 'email-run.example', whoisEmails: ['pki@sandbox-university.example'], adminEmails: standard, dnsTxtEmails: [] }],
    });
    const outsider = await mrao('POST', '/api/dcv/v1/validation/submit/domain/email', { domain: 'email-run.example', email: 'someone@elsewhere.example' });
    expect(outsider.status).toBe(400);
    expect(outsider.json).toMatchObject({ code: -1601 });
    expect((await mrao('POST', '/api/dcv/v1/validation/submit/domain/email', { domain: 'email-run.example' })).json).toMatchObject({ code: -7 });
    const reply = await mrao('POST', '/api/dcv/v1/validation/submit/domain/email', { domain: 'email-run.example', email: 'Hostmaster@email-run.example' });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ...submitted, emailValidationReferenceNumber: expect.stringMatching(/^\d{10}$/) });
    expect(await status(mrao, 'email-run.example')).toMatchObject({
      orderStatus: 'SUBMITTED',
      orderMode: 'EMAIL',
      validationEmail: 'hostmaster@email-run.example',
      emailValidationReferenceNumber: (reply.json as { emailValidationReferenceNumber: string }).emailValidationReferenceNumber,
    });
    await expectValidatedAfterDelay(mrao, 'email-run.example', 'EMAIL', 'EMAIL', id);
  });

  it('validates several domains by one email address in bulk, or none when one cannot take it', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    await createDomain(mrao, 'bulk-a.example');
    await createDomain(mrao, 'bulk-b.example');
    await createDomain(mrao, 'bulk-elsewhere.example', [1005]);
    const bulkStart = await mrao('POST', '/api/dcv/v1/validation/start/domain/email', { domains: ['bulk-a.example', 'bulk-b.example'] });
    expect(bulkStart.json).toMatchObject({ emails: ['pki@sandbox-university.example'], dcvEmails: [{ domainName: 'bulk-a.example' }, { domainName: 'bulk-b.example' }] });
    const refused = await mrao('POST', '/api/dcv/v1/validation/submit-bulk/domain/email', { domains: ['bulk-a.example', 'bulk-elsewhere.example'], email: 'pki@sandbox-university.example' });
    expect(refused.json).toMatchObject({ code: -1601 });
    expect(await status(mrao, 'bulk-a.example')).toMatchObject({ orderStatus: 'NOT_INITIATED' });
    const reply = await mrao('POST', '/api/dcv/v1/validation/submit-bulk/domain/email', { domains: ['bulk-a.example', 'bulk-b.example'], email: 'pki@sandbox-university.example' });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ orderStatus: 'SUBMITTED', message: 'Submitted successfully', orderBackendId: expect.stringMatching(/^\d+$/) });
    passCheckDelay();
    expect(await status(mrao, 'bulk-a.example')).toMatchObject({ status: 'VALIDATED' });
    expect(await status(mrao, 'bulk-b.example')).toMatchObject({ status: 'VALIDATED' });
  });

  it('answers the same through the v2 paths', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    await createDomain(mrao, 'v2-run.example');
    expect((await mrao('POST', '/api/dcv/v2/validation/start/domain/txt', { domain: 'v2-run.example' })).json).toMatchObject({ message: expect.stringContaining('does not require start') });
    expect((await mrao('POST', '/api/dcv/v2/validation/start/domain/cname', { domain: 'v2-run.example' })).status).toBe(200);
    expect((await mrao('POST', '/api/dcv/v2/validation/submit/domain/cname', { domain: 'v2-run.example' })).json).toEqual(submitted);
    expect((await mrao('POST', '/api/dcv/v1/validation/start/domain/txt', { domain: 'v2-run.example' })).status).toBe(404);
  });
});

describe('sandbox DCV refusals', () => {
  it('refuses to submit CNAME, HTTP or HTTPS before the matching start (-724)', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    await createDomain(mrao, 'early.example');
    const early = await mrao('POST', '/api/dcv/v1/validation/submit/domain/cname', { domain: 'early.example' });
    expect(early.status).toBe(400);
    expect(early.json).toEqual({ code: -724, description: "The request for 'early.example' cannot be processed since it's domain validation status is Not initiated." });
    await mrao('POST', '/api/dcv/v1/validation/start/domain/http', { domain: 'early.example' });
    expect((await mrao('POST', '/api/dcv/v1/validation/submit/domain/cname', { domain: 'early.example' })).json).toMatchObject({ code: -724 });
    expect((await mrao('POST', '/api/dcv/v1/validation/submit/domain/https', { domain: 'early.example' })).json).toMatchObject({ code: -724 });
    expect((await mrao('POST', '/api/dcv/v1/validation/submit/domain/http', { domain: 'early.example' })).status).toBe(200);
    expect((await mrao('POST', '/api/dcv/v1/validation/start/domain/cname', { domain: 'early.example' })).json).toMatchObject({ code: -724 });
    expect((await mrao('POST', '/api/dcv/v1/validation/submit/domain/txt', { domain: 'early.example' })).json).toMatchObject({ code: -724 });
  });

  it('refuses unknown, out-of-scope, suspended and sub-domains, and a missing domain', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const unknown = await rao('POST', '/api/dcv/v1/validation/start/domain/cname', { domain: 'nowhere.example' });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ code: -727, description: "The domain 'nowhere.example' does not exist." });
    expect((await rao('POST', '/api/dcv/v2/validation/status', { domain: 'institute.example' })).json).toMatchObject({ code: -727 });
    expect((await callerFor(s, 'rao-institute')('POST', '/api/dcv/v2/validation/status', { domain: 'institute.example' })).json).toMatchObject({ status: 'VALIDATED' });
    const suspended = await rao('POST', '/api/dcv/v1/validation/start/domain/cname', { domain: 'retired.example' });
    expect(suspended.json).toEqual({ code: -715, description: "The domain 'retired.example' is inactive." });
    const below = await rao('POST', '/api/dcv/v1/validation/start/domain/cname', { domain: 'www.sandbox-university.example' });
    expect(below.status).toBe(400);
    expect(below.json).toMatchObject({ code: -723 });
    expect((await rao('POST', '/api/dcv/v2/validation/status', {})).json).toMatchObject({ code: -7 });
    expect((await rao('POST', '/api/dcv/v2/validation/status', { domain: 'ab' })).json).toMatchObject({ code: -1601 });
  });

  it('needs allowDCV, answering -3 without it', async () => {
    const s = sandbox();
    const limited = await limitedAdmin(s, 'dcv-no-privilege', ['sslRequest', 'allowManageDomains']);
    const expected = { code: -3, description: 'You are not authorized to perform DCV validation.' };
    const list = await limited('GET', '/api/dcv/v1/validation');
    expect(list.status).toBe(400);
    expect(list.json).toEqual(expected);
    expect((await limited('POST', '/api/dcv/v2/validation/status', { domain: 'sandbox-university.example' })).json).toEqual(expected);
    expect((await limited('POST', '/api/dcv/v1/validation/start/domain/cname', { domain: 'sandbox-university.example' })).json).toEqual(expected);
    expect((await limited('GET', '/api/domain/v1/4001')).status).toBe(200);
  });
});

describe('sandbox DCV coverage of subdomains', () => {
  it('reports a name below a validated domain as validated by it', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const parent = await status(rao, 'sandbox-university.example');
    expect(await status(rao, 'www.sandbox-university.example')).toEqual(parent);
    expect(await status(rao, 'deep.www.physics.sandbox-university.example')).toEqual(await status(rao, 'physics.sandbox-university.example'));
  });

  it('validates the registered domains below a domain with it, and starts new ones validated', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const parent = await createDomain(mrao, 'cover.example');
    const child = await createDomain(mrao, 'www.cover.example');
    const wildcard = await createDomain(mrao, '*.cover.example');
    expect((await mrao('GET', `/api/domain/v1/${child}`)).json).toMatchObject({ validationStatus: 'NOT_VALIDATED' });
    await mrao('POST', '/api/dcv/v1/validation/submit/domain/txt', { domain: 'cover.example' });
    expect(await status(mrao, 'www.cover.example')).toMatchObject({ orderStatus: 'SUBMITTED', orderMode: 'TXT' });
    passCheckDelay();
    for (const id of [parent, child, wildcard]) expect((await mrao('GET', `/api/domain/v1/${id}`)).json).toMatchObject({ validationStatus: 'VALIDATED', validationMethod: 'DNSTXT_RANDOM_VALUE' });
    const later = await createDomain(mrao, 'api.cover.example');
    const expiration = ((await mrao('GET', `/api/domain/v1/${parent}`)).json as { dcvExpiration: string }).dcvExpiration;
    expect((await mrao('GET', `/api/domain/v1/${later}`)).json).toMatchObject({ validationStatus: 'VALIDATED', dcvExpiration: expiration });
  });
});

describe('sandbox DCV and SSL enrollment', () => {
  it('lets SSL enrollment through once the domain, and the registered domain below it, are validated', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    await createDomain(mrao, 'enroll-gate.example');
    await createDomain(mrao, 'www.enroll-gate.example');
    const enroll = async (name: string) =>
      mrao('POST', '/api/ssl/v1/enroll', {
        orgId: 1001,
        csr: (await makeCsr('ec256', name)).pem,
        certType: 3001,
        term: 365,
        customFields: [{ name: 'Service owner', value: 'dcv-tests' }],
      });
    expect((await enroll('host.enroll-gate.example')).json).toMatchObject({ code: -1137 });
    expect((await enroll('api.www.enroll-gate.example')).json).toMatchObject({ code: -1137 });
    await mrao('POST', '/api/dcv/v1/validation/submit/domain/txt', { domain: 'enroll-gate.example' });
    passCheckDelay();
    for (const name of ['host.enroll-gate.example', 'api.www.enroll-gate.example']) {
      const reply = await enroll(name);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.json).toMatchObject({ sslId: expect.any(Number) });
    }
  });
});

describe('sandbox DCV status, sync, clear and delete', () => {
  it('answers the deprecated v1 status with the four basic fields', async () => {
    const reply = await callerFor(sandbox(), 'rao')('POST', '/api/dcv/v1/validation/status', { domain: 'sandbox-university.example' });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ status: 'VALIDATED', validationDate: expect.stringMatching(isoDay), expirationDate: expect.stringMatching(isoDay), orderStatus: 'NOT_INITIATED' });
    expect((await callerFor(sandbox(), 'rao')('POST', '/api/dcv/v1/validation/status', { domain: 'library.sandbox-university.example' })).json).toEqual({ status: 'NOT_VALIDATED', orderStatus: 'NOT_INITIATED' });
  });

  it('syncs, clears an order but keeps the validation, and deletes the validation', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const id = await createDomain(mrao, 'lifecycle.example');
    await mrao('POST', '/api/dcv/v1/validation/submit/domain/txt', { domain: 'lifecycle.example' });
    passCheckDelay();
    const synced = await mrao('POST', '/api/dcv/v1/validation/sync?force=true', { domain: 'lifecycle.example' });
    expect(synced.status).toBe(200);
    expect(synced.json).toMatchObject({ status: 'VALIDATED', orderStatus: 'NOT_INITIATED' });

    await mrao('POST', '/api/dcv/v1/validation/start/domain/cname', { domain: 'lifecycle.example' });
    const cleared = await mrao('POST', '/api/dcv/v1/validation/clear', { domain: 'lifecycle.example' });
    expect(cleared.status).toBe(200);
    expect(cleared.json).toEqual({ status: 'VALIDATED', orderStatus: 'NOT_INITIATED', message: 'DCV status: VALIDATED; DCV order status: NOT_INITIATED' });
    expect((await mrao('POST', '/api/dcv/v1/validation/submit/domain/cname', { domain: 'lifecycle.example' })).json).toMatchObject({ code: -724 });

    const deleted = await mrao('POST', '/api/dcv/v1/validation/delete', { domain: 'lifecycle.example' });
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect(await status(mrao, 'lifecycle.example')).toEqual({ status: 'NOT_VALIDATED', orderStatus: 'NOT_INITIATED' });
    expect((await mrao('GET', `/api/domain/v1/${id}`)).json).not.toHaveProperty('dcvExpiration');
  });
});

describe('sandbox DCV list', () => {
  it('lists rows in upper snake case with X-Total-Count, pages, and counts with HEAD', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const all = await rao('GET', '/api/dcv/v1/validation?size=200');
    expect(all.status).toBe(200);
    const rows = all.json as ListRow[];
    expect(all.headers.get('x-total-count')).toBe(String(rows.length));
    expect(rows.map((row) => row.domain)).not.toContain('institute.example');
    expect(rows.find((row) => row.domain === 'library.sandbox-university.example')).toEqual({
      domain: 'library.sandbox-university.example',
      dcvStatus: 'NOT_VALIDATED',
      dcvMethod: null,
      dcvOrderStatus: 'NOT_INITIATED',
      dcvOrderMethod: null,
      expirationDate: null,
    });
    expect(rows.find((row) => row.domain === 'old-project.example')).toMatchObject({ dcvStatus: 'EXPIRED', dcvMethod: 'EMAIL', expirationDate: expect.stringMatching(isoDay) });
    const page = await rao('GET', '/api/dcv/v1/validation?position=1&size=2');
    expect(page.json).toEqual(rows.slice(1, 3));
    const head = await rao('HEAD', '/api/dcv/v1/validation?dcvStatus=EXPIRED');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('x-total-count')).toBe('1');
  });

  it('filters by domain, org, department, DCV status, order status and expiresIn', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const names = async (query: string) => ((await rao('GET', `/api/dcv/v1/validation?size=200&${query}`)).json as ListRow[]).map((row) => row.domain);
    expect(await names('domain=physics')).toEqual(['physics.sandbox-university.example']);
    expect(await names('dcvStatus=EXPIRED')).toEqual(['old-project.example']);
    expect(await names('dcvStatus=Expired')).toEqual(['old-project.example']);
    expect(await names('department=1002')).toEqual(['physics.sandbox-university.example']);
    expect(await names('org=1001&domain=sandbox-university')).toEqual(
      expect.arrayContaining(['sandbox-university.example', 'physics.sandbox-university.example', 'cs.sandbox-university.example', 'library.sandbox-university.example']),
    );
    const soon = await names('expiresIn=30');
    expect(soon).toContain('physics.sandbox-university.example');
    expect(soon).not.toContain('sandbox-university.example');
    expect(soon).not.toContain('old-project.example');
    expect(await names('orderStatus=NOT_INITIATED&domain=library')).toEqual(['library.sandbox-university.example']);
    expect(await names('org=&department=&domain=physics&expiresIn=&dcvStatus=&orderStatus=')).toEqual(['physics.sandbox-university.example']);
    expect((await rao('GET', '/api/dcv/v1/validation?dcvStatus=GREEN')).json).toMatchObject({ code: -1601 });
    expect((await rao('GET', '/api/dcv/v1/validation?expiresIn=soon')).json).toMatchObject({ code: -1601 });
  });

  it('shows a DRAO only its department’s domains', async () => {
    const rows = (await callerFor(sandbox(), 'drao-physics')('GET', '/api/dcv/v1/validation')).json as ListRow[];
    expect(rows.map((row) => row.domain)).toEqual(['physics.sandbox-university.example']);
  });
});

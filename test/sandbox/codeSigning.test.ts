import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { callerFor, useSandbox, withSandbox, type ScmCaller } from './helpers';
import { expectError, makeForeignCertificate } from './smime-helpers';

const rowFields = ['backendCertId', 'commonName', 'expires', 'id', 'orgId', 'owner', 'serialNumber', 'status', 'subject', 'issued'].sort();
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

interface Row {
  id: number;
  orgId: number;
  status: string;
  serialNumber: string;
  [field: string]: unknown;
}

interface ImportResult {
  cert?: { id: number; subject: string; serialNumber: string };
  created?: boolean;
  errorMessage?: string;
}

const sandbox = useSandbox();

async function list(call: ScmCaller, query = ''): Promise<{ rows: Row[]; total: number }> {
  const reply = await call('GET', `/api/cscert/v1${query}`);
  expect(reply.status, reply.text).toBe(200);
  return { rows: reply.json as Row[], total: Number(reply.headers.get('x-total-count')) };
}

const colon = (certificate: X509Certificate) => certificate.serialNumber.match(/.{2}/g)!.join(':');
const oneLine = (name: string) => name.split('\n').join(', ');

async function importOne(call: ScmCaller, element: Record<string, unknown>): Promise<ImportResult> {
  const reply = await call('POST', '/api/cscert/v1/import', [element]);
  expect(reply.status, reply.text).toBe(200);
  return (reply.json as ImportResult[])[0]!;
}

describe('code signing list (a sandbox decision: GET /api/cscert/v1)', () => {
  it('lists the seeded certificates with paging, X-Total-Count and HEAD', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const { rows, total } = await list(rao);
    expect(total).toBe(3);
    expect(rows.map((row) => row.id)).toEqual([7001, 7002, 7003]);
    expect(Object.keys(rows[0]!).sort()).toEqual(rowFields);
    expect(Object.keys(rows[2]!).sort()).toEqual([...rowFields, 'reasonCode', 'revoked'].sort());
    expect(rows[0]).toMatchObject({ orgId: 1001, status: 'Issued', commonName: 'Sandbox University Software 1' });
    expect(rows[0]!.issued).toMatch(isoDay);
    expect(rows[0]!.serialNumber).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2})+$/);
    expect(rows[2]).toMatchObject({ status: 'Revoked', reasonCode: 1 });
    const page = await list(rao, '?position=1&size=1');
    expect(page).toEqual({ rows: [rows[1]], total: 3 });
    const head = await rao('HEAD', '/api/cscert/v1?status=Issued');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('x-total-count')).toBe('2');
    expect((await list(rao, '?status=revoked')).rows.map((row) => row.id)).toEqual([7003]);
    expect((await list(rao, '?commonName=software%202')).rows.map((row) => row.id)).toEqual([7002]);
    expect((await list(rao, `?serialNumber=${rows[0]!.serialNumber.replace(/:/g, '')}`)).rows.map((row) => row.id)).toEqual([7001]);
    expectError(await rao('GET', '/api/cscert/v1?status=Shiny'), 400, -1601);
  });

  it('shows certificates to admins with a code-signing role for the organization only', async () => {
    const s = sandbox();
    expect((await list(callerFor(s, 'mrao'))).total).toBeGreaterThanOrEqual(3);
    expect((await list(callerFor(s, 'drao-physics'))).total).toBe(0);
    expect((await list(callerFor(s, 'rao-institute'))).total).toBe(0);
    expect((await list(callerFor(s, 'api-automation'))).total).toBe(0);
  });

  it('keeps the seeded certificates without a PEM', () => {
    for (const certificate of sandbox().store.codeSigning.values()) if (certificate.id < 8000) expect(certificate.certificatePem).toBe('');
  });
});

describe('code signing import', () => {
  it('imports base64 DER certificates per element, keeping the real PEM, once', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const foreign = await makeForeignCertificate({ subject: 'CN=Sandbox Build Signer, O=Sandbox University', usages: ['codeSigning'], days: 700 });
    const before = (await list(rao)).total;
    const reply = await rao('POST', '/api/cscert/v1/import', [{ orgID: 1001, cert: foreign.base64, owner: 'builds@sandbox-university.example' }]);
    expect(reply.status, reply.text).toBe(200);
    const [result] = reply.json as ImportResult[];
    expect(result).toEqual({ cert: { id: expect.any(Number), subject: oneLine(foreign.certificate.subject), serialNumber: colon(foreign.certificate) }, created: true });
    const id = result!.cert!.id;
    expect(new X509Certificate(s.store.codeSigning.get(id)!.certificatePem).raw.equals(foreign.certificate.raw)).toBe(true);
    const { rows, total } = await list(rao, '?size=200');
    expect(total).toBe(before + 1);
    expect(rows.find((row) => row.id === id)).toMatchObject({
      orgId: 1001,
      commonName: 'Sandbox Build Signer',
      status: 'Issued',
      owner: 'builds@sandbox-university.example',
      serialNumber: colon(foreign.certificate),
    });
    expect(await importOne(rao, { orgID: 1001, cert: foreign.base64 })).toEqual({ cert: result!.cert, created: false });
    expect((await list(rao)).total).toBe(before + 1);
  });

  it('answers an error message for each element it cannot import', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const signing = await makeForeignCertificate({ subject: 'CN=Other Signer', usages: ['codeSigning'] });
    const server = await makeForeignCertificate({ subject: 'CN=www.example.org', usages: ['serverAuth'] });
    const reply = await rao('POST', '/api/cscert/v1/import', [
      { orgID: 1001, cert: server.base64 },
      { orgID: 1001, cert: '%%%' },
      { cert: signing.base64 },
      { orgID: 1005, cert: signing.base64 },
      'not an object',
      { orgID: 1001 },
    ]);
    expect(reply.status).toBe(200);
    const results = reply.json as ImportResult[];
    expect(results).toHaveLength(6);
    for (const result of results) expect(Object.keys(result)).toEqual(['errorMessage']);
    expect(results[0]!.errorMessage).toMatch(/not a code signing certificate/);
    expectError(await rao('POST', '/api/cscert/v1/import', { orgID: 1001 }), 400, -1002);
  });

  it('refuses admins without csManage, and a read-only tenant, with -3', async () => {
    const s = sandbox();
    const signing = await makeForeignCertificate({ subject: 'CN=Refused Signer', usages: ['codeSigning'] });
    expectError(await callerFor(s, 'drao-physics')('POST', '/api/cscert/v1/import', [{ orgID: 1002, cert: signing.base64 }]), 400, -3, 'Not authorized to perform certificate import');
    await withSandbox({ readOnly: true, certificates: 10 }, async (readOnly) => {
      const rao = callerFor(readOnly, 'rao');
      expectError(await rao('POST', '/api/cscert/v1/import', [{ orgID: 1001, cert: signing.base64 }]), 400, -3);
      expectError(await rao('POST', '/api/cscert/v1/revoke/manual', { certId: 7001, reasonCode: 0 }), 400, -3, 'Not authorized to perform certificate revocation');
      expect((await list(rao)).total).toBe(3);
    });
  });
});

describe('code signing manual revocation', () => {
  it('marks a certificate revoked by id with 204, at the given date and reason; -159 the second time', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const reply = await rao('POST', '/api/cscert/v1/revoke/manual', { certId: 7001, revokeDate: '2025-02-03T04:05:06Z', reasonCode: 1 });
    expect(reply.status, reply.text).toBe(204);
    expect(reply.text).toBe('');
    const row = (await list(rao)).rows.find((candidate) => candidate.id === 7001);
    expect(row).toMatchObject({ status: 'Revoked', revoked: '2025-02-03', reasonCode: 1 });
    expectError(await rao('POST', '/api/cscert/v1/revoke/manual', { certId: 7001, reasonCode: 1 }), 400, -159);
    expectError(await rao('POST', '/api/cscert/v1/revoke/manual', { certId: 7002, reasonCode: 2 }), 400, -1601);
    expectError(await rao('POST', '/api/cscert/v1/revoke/manual', { certId: 7002, reasonCode: 0, revokeDate: 'yesterday' }), 400, -1601);
  });

  it('finds a certificate by serial number and issuer', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const foreign = await makeForeignCertificate({ subject: 'CN=Revocable Signer', usages: ['codeSigning'] });
    const id = (await importOne(rao, { orgID: 1001, cert: foreign.base64 })).cert!.id;
    expectError(await rao('POST', '/api/cscert/v1/revoke/manual', { serialNumber: colon(foreign.certificate), issuer: 'CN=Somebody Else', reasonCode: 0 }), 404, -5101);
    const reply = await rao('POST', '/api/cscert/v1/revoke/manual', { serialNumber: foreign.certificate.serialNumber.toLowerCase(), issuer: oneLine(foreign.certificate.issuer), reasonCode: 5 });
    expect(reply.status, reply.text).toBe(204);
    expect((await list(rao, '?size=200')).rows.find((row) => row.id === id)).toMatchObject({ status: 'Revoked', reasonCode: 5 });
    const seeded = (await list(rao)).rows.find((row) => row.id === 7002)!;
    const bySandboxIssuer = await rao('POST', '/api/cscert/v1/revoke/manual', { serialNumber: seeded.serialNumber, issuer: 'Sandbox Issuing CA', reasonCode: 0 });
    expect(bySandboxIssuer.status, bySandboxIssuer.text).toBe(204);
  });

  it('answers 404 -5101 for unknown or out-of-scope certificates and -7 without an identifier', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    expectError(await rao('POST', '/api/cscert/v1/revoke/manual', { certId: 99999999, reasonCode: 0 }), 404, -5101);
    expectError(await rao('POST', '/api/cscert/v1/revoke/manual', { reasonCode: 0 }), 400, -7);
    expectError(await callerFor(s, 'rao-institute')('POST', '/api/cscert/v1/revoke/manual', { certId: 7003, reasonCode: 0 }), 404, -5101);
    expectError(await callerFor(s, 'drao-physics')('POST', '/api/cscert/v1/revoke/manual', { certId: 7003, reasonCode: 0 }), 400, -3);
  });
});

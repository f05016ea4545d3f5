import { randomBytes, type X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, passwordOf, useSandbox, withSandbox, type ScmCaller, type ScmReply } from './helpers';
import { makeCsr, opensslPkcs7Certificates, opensslVerify, pemCertificates, tamperSignature, type TestCsr } from './ssl-helpers';

const university = 'sandbox-university.example';
const serviceOwner = [{ name: 'Service owner', value: 'web-team' }];
const run = randomBytes(3).toString('hex');
let counter = 0;
/** A name no other test uses, under a given domain. */
const uniqueName = (domain: string) => `h${run}-${++counter}.${domain}`;

interface EnrollRequest {
  orgId: number;
  csr: string;
  certType?: number;
  term?: number;
  subjAltNames?: string;
  comments?: string;
  customFields?: { name: string; value: string }[];
  [extra: string]: unknown;
}

function enroll(call: ScmCaller, request: EnrollRequest): Promise<ScmReply> {
  return call('POST', '/api/ssl/v1/enroll', { certType: 3001, term: 365, customFields: serviceOwner, ...request });
}

async function enrolledId(call: ScmCaller, request: EnrollRequest): Promise<number> {
  const reply = await enroll(call, request);
  expect(reply.status, reply.text).toBe(200);
  return (reply.json as { sslId: number }).sslId;
}

async function detailsOf(call: ScmCaller, sslId: number): Promise<Record<string, unknown>> {
  const reply = await call('GET', `/api/ssl/v1/${sslId}`);
  expect(reply.status, reply.text).toBe(200);
  return reply.json as Record<string, unknown>;
}

/**
 * Moves the sandbox's clock past the issue delay (by default the file's sandbox)
 * and reads the certificate, which must then be Issued: nothing is issued before
 * the test says the delay has passed.
 */
async function issuedAfterDelay(call: ScmCaller, sslId: number, passIssueDelay = sandbox.passIssueDelay): Promise<Record<string, unknown>> {
  passIssueDelay();
  const details = await detailsOf(call, sslId);
  expect(details.status, `certificate ${sslId}`).toBe('Issued');
  return details;
}

function expectError(reply: ScmReply, status: number, code: number, description?: string | RegExp): void {
  expect(reply.status, reply.text).toBe(status);
  expect(Object.keys(reply.json as object).sort()).toEqual(['code', 'description']);
  expect(reply.json).toMatchObject({ code });
  if (description !== undefined) expect((reply.json as { description: string }).description).toMatch(description);
}

const spkiOf = (certificate: X509Certificate) => certificate.publicKey.export({ type: 'spki', format: 'der' });
const selfSigned = (certificate: X509Certificate) => certificate.subject === certificate.issuer;

/** Names each certificate of a chain by its role, for comparing orders. */
function roles(certificates: X509Certificate[], csr: TestCsr): string[] {
  return certificates.map((certificate) => {
    if (spkiOf(certificate).equals(csr.spki)) return 'leaf';
    return selfSigned(certificate) ? 'root' : 'intermediate';
  });
}

const formatOrders: Record<string, string[]> = {
  x509: ['leaf', 'intermediate', 'root'],
  x509R: ['root', 'intermediate', 'leaf'],
  x509CO: ['leaf'],
  pemco: ['leaf'],
  x509IO: ['intermediate', 'root'],
  x509IOR: ['root', 'intermediate'],
  pem: ['root', 'intermediate', 'leaf'],
  pemia: ['leaf', 'intermediate', 'root'],
};

/**
 * Collects an issued certificate in every format (query and path forms), checks each with a real
 * parser, and returns the leaf.
 */
async function collectEveryFormat(call: ScmCaller, sslId: number, csr: TestCsr): Promise<X509Certificate> {
  let chain: { leaf: X509Certificate; intermediate: X509Certificate; root: X509Certificate } | undefined;
  for (const [format, order] of Object.entries(formatOrders)) {
    for (const path of [`/api/ssl/v1/collect/${sslId}?format=${format}`, `/api/ssl/v1/collect/${sslId}/${format}`]) {
      const reply = await call('GET', path);
      expect(reply.status, `${path}: ${reply.text}`).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/octet-stream');
      expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.(crt|pem)"$/);
      const certificates = pemCertificates(reply.text);
      expect(roles(certificates, csr), path).toEqual(order);
      if (format === 'x509') chain = { leaf: certificates[0]!, intermediate: certificates[1]!, root: certificates[2]! };
    }
  }
  const pkcs7 = await call('GET', `/api/ssl/v1/collect/${sslId}?format=base64`);
  expect(pkcs7.text).toMatch(/^-----BEGIN PKCS7-----/);
  expect(pkcs7.headers.get('content-disposition')).toMatch(/\.p7b"$/);
  expect(roles(opensslPkcs7Certificates(pkcs7.bytes, 'PEM'), csr).sort()).toEqual(['intermediate', 'leaf', 'root']);
  const bare = await call('GET', `/api/ssl/v1/collect/${sslId}`);
  expect(bare.text).toBe(pkcs7.text);
  const binary = await call('GET', `/api/ssl/v1/collect/${sslId}/bin`);
  expect(binary.bytes[0]).toBe(0x30);
  expect(roles(opensslPkcs7Certificates(binary.bytes, 'DER'), csr).sort()).toEqual(['intermediate', 'leaf', 'root']);

  const { leaf, intermediate, root } = chain!;
  expect(spkiOf(leaf).equals(csr.spki)).toBe(true);
  expect(leaf.checkIssued(intermediate)).toBe(true);
  expect(leaf.verify(intermediate.publicKey)).toBe(true);
  expect(intermediate.checkIssued(root)).toBe(true);
  expect(intermediate.verify(root.publicKey)).toBe(true);
  expect(root.verify(root.publicKey)).toBe(true);
  expect(opensslVerify(leaf, intermediate, root)).toMatch(/: OK$/);
  return leaf;
}

const sandbox = useSandbox();

describe('SSL profiles and custom fields', () => {
  it('lists the SSL profiles with terms in days and key sizes as strings', async () => {
    const reply = await callerFor(sandbox(), 'rao')('GET', '/api/ssl/v1/types');
    expect(reply.status).toBe(200);
    const profiles = reply.json as Record<string, unknown>[];
    expect(profiles.map((profile) => profile.id)).toEqual([3001, 3002, 3003, 3004]);
    for (const profile of profiles) expect(Object.keys(profile).sort()).toEqual(['description', 'id', 'keyTypes', 'name', 'terms', 'useSecondaryOrgName']);
    expect(profiles[0]).toMatchObject({ terms: [365, 730], keyTypes: { RSA: ['2048', '3072', '4096'], EC: ['P-256', 'P-384'] } });
    const forOrg = await callerFor(sandbox(), 'rao')('GET', '/api/ssl/v1/types?organizationId=1002');
    expect(forOrg.json).toEqual(profiles);
  });

  it('refuses the profiles of an organization whose SSL API is off with -1021', async () => {
    const reply = await callerFor(sandbox(), 'rao')('GET', '/api/ssl/v1/types?organizationId=1004');
    expectError(reply, 400, -1021, 'Operation is not allowed for organization');
  });

  it('treats an organization outside the caller\'s scope as unknown', async () => {
    expectError(await callerFor(sandbox(), 'rao')('GET', '/api/ssl/v1/types?organizationId=1005'), 400, -1023);
    expectError(await callerFor(sandbox(), 'drao-physics')('GET', '/api/ssl/v1/types?organizationId=1003'), 400, -1023);
  });

  it('lists the SSL custom fields with their mandatory flag', async () => {
    const reply = await callerFor(sandbox(), 'drao-physics')('GET', '/api/ssl/v1/customFields');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual([
      { id: 3101, name: 'Service owner', mandatory: true },
      { id: 3102, name: 'Cost centre', mandatory: false },
    ]);
  });
});

describe('SSL enroll to collect', () => {
  it('issues an auto-approved RSA 2048 certificate for drao-computing and serves it in every collect format', async () => {
    const call = callerFor(sandbox(), 'drao-computing');
    const commonName = uniqueName(university);
    const alias = uniqueName(university);
    const csr = await makeCsr('rsa2048', commonName);
    const marker = `ticket ${run}-rsa, "quoted" & <kept>`;
    const reply = await enroll(call, { orgId: 1003, csr: csr.pem, subjAltNames: `${commonName}, ${alias}`, comments: marker, externalRequester: 'owner@sandbox-university.example' });
    expect(reply.status, reply.text).toBe(200);
    expect(Object.keys(reply.json as object).sort()).toEqual(['renewId', 'sslId']);
    const { sslId, renewId } = reply.json as { sslId: number; renewId: string };
    expect(typeof sslId).toBe('number');
    expect(renewId).toMatch(/^[A-Za-z0-9]{20}$/);

    const applied = await detailsOf(call, sslId);
    expect(applied).toMatchObject({
      id: sslId,
      sslId,
      commonName,
      orgId: 1003,
      status: 'Applied',
      requestedVia: 'REST API',
      requester: 'drao-computing',
      comments: marker,
      externalRequester: 'owner@sandbox-university.example',
      term: 365,
      keyAlgorithm: 'RSA',
      keySize: 2048,
      keyType: 'RSA - 2048',
      subjectAlternativeNames: [commonName, alias],
      customFields: serviceOwner,
      certType: { id: 3001, name: 'Sandbox OV SSL' },
    });
    expect(applied.requested).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(applied).not.toHaveProperty('issued');

    const issued = await issuedAfterDelay(call, sslId);
    expect(issued.issued).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(issued.expires).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(issued.serialNumber).toMatch(/^([0-9A-F]{2}:)+[0-9A-F]{2}$/);

    const leaf = await collectEveryFormat(call, sslId, csr);
    expect(leaf.subject.split('\n')).toEqual(expect.arrayContaining([`CN=${commonName}`, 'O=Sandbox University', 'OU=Department of Computer Science']));
    expect(leaf.subjectAltName).toBe(`DNS:${commonName}, DNS:${alias}`);
    expect(leaf.serialNumber.replace(/^0+/, '')).toBe((issued.serialNumber as string).replace(/:/g, '').replace(/^0+/, ''));
    const certificateDetails = issued.certificateDetails as Record<string, string>;
    expect(certificateDetails.sha1Hash).toBe(leaf.fingerprint.replace(/:/g, ''));
    expect(certificateDetails.subject).toContain(`CN=${commonName}`);

    const again = await call('GET', `/api/ssl/v1/collect/${sslId}/x509CO`);
    expect(again.text.trim()).toBe(leaf.toString().trim());
  });

  it('holds an EC P-256 request from drao-physics as Requested until rao approves it', async () => {
    const s = sandbox();
    const physics = callerFor(s, 'drao-physics');
    const commonName = uniqueName(`physics.${university}`);
    const csr = await makeCsr('ec256', commonName);
    const sslId = await enrolledId(physics, { orgId: 1002, csr: csr.pem, subjAltNames: commonName });
    expect(await detailsOf(physics, sslId)).toMatchObject({ status: 'Requested', keyAlgorithm: 'EC', keyType: 'EC - P-256' });
    expectError(await physics('GET', `/api/ssl/v1/collect/${sslId}`), 400, 0, /^Being processed by Sectigo$/);

    expectError(await physics('POST', `/api/ssl/v1/approve/${sslId}`, { message: 'mine' }), 400, -3, /^Not authorized to perform/);
    const rao = callerFor(s, 'rao');
    expectError(await rao('POST', `/api/ssl/v1/approve/${sslId}`, {}), 400, -7);
    const approved = await rao('POST', `/api/ssl/v1/approve/${sslId}`, { message: 'Checked with the department' });
    expect(approved.status).toBe(204);
    expect(approved.text).toBe('');
    expect(await detailsOf(physics, sslId)).toMatchObject({ status: 'Applied' });
    expectError(await rao('POST', `/api/ssl/v1/approve/${sslId}`, { message: 'twice' }), 400, -1112, /state = Applied/);

    await issuedAfterDelay(physics, sslId);
    const leaf = await collectEveryFormat(physics, sslId, csr);
    expect(leaf.subject.split('\n')).toEqual(expect.arrayContaining([`CN=${commonName}`, 'O=Sandbox University', 'OU=Department of Physics']));
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('takes names from the CSR and an organization\'s own certificate has no OU', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const commonName = uniqueName(university);
    const inCsr = uniqueName(university);
    const csr = await makeCsr('ec256', commonName, [inCsr]);
    const sslId = await enrolledId(rao, { orgId: 1001, csr: csr.pem });
    expect((await detailsOf(rao, sslId)).subjectAlternativeNames).toEqual([commonName, inCsr]);
    await issuedAfterDelay(rao, sslId);
    const leaf = pemCertificates((await rao('GET', `/api/ssl/v1/collect/${sslId}/x509CO`)).text)[0]!;
    expect(leaf.subject).toBe(`CN=${commonName}\nO=Sandbox University`);
  });

  it('lets a decline end a request, after which collect answers -130', async () => {
    const s = sandbox();
    const commonName = uniqueName(`physics.${university}`);
    const sslId = await enrolledId(callerFor(s, 'drao-physics'), { orgId: 1002, csr: (await makeCsr('ec256', commonName)).pem });
    const rao = callerFor(s, 'rao');
    expectError(await rao('POST', `/api/ssl/v1/decline/${sslId}`, {}), 400, -7);
    expect((await rao('POST', `/api/ssl/v1/decline/${sslId}`, { message: 'Not ours' })).status).toBe(204);
    expect(await detailsOf(rao, sslId)).toMatchObject({ status: 'Declined' });
    expect((await detailsOf(rao, sslId)).declined).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expectError(await rao('GET', `/api/ssl/v1/collect/${sslId}`), 400, -130, "SSL state is not 'ISSUED': Declined");
    expectError(await rao('POST', `/api/ssl/v1/approve/${sslId}`, { message: 'late' }), 400, -1112);
    expectError(await rao('POST', `/api/ssl/v1/decline/${sslId}`, { message: 'again' }), 400, -1112);
  });

  it('never auto-approves an EV certificate and refuses its requester as approver with -1140', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const commonName = uniqueName(university);
    const sslId = await enrolledId(rao, { orgId: 1001, csr: (await makeCsr('rsa2048', commonName)).pem, certType: 3004 });
    expect(await detailsOf(rao, sslId)).toMatchObject({ status: 'Requested', validationType: 'Extended Validation (EV)' });
    expectError(await rao('POST', `/api/ssl/v1/approve/${sslId}`, { message: 'self' }), 400, -1140, /requester and the approver must not be the same person/);
    expect((await callerFor(s, 'mrao')('POST', `/api/ssl/v1/approve/${sslId}`, { message: 'second pair of eyes' })).status).toBe(204);
    expect(await detailsOf(rao, sslId)).toMatchObject({ status: 'Applied' });
  });
});

describe('SSL enroll refusals', () => {
  const rao = () => callerFor(sandbox(), 'rao');
  let csr: TestCsr;
  const name = uniqueName(university);
  const good = () => ({ orgId: 1001, csr: csr.pem, subjAltNames: name });

  beforeAll(async () => {
    csr = await makeCsr('rsa2048', name);
  });

  it('accepts the request each refusal below changes one thing in', async () => {
    expect((await enroll(rao(), good())).status).toBe(200);
  });

  it('refuses an organization whose SSL API is off with -1021, and one out of scope as unknown', async () => {
    expectError(await enroll(rao(), { ...good(), orgId: 1004 }), 400, -1021, 'Operation is not allowed for organization');
    expectError(await enroll(rao(), { ...good(), orgId: 1005 }), 400, -1023);
    expectError(await enroll(callerFor(sandbox(), 'drao-physics'), { ...good(), orgId: 1003 }), 400, -1023);
    expectError(await enroll(rao(), { ...good(), orgId: undefined as unknown as number }), 400, -7, 'orgId is required but missing');
  });

  it('refuses an admin without the sslRequest privilege with -3', async () => {
    const s = sandbox();
    const login = `no-request-${run}`;
    const created = await callerFor(s, 'mrao')('POST', '/api/admin/v1', {
      type: 'API', login, email: `${login}@${university}`, forename: 'No', surname: 'Request', password: 'Temporary-Pass-123!',
      credentials: [{ role: 'RAO_SSL', orgId: 1001 }], privileges: [],
    });
    expect(created.status, created.text).toBe(201);
    const own = callerFor(s, login, 'Temporary-Pass-123!');
    expect((await own('POST', '/api/admin/v1/changepassword', { newPassword: 'Settled-Granite-2044!' })).status).toBe(204);
    const reply = await enroll(callerFor(s, login, 'Settled-Granite-2044!'), good());
    expectError(reply, 400, -3, 'Not authorized to perform certificate enrollment');
  });

  it('refuses CSRs that are not Base-64 (-9), do not decode (-10) or are not self-signed (-138)', async () => {
    expectError(await enroll(rao(), { ...good(), csr: 'this is not base64 at all!' }), 400, -9, 'The CSR is not valid Base-64 data!');
    expectError(await enroll(rao(), { ...good(), csr: '-----BEGIN CERTIFICATE REQUEST-----\nAAAABBBB\n-----END CERTIFICATE REQUEST-----' }), 400, -10, 'Error while decoding CSR.');
    expectError(await enroll(rao(), { ...good(), csr: tamperSignature(csr.pem) }), 400, -138, 'Invalid CSR.');
    expectError(await enroll(rao(), { ...good(), csr: '' }), 400, -7, 'csr is required but missing');
  });

  it('accepts a CSR sent without its PEM header lines', async () => {
    const bare = csr.pem.replace(/-----[A-Z ]+-----/g, '').trim();
    expect((await enroll(rao(), { ...good(), csr: bare })).status).toBe(200);
  });

  it('refuses a key algorithm SCM does not support with -11', async () => {
    const edwards = await makeCsr('ed25519', name);
    expectError(await enroll(rao(), { ...good(), csr: edwards.pem }), 400, -11, 'The CSR uses an unsupported algorithm!');
  });

  it('refuses keys the profile does not allow: ECC (-170), too small (-141), other sizes (-13)', async () => {
    const ec = await makeCsr('ec256', name);
    expectError(await enroll(rao(), { ...good(), csr: ec.pem, certType: 3003, subjAltNames: `*.${university}` }), 400, -170, 'Based on the customer configuration, ECC CSRs are not allowed.');
    const small = await makeCsr('rsa1024', name);
    expectError(await enroll(rao(), { ...good(), csr: small.pem }), 400, -141, 'The public key size in the CSR should be 2048 bits minimum.');
    const p521 = await makeCsr('ec521', name);
    expectError(await enroll(rao(), { ...good(), csr: p521.pem }), 400, -13, 'The CSR uses an unsupported key size!');
  });

  it('refuses an unknown profile (-39, -111) and a term the profile lacks (-36)', async () => {
    expectError(await enroll(rao(), { ...good(), certType: 'gold' as unknown as number }), 400, -39, 'The certificate profile id is invalid!');
    expectError(await enroll(rao(), { ...good(), certType: 9999 }), 400, -111, 'No certificate profile found by id 9999');
    expectError(await enroll(rao(), { ...good(), certType: 3011 }), 400, -111);
    expectError(await enroll(rao(), { ...good(), term: 1000 }), 400, -36, 'The validity period (term) is invalid for this certificate profile.');
    expectError(await enroll(rao(), { ...good(), certType: 3003, term: 730, subjAltNames: `*.${university}` }), 400, -36);
  });

  it('requires the mandatory custom field (-62) and known custom fields (-1601)', async () => {
    expectError(await enroll(rao(), { ...good(), customFields: [] }), 400, -62, 'Missing mandatory custom field!');
    expectError(await enroll(rao(), { ...good(), customFields: [{ name: 'Service owner', value: '  ' }] }), 400, -62);
    expectError(await enroll(rao(), { ...good(), customFields: [...serviceOwner, { name: 'Favourite colour', value: 'blue' }] }), 400, -1601);
  });

  it('refuses SANs sent as an array, as SCM cannot read them', async () => {
    expectError(await enroll(rao(), { ...good(), subjAltNames: [name] as unknown as string }), 400, -1002, 'Cannot parse message body');
  });

  it('refuses names outside the organization\'s active, delegated domains with -1010', async () => {
    const refused = async (request: EnrollRequest, caller = rao()) => {
      const reply = await enroll(caller, request);
      expectError(reply, 400, -1010, /^Domain '.+' is not allowed\.$/);
    };
    await refused({ ...good(), subjAltNames: 'www.elsewhere.example' });
    await refused({ ...good(), subjAltNames: 'www.institute.example' });
    await refused({ ...good(), subjAltNames: 'retired.example' });
    await refused({ ...good(), subjAltNames: `${name}, x.library.${university}` });
    // The computer science subdomain's delegation is still only requested.
    await refused({ orgId: 1003, csr: csr.pem, subjAltNames: `lab.cs.${university}` }, callerFor(sandbox(), 'drao-computing'));
    // A department cannot use another department's domain, though both sit under the university.
    await refused({ orgId: 1003, csr: csr.pem, subjAltNames: `lab.physics.${university}` }, callerFor(sandbox(), 'drao-computing'));
    // old-project.example is delegated for the domain itself only, not its subdomains.
    await refused({ ...good(), subjAltNames: 'www.old-project.example' });
  });

  it('refuses a domain whose validation has expired with -107', async () => {
    expectError(await enroll(rao(), { ...good(), subjAltNames: 'old-project.example' }), 400, -107, /either incomplete or expired for old-project\.example/);
  });

  it('refuses a domain that was never validated with -1137', async () => {
    const s = sandbox();
    const open = await callerFor(s, 'rao')('PUT', '/api/organization/v1/1004', { sslCertsApiEnabled: true });
    expect(open.status, open.text).toBe(200);
    try {
      const reply = await enroll(rao(), { orgId: 1004, csr: (await makeCsr('ec256', `www.library.${university}`)).pem });
      expectError(reply, 400, -1137, `The domain(s) library.${university} have not been validated under the DCV procedure.`);
    } finally {
      await callerFor(s, 'rao')('PUT', '/api/organization/v1/1004', { sslCertsApiEnabled: false });
    }
  });

  it('refuses a body that is not JSON with -1002', async () => {
    expectError(await rao()('POST', '/api/ssl/v1/enroll', 'orgId=1001'), 400, -1002);
  });
});

describe('SSL collect', () => {
  it('answers 404 -5101 for an unknown id and for one outside the caller\'s scope', async () => {
    const s = sandbox();
    expectError(await callerFor(s, 'rao')('GET', '/api/ssl/v1/collect/99999999?format=x509'), 404, -5101);
    expectError(await callerFor(s, 'rao')('GET', '/api/ssl/v1/collect/not-a-number'), 404, -5101);
    const commonName = uniqueName(university);
    const sslId = await enrolledId(callerFor(s, 'drao-computing'), { orgId: 1003, csr: (await makeCsr('ec256', commonName)).pem });
    expectError(await callerFor(s, 'drao-physics')('GET', `/api/ssl/v1/collect/${sslId}`), 404, -5101);
    expectError(await callerFor(s, 'rao-institute')('GET', `/api/ssl/v1/${sslId}`), 404, -5101);
  });

  it('answers -126 for a format SCM does not know', async () => {
    const s = sandbox();
    const sslId = await enrolledId(callerFor(s, 'rao'), { orgId: 1001, csr: (await makeCsr('ec256', uniqueName(university))).pem });
    expectError(await callerFor(s, 'rao')('GET', `/api/ssl/v1/collect/${sslId}?format=pfx`), 400, -126, 'Unknown SSL certificate file format requested: pfx');
    expectError(await callerFor(s, 'rao')('GET', `/api/ssl/v1/collect/${sslId}/der`), 400, -126);
  });

  it('serves a seeded issued certificate and refuses a seeded revoked one with -110', async () => {
    const call = callerFor(sandbox(), 'mrao');
    const issued = (await call('GET', '/api/ssl/v1?status=Issued&size=1')).json as { sslId: number; commonName: string; serialNumber: string }[];
    const reply = await call('GET', `/api/ssl/v1/collect/${issued[0]!.sslId}/x509`);
    expect(reply.status).toBe(200);
    const [leaf, intermediate] = pemCertificates(reply.text);
    expect(leaf!.subject).toContain(`CN=${issued[0]!.commonName}`);
    expect(leaf!.verify(intermediate!.publicKey)).toBe(true);
    const revoked = (await call('GET', '/api/ssl/v1?status=Revoked&size=1')).json as { sslId: number }[];
    expectError(await call('GET', `/api/ssl/v1/collect/${revoked[0]!.sslId}`), 400, -110, 'Certificate has been revoked and cannot be downloaded.');
  });
});

describe.each([
  [-1400, 'The request is being processed by Sectigo.'],
  [-109, 'Certificate is not available now, please try again later.'],
] as const)('SSL collect while pending, with pending code %i', (code, description) => {
  const variant = useSandbox({ sslPendingCode: code, certificates: 20 });

  it('answers 400 with that code and its SCM description', async () => {
    const s = variant();
    const commonName = uniqueName(`physics.${university}`);
    const sslId = await enrolledId(callerFor(s, 'drao-physics'), { orgId: 1002, csr: (await makeCsr('ec256', commonName)).pem });
    const reply = await callerFor(s, 'drao-physics')('GET', `/api/ssl/v1/collect/${sslId}?format=x509CO`);
    expectError(reply, 400, code, description);
  });
});

describe('SSL collect while Applied', () => {
  const slow = useSandbox({ issueDelaySeconds: 3600, certificates: 20 });

  it('keeps an approved certificate pending until its issue time', async () => {
    const s = slow();
    const call = callerFor(s, 'drao-computing');
    const sslId = await enrolledId(call, { orgId: 1003, csr: (await makeCsr('ec256', uniqueName(university))).pem });
    expect(await detailsOf(call, sslId)).toMatchObject({ status: 'Applied' });
    expectError(await call('GET', `/api/ssl/v1/collect/${sslId}`), 400, 0, 'Being processed by Sectigo');
    expectError(await call('POST', `/api/ssl/v1/revoke/${sslId}`, { reason: 'too early', reasonCode: 0 }), 400, -102, 'Only issued certificates could be revoked.');
  });
});

describe('SSL on a read-only tenant', () => {
  const readOnly = useSandbox({ readOnly: true, certificates: 40 });

  it('still answers reads', async () => {
    const call = callerFor(readOnly(), 'rao');
    expect((await call('GET', '/api/ssl/v1/types')).status).toBe(200);
    const list = await call('GET', '/api/ssl/v1?size=5');
    expect(list.status).toBe(200);
    const first = (list.json as { sslId: number }[])[0]!;
    expect((await call('GET', `/api/ssl/v1/${first.sslId}`)).status).toBe(200);
  });

  it('refuses enroll, renew, replace, revoke, approve and decline with -3', async () => {
    const s = readOnly();
    const mrao = callerFor(s, 'mrao');
    const csr = await makeCsr('ec256', uniqueName(university));
    const issued = ((await mrao('GET', '/api/ssl/v1?status=Issued&orgId=1001&size=1')).json as { sslId: number; serialNumber: string }[])[0]!;
    const requested = ((await mrao('GET', '/api/ssl/v1?status=Requested&size=1')).json as { sslId: number }[])[0]!;
    const refusals: [string, string, unknown][] = [
      ['/api/ssl/v1/enroll', 'enrollment', { orgId: 1001, csr: csr.pem, certType: 3001, term: 365, customFields: serviceOwner }],
      [`/api/ssl/v1/renewById/${issued.sslId}`, 'renewal', {}],
      [`/api/ssl/v1/replace/${issued.sslId}`, 'replacement', { csr: csr.pem, reason: 'key change' }],
      [`/api/ssl/v1/revoke/${issued.sslId}`, 'revocation', { reasonCode: 4, reason: 'superseded' }],
      [`/api/ssl/v1/revoke/serial/${issued.serialNumber}`, 'revocation', { reasonCode: 4, reason: 'superseded' }],
      [`/api/ssl/v1/approve/${requested.sslId}`, 'approval', { message: 'ok' }],
      [`/api/ssl/v1/decline/${requested.sslId}`, 'declining', { message: 'no' }],
    ];
    for (const [path, operation, body] of refusals) {
      expectError(await mrao('POST', path, body), 400, -3, `Not authorized to perform certificate ${operation}`);
    }
    expect(await detailsOf(mrao, issued.sslId)).toMatchObject({ status: 'Issued' });
  });
});

describe('SSL list and count', () => {
  type Identity = { sslId: number; commonName: string; subjectAlternativeNames: string[]; serialNumber: string };

  it('returns identities only, 25 by default, with the total in X-Total-Count', async () => {
    const call = callerFor(sandbox(), 'mrao');
    const reply = await call('GET', '/api/ssl/v1');
    expect(reply.status).toBe(200);
    const rows = reply.json as Identity[];
    expect(rows).toHaveLength(25);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['commonName', 'serialNumber', 'sslId', 'subjectAlternativeNames']);
    expect(Array.isArray(rows[0]!.subjectAlternativeNames)).toBe(true);
    expect(Number(reply.headers.get('x-total-count'))).toBeGreaterThanOrEqual(300);
  });

  it('pages with position and size and counts with HEAD', async () => {
    const call = callerFor(sandbox(), 'mrao');
    const all = await call('GET', '/api/ssl/v1?size=200&status=Expired');
    const total = Number(all.headers.get('x-total-count'));
    // Expired certificates stay put while other tests issue new ones.
    expect(total).toBeGreaterThan(20);
    const page = await call('GET', '/api/ssl/v1?status=Expired&position=10&size=7');
    expect(page.json).toEqual((all.json as Identity[]).slice(10, 17));
    expect(page.headers.get('x-total-count')).toBe(String(total));
    const head = await call('HEAD', '/api/ssl/v1?status=Expired');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('x-total-count')).toBe(String(total));
    const beyond = await call('GET', `/api/ssl/v1?status=Expired&position=${total}`);
    expect(beyond.json).toEqual([]);
  });

  it('shows each role its own scope', async () => {
    const s = sandbox();
    const count = async (login: string, query = '') => Number((await callerFor(s, login)('HEAD', `/api/ssl/v1${query}`)).headers.get('x-total-count'));
    const perOrg = await Promise.all([1001, 1002, 1003, 1004, 1005].map((orgId) => count('mrao', `?orgId=${orgId}`)));
    expect(perOrg.every((n) => n > 0)).toBe(true);
    expect(await count('mrao')).toBe(perOrg.reduce((a, b) => a + b, 0));
    expect(await count('rao')).toBe(perOrg[0]! + perOrg[1]! + perOrg[2]! + perOrg[3]!);
    expect(await count('drao-physics')).toBe(perOrg[1]);
    expect(await count('drao-computing')).toBe(perOrg[2]);
    expect(await count('rao-institute')).toBe(perOrg[4]);
    expect(await count('drao-physics', '?orgId=1003')).toBe(0);
  });

  it('filters by name, status, profile, organization, serial, requester, key algorithm and source', async () => {
    const s = sandbox();
    const computing = callerFor(s, 'drao-computing');
    const commonName = uniqueName(university);
    const alias = uniqueName(university);
    const sslId = await enrolledId(computing, { orgId: 1003, csr: (await makeCsr('rsa2048', commonName)).pem, subjAltNames: alias, certType: 3002, externalRequester: `ext-${run}@${university}` });
    const details = await issuedAfterDelay(computing, sslId);
    const serial = details.serialNumber as string;
    const ids = async (query: string) => ((await callerFor(s, 'mrao')('GET', `/api/ssl/v1?size=200&${query}`)).json as Identity[]).map((row) => row.sslId);
    expect(await ids(`commonName=${commonName}`)).toEqual([sslId]);
    expect(await ids(`subjectAlternativeName=${alias}`)).toEqual([sslId]);
    expect(await ids(`serialNumber=${serial}`)).toEqual([sslId]);
    expect(await ids(`serialNumber=${serial.replace(/:/g, '').toLowerCase()}`)).toEqual([sslId]);
    expect(await ids(`externalRequester=ext-${run}`)).toEqual([sslId]);
    const mine = `commonName=h${run}`;
    expect(await ids(`${mine}&requester=drao-computing&status=Issued&sslTypeId=3002&orgId=1003&keyAlgorithm=RSA&requestedVia=REST`)).toEqual([sslId]);
    expect(await ids(`${mine}&requestedVia=REST API&keyParam=2048&sslTypeId=3002`)).toEqual([sslId]);
    expect(await ids(`commonName=${commonName}&status=Revoked`)).toEqual([]);
    expect(await ids(`commonName=${commonName}&keyAlgorithm=EC`)).toEqual([]);
    expect(await ids(`commonName=${commonName}&requestedVia=ACME`)).toEqual([]);
    expect(await ids(`commonName=${commonName}&orgId=1002`)).toEqual([]);
    expect(await ids(`commonName=${commonName}&subjectAlternativeName=&status=`)).toEqual([sslId]);
    const row = ((await computing('GET', `/api/ssl/v1?commonName=${commonName}`)).json as Identity[])[0]!;
    expect(row).toEqual({ sslId, commonName, subjectAlternativeNames: [commonName, alias], serialNumber: serial });
  });

  it('refuses an unknown status and a malformed id filter with -1601', async () => {
    const call = callerFor(sandbox(), 'mrao');
    expectError(await call('GET', '/api/ssl/v1?status=Shiny'), 400, -1601);
    expectError(await call('GET', '/api/ssl/v1?orgId=abc'), 400, -1601);
  });
});

describe('SSL details', () => {
  it('answers the full details with MM/dd/yyyy dates and leaves out fields without a value', async () => {
    const call = callerFor(sandbox(), 'mrao');
    const revoked = ((await call('GET', '/api/ssl/v1?status=Revoked&size=1')).json as { sslId: number }[])[0]!;
    const details = await detailsOf(call, revoked.sslId);
    for (const field of ['commonName', 'sslId', 'id', 'orgId', 'status', 'orderNumber', 'backendCertId', 'vendor', 'certType', 'validationType', 'term', 'requester', 'requestedVia', 'requested', 'issued', 'expires', 'revoked', 'reasonCode', 'renewed', 'serialNumber', 'keyAlgorithm', 'keySize', 'keyType', 'subjectAlternativeNames', 'customFields', 'certificateDetails', 'autoInstallDetails', 'autoRenewDetails', 'suspendNotifications']) {
      expect(details, field).toHaveProperty(field);
    }
    expect(details.status).toBe('Revoked');
    for (const field of ['requested', 'issued', 'expires', 'revoked']) expect(details[field], field).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(Object.values(details)).not.toContain(null);
    expect(details).not.toHaveProperty('declined');
    expect(details.autoRenewDetails).toEqual({ state: 'Not scheduled' });
    expectError(await call('GET', '/api/ssl/v1/99999999'), 404, -5101);
  });
});

describe('SSL update', () => {
  it('changes comments, custom fields, settings and, while Requested, the order itself', async () => {
    const s = sandbox();
    const physics = callerFor(s, 'drao-physics');
    const commonName = uniqueName(`physics.${university}`);
    const sslId = await enrolledId(physics, { orgId: 1002, csr: (await makeCsr('ec256', commonName)).pem });
    const other = uniqueName(`physics.${university}`);
    const reply = await physics('PUT', '/api/ssl/v1', {
      sslId, comments: 'updated', term: 730, subjectAlternativeNames: [commonName, other],
      customFields: [...serviceOwner, { name: 'Cost centre', value: 'CC-42' }],
      autoRenewDetails: { state: 'Scheduled', daysBeforeExpiration: 20 }, suspendNotifications: true,
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toMatchObject({
      sslId, status: 'Requested', comments: 'updated', term: 730, subjectAlternativeNames: [commonName, other],
      customFields: [...serviceOwner, { name: 'Cost centre', value: 'CC-42' }],
      autoRenewDetails: { state: 'Scheduled', daysBeforeExpiration: 20 }, suspendNotifications: true,
    });
    expect(await detailsOf(physics, sslId)).toMatchObject({ term: 730, comments: 'updated' });
    expectError(await physics('PUT', '/api/ssl/v1', { sslId, subjectAlternativeNames: ['www.elsewhere.example'] }), 400, -1010);
    expectError(await physics('PUT', '/api/ssl/v1', { sslId, term: 5 }), 400, -36);
    expectError(await physics('PUT', '/api/ssl/v1', { sslId, customFields: [] }), 400, -62);
    expectError(await physics('PUT', '/api/ssl/v1', { comments: 'no id' }), 400, -7);
  });

  it('refuses to change the order of an issued certificate but still takes its comments', async () => {
    const s = sandbox();
    const computing = callerFor(s, 'drao-computing');
    const commonName = uniqueName(university);
    const sslId = await enrolledId(computing, { orgId: 1003, csr: (await makeCsr('ec256', commonName)).pem });
    await issuedAfterDelay(computing, sslId);
    expectError(await computing('PUT', '/api/ssl/v1', { sslId, term: 730 }), 400, -1601, /term/);
    expectError(await computing('PUT', '/api/ssl/v1', { sslId, commonName: uniqueName(university) }), 400, -1601, /commonName/);
    const same = await computing('PUT', '/api/ssl/v1', { sslId, term: 365, commonName, comments: 'renew in spring' });
    expect(same.status, same.text).toBe(200);
    expect(same.json).toMatchObject({ status: 'Issued', comments: 'renew in spring' });
    expectError(await callerFor(s, 'drao-physics')('PUT', '/api/ssl/v1', { sslId, comments: 'not mine' }), 404, -5101);
  });
});

describe('SSL renew', () => {
  it('renews by id into a new certificate linked to the old one', async () => {
    const s = sandbox();
    const computing = callerFor(s, 'drao-computing');
    const commonName = uniqueName(university);
    const csr = await makeCsr('ec256', commonName);
    const sslId = await enrolledId(computing, { orgId: 1003, csr: csr.pem, comments: `renewal ${run}` });
    expectError(await computing('POST', `/api/ssl/v1/renewById/${sslId}`), 400, -105, /Status = Applied/);
    await issuedAfterDelay(computing, sslId);
    const before = s.store.ssl.size;
    const reply = await computing('POST', `/api/ssl/v1/renewById/${sslId}`);
    expect(reply.status, reply.text).toBe(200);
    expect(Object.keys(reply.json as object)).toEqual(['sslId']);
    const renewalId = (reply.json as { sslId: number }).sslId;
    expect(renewalId).not.toBe(sslId);
    expect(s.store.ssl.size).toBe(before + 1);
    expect(await detailsOf(computing, sslId)).toMatchObject({ renewed: true, status: 'Issued' });
    expect((await detailsOf(computing, sslId)).renewedDate).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await detailsOf(computing, renewalId)).toMatchObject({ commonName, orgId: 1003, comments: `renewal ${run}`, requestedVia: 'REST API' });
    await issuedAfterDelay(computing, renewalId);
    const renewed = pemCertificates((await computing('GET', `/api/ssl/v1/collect/${renewalId}/x509CO`)).text)[0]!;
    expect(spkiOf(renewed).equals(csr.spki)).toBe(true);

    const withKey = await makeCsr('rsa2048', commonName);
    const rekeyed = await computing('POST', `/api/ssl/v1/renewById/${sslId}`, { csr: withKey.pem });
    expect(rekeyed.status).toBe(200);
    expect(await detailsOf(computing, (rekeyed.json as { sslId: number }).sslId)).toMatchObject({ keyAlgorithm: 'RSA', keySize: 2048 });
  });

  it('answers -1002 to a JSON string body and accepts an empty object', async () => {
    const call = callerFor(sandbox(), 'mrao');
    const issued = ((await call('GET', '/api/ssl/v1?status=Issued&orgId=1001&sslTypeId=3001&size=1')).json as { sslId: number }[])[0]!;
    expectError(await call('POST', `/api/ssl/v1/renewById/${issued.sslId}`, '""'), 400, -1002, 'Cannot parse message body');
    expect((await call('POST', `/api/ssl/v1/renewById/${issued.sslId}`, {})).status).toBe(200);
  });

  it('refuses a profile that forbids renewal with -180', async () => {
    const computing = callerFor(sandbox(), 'drao-computing');
    const sslId = await enrolledId(computing, { orgId: 1003, csr: (await makeCsr('rsa2048', `*.${university}`)).pem, certType: 3003 });
    await issuedAfterDelay(computing, sslId);
    expectError(await computing('POST', `/api/ssl/v1/renewById/${sslId}`, {}), 400, -180, "This SSL Certificate Profile doesn't allow renew");
  });

  it('renews by renewId with 204 and answers 404 for an unknown renewId', async () => {
    const s = sandbox();
    const computing = callerFor(s, 'drao-computing');
    const reply = await enroll(computing, { orgId: 1003, csr: (await makeCsr('ec256', uniqueName(university))).pem });
    const { sslId, renewId } = reply.json as { sslId: number; renewId: string };
    await issuedAfterDelay(computing, sslId);
    const before = s.store.ssl.size;
    const renewed = await computing('POST', `/api/ssl/v1/renew/${renewId}`);
    expect(renewed.status, renewed.text).toBe(204);
    expect(renewed.text).toBe('');
    expect(s.store.ssl.size).toBe(before + 1);
    expectError(await computing('POST', '/api/ssl/v1/renew/NoSuchRenewIdAtAll00'), 404, -5101);
    expect((await computing('POST', `/api/ssl/v1/renew/manual/${sslId}`, {})).status).toBe(204);
  });
});

describe('SSL replace', () => {
  it('issues a replacement with the new key and marks the old certificate Replaced once it is issued', async () => {
    const s = sandbox();
    const physics = callerFor(s, 'drao-physics');
    const rao = callerFor(s, 'rao');
    const commonName = uniqueName(`physics.${university}`);
    const sslId = await enrolledId(physics, { orgId: 1002, csr: (await makeCsr('ec256', commonName)).pem, comments: `replace ${run}` });
    expectError(await physics('POST', `/api/ssl/v1/replace/${sslId}`, { csr: (await makeCsr('ec256', commonName)).pem, reason: 'early' }), 400, -130, "SSL state is not 'ISSUED': Requested");
    await rao('POST', `/api/ssl/v1/approve/${sslId}`, { message: 'ok' });
    await issuedAfterDelay(physics, sslId);

    const newKey = await makeCsr('rsa2048', commonName);
    expectError(await physics('POST', `/api/ssl/v1/replace/${sslId}`, { csr: newKey.pem }), 400, -7, 'reason is required but missing');
    const replaced = await physics('POST', `/api/ssl/v1/replace/${sslId}`, { csr: newKey.pem, reason: 'Key moved to an HSM', subjectAlternativeNames: [commonName] });
    expect(replaced.status, replaced.text).toBe(204);
    const found = (await physics('GET', `/api/ssl/v1?commonName=${commonName}`)).json as { sslId: number }[];
    const replacementId = found.map((row) => row.sslId).find((id) => id !== sslId)!;
    expect(await detailsOf(physics, replacementId)).toMatchObject({ status: 'Requested', comments: `replace ${run}`, keyAlgorithm: 'RSA' });
    expect(await detailsOf(physics, sslId)).toMatchObject({ status: 'Issued' });

    await rao('POST', `/api/ssl/v1/approve/${replacementId}`, { message: 'ok' });
    await issuedAfterDelay(physics, replacementId);
    const old = await detailsOf(physics, sslId);
    expect(old.status).toBe('Replaced');
    expect(old.replaced).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect((await physics('GET', `/api/ssl/v1/collect/${sslId}/x509CO`)).status).toBe(200);
    const leaf = pemCertificates((await physics('GET', `/api/ssl/v1/collect/${replacementId}/x509CO`)).text)[0]!;
    expect(spkiOf(leaf).equals(newKey.spki)).toBe(true);
  });
});

describe('SSL revoke', () => {
  async function issuedCertificate(): Promise<{ sslId: number; serial: string }> {
    const computing = callerFor(sandbox(), 'drao-computing');
    const sslId = await enrolledId(computing, { orgId: 1003, csr: (await makeCsr('ec256', uniqueName(university))).pem });
    const details = await issuedAfterDelay(computing, sslId);
    return { sslId, serial: details.serialNumber as string };
  }

  it('revokes by id with 204, records the reason code, and then refuses collect and a second revoke', async () => {
    const call = callerFor(sandbox(), 'drao-computing');
    const { sslId } = await issuedCertificate();
    expectError(await call('POST', `/api/ssl/v1/revoke/${sslId}`, { reasonCode: 4 }), 400, -7, 'reason is required but missing');
    expectError(await call('POST', `/api/ssl/v1/revoke/${sslId}`, { reasonCode: 4, reason: '' }), 400, -7);
    expectError(await call('POST', `/api/ssl/v1/revoke/${sslId}`, { reasonCode: 2, reason: 'CA compromise' }), 400, -1601, /reasonCode/);
    const reply = await call('POST', `/api/ssl/v1/revoke/${sslId}`, { reasonCode: 1, reason: 'Key leaked' });
    expect(reply.status, reply.text).toBe(204);
    const details = await detailsOf(call, sslId);
    expect(details).toMatchObject({ status: 'Revoked', reasonCode: 1 });
    expect(details.revoked).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expectError(await call('GET', `/api/ssl/v1/collect/${sslId}?format=x509`), 400, -110);
    expectError(await call('POST', `/api/ssl/v1/revoke/${sslId}`, { reasonCode: 1, reason: 'again' }), 400, -159, 'Your certificate already revoked');
  });

  it('revokes by serial in colon-separated or plain hex, and accepts a reason without a code', async () => {
    const call = callerFor(sandbox(), 'drao-computing');
    const first = await issuedCertificate();
    expect((await call('POST', `/api/ssl/v1/revoke/serial/${first.serial}`, { reasonCode: 5, reason: 'Service retired' })).status).toBe(204);
    expect(await detailsOf(call, first.sslId)).toMatchObject({ status: 'Revoked', reasonCode: 5 });
    const second = await issuedCertificate();
    expect((await call('POST', `/api/ssl/v1/revoke/serial/${second.serial.replace(/:/g, '').toLowerCase()}`, { reason: 'Old client' })).status).toBe(204);
    expect(await detailsOf(call, second.sslId)).toMatchObject({ status: 'Revoked', reasonCode: 0 });
    expectError(await call('POST', '/api/ssl/v1/revoke/serial/AB:CD:EF', { reason: 'x' }), 404, -5101);
  });

  it('refuses to revoke a certificate that was never issued with -102', async () => {
    const call = callerFor(sandbox(), 'drao-physics');
    const sslId = await enrolledId(call, { orgId: 1002, csr: (await makeCsr('ec256', uniqueName(`physics.${university}`))).pem });
    expectError(await call('POST', `/api/ssl/v1/revoke/${sslId}`, { reasonCode: 0, reason: 'never mind' }), 400, -102);
  });

  it('marks a certificate revoked through revoke/manual, by id or by serial and issuer', async () => {
    const call = callerFor(sandbox(), 'drao-computing');
    const first = await issuedCertificate();
    expect((await call('POST', '/api/ssl/v1/revoke/manual', { certId: first.sslId, revokeDate: '2025-05-21T12:24:27.916+00:00', reasonCode: 4 })).status).toBe(204);
    const details = await detailsOf(call, first.sslId);
    expect(details).toMatchObject({ status: 'Revoked', reasonCode: 4, revoked: '05/21/2025' });
    const second = await issuedCertificate();
    const issuer = (await detailsOf(call, second.sslId)).certificateDetails as { issuer: string };
    expectError(await call('POST', '/api/ssl/v1/revoke/manual', { serialNumber: second.serial, issuer: 'CN=Someone Else' }), 404, -5101);
    expect((await call('POST', '/api/ssl/v1/revoke/manual', { serialNumber: second.serial, issuer: issuer.issuer })).status).toBe(204);
    expectError(await call('POST', '/api/ssl/v1/revoke/manual', { reasonCode: 0 }), 400, -7);
  });

  it('requires the sslRevoke privilege', async () => {
    const s = sandbox();
    const login = `no-revoke-${run}`;
    await callerFor(s, 'mrao')('POST', '/api/admin/v1', {
      type: 'API', login, email: `${login}@${university}`, forename: 'No', surname: 'Revoke', password: 'Temporary-Pass-123!',
      credentials: [{ role: 'RAO_SSL', orgId: 1001 }], privileges: ['sslRequest'],
    });
    await callerFor(s, login, 'Temporary-Pass-123!')('POST', '/api/admin/v1/changepassword', { newPassword: 'Settled-Granite-2044!' });
    const { sslId } = await issuedCertificate();
    expectError(await callerFor(s, login, 'Settled-Granite-2044!')('POST', `/api/ssl/v1/revoke/${sslId}`, { reason: 'x' }), 400, -3, 'Not authorized to perform certificate revocation');
  });
});

describe('SSL per-certificate DCV', () => {
  it('shows the DCV log and instructions for each domain, and rechecks with 202', async () => {
    const call = callerFor(sandbox(), 'rao');
    const sslId = await enrolledId(call, { orgId: 1001, csr: (await makeCsr('ec256', uniqueName(university))).pem });
    const reply = await call('GET', `/api/ssl/v1/${sslId}/dcv`);
    expect(reply.status).toBe(200);
    const body = reply.json as { dcvLog: { error: unknown; log: Record<string, unknown>[] }; instructions: unknown[] };
    expect(Object.keys(body).sort()).toEqual(['dcvLog', 'instructions']);
    expect(body.dcvLog.error).toEqual({ code: 0, description: null });
    expect(body.dcvLog.log).toEqual([expect.objectContaining({ dcvStatus: 'Validated', domainName: university })]);
    expect(body.dcvLog.log[0]!.lastCheck).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(body.instructions).toEqual([]);
    const recheck = await call('POST', `/api/ssl/v1/${sslId}/dcv/recheck`);
    expect(recheck.status).toBe(202);
    expect(recheck.json).toEqual({ dcvLog: body.dcvLog });
  });

  it('gives CNAME instructions for a domain awaiting validation', async () => {
    const call = callerFor(sandbox(), 'mrao');
    const library = ((await call('GET', '/api/ssl/v1?orgId=1004&size=1')).json as { sslId: number }[])[0]!;
    const body = (await call('GET', `/api/ssl/v1/${library.sslId}/dcv`)).json as { dcvLog: { log: Record<string, unknown>[] }; instructions: Record<string, string>[] };
    expect(body.dcvLog.log[0]).toMatchObject({ dcvStatus: 'Awaiting Validation', domainName: `library.${university}` });
    expect(body.instructions[0]).toMatchObject({ domainName: `library.${university}`, dcvMode: 'CNAME' });
    expect(body.instructions[0]!.host).toMatch(new RegExp(`^_[0-9a-f]{32}\\.library\\.sandbox-university\\.example\\.$`));
    expect(body.instructions[0]!.point).toMatch(/^[0-9a-f]{32}\.[0-9a-f]{32}\.sectigo\.com\.$/);
  });
});

describe('SSL import and delete', () => {
  it('imports a certificate issued elsewhere and deletes only imported certificates', async () => {
    const s = sandbox();
    const call = callerFor(s, 'rao');
    const sourceId = await enrolledId(callerFor(s, 'drao-computing'), { orgId: 1003, csr: (await makeCsr('ec256', uniqueName(university))).pem });
    await issuedAfterDelay(call, sourceId);
    const pem = (await call('GET', `/api/ssl/v1/collect/${sourceId}/x509CO`)).text;
    const der = pemCertificates(pem)[0]!.raw.toString('base64');
    // The sandbox sees its own certificate again; import it into another organization as a copy held elsewhere.
    const reply = await call('POST', '/api/ssl/v2/import', [{ orgID: 1002, cert: der, comments: 'imported' }, { orgID: 1002, cert: 'garbage' }]);
    expect(reply.status, reply.text).toBe(200);
    const [first, second] = reply.json as [{ cert: { id: number; serialNumber: string }; created: boolean }, { errorMessage: string }];
    expect(first.created).toBe(false);
    expect(first.cert.id).toBe(sourceId);
    expect(second.errorMessage).toMatch(/cannot be parsed/);

    await withSandbox({ certificates: 1 }, async (elsewhere, clock) => {
      const foreign = callerFor(elsewhere, 'mrao');
      const foreignId = await enrolledId(foreign, { orgId: 1001, csr: (await makeCsr('rsa2048', uniqueName(university))).pem });
      await issuedAfterDelay(foreign, foreignId, () => clock.advance(elsewhere.options.issueDelaySeconds * 1000));
      const foreignDer = pemCertificates((await foreign('GET', `/api/ssl/v1/collect/${foreignId}/x509CO`)).text)[0]!.raw.toString('base64');
      const imported = await call('POST', '/api/ssl/v2/import', [{ orgID: 1002, cert: foreignDer, comments: 'from a partner' }]);
      const [created] = imported.json as [{ cert: { id: number }; created: boolean }];
      expect(created.created).toBe(true);
      expect(await detailsOf(call, created.cert.id)).toMatchObject({ status: 'Issued', requestedVia: 'Imported', orgId: 1002, keyAlgorithm: 'RSA', keySize: 2048 });
      expect((await call('GET', `/api/ssl/v1?requestedVia=IMPORTED`)).json).toEqual([expect.objectContaining({ sslId: created.cert.id })]);
      expectError(await call('DELETE', `/api/ssl/v1/${sourceId}`), 400, -3);
      const deleted = await call('DELETE', `/api/ssl/v1/${created.cert.id}`);
      expect(deleted.status).toBe(204);
      expectError(await call('GET', `/api/ssl/v1/${created.cert.id}`), 404, -5101);
    });
  });
});

describe('SSL certificate report', () => {
  type Row = Record<string, unknown>;
  const rowFields = [
    'id', 'type', 'typeId', 'orgId', 'commonName', 'subjAltNames', 'status', 'requester', 'approver', 'organizationName', 'orderNumber',
    'backendCertId', 'requestedVia', 'term', 'comments', 'requested', 'approved', 'declined', 'downloaded', 'expires', 'revoked', 'replaced',
    'issuer', 'serialNumber', 'city', 'state', 'country', 'sha1', 'md5', 'publicKeyType', 'customFields',
  ].sort();

  it('returns every certificate in scope in one response with download headers', async () => {
    const s = sandbox();
    const reply = await callerFor(s, 'rao')('POST', '/api/report/v1/ssl-certificates', {});
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="rest_api_.+\.json"$/);
    expect(reply.headers.get('cache-control')).toBe('must-revalidate');
    expect(reply.headers.get('pragma')).toBe('public');
    const body = reply.json as { statusCode: number; reports: Row[] };
    expect(Object.keys(body).sort()).toEqual(['reports', 'statusCode']);
    expect(body.statusCode).toBe(0);
    const listed = Number((await callerFor(s, 'rao')('HEAD', '/api/ssl/v1')).headers.get('x-total-count'));
    expect(body.reports).toHaveLength(listed);
    for (const row of body.reports.slice(0, 20)) expect(Object.keys(row).sort()).toEqual(rowFields);
    expect(new Set(body.reports.map((row) => row.orgId))).toEqual(new Set([1001, 1002, 1003, 1004]));
  });

  it('filters by organization (with its departments), status, dates and common name', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const report = async (filter: Record<string, unknown>) => ((await mrao('POST', '/api/report/v1/ssl-certificates', filter)).json as { reports: Row[] }).reports;
    const count = async (query: string) => Number((await mrao('HEAD', `/api/ssl/v1?${query}`)).headers.get('x-total-count'));
    expect(await report({ organizationIds: [1002] })).toHaveLength(await count('orgId=1002'));
    const university = await report({ organizationIds: [1001] });
    expect(new Set(university.map((row) => row.orgId))).toEqual(new Set([1001, 1002, 1003, 1004]));
    expect(await report({ certificateStatus: 3 })).toHaveLength(await count('status=Revoked'));
    // Issued changes while earlier tests' certificates are issued, so it is checked by content, not count.
    const issued = await report({ certificateStatus: 2 });
    expect(issued.length).toBeGreaterThan(0);
    expect(issued.every((row) => row.status === 'Issued')).toBe(true);
    expect(await report({ certificateStatus: 4 })).toHaveLength(await count('status=Expired'));
    const now = sandbox.clock.now();
    const from = new Date(now - 30 * 86_400_000).toISOString();
    const soon = await report({ certificateDateAttribute: 3, from, to: new Date(now + 30 * 86_400_000).toISOString() });
    expect(soon.length).toBeGreaterThan(0);
    for (const row of soon) {
      const expires = Date.parse(row.expires as string);
      expect(expires).toBeGreaterThanOrEqual(Date.parse(from));
    }
    expectError(await mrao('POST', '/api/report/v1/ssl-certificates', { certificateStatus: 9 }), 400, -1601);
  });

  it('reports a new certificate with its comments verbatim, "; "-joined names and ISO dates', async () => {
    const s = sandbox();
    const computing = callerFor(s, 'drao-computing');
    const commonName = uniqueName(university);
    const alias = uniqueName(university);
    const marker = `report-marker-${run}`;
    const sslId = await enrolledId(computing, { orgId: 1003, csr: (await makeCsr('ec256', commonName)).pem, subjAltNames: alias, comments: marker });
    await issuedAfterDelay(computing, sslId);
    const reports = ((await computing('POST', '/api/report/v1/ssl-certificates', { commonName })).json as { reports: Row[] }).reports;
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      id: sslId, commonName, subjAltNames: `${commonName}; ${alias}`, comments: marker, status: 'Issued', typeId: 3001, type: 'Sandbox OV SSL',
      orgId: 1003, organizationName: 'Department of Computer Science', requester: 'drao-computing', approver: 'drao-computing', requestedVia: 'REST API',
      publicKeyType: 'EC - P-256', country: 'SE',
    });
    expect(reports[0]!.requested).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(reports[0]!.serialNumber).toBe((await detailsOf(computing, sslId)).serialNumber);
    expect(reports[0]!.downloaded).toBeNull();
    expect(reports[0]!.sha1).toMatch(/^[0-9A-F]{40}$/);
    await computing('GET', `/api/ssl/v1/collect/${sslId}`);
    const after = ((await computing('POST', '/api/report/v1/ssl-certificates', { commonName })).json as { reports: Row[] }).reports[0]!;
    expect(after.downloaded).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('SSL at 100,000 certificates', () => {
  const large = useSandbox({ certificates: 100_000 });

  it('answers a filtered list page, a HEAD count and the full report over all of them', async () => {
    const s = large();
    const call = callerFor(s, 'mrao');
    const page = await call('GET', '/api/ssl/v1?status=Issued&position=40000&size=200');
    expect(page.status).toBe(200);
    expect((page.json as unknown[]).length).toBe(200);
    const head = await call('HEAD', '/api/ssl/v1?keyAlgorithm=EC&requestedVia=ACME');
    expect(Number(head.headers.get('x-total-count'))).toBeGreaterThan(1000);
    const response = await fetch(`${s.url}/api/report/v1/ssl-certificates`, {
      method: 'POST',
      headers: { login: 'mrao', password: passwordOf(s, 'mrao'), customerUri: s.customerUri, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { reports: unknown[] }).reports.length).toBe(100_000);
  }, 60_000);
});

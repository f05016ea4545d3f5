import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { checkKey, profileTerm, readCsr, readCustomFields } from '../enrollment';
import { isCollectFormat, renderCollect } from '../collect';
import { closestDomains, coverageProblem, domainBase } from '../coverage';
import {
  download,
  idParam,
  importRoute,
  jsonBody,
  listPage,
  noContent,
  ok,
  refuseWhenReadOnly,
  optionalBoolean,
  optionalString,
  requireInteger,
  requireString,
  type Route,
  type RouteContext,
  type RouteResult,
} from '../context';
import { dcvTime, isoTimestamp, usDate } from '../dates';
import { ScmError, cannotParseBody, invalidField, notAuthorized, requiredField } from '../errors';
import { certificatePem, settleDomain, settleSsl } from '../lifecycle';
import { adminName, type CertificateProfile, type Organization, type SslCertificate, type SslStatus } from '../state/model';
import type { SandboxStore } from '../state/store';

/*
 * The SSL certificate API (/api/ssl/v1) and the SSL certificate report.
 *
 * Where SCM is silent the sandbox decides as follows:
 * - An unknown or out-of-scope sslId is 404 -5101 on every route that takes one.
 * - EV certificates are never approved automatically: another admin must approve them (-1140 for the requester).
 * - A replacement is a new certificate; the replaced one stays Issued until the replacement is issued,
 *   then becomes Replaced.
 * - Collect of a Declined, Rejected or Invalid certificate, which will never be issued, answers -130.
 * - Names are checked against the most specific registered domain that covers them; that domain must be
 *   active, delegated (ACTIVE, for SSL) to the organization or its parent, and validated.
 */

const certificateNotFound = () => new ScmError(404, -5101, 'Certificate not found.');
const organizationNotFound = (id: number) => new ScmError(400, -1023, `Organization '${id}' not found`);
const organizationNotAllowed = () => new ScmError(400, -1021, 'Operation is not allowed for organization');

/** Where a new certificate request came from, as SCM names it. */
const restApi = 'REST API';

/** The list filter's codes for `requestedVia`. */
const requestedViaCodes: Record<string, string> = {
  WEB_FORM: 'Enrollment Form',
  CLIENT_ADMIN: 'Client Admin',
  API: 'Web API',
  DISCOVERY: 'Discovery',
  IMPORTED: 'Imported',
  SCEP: 'SCEP',
  CD_AGENT: 'CD Agent',
  MS_AGENT: 'MS Agent',
  MS_CA: 'MS CA',
  BULK_REQUEST: 'Bulk Request',
  ACME: 'ACME',
  EST: 'EST',
  REST: restApi,
};

/** The report filter's numbers for the request source. */
const reportRequestSources: Record<number, string> = {
  0: 'Enrollment Form', 1: 'Client Admin', 2: 'Web API', 3: 'Discovery', 4: 'Imported', 5: 'SCEP',
  7: 'MS Agent', 9: 'Bulk Request', 10: 'ACME', 11: 'EST', 12: restApi,
};

const sslStatuses: readonly SslStatus[] = [
  'Invalid', 'Requested', 'Approved', 'Declined', 'Applied', 'Issued', 'Revoked', 'Expired', 'Replaced', 'Rejected', 'SAApproved', 'Init',
];
/** States that have had a certificate issued (and so can be collected unless revoked). */
const collectableStatuses: readonly SslStatus[] = ['Issued', 'Expired', 'Replaced'];
/** States that will never lead to a certificate. */
const deadEndStatuses: readonly SslStatus[] = ['Declined', 'Rejected', 'Invalid'];
/** States in which the order itself (organization, profile, term, names, CSR) may still change. */
const editableStatuses: readonly SslStatus[] = ['Requested', 'Declined', 'Rejected', 'Invalid'];
const revocationReasonCodes = [0, 1, 3, 4, 5];
const dcvModes = ['CNAME', 'EMAIL', 'HTTP', 'HTTPS', 'TXT', 'AUTO'];
const emailPattern = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;
const dnsNamePattern = /^(\*\.)?([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const vendor = 'SCM Sandbox';
/** The sandbox CA signs with ECDSA P-384. */
const sandboxSignatureAlgorithm = 'SHA384withECDSA';

/** The settings a certificate carries beyond its identity and status. */
type CertificateSettings = Pick<SslCertificate, 'autoRenewState' | 'autoRenewDays' | 'suspendNotifications' | 'manuallyRenewed' | 'downloaded'>;

function copySettings(certificate: SslCertificate): CertificateSettings {
  const { autoRenewState, autoRenewDays, suspendNotifications, manuallyRenewed, downloaded } = certificate;
  return { autoRenewState, autoRenewDays, suspendNotifications, manuallyRenewed, downloaded };
}

// ---- time and state ----

/**
 * Brings a certificate up to date: issuance and expiry as time passes, and a replaced certificate
 * becoming Replaced once its replacement is issued.
 */
function settle(context: RouteContext, certificate: SslCertificate): void {
  let changed = settleSsl(certificate, context.now);
  if (certificate.status === 'Issued' && certificate.replacedById !== null) {
    const replacement = context.store.ssl.get(certificate.replacedById);
    if (replacement !== undefined) {
      settle(context, replacement);
      if (replacement.issued !== null) {
        certificate.status = 'Replaced';
        certificate.replaced = replacement.issued;
        changed = true;
      }
    }
  }
  if (changed) context.store.changed();
}

/** Upper-case hex of the bytes, with the first byte made non-zero and the top bit clear so the serial is positive. */
function positiveSerial(bytes: Buffer): string {
  const serial = Buffer.from(bytes);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return serial.toString('hex').toUpperCase();
}

function newSerialNumber(): string {
  return positiveSerial(randomBytes(16));
}

function newRenewId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** SCM's display form of a serial: colon-separated byte pairs. */
function colonSerial(serial: string): string {
  return serial === '' ? '' : (serial.match(/.{1,2}/g) ?? []).join(':');
}

/** A serial as clients write it (colons, spaces, lower case, leading zeros) reduced to one form. */
function normalSerial(serial: string): string {
  return serial.replace(/[\s:]/g, '').toUpperCase().replace(/^0+(?=.)/, '');
}

function findCertificate(context: RouteContext, id: number): SslCertificate {
  const certificate = context.store.ssl.get(id);
  if (certificate === undefined || !context.scope.canSee(certificate.orgId, 'ssl')) throw certificateNotFound();
  settle(context, certificate);
  return certificate;
}

function certificateFromPath(context: RouteContext): SslCertificate {
  return findCertificate(context, idParam(context, 'sslId', certificateNotFound));
}

// ---- request fields ----

/** The organization an order is for: visible to the caller, open to the SSL API, validated. */
function orderOrganization(context: RouteContext, raw: unknown): Organization {
  if (raw === undefined || raw === null || raw === '') throw requiredField('orgId');
  const id = requireInteger({ orgId: raw }, 'orgId');
  const org = context.store.organization(id);
  if (org === undefined || !context.scope.canSee(id, 'ssl')) throw organizationNotFound(id);
  if (!org.sslCertsApiEnabled || !org.certTypes.includes('SSL')) throw organizationNotAllowed();
  if (org.validationStatus !== 'VALIDATED') throw new ScmError(400, -843, 'SSL type cannot be requested due to organization validation status');
  return org;
}

function sslProfile(context: RouteContext, raw: unknown, field: string): CertificateProfile {
  if (raw === undefined || raw === null || raw === '') throw requiredField(field);
  const number = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) throw new ScmError(400, -39, 'The certificate profile id is invalid!');
  const profile = context.store.profiles.get(number);
  if (profile === undefined || profile.kind !== 'ssl') throw new ScmError(400, -111, `No certificate profile found by id ${number}`);
  return profile;
}

function readExternalRequester(body: Record<string, unknown>): string | undefined {
  const value = optionalString(body, 'externalRequester', 512);
  if (value === undefined || value.trim() === '') return value;
  for (const address of value.split(',')) {
    if (!emailPattern.test(address.trim())) throw invalidField('externalRequester', `${address.trim()} is not an email address`);
  }
  return value;
}

function readDcvMode(body: Record<string, unknown>): string | undefined {
  const mode = optionalString(body, 'dcvMode');
  if (mode === undefined || mode === '') return undefined;
  if (!dcvModes.includes(mode)) throw invalidField('dcvMode', `use one of ${dcvModes.join(', ')}`);
  if (mode === 'EMAIL') {
    const email = requireString(body, 'dcvEmail');
    if (!emailPattern.test(email)) throw invalidField('dcvEmail', 'must be a well-formed email address');
  }
  return mode;
}

/** Enroll takes SANs as one comma-separated string (SCM cannot read an array there). */
function readSubjAltNames(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'string') throw cannotParseBody();
  return raw.split(',').map((name) => name.trim()).filter((name) => name !== '');
}

/** Replace and update take SANs as an array of strings. */
function readNameArray(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.some((name) => typeof name !== 'string')) throw cannotParseBody();
  return (raw as string[]).map((name) => name.trim()).filter((name) => name !== '');
}

/** The certificate's names: the common name first, then the others once each. */
function certificateNames(commonName: string, others: string[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const name of [commonName, ...others]) {
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

// ---- domains ----

/** Every name must be covered by a domain the organization may order it under (coverage.ts). */
function checkNames(context: RouteContext, org: Organization, names: string[]): void {
  for (const domain of context.store.domains.values()) if (settleDomain(domain, context.now)) context.store.changed();
  for (const original of names) {
    const name = original.toLowerCase().replace(/\.$/, '');
    if (name.length > 253 || !dnsNamePattern.test(name)) throw invalidField('subjAltNames', `${original} is not a valid domain name`);
    const problem = coverageProblem(context.store.domains.values(), name, 'SSL', org, context.now, original);
    if (problem !== undefined) throw problem;
  }
}

// ---- creating and moving certificates ----

/** EV orders always wait for a second admin; others are approved at once when the requester may auto-approve. */
function autoApproves(context: RouteContext, profile: CertificateProfile): boolean {
  return !profile.ev && (context.scope.has('autoApproveCertificates') || context.scope.has('allowSslAutoApprove'));
}

/** Sends an approved order to the CA: it is Applied now and Issued after the configured delay. */
function apply(context: RouteContext, certificate: SslCertificate, approverId: number): void {
  certificate.status = 'Applied';
  certificate.approved = context.now;
  certificate.approverId = approverId;
  certificate.issueAt = context.now + context.options.issueDelaySeconds * 1000;
  certificate.serialNumber = newSerialNumber();
}

interface Order {
  org: Organization;
  profile: CertificateProfile;
  term: number;
  commonName: string;
  names: string[];
  key: { publicKey: string | null; keyAlgorithm: 'RSA' | 'EC'; keyParam: string };
  customFields: { name: string; value: string }[];
  comments: string;
  externalRequester: string;
  dcvMode: string;
}

function createCertificate(context: RouteContext, order: Order): SslCertificate {
  const id = context.store.nextId();
  const certificate: SslCertificate = {
    id,
    orgId: order.org.id,
    commonName: order.commonName,
    subjectAlternativeNames: order.names,
    status: 'Requested',
    profileId: order.profile.id,
    term: order.term,
    requesterId: context.admin.id,
    requester: context.admin.login,
    approverId: null,
    externalRequester: order.externalRequester,
    comments: order.comments,
    customFields: order.customFields,
    requestedVia: restApi,
    renewId: newRenewId(),
    backendCertId: String(900_000_000 + id),
    requested: context.now,
    approved: null,
    issued: null,
    declined: null,
    expires: null,
    revoked: null,
    replaced: null,
    issueAt: null,
    reasonCode: null,
    revokeReason: '',
    serialNumber: '',
    keyAlgorithm: order.key.keyAlgorithm,
    keyParam: order.key.keyParam,
    publicKey: order.key.publicKey,
    dcvMode: order.dcvMode,
    renewed: false,
    renewedFromId: null,
    renewedToId: null,
    replacedById: null,
    certificatePem: null,
    autoRenewState: 'Not scheduled',
    autoRenewDays: 30,
    suspendNotifications: false,
    manuallyRenewed: null,
    downloaded: null,
  };
  if (autoApproves(context, order.profile)) apply(context, certificate, context.admin.id);
  context.store.ssl.set(id, certificate);
  context.store.changed();
  return certificate;
}

function profileOf(context: RouteContext, certificate: SslCertificate): CertificateProfile {
  const profile = context.store.profiles.get(certificate.profileId);
  if (profile === undefined) throw new ScmError(400, -111, `No certificate profile found by id ${certificate.profileId}`);
  return profile;
}

/** A new order with the same parameters as an earlier certificate, optionally with a new key. */
async function renew(context: RouteContext, original: SslCertificate, body: Record<string, unknown>): Promise<SslCertificate> {
  context.scope.require('sslRenew', 'certificate renewal');
  const profile = profileOf(context, original);
  if (!profile.allowRenew) throw new ScmError(400, -180, "This SSL Certificate Profile doesn't allow renew");
  if (original.status !== 'Issued' && original.status !== 'Expired') {
    throw new ScmError(400, -105, `Error was occurred while renewing cert. Status = ${original.status}`);
  }
  const csr = body.csr === undefined || body.csr === null ? undefined : await readCsr(body.csr);
  if (csr !== undefined) checkKey(profile, csr);
  const dcvMode = readDcvMode(body);
  const org = orderOrganization(context, original.orgId);
  const names = certificateNames(original.commonName, original.subjectAlternativeNames);
  checkNames(context, org, names);
  const renewal = createCertificate(context, {
    org,
    profile,
    term: original.term,
    commonName: original.commonName,
    names,
    key: csr ?? { publicKey: original.publicKey, keyAlgorithm: original.keyAlgorithm, keyParam: original.keyParam },
    customFields: original.customFields.map((field) => ({ ...field })),
    comments: original.comments,
    externalRequester: original.externalRequester,
    dcvMode: dcvMode ?? original.dcvMode,
  });
  renewal.renewedFromId = original.id;
  original.renewed = true;
  original.renewedToId = renewal.id;
  context.store.record(context.admin.login, 'SSL certificate renewed', `${original.id} -> ${renewal.id} ${original.commonName}`, context.now);
  return renewal;
}

function readRevocation(body: Record<string, unknown>): { reason: string; reasonCode: number } {
  const reasonCode = body.reasonCode === undefined || body.reasonCode === null ? 0 : requireInteger(body, 'reasonCode');
  if (!revocationReasonCodes.includes(reasonCode)) throw invalidField('reasonCode', 'allowed values are 0, 1, 3, 4 and 5');
  return { reason: requireString(body, 'reason', { max: 512 }), reasonCode };
}

function revoke(context: RouteContext, certificate: SslCertificate, reasonCode: number, reason: string, when: number): void {
  if (certificate.status === 'Revoked') throw new ScmError(400, -159, 'Your certificate already revoked');
  if (certificate.status !== 'Issued' && certificate.status !== 'Replaced') throw new ScmError(400, -102, 'Only issued certificates could be revoked.');
  certificate.status = 'Revoked';
  certificate.revoked = when;
  certificate.reasonCode = reasonCode;
  certificate.revokeReason = reason;
  context.store.record(context.admin.login, 'SSL certificate revoked', `${certificate.id} ${certificate.commonName}: ${reason}`, context.now);
  context.store.changed();
}

/** Finds a visible, issued certificate by serial number, in any of the forms clients write it. */
function certificateBySerial(context: RouteContext, serial: string): SslCertificate {
  const wanted = normalSerial(serial);
  if (!/^[0-9A-F]+$/.test(wanted)) throw certificateNotFound();
  for (const certificate of context.store.ssl.values()) {
    if (certificate.serialNumber === '' || normalSerial(certificate.serialNumber) !== wanted) continue;
    if (!context.scope.canSee(certificate.orgId, 'ssl')) continue;
    settle(context, certificate);
    if (certificate.issued !== null) return certificate;
  }
  throw certificateNotFound();
}

function readMessage(context: RouteContext): string {
  return requireString(jsonBody(context), 'message', { max: 512 });
}

// ---- the issued certificate ----

const pendingPems = new WeakMap<SslCertificate, Promise<string>>();

/** The certificate's subject: its common name, and its organization (department as OU). */
function subjectOf(context: RouteContext, certificate: SslCertificate): { commonName: string; organization: string; unit: string } {
  const org = context.store.organization(certificate.orgId);
  const parent = org?.parentId === null || org?.parentId === undefined ? undefined : context.store.organization(org.parentId);
  return { commonName: certificate.commonName, organization: parent?.name ?? org?.name ?? '', unit: parent === undefined ? '' : (org?.name ?? '') };
}

/** The issued certificate as PEM, made once (concurrent collects get the same one). */
function issuedPem(context: RouteContext, certificate: SslCertificate): Promise<string> {
  if (certificate.certificatePem !== null) return Promise.resolve(certificate.certificatePem);
  let pending = pendingPems.get(certificate);
  if (pending === undefined) {
    const names = certificate.subjectAlternativeNames.map((value) => ({ type: 'dns' as const, value }));
    pending = certificatePem(context.store, context.ca, certificate, subjectOf(context, certificate), names, 'server', context.now);
    pendingPems.set(certificate, pending);
    void pending.finally(() => pendingPems.delete(certificate)).catch(() => undefined);
  }
  return pending;
}

interface PemFacts {
  pem: string;
  subject: string;
  issuer: string;
  subjectAltNames: string;
  sha1: string;
  md5: string;
  sha256: string;
}
const factsByCertificate = new WeakMap<SslCertificate, PemFacts>();
const distinguishedNames = new Map<string, string>();

/** Node writes DNs one attribute a line; SCM shows them comma-separated. */
function oneLineName(multiLine: string): string {
  return multiLine.split('\n').join(', ');
}

/** The issuing CA's name, read once per CA certificate. */
function caSubject(context: RouteContext): string {
  let name = distinguishedNames.get(context.ca.intermediatePem);
  if (name === undefined) {
    name = oneLineName(new X509Certificate(context.ca.intermediatePem).subject);
    distinguishedNames.set(context.ca.intermediatePem, name);
  }
  return name;
}

/** Subject, issuer and fingerprints of a certificate whose PEM exists; undefined before that. */
function pemFacts(certificate: SslCertificate): PemFacts | undefined {
  const pem = certificate.certificatePem;
  if (pem === null || pem === '') return undefined;
  const known = factsByCertificate.get(certificate);
  if (known !== undefined && known.pem === pem) return known;
  const parsed = new X509Certificate(pem);
  const digest = (algorithm: string) => createHash(algorithm).update(parsed.raw).digest('hex').toUpperCase();
  const facts: PemFacts = {
    pem,
    subject: oneLineName(parsed.subject),
    issuer: oneLineName(parsed.issuer),
    subjectAltNames: (parsed.subjectAltName ?? '').replace(/DNS:/g, 'dNSName='),
    sha1: digest('sha1'),
    md5: digest('md5'),
    sha256: digest('sha256'),
  };
  factsByCertificate.set(certificate, facts);
  return facts;
}

function issuerOf(context: RouteContext, certificate: SslCertificate): string | null {
  if (certificate.issued === null) return null;
  return pemFacts(certificate)?.issuer ?? caSubject(context);
}

// ---- rendering ----

function profileView(profile: CertificateProfile) {
  return {
    id: profile.id,
    name: profile.name,
    description: profile.description,
    terms: profile.terms,
    keyTypes: profile.keyTypes,
    useSecondaryOrgName: profile.useSecondaryOrgName,
  };
}

function keySize(certificate: SslCertificate): number {
  if (certificate.keyAlgorithm === 'RSA') return Number(certificate.keyParam) || 0;
  return Number(/\d+/.exec(certificate.keyParam)?.[0] ?? 0);
}

function keyType(certificate: SslCertificate): string {
  return `${certificate.keyAlgorithm} - ${certificate.keyParam}`;
}

function renewedDate(context: RouteContext, certificate: SslCertificate): number | null {
  if (certificate.renewedToId !== null) return context.store.ssl.get(certificate.renewedToId)?.requested ?? null;
  return certificate.manuallyRenewed;
}

/** SCM leaves out fields that have no value. */
function withoutEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined));
}

/** GET /api/ssl/v1/{sslId}: dates as MM/dd/yyyy, SANs as an array; the certificate is made if it is issued. */
async function details(context: RouteContext, certificate: SslCertificate): Promise<Record<string, unknown>> {
  const { store } = context;
  const profile = store.profiles.get(certificate.profileId);
  const requester = certificate.requesterId === null ? undefined : store.admins.get(certificate.requesterId);
  const issued = certificate.issued !== null;
  if (issued) await issuedPem(context, certificate);
  const facts = issued ? pemFacts(certificate) : undefined;
  const sandboxIssued = certificate.requestedVia !== 'Imported';
  return withoutEmpty({
    commonName: certificate.commonName,
    sslId: certificate.id,
    id: certificate.id,
    orgId: certificate.orgId,
    status: certificate.status,
    orderNumber: Number(certificate.backendCertId) || undefined,
    backendCertId: certificate.backendCertId,
    vendor,
    certType: profile === undefined ? undefined : profileView(profile),
    subType: '',
    validationType: profile?.validationType,
    term: certificate.term,
    owner: requester === undefined ? undefined : `${requester.forename} ${requester.surname}`,
    ownerId: requester?.id,
    requester: certificate.requester,
    requesterId: certificate.requesterId,
    requestedVia: certificate.requestedVia,
    externalRequester: certificate.externalRequester,
    comments: certificate.comments,
    requested: usDate(certificate.requested),
    approved: usDate(certificate.approved),
    issued: usDate(certificate.issued),
    declined: usDate(certificate.declined),
    expires: usDate(certificate.expires),
    replaced: usDate(certificate.replaced),
    revoked: usDate(certificate.revoked),
    reasonCode: certificate.status === 'Revoked' ? certificate.reasonCode : undefined,
    renewed: certificate.renewed,
    renewedDate: usDate(renewedDate(context, certificate)),
    serialNumber: issued ? colonSerial(certificate.serialNumber) : undefined,
    signatureAlg: issued && sandboxIssued ? sandboxSignatureAlgorithm : undefined,
    keyAlgorithm: certificate.keyAlgorithm,
    keySize: keySize(certificate),
    keyParam: certificate.keyParam,
    keyType: keyType(certificate),
    keyUsages: issued && sandboxIssued ? ['digitalSignature', 'keyEncipherment'] : undefined,
    extendedKeyUsages: issued && sandboxIssued ? ['serverAuth', 'clientAuth'] : undefined,
    subjectAlternativeNames: certificate.subjectAlternativeNames,
    customFields: certificate.customFields,
    certificateDetails:
      facts === undefined
        ? {}
        : { issuer: facts.issuer, subject: facts.subject, subjectAltNames: facts.subjectAltNames, md5Hash: facts.md5, sha1Hash: facts.sha1 },
    autoInstallDetails: { state: 'Not configured' },
    autoRenewDetails: withoutEmpty({
      state: certificate.autoRenewState,
      daysBeforeExpiration: certificate.autoRenewState === 'Scheduled' ? certificate.autoRenewDays : undefined,
    }),
    suspendNotifications: certificate.suspendNotifications,
  });
}

/** The list shows identities only; details come from GET /{sslId}. */
function identity(certificate: SslCertificate) {
  return {
    sslId: certificate.id,
    commonName: certificate.commonName,
    subjectAlternativeNames: certificate.subjectAlternativeNames,
    serialNumber: certificate.issued === null ? '' : colonSerial(certificate.serialNumber),
  };
}

// ---- list and report filters ----

type CertificateFilter = (certificate: SslCertificate) => boolean;

function contains(value: string, wanted: string): boolean {
  return value.toLowerCase().includes(wanted.toLowerCase());
}

function positiveIdParam(name: string, raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw invalidField(name, 'must be a number');
  return Number(raw);
}

/** The list's query filters; an empty value means no filter (some clients always send every field). */
function listFilters(context: RouteContext): CertificateFilter[] {
  const filters: CertificateFilter[] = [];
  const text = (name: string) => {
    const value = context.query.get(name);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };
  const commonName = text('commonName');
  if (commonName !== undefined) filters.push((c) => contains(c.commonName, commonName));
  const san = text('subjectAlternativeName');
  if (san !== undefined) filters.push((c) => c.subjectAlternativeNames.some((name) => contains(name, san)));
  const status = text('status');
  if (status !== undefined) {
    const wanted = sslStatuses.find((candidate) => candidate.toLowerCase() === status.toLowerCase());
    if (wanted === undefined) throw invalidField('status', `use one of ${sslStatuses.join(', ')}`);
    filters.push((c) => c.status === wanted);
  }
  const typeId = text('sslTypeId');
  if (typeId !== undefined) {
    const id = positiveIdParam('sslTypeId', typeId);
    filters.push((c) => c.profileId === id);
  }
  const orgId = text('orgId');
  if (orgId !== undefined) {
    const id = positiveIdParam('orgId', orgId);
    filters.push((c) => c.orgId === id);
  }
  const serial = text('serialNumber');
  if (serial !== undefined) {
    const wanted = normalSerial(serial);
    filters.push((c) => c.issued !== null && normalSerial(c.serialNumber) === wanted);
  }
  const requester = text('requester');
  if (requester !== undefined) filters.push((c) => contains(c.requester, requester));
  const external = text('externalRequester');
  if (external !== undefined) filters.push((c) => contains(c.externalRequester, external));
  const algorithm = text('keyAlgorithm');
  if (algorithm !== undefined) {
    const wanted = algorithm.toUpperCase() === 'ECDSA' || algorithm.toUpperCase() === 'ECC' ? 'EC' : algorithm.toUpperCase();
    filters.push((c) => c.keyAlgorithm === wanted);
  }
  const keyParam = text('keyParam') ?? text('keySize');
  if (keyParam !== undefined) filters.push((c) => c.keyParam.toLowerCase() === keyParam.toLowerCase() || String(keySize(c)) === keyParam);
  const via = text('requestedVia');
  if (via !== undefined) {
    const wanted = requestedViaCodes[via.toUpperCase()] ?? via;
    filters.push((c) => c.requestedVia.toLowerCase() === wanted.toLowerCase());
  }
  const vendorFilter = text('vendor');
  if (vendorFilter !== undefined) filters.push(() => contains(vendor, vendorFilter));
  const issuer = text('issuer');
  if (issuer !== undefined) filters.push((c) => contains(issuerOf(context, c) ?? '', issuer));
  const signature = text('signatureAlgorithm');
  if (signature !== undefined) {
    filters.push((c) => c.issued !== null && c.requestedVia !== 'Imported' && sandboxSignatureAlgorithm.toLowerCase() === signature.toLowerCase());
  }
  const keyUsage = text('keyUsage');
  if (keyUsage !== undefined) {
    filters.push((c) => c.issued !== null && c.requestedVia !== 'Imported' && ['digitalSignature', 'keyEncipherment'].some((usage) => usage.toLowerCase() === keyUsage.toLowerCase()));
  }
  const extendedKeyUsage = text('extendedKeyUsage');
  if (extendedKeyUsage !== undefined) {
    filters.push((c) => c.issued !== null && c.requestedVia !== 'Imported' && ['serverAuth', 'clientAuth'].some((usage) => usage.toLowerCase() === extendedKeyUsage.toLowerCase()));
  }
  for (const [name, key] of [['sha1Hash', 'sha1'], ['md5Hash', 'md5'], ['sha256Hash', 'sha256']] as const) {
    const hash = text(name);
    if (hash !== undefined) {
      const wanted = hash.replace(/:/g, '').toUpperCase();
      filters.push((c) => pemFacts(c)?.[key] === wanted);
    }
  }
  return filters;
}

/** Visible certificates, brought up to date, that pass every filter, in id order. */
function matching(context: RouteContext, filters: CertificateFilter[], inScope: (orgId: number) => boolean): SslCertificate[] {
  const rows: SslCertificate[] = [];
  for (const certificate of context.store.ssl.values()) {
    if (!inScope(certificate.orgId)) continue;
    settle(context, certificate);
    if (filters.every((filter) => filter(certificate))) rows.push(certificate);
  }
  return rows;
}

interface CachedList {
  generation: number;
  /** The first moment a certificate in the tenant changes state by itself. */
  validUntil: number;
  rows: SslCertificate[];
}

const listCache = new WeakMap<SandboxStore, Map<string, CachedList>>();

/**
 * The certificates a list request matches. A client paging through 100,000
 * certificates asks the same question hundreds of times, so the answer is kept
 * until the data changes or a certificate is due to move on by itself
 * (issuance, expiry), whichever comes first.
 */
function listedCertificates(context: RouteContext): SslCertificate[] {
  const query = new URLSearchParams(context.query);
  query.delete('position');
  query.delete('size');
  query.sort();
  const key = `${context.admin.id}|${query.toString()}`;
  let cache = listCache.get(context.store);
  if (cache === undefined) {
    cache = new Map();
    listCache.set(context.store, cache);
  }
  const cached = cache.get(key);
  if (cached !== undefined && cached.generation === context.store.generation && context.now < cached.validUntil) return cached.rows;
  const rows = matching(context, listFilters(context), (orgId) => context.scope.canSee(orgId, 'ssl'));
  let validUntil = Number.POSITIVE_INFINITY;
  for (const certificate of context.store.ssl.values()) {
    if (certificate.status === 'Applied' && certificate.issueAt !== null) validUntil = Math.min(validUntil, certificate.issueAt);
    else if (certificate.status === 'Issued') {
      if (certificate.expires !== null) validUntil = Math.min(validUntil, certificate.expires);
      if (certificate.replacedById !== null) validUntil = context.now;
    }
  }
  if (cache.size > 100) cache.clear();
  cache.set(key, { generation: context.store.generation, validUntil, rows });
  return rows;
}

const reportStatuses: Record<number, readonly SslStatus[] | undefined> = {
  0: undefined,
  1: ['Requested', 'Approved', 'Applied', 'SAApproved', 'Init'],
  2: ['Issued'],
  3: ['Revoked'],
  4: ['Expired'],
};

const reportDates: Record<number, (c: SslCertificate) => number | null> = {
  2: (c) => c.revoked,
  3: (c) => c.expires,
  4: (c) => c.requested,
  5: (c) => c.issued,
};

function reportDate(body: Record<string, unknown>, field: 'from' | 'to'): number | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw invalidField(field, 'use an ISO date');
  return time;
}

/** The report body's filters; organizations include their departments. */
function reportFilters(context: RouteContext, body: Record<string, unknown>): { filters: CertificateFilter[]; orgIds: Set<number> | undefined } {
  const filters: CertificateFilter[] = [];
  let orgIds: Set<number> | undefined;
  if (body.organizationIds !== undefined && body.organizationIds !== null) {
    if (!Array.isArray(body.organizationIds) || body.organizationIds.some((id) => typeof id !== 'number')) throw invalidField('organizationIds', 'must be a list of ids');
    const ids = body.organizationIds as number[];
    if (ids.length > 0) {
      orgIds = new Set(ids);
      for (const id of ids) for (const department of context.store.departmentsOf(id)) orgIds.add(department.id);
    }
  }
  if (body.certificateStatus !== undefined && body.certificateStatus !== null) {
    const code = requireInteger(body, 'certificateStatus');
    if (!(code in reportStatuses)) throw invalidField('certificateStatus', 'use 0 to 4');
    const statuses = reportStatuses[code];
    if (statuses !== undefined) filters.push((c) => statuses.includes(c.status));
  }
  const from = reportDate(body, 'from');
  const to = reportDate(body, 'to');
  if (from !== undefined || to !== undefined) {
    const attribute = body.certificateDateAttribute === undefined || body.certificateDateAttribute === null ? 4 : requireInteger(body, 'certificateDateAttribute');
    const dateOf = reportDates[attribute];
    if (dateOf === undefined) throw invalidField('certificateDateAttribute', 'use 2, 3, 4 or 5');
    filters.push((c) => {
      const time = dateOf(c);
      return time !== null && (from === undefined || time >= from) && (to === undefined || time <= to);
    });
  } else if (body.certificateDateAttribute !== undefined && body.certificateDateAttribute !== null) {
    if (reportDates[requireInteger(body, 'certificateDateAttribute')] === undefined) throw invalidField('certificateDateAttribute', 'use 2, 3, 4 or 5');
  }
  const commonName = optionalString(body, 'commonName');
  if (commonName !== undefined && commonName.trim() !== '') filters.push((c) => contains(c.commonName, commonName.trim()));
  const external = optionalString(body, 'externalRequester');
  if (external !== undefined && external.trim() !== '') filters.push((c) => contains(c.externalRequester, external.trim()));
  if (body.certificateRequestSource !== undefined && body.certificateRequestSource !== null) {
    const source = reportRequestSources[requireInteger(body, 'certificateRequestSource')];
    if (source === undefined) throw invalidField('certificateRequestSource');
    filters.push((c) => c.requestedVia === source);
  }
  return { filters, orgIds };
}

// ---- per-certificate DCV ----

function dcvView(context: RouteContext, certificate: SslCertificate) {
  const log: Record<string, unknown>[] = [];
  const instructions: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const key = certificate.publicKey ?? context.store.seedCertificateKey;
  for (const name of certificateNames(certificate.commonName, certificate.subjectAlternativeNames)) {
    const lower = name.toLowerCase();
    const domain = closestDomains(context.store.domains.values(), lower)[0];
    if (domain !== undefined && settleDomain(domain, context.now)) context.store.changed();
    const domainName = domain === undefined ? lower.replace(/^\*\./, '') : domainBase(domain.name);
    if (seen.has(domainName)) continue;
    seen.add(domainName);
    const validation = domain?.validation;
    const validated = validation?.status === 'VALIDATED' && (validation.expires === null || validation.expires > context.now);
    const lastCheck = validation?.lastCheck ?? certificate.requested;
    log.push({
      dcvStatus: validated ? 'Validated' : validation?.status === 'EXPIRED' ? 'Expired' : 'Awaiting Validation',
      domainName,
      lastCheck: dcvTime(lastCheck),
      nextCheck: validated ? null : dcvTime(Math.max(lastCheck, context.now) + 3_600_000),
      dcvDate: validated ? dcvTime(validation?.validated ?? null) : null,
      dcvEmailRefNumber: validation?.emailReference ?? null,
    });
    if (validated) continue;
    const hash = createHash('sha256').update(`${key}:${domainName}`).digest('hex');
    const mode = certificate.dcvMode === '' || certificate.dcvMode === 'AUTO' ? 'CNAME' : certificate.dcvMode;
    if (mode === 'CNAME' || mode === 'TXT') {
      const md5 = createHash('md5').update(`${key}:${domainName}`).digest('hex');
      instructions.push({ domainName, dcvMode: mode, host: `_${md5}.${domainName}.`, point: `${hash.slice(0, 32)}.${hash.slice(32)}.sectigo.com.` });
    } else if (mode === 'HTTP' || mode === 'HTTPS') {
      const file = `${createHash('md5').update(`${key}:${domainName}`).digest('hex').toUpperCase()}.txt`;
      instructions.push({ domainName, dcvMode: mode, url: `${mode.toLowerCase()}://${domainName}/.well-known/pki-validation/${file}`, file: `${hash}\nsectigo.com` });
    } else {
      instructions.push({ domainName, dcvMode: mode, dcvEmail: validation?.email || `admin@${domainName}` });
    }
  }
  return { dcvLog: { error: { code: 0, description: null }, log }, instructions };
}

// ---- handlers ----

async function collect(context: RouteContext, requestedFormat: string | null): Promise<RouteResult> {
  const certificate = certificateFromPath(context);
  const format = requestedFormat === null || requestedFormat === '' ? 'base64' : requestedFormat;
  if (!isCollectFormat(format)) throw new ScmError(400, -126, `Unknown SSL certificate file format requested: ${format}`);
  if (certificate.status === 'Revoked') throw new ScmError(400, -110, 'Certificate has been revoked and cannot be downloaded.');
  if (deadEndStatuses.includes(certificate.status)) throw new ScmError(400, -130, `SSL state is not 'ISSUED': ${certificate.status}`);
  if (!collectableStatuses.includes(certificate.status)) {
    const code = context.options.sslPendingCode;
    const description =
      code === 0 ? 'Being processed by Sectigo' : code === -1400 ? 'The request is being processed by Sectigo.' : 'Certificate is not available now, please try again later.';
    throw new ScmError(400, code, description);
  }
  const leaf = await issuedPem(context, certificate);
  const baseName = certificate.commonName.replace(/^\*\./, 'wildcard.').replace(/[^A-Za-z0-9.-]/g, '_');
  const rendered = renderCollect(format, { leaf, intermediate: context.ca.intermediatePem, root: context.ca.rootPem }, baseName);
  if (certificate.downloaded === null) {
    certificate.downloaded = context.now;
    context.store.changed();
  }
  return download(rendered.body, rendered.filename);
}

export const sslRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/ssl/v1/types',
    handler(context) {
      const raw = context.query.get('organizationId');
      if (raw !== null && raw !== '') {
        const id = positiveIdParam('organizationId', raw);
        const org = context.store.organization(id);
        if (org === undefined || !context.scope.canSee(id, 'ssl')) throw organizationNotFound(id);
        if (!org.sslCertsApiEnabled) throw organizationNotAllowed();
      }
      const profiles = [...context.store.profiles.values()].filter((profile) => profile.kind === 'ssl');
      return ok(profiles.map(profileView));
    },
  },
  {
    method: 'GET',
    path: '/api/ssl/v1/customFields',
    handler: (context) =>
      ok([...context.store.customFields.values()].filter((field) => field.kind === 'ssl').map((field) => ({ id: field.id, name: field.name, mandatory: field.mandatory }))),
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/enroll',
    async handler(context) {
      refuseWhenReadOnly(context, 'certificate enrollment');
      context.scope.require('sslRequest', 'certificate enrollment');
      const body = jsonBody(context);
      const org = orderOrganization(context, body.orgId);
      const profile = sslProfile(context, body.certType, 'certType');
      const term = profileTerm(body, profile);
      const csr = await readCsr(body.csr);
      checkKey(profile, csr);
      const customFields = readCustomFields(context, body.customFields, 'ssl');
      const comments = optionalString(body, 'comments', 1024) ?? '';
      const externalRequester = readExternalRequester(body) ?? '';
      const dcvMode = readDcvMode(body) ?? 'CNAME';
      if (body.serverType !== undefined && body.serverType !== null && !Number.isInteger(body.serverType)) {
        throw new ScmError(400, -35, 'The Server type is invalid!');
      }
      const requestedNames = readSubjAltNames(body.subjAltNames);
      const commonName = csr.commonName ?? requestedNames[0] ?? csr.dnsNames[0];
      if (commonName === undefined || commonName === '') throw requiredField('commonName');
      if (commonName.length > 64) throw invalidField('commonName', 'must be at most 64 characters');
      const names = certificateNames(commonName, [...requestedNames, ...csr.dnsNames]);
      checkNames(context, org, names);
      const certificate = createCertificate(context, { org, profile, term, commonName, names, key: csr, customFields, comments, externalRequester, dcvMode });
      context.store.record(context.admin.login, 'SSL certificate requested', `${certificate.id} ${commonName}`, context.now);
      return ok({ sslId: certificate.id, renewId: certificate.renewId });
    },
  },
  {
    method: 'GET',
    path: '/api/ssl/v1',
    handler(context) {
      return listPage(context, listedCertificates(context), identity);
    },
  },
  {
    method: 'PUT',
    path: '/api/ssl/v1',
    async handler(context) {
      const body = jsonBody(context);
      const certificate = findCertificate(context, requireInteger(body, 'sslId'));
      context.scope.require('sslManage', 'certificate update');
      const editable = editableStatuses.includes(certificate.status);
      const restricted = (field: string) => {
        if (!editable) throw invalidField(field, `it can be changed only while the certificate is ${editableStatuses.join(', ')}`);
      };
      const next: SslCertificate = { ...certificate, subjectAlternativeNames: [...certificate.subjectAlternativeNames], customFields: [...certificate.customFields] };
      let org = context.store.organization(certificate.orgId);
      let namesChanged = false;
      if (body.orgId !== undefined && body.orgId !== null && requireInteger(body, 'orgId') !== certificate.orgId) {
        restricted('orgId');
        org = orderOrganization(context, body.orgId);
        next.orgId = org.id;
        namesChanged = true;
      }
      let profile = profileOf(context, certificate);
      if (body.certTypeId !== undefined && body.certTypeId !== null) {
        const requested = sslProfile(context, body.certTypeId, 'certTypeId');
        if (requested.id !== certificate.profileId) {
          restricted('certTypeId');
          profile = requested;
          next.profileId = requested.id;
        }
      }
      if (body.term !== undefined && body.term !== null && requireInteger(body, 'term') !== certificate.term) {
        restricted('term');
        next.term = requireInteger(body, 'term');
      }
      if (!profile.terms.includes(next.term)) throw new ScmError(400, -36, 'The validity period (term) is invalid for this certificate profile.');
      const commonName = optionalString(body, 'commonName', 64);
      if (commonName !== undefined && commonName !== '' && commonName !== certificate.commonName) {
        restricted('commonName');
        next.commonName = commonName;
        namesChanged = true;
      }
      if (body.subjectAlternativeNames !== undefined && body.subjectAlternativeNames !== null) {
        const names = readNameArray(body.subjectAlternativeNames);
        const current = certificateNames(certificate.commonName, certificate.subjectAlternativeNames).map((name) => name.toLowerCase());
        const wanted = certificateNames(next.commonName, names);
        if (wanted.length !== current.length || wanted.some((name) => !current.includes(name.toLowerCase()))) {
          restricted('subjectAlternativeNames');
          namesChanged = true;
        }
        next.subjectAlternativeNames = wanted;
      } else if (namesChanged) {
        next.subjectAlternativeNames = certificateNames(next.commonName, certificate.subjectAlternativeNames.filter((name) => name !== certificate.commonName));
      }
      if (body.csr !== undefined && body.csr !== null && body.csr !== '') {
        const csr = await readCsr(body.csr);
        if (csr.publicKey !== certificate.publicKey) {
          restricted('csr');
          next.publicKey = csr.publicKey;
          next.keyAlgorithm = csr.keyAlgorithm;
          next.keyParam = csr.keyParam;
        }
      }
      if (next.publicKey !== certificate.publicKey || next.profileId !== certificate.profileId) checkKey(profile, next);
      if (namesChanged && org !== undefined) checkNames(context, org, next.subjectAlternativeNames);
      const externalRequester = readExternalRequester(body);
      if (externalRequester !== undefined) next.externalRequester = externalRequester;
      const comments = optionalString(body, 'comments', 1024);
      if (comments !== undefined) next.comments = comments;
      if (body.customFields !== undefined && body.customFields !== null) next.customFields = readCustomFields(context, body.customFields, 'ssl');
      if (body.requesterAdminId !== undefined && body.requesterAdminId !== null) {
        const requester = context.store.admins.get(requireInteger(body, 'requesterAdminId'));
        if (requester === undefined) throw invalidField('requesterAdminId', 'no such admin');
        next.requesterId = requester.id;
        next.requester = adminName(requester);
      } else {
        const requester = optionalString(body, 'requester', 256);
        if (requester !== undefined && requester !== '') next.requester = requester;
      }
      if (body.approverAdminId !== undefined && body.approverAdminId !== null) {
        const approverId = requireInteger(body, 'approverAdminId');
        if (approverId !== -1 && !context.store.admins.has(approverId)) throw invalidField('approverAdminId', 'no such admin');
        next.approverId = approverId === -1 ? null : approverId;
      }
      const settings = copySettings(certificate);
      if (body.autoRenewDetails !== undefined && body.autoRenewDetails !== null) {
        if (typeof body.autoRenewDetails !== 'object' || Array.isArray(body.autoRenewDetails)) throw cannotParseBody();
        const autoRenew = body.autoRenewDetails as Record<string, unknown>;
        const state = autoRenew.state ?? 'Not scheduled';
        if (state !== 'Not scheduled' && state !== 'Scheduled') throw invalidField('autoRenewDetails.state', "use 'Not scheduled' or 'Scheduled'");
        settings.autoRenewState = state;
        if (autoRenew.daysBeforeExpiration !== undefined && autoRenew.daysBeforeExpiration !== null) {
          const days = requireInteger(autoRenew, 'daysBeforeExpiration');
          if (days < 1) throw invalidField('autoRenewDetails.daysBeforeExpiration', 'must be at least 1');
          if (state === 'Scheduled') settings.autoRenewDays = days;
        }
      }
      const suspend = optionalBoolean(body, 'suspendNotifications');
      if (suspend !== undefined) settings.suspendNotifications = suspend;
      Object.assign(certificate, next, settings);
      context.store.record(context.admin.login, 'SSL certificate updated', `${certificate.id} ${certificate.commonName}`, context.now);
      context.store.changed();
      return ok(await details(context, certificate));
    },
  },
  {
    method: 'GET',
    path: '/api/ssl/v1/collect/{sslId}',
    handler: (context) => collect(context, context.query.get('format')),
  },
  {
    method: 'GET',
    path: '/api/ssl/v1/collect/{sslId}/{format}',
    handler: (context) => collect(context, context.params.format ?? null),
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/renewById/{sslId}',
    async handler(context) {
      refuseWhenReadOnly(context, 'certificate renewal');
      const body = jsonBody(context, { optional: true });
      const renewal = await renew(context, certificateFromPath(context), body);
      return ok({ sslId: renewal.id });
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/renew/manual/{sslId}',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate renewal');
      const body = jsonBody(context, { optional: true });
      const certificate = certificateFromPath(context);
      context.scope.require('sslRenew', 'certificate renewal');
      readDcvMode(body);
      if (body.id !== undefined && body.id !== null) {
        const renewal = findCertificate(context, requireInteger(body, 'id'));
        certificate.renewedToId = renewal.id;
        renewal.renewedFromId = certificate.id;
      }
      certificate.renewed = true;
      certificate.manuallyRenewed = context.now;
      context.store.record(context.admin.login, 'SSL certificate marked renewed', `${certificate.id} ${certificate.commonName}`, context.now);
      context.store.changed();
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/renew/{renewId}',
    async handler(context) {
      refuseWhenReadOnly(context, 'certificate renewal');
      const body = jsonBody(context, { optional: true });
      const renewId = context.params.renewId ?? '';
      let original: SslCertificate | undefined;
      for (const certificate of context.store.ssl.values()) {
        if (certificate.renewId === renewId && context.scope.canSee(certificate.orgId, 'ssl')) original = certificate;
      }
      if (original === undefined) throw certificateNotFound();
      settle(context, original);
      await renew(context, original, body);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/replace/{sslId}',
    async handler(context) {
      refuseWhenReadOnly(context, 'certificate replacement');
      const body = jsonBody(context);
      const original = certificateFromPath(context);
      context.scope.require('sslReplace', 'certificate replacement');
      const reason = requireString(body, 'reason', { max: 512 });
      const csr = await readCsr(body.csr);
      const commonName = optionalString(body, 'commonName', 64);
      const extraNames = body.subjectAlternativeNames === undefined || body.subjectAlternativeNames === null ? undefined : readNameArray(body.subjectAlternativeNames);
      const dcvMode = readDcvMode(body);
      if (original.status !== 'Issued') throw new ScmError(400, -130, `SSL state is not 'ISSUED': ${original.status}`);
      const profile = profileOf(context, original);
      checkKey(profile, csr);
      const org = orderOrganization(context, original.orgId);
      const newCommonName = commonName === undefined || commonName === '' ? original.commonName : commonName;
      const names = certificateNames(newCommonName, extraNames ?? original.subjectAlternativeNames.filter((name) => name !== original.commonName));
      checkNames(context, org, names);
      const replacement = createCertificate(context, {
        org,
        profile,
        term: original.term,
        commonName: newCommonName,
        names,
        key: csr,
        customFields: original.customFields.map((field) => ({ ...field })),
        comments: original.comments,
        externalRequester: original.externalRequester,
        dcvMode: dcvMode ?? original.dcvMode,
      });
      original.replacedById = replacement.id;
      context.store.record(context.admin.login, 'SSL certificate replaced', `${original.id} -> ${replacement.id} ${original.commonName}: ${reason}`, context.now);
      context.store.changed();
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/revoke/manual',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate revocation');
      const body = jsonBody(context);
      context.scope.require('sslRevoke', 'certificate revocation');
      let certificate: SslCertificate;
      if (body.certId !== undefined && body.certId !== null) {
        certificate = findCertificate(context, requireInteger(body, 'certId'));
      } else {
        if (body.serialNumber === undefined || body.serialNumber === null || body.serialNumber === '') throw requiredField('certId');
        const issuer = requireString(body, 'issuer');
        certificate = certificateBySerial(context, String(body.serialNumber));
        const flatten = (name: string) => name.replace(/\s+/g, '').toLowerCase();
        const actual = issuerOf(context, certificate) ?? '';
        const issuerCommonName = /CN=([^,]+)/.exec(actual)?.[1] ?? '';
        if (flatten(issuer) !== flatten(actual) && flatten(issuer) !== flatten(issuerCommonName)) throw certificateNotFound();
      }
      const reasonCode = body.reasonCode === undefined || body.reasonCode === null ? 0 : requireInteger(body, 'reasonCode');
      if (!revocationReasonCodes.includes(reasonCode)) throw invalidField('reasonCode', 'allowed values are 0, 1, 3, 4 and 5');
      revoke(context, certificate, reasonCode, 'Marked as revoked', readRevokeDate(body, context.now));
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/revoke/serial/{serialNumber}',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate revocation');
      const body = jsonBody(context);
      const certificate = certificateBySerial(context, context.params.serialNumber ?? '');
      context.scope.require('sslRevoke', 'certificate revocation');
      const { reason, reasonCode } = readRevocation(body);
      revoke(context, certificate, reasonCode, reason, context.now);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/revoke/{sslId}',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate revocation');
      const body = jsonBody(context);
      const certificate = certificateFromPath(context);
      context.scope.require('sslRevoke', 'certificate revocation');
      const { reason, reasonCode } = readRevocation(body);
      revoke(context, certificate, reasonCode, reason, context.now);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/approve/{sslId}',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate approval');
      const certificate = certificateFromPath(context);
      context.scope.require('sslApprove', 'certificate approval');
      const message = readMessage(context);
      if (certificate.status !== 'Requested') throw new ScmError(400, -1112, `Certificate can't be approved cause it has state = ${certificate.status}`);
      if (profileOf(context, certificate).ev && certificate.requesterId === context.admin.id) {
        throw new ScmError(400, -1140, "Since you are a requester of this certificate you can't approve it. For EV certificates the requester and the approver must not be the same person.");
      }
      apply(context, certificate, context.admin.id);
      context.store.record(context.admin.login, 'SSL certificate approved', `${certificate.id} ${certificate.commonName}: ${message}`, context.now);
      context.store.changed();
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/decline/{sslId}',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate declining');
      const certificate = certificateFromPath(context);
      context.scope.require('sslApprove', 'certificate declining');
      const message = readMessage(context);
      if (certificate.status !== 'Requested' && certificate.status !== 'Approved' && certificate.status !== 'SAApproved') {
        throw new ScmError(400, -1112, `Certificate can't be declined cause it has state = ${certificate.status}`);
      }
      certificate.status = 'Declined';
      certificate.declined = context.now;
      context.store.record(context.admin.login, 'SSL certificate declined', `${certificate.id} ${certificate.commonName}: ${message}`, context.now);
      context.store.changed();
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/api/ssl/v1/{sslId}/dcv',
    handler: (context) => ok(dcvView(context, certificateFromPath(context))),
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/{sslId}/dcv/recheck',
    handler(context) {
      const certificate = certificateFromPath(context);
      return { status: 202, body: { dcvLog: dcvView(context, certificate).dcvLog } };
    },
  },
  {
    method: 'GET',
    path: '/api/ssl/v1/{sslId}',
    handler: async (context) => ok(await details(context, certificateFromPath(context))),
  },
  {
    method: 'DELETE',
    path: '/api/ssl/v1/{sslId}',
    handler(context) {
      const certificate = certificateFromPath(context);
      context.scope.require('sslManage', 'certificate deletion');
      if (certificate.requestedVia !== 'Imported' && certificate.requestedVia !== 'Discovery') {
        throw notAuthorized('deletion of a certificate that was not imported or discovered');
      }
      context.store.ssl.delete(certificate.id);
      context.store.record(context.admin.login, 'SSL certificate deleted', `${certificate.id} ${certificate.commonName}`, context.now);
      context.store.changed();
      return noContent();
    },
  },
  importRoute('/api/ssl/v2/import', 'sslManage', importOne),
  {
    method: 'POST',
    path: '/api/report/v1/ssl-certificates',
    handler(context) {
      const body = jsonBody(context, { optional: true });
      const { filters, orgIds } = reportFilters(context, body);
      const inScope = (orgId: number) => context.scope.canSee(orgId, 'ssl') && (orgIds === undefined || orgIds.has(orgId));
      const plainSerial = body.serialNumberFormat === 'HEXWithLeadingZeros';
      const rows = matching(context, filters, inScope).map((certificate) => reportRow(context, certificate, plainSerial));
      return ok(
        { statusCode: 0, reports: rows },
        { 'content-disposition': 'attachment; filename="rest_api_ssl-certificates.json"', 'cache-control': 'must-revalidate', pragma: 'public' },
      );
    },
  },
];

function readRevokeDate(body: Record<string, unknown>, now: number): number {
  const raw = body.revokeDate;
  if (raw === undefined || raw === null || raw === '') return now;
  const time = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(time)) throw invalidField('revokeDate', 'use an ISO date');
  return time;
}

/** One row of the SSL report: dates as ISO timestamps, SANs joined with "; ". */
function reportRow(context: RouteContext, certificate: SslCertificate, plainSerial: boolean) {
  const { store } = context;
  const profile = store.profiles.get(certificate.profileId);
  const org = store.organization(certificate.orgId);
  const facts = pemFacts(certificate);
  const issued = certificate.issued !== null;
  const approver = certificate.approverId === null ? undefined : store.admins.get(certificate.approverId);
  return {
    id: certificate.id,
    type: profile?.name ?? null,
    typeId: certificate.profileId,
    orgId: certificate.orgId,
    commonName: certificate.commonName,
    subjAltNames: certificate.subjectAlternativeNames.join('; '),
    status: certificate.status,
    requester: certificate.requester,
    approver: approver === undefined ? null : adminName(approver),
    organizationName: org?.name ?? null,
    orderNumber: Number(certificate.backendCertId) || null,
    backendCertId: certificate.backendCertId,
    requestedVia: certificate.requestedVia,
    term: certificate.term,
    comments: certificate.comments,
    requested: isoTimestamp(certificate.requested),
    approved: isoTimestamp(certificate.approved),
    declined: isoTimestamp(certificate.declined),
    downloaded: isoTimestamp(certificate.downloaded),
    expires: isoTimestamp(certificate.expires),
    revoked: isoTimestamp(certificate.revoked),
    replaced: isoTimestamp(certificate.replaced),
    issuer: issuerOf(context, certificate),
    serialNumber: issued ? (plainSerial ? certificate.serialNumber : colonSerial(certificate.serialNumber)) : null,
    city: org?.city ?? null,
    state: org?.stateOrProvince ?? null,
    country: org?.country ?? null,
    sha1: facts?.sha1 ?? null,
    md5: facts?.md5 ?? null,
    publicKeyType: keyType(certificate),
    customFields: certificate.customFields,
  };
}

/** One element of a v2 import: a certificate issued elsewhere, kept as Imported. */
function importOne(context: RouteContext, entry: unknown): Record<string, unknown> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { errorMessage: 'Cannot parse message body' };
  const item = entry as Record<string, unknown>;
  const orgId = item.orgID ?? item.orgId;
  if (typeof orgId !== 'number') return { errorMessage: 'orgID is required but missing' };
  const org = context.store.organization(orgId);
  if (org === undefined || !context.scope.canSee(orgId, 'ssl')) return { errorMessage: `Organization '${orgId}' not found` };
  if (typeof item.cert !== 'string' || item.cert.trim() === '') return { errorMessage: 'cert is required but missing' };
  let parsed: X509Certificate;
  try {
    const text = item.cert.trim();
    parsed = new X509Certificate(text.startsWith('-----') ? text : Buffer.from(text.replace(/\s+/g, ''), 'base64'));
  } catch {
    return { errorMessage: 'The certificate cannot be parsed' };
  }
  const serial = parsed.serialNumber.toUpperCase();
  const issuer = oneLineName(parsed.issuer);
  const existing = [...context.store.ssl.values()].find(
    (certificate) => certificate.certificatePem !== null && normalSerial(certificate.serialNumber) === normalSerial(serial) && pemFacts(certificate)?.issuer === issuer,
  );
  const summary = (certificate: SslCertificate) => ({ id: certificate.id, subject: oneLineName(parsed.subject), serialNumber: colonSerial(serial) });
  if (existing !== undefined) return { cert: summary(existing), created: false };
  const key = parsed.publicKey;
  const keyDetails = key.asymmetricKeyDetails ?? {};
  const curves: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
  const keyAlgorithm = key.asymmetricKeyType === 'ec' ? 'EC' : 'RSA';
  const keyParam = keyAlgorithm === 'EC' ? (curves[keyDetails.namedCurve ?? ''] ?? keyDetails.namedCurve ?? '') : String(keyDetails.modulusLength ?? 0);
  const commonName = /(?:^|\n)CN=([^\n]+)/.exec(parsed.subject)?.[1] ?? '';
  const names = (parsed.subjectAltName ?? '').split(', ').filter((name) => name.startsWith('DNS:')).map((name) => name.slice(4));
  const issuedAt = Date.parse(parsed.validFrom);
  const expires = Date.parse(parsed.validTo);
  const id = context.store.nextId();
  const profile = [...context.store.profiles.values()].find((candidate) => candidate.kind === 'ssl');
  const customFields = Array.isArray(item.customFields)
    ? (item.customFields as unknown[]).flatMap((field) =>
        typeof field === 'object' && field !== null && typeof (field as { name?: unknown }).name === 'string'
          ? [{ name: (field as { name: string }).name, value: String((field as { value?: unknown }).value ?? '') }]
          : [],
      )
    : [];
  const certificate: SslCertificate = {
    id,
    orgId,
    commonName,
    subjectAlternativeNames: certificateNames(commonName, names),
    status: expires <= context.now ? 'Expired' : 'Issued',
    profileId: profile?.id ?? 0,
    term: Math.max(1, Math.round((expires - issuedAt) / 86_400_000)),
    requesterId: context.admin.id,
    requester: typeof item.owner === 'string' && item.owner !== '' ? item.owner : context.admin.login,
    approverId: null,
    externalRequester: typeof item.externalRequester === 'string' ? item.externalRequester : '',
    comments: typeof item.comments === 'string' ? item.comments : '',
    customFields,
    requestedVia: 'Imported',
    renewId: newRenewId(),
    backendCertId: typeof item.backendCertId === 'string' && item.backendCertId !== '' ? item.backendCertId : String(900_000_000 + id),
    requested: context.now,
    approved: null,
    issued: issuedAt,
    declined: null,
    expires,
    revoked: null,
    replaced: null,
    issueAt: null,
    reasonCode: null,
    revokeReason: '',
    serialNumber: serial,
    keyAlgorithm,
    keyParam,
    publicKey: key.export({ type: 'spki', format: 'der' }).toString('base64'),
    dcvMode: '',
    renewed: false,
    renewedFromId: null,
    renewedToId: null,
    replacedById: null,
    certificatePem: parsed.toString(),
    autoRenewState: 'Not scheduled',
    autoRenewDays: 30,
    suspendNotifications: false,
    manuallyRenewed: null,
    downloaded: null,
  };
  context.store.ssl.set(id, certificate);
  context.store.record(context.admin.login, 'SSL certificate imported', `${id} ${commonName}`, context.now);
  context.store.changed();
  return { cert: summary(certificate), created: true };
}

import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { checkKey, profileTerm, readCsr, readCustomFields } from '../enrollment';
import { isCollectFormat, renderCollect } from '../collect';
import { coverageProblem } from '../coverage';
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
import { isoDate, isoTimestamp, usDate } from '../dates';
import { ScmError, invalidField, notAuthorized, requiredField } from '../errors';
import { certificatePem, settleDomain, settleSmime } from '../lifecycle';
import type { CertificateProfile, Organization, Person, SmimeCertificate, SmimeState } from '../state/model';
import { createPerson, emailPattern, fullName, personByEmail, readSecondaryEmails } from './persons';

/*
 * The client (S/MIME) certificate API (/api/smime/v1 and v2) and the client certificate report.
 *
 * Where SCM is silent the sandbox decides as follows:
 * - A certificate is found by its numeric id (details, update, delete) or by its backendCertId (collect,
 *   renew, replace, revoke). An id or backendCertId that names no certificate the caller can see is
 *   404 -5101; a backendCertId that is not a number at all is 400 -1104 "Invalid order number".
 * - A person may hold at most five client certificates that are requested or valid; a sixth enroll or renewal
 *   answers -188.
 * - The email's domain must be the most specific registered domain covering it (or a parent of it), active,
 *   delegated for SMIME to the organization or its parent, and validated (-1010, -107, -1137, as for SSL names).
 * - Enroll creates the person when no person has the email; an existing person is used as it is.
 * - Renewal needs the clientCertRequest privilege and keeps the old certificate valid; replacement revokes
 *   the old certificate (reason superseded) unless asked not to. Either refuses a certificate that was never
 *   issued with -105.
 * - Collect of a rejected certificate always answers -183, whatever the pending code: it will never be issued.
 * - An unknown collect format is -1450. Collect leaves the state as it is ("downloaded" is deprecated).
 * - Update and delete need clientCertManage; only imported or discovered certificates can be deleted (-3).
 * - Imports, like every other certificate change, are refused on a read-only tenant.
 * - The client certificate report's rows follow the SSL report's, with the holder's personId, email and names.
 *   Its certificateStatus 2 (enrolled, downloaded) means issued, 5 (enrolled, pending download) requested,
 *   6 (not enrolled) blank, created or rejected; its certificateDateAttribute 0 is the request date,
 *   1 the issue date, 2 the revocation date, 3 the expiry date.
 */

const certificateNotFound = () => new ScmError(404, -5101, 'Certificate not found.');
const invalidOrderNumber = () => new ScmError(400, -1104, 'Invalid order number');
const organizationNotFound = (id: number) => new ScmError(400, -1023, `Organization '${id}' not found`);
const organizationNotAllowed = () => new ScmError(400, -1021, 'Operation is not allowed for organization');

const maxValidCertificates = 5;
const restEnroll = 'REST Enroll API';
const imported = 'Imported';
const smimeStates: readonly SmimeState[] = ['blank', 'created', 'requested', 'issued', 'downloaded', 'expired', 'revoked', 'rejected', 'pre_revoked'];
/** States that count against a person's limit. */
const validStates: readonly SmimeState[] = ['requested', 'issued', 'downloaded'];
/** States that have had a certificate issued that may still be downloaded. */
const collectableStates: readonly SmimeState[] = ['issued', 'downloaded', 'expired'];
const revocableStates: readonly SmimeState[] = ['issued', 'downloaded'];
const revocationReasonCodes = [0, 1, 3, 4, 5];
/** The sandbox CA signs with ECDSA P-384. */
const sandboxSignatureAlgorithm = 'SHA384withECDSA';
const keyUsages = ['digitalSignature', 'keyEncipherment', 'nonRepudiation'];
const extendedKeyUsages = ['emailProtection', 'clientAuth'];
const reportHeaders = { 'content-disposition': 'attachment; filename="rest_api_client-certificates.json"', 'cache-control': 'must-revalidate', pragma: 'public' };

// ---- shared with the code-signing routes ----

/** Upper-case hex of 16 random bytes, first byte non-zero and top bit clear so the serial is positive. */
function newSerialNumber(): string {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return serial.toString('hex').toUpperCase();
}

/** SCM's display form of a serial: colon-separated byte pairs. */
export function colonSerial(serial: string): string {
  return serial === '' ? '' : (serial.match(/.{1,2}/g) ?? []).join(':');
}

/** A serial as clients write it (colons, spaces, lower case, leading zeros) reduced to one form. */
export function normalSerial(serial: string): string {
  return serial.replace(/[\s:]/g, '').toUpperCase().replace(/^0+(?=.)/, '');
}

/** Node writes DNs one attribute a line; SCM shows them comma-separated. */
export function oneLineName(multiLine: string): string {
  return multiLine.split('\n').join(', ');
}

const caNames = new Map<string, string>();

/** The issuing CA's name, read once per CA certificate. */
export function caSubject(context: RouteContext): string {
  let name = caNames.get(context.ca.intermediatePem);
  if (name === undefined) {
    name = oneLineName(new X509Certificate(context.ca.intermediatePem).subject);
    caNames.set(context.ca.intermediatePem, name);
  }
  return name;
}

/** A revocation reason code: unspecified (0) unless given; 0, 1, 3, 4 or 5. */
export function readReasonCode(body: Record<string, unknown>): number {
  const reasonCode = body.reasonCode === undefined || body.reasonCode === null || body.reasonCode === '' ? 0 : requireInteger(body, 'reasonCode');
  if (!revocationReasonCodes.includes(reasonCode)) throw invalidField('reasonCode', 'allowed values are 0, 1, 3, 4 and 5');
  return reasonCode;
}

/** When a manual revocation happened: now unless an ISO date is given. */
export function readRevokeDate(body: Record<string, unknown>, now: number): number {
  const raw = body.revokeDate;
  if (raw === undefined || raw === null || raw === '') return now;
  const time = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(time)) throw invalidField('revokeDate', 'use an ISO date');
  return time;
}

/** A certificate given in an import: base64 DER (as documented) or PEM. */
export function readImportedCertificate(raw: unknown): X509Certificate | string {
  if (typeof raw !== 'string' || raw.trim() === '') return 'cert is required but missing';
  try {
    const text = raw.trim();
    return new X509Certificate(text.startsWith('-----') ? text : Buffer.from(text.replace(/\s+/g, ''), 'base64'));
  } catch {
    return 'The certificate cannot be parsed';
  }
}

/** The common name in a node-formatted subject. */
export function commonNameOf(subject: string): string {
  return /(?:^|\n)CN=([^\n]+)/.exec(subject)?.[1] ?? '';
}

// ---- time and lookup ----

/** Brings a certificate up to date; one issued without a serial yet gets one. */
function settle(context: RouteContext, certificate: SmimeCertificate): void {
  let changed = false;
  while (settleSmime(certificate, context.now)) changed = true;
  if (certificate.issued !== null && certificate.serialNumber === '') {
    certificate.serialNumber = newSerialNumber();
    changed = true;
  }
  if (changed) context.store.changed();
}

function visible(context: RouteContext, certificate: SmimeCertificate): boolean {
  return context.scope.canSee(certificate.orgId, 'smime');
}

function certificateById(context: RouteContext): SmimeCertificate {
  const certificate = context.store.smime.get(idParam(context, 'id', certificateNotFound));
  if (certificate === undefined || !visible(context, certificate)) throw certificateNotFound();
  settle(context, certificate);
  return certificate;
}

function certificateByOrder(context: RouteContext): SmimeCertificate {
  const backendCertId = (context.params.backendCertId ?? '').trim();
  if (!/^\d{1,19}$/.test(backendCertId)) throw invalidOrderNumber();
  for (const certificate of context.store.smime.values()) {
    if (certificate.backendCertId !== backendCertId || !visible(context, certificate)) continue;
    settle(context, certificate);
    return certificate;
  }
  throw certificateNotFound();
}

/** A visible certificate that has been issued, by its serial number in any of the forms clients write it. */
function certificateBySerial(context: RouteContext, serial: string): SmimeCertificate {
  const wanted = normalSerial(serial);
  if (!/^[0-9A-F]+$/.test(wanted)) throw certificateNotFound();
  for (const certificate of context.store.smime.values()) {
    if (certificate.serialNumber === '' || normalSerial(certificate.serialNumber) !== wanted || !visible(context, certificate)) continue;
    settle(context, certificate);
    if (certificate.issued !== null) return certificate;
  }
  throw certificateNotFound();
}

/** Visible certificates, brought up to date, in id order. */
function visibleCertificates(context: RouteContext, inScope: (orgId: number) => boolean = (orgId) => context.scope.canSee(orgId, 'smime')): SmimeCertificate[] {
  const rows: SmimeCertificate[] = [];
  for (const certificate of context.store.smime.values()) {
    if (!inScope(certificate.orgId)) continue;
    settle(context, certificate);
    rows.push(certificate);
  }
  return rows;
}

// ---- request fields ----

/** The organization an order is for: visible to the caller for client certificates, open to the API. */
function orderOrganization(context: RouteContext, raw: unknown): Organization {
  if (raw === undefined || raw === null || raw === '') throw requiredField('orgId');
  const id = requireInteger({ orgId: raw }, 'orgId');
  const org = context.store.organization(id);
  if (org === undefined || !context.scope.canSee(id, 'smime')) throw organizationNotFound(id);
  if (!org.clientCertsApiEnabled || !org.certTypes.includes('SMIME')) throw organizationNotAllowed();
  return org;
}

function smimeProfile(context: RouteContext, raw: unknown): CertificateProfile {
  if (raw === undefined || raw === null || raw === '') throw requiredField('certType');
  const number = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  const profile = typeof number === 'number' ? context.store.profiles.get(number) : undefined;
  if (profile === undefined || profile.kind !== 'smime') throw new ScmError(400, -172, 'Client certificate profile is invalid.');
  return profile;
}

interface Holder {
  email: string;
  firstName: string;
  middleName: string;
  lastName: string;
  commonName: string;
  phone: string;
  secondaryEmails: string[];
  eppn: string;
  upn: string;
}

/** The certificate holder's fields of an enroll: email, first and last name required; names 64 characters together. */
function readHolder(body: Record<string, unknown>): Holder {
  const email = requireString(body, 'email', { max: 128 }).trim();
  if (!emailPattern.test(email)) throw invalidField('email', 'must be a well-formed email address');
  const firstName = requireString(body, 'firstName', { max: 64 }).trim();
  const middleName = (optionalString(body, 'middleName', 64) ?? '').trim();
  const lastName = requireString(body, 'lastName', { max: 64 }).trim();
  if (firstName === '') throw requiredField('firstName');
  if (lastName === '') throw requiredField('lastName');
  const name = fullName(firstName, middleName, lastName);
  if (name.length > 64) throw invalidField('firstName, middleName, lastName', 'together they must be at most 64 characters');
  const commonName = (optionalString(body, 'commonName', 64) ?? '').trim();
  return {
    email,
    firstName,
    middleName,
    lastName,
    commonName: commonName === '' ? name : commonName,
    phone: optionalString(body, 'phone', 32) ?? '',
    secondaryEmails: readSecondaryEmails(body.secondaryEmails) ?? [],
    eppn: optionalString(body, 'eppn', 128) ?? '',
    upn: optionalString(body, 'upn', 256) ?? '',
  };
}

/** A revocation body: the reason may be empty for client certificates. */
function readRevocation(body: Record<string, unknown>): { reason: string; reasonCode: number } {
  return { reason: optionalString(body, 'reason', 512) ?? '', reasonCode: readReasonCode(body) };
}

// ---- email domains ----

/** The email address's domain must be covered by a domain the organization may order under (coverage.ts). */
function checkEmailDomain(context: RouteContext, org: Organization, email: string): void {
  for (const domain of context.store.domains.values()) if (settleDomain(domain, context.now)) context.store.changed();
  const name = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const problem = coverageProblem(context.store.domains.values(), name, 'SMIME', org, context.now);
  if (problem !== undefined) throw problem;
}

// ---- creating certificates ----

function profileOf(context: RouteContext, certificate: SmimeCertificate): CertificateProfile {
  const profile = context.store.profiles.get(certificate.profileId);
  if (profile === undefined) throw new ScmError(400, -172, 'Client certificate profile is invalid.');
  return profile;
}

/** Refuses a new certificate for a person who already holds the most allowed (-188). */
function checkLimit(context: RouteContext, person: Person, replacing?: SmimeCertificate): void {
  let count = 0;
  for (const certificate of context.store.smime.values()) {
    if (certificate.personId !== person.id || certificate === replacing) continue;
    settle(context, certificate);
    if (validStates.includes(certificate.state)) count += 1;
  }
  if (count >= maxValidCertificates) throw new ScmError(400, -188, `Person ${person.email} has reached the maximum number of valid certificates (${maxValidCertificates}).`);
}

interface Order {
  org: Organization;
  person: Person;
  profile: CertificateProfile;
  term: number;
  commonName: string;
  key: { publicKey: string | null; keyAlgorithm: 'RSA' | 'EC'; keyParam: string };
  customFields: { name: string; value: string }[];
  comments: string;
}

/** A new order, sent to the CA at once: requested now, issued after the configured delay. */
function createCertificate(context: RouteContext, order: Order): SmimeCertificate {
  const id = context.store.nextId();
  const certificate: SmimeCertificate = {
    id,
    backendCertId: String(1_900_000_000 + id),
    orgId: order.org.id,
    personId: order.person.id,
    email: order.person.email,
    commonName: order.commonName,
    state: 'requested',
    profileId: order.profile.id,
    term: order.term,
    requestedVia: restEnroll,
    requested: context.now,
    issued: null,
    expires: null,
    revoked: null,
    issueAt: context.now + context.options.issueDelaySeconds * 1000,
    reasonCode: null,
    serialNumber: newSerialNumber(),
    keyAlgorithm: order.key.keyAlgorithm,
    keyParam: order.key.keyParam,
    publicKey: order.key.publicKey,
    comments: order.comments,
    customFields: order.customFields,
    certificatePem: null,
  };
  context.store.smime.set(id, certificate);
  context.store.changed();
  return certificate;
}

function orderAnswer(certificate: SmimeCertificate) {
  return { orderNumber: Number(certificate.backendCertId), backendCertId: certificate.backendCertId };
}

function personOf(context: RouteContext, certificate: SmimeCertificate, operation: string): Person {
  const person = context.store.persons.get(certificate.personId);
  if (person === undefined) throw new ScmError(400, -105, `Error was occurred while ${operation} cert. Person with e-mail: ${certificate.email} was not found`);
  return person;
}

function revoke(context: RouteContext, certificate: SmimeCertificate, reasonCode: number, reason: string, when: number): void {
  if (certificate.state === 'revoked' || certificate.state === 'pre_revoked') throw new ScmError(400, -159, 'Your certificate already revoked');
  if (!revocableStates.includes(certificate.state)) throw new ScmError(400, -102, 'Only issued certificates could be revoked.');
  certificate.state = 'revoked';
  certificate.revoked = when;
  certificate.reasonCode = reasonCode;
  context.store.record(context.admin.login, 'Client certificate revoked', `${certificate.id} ${certificate.email}${reason === '' ? '' : `: ${reason}`}`, context.now);
  context.store.changed();
}

/** A new order for the same person, organization, profile and term as an issued certificate. */
function reorder(context: RouteContext, original: SmimeCertificate, operation: 'renewing' | 'replacing', key: Order['key'], replacesOriginal: boolean): SmimeCertificate {
  if (!collectableStates.includes(original.state)) {
    throw new ScmError(400, -105, `Error was occurred while ${operation} cert. Status = ${original.state}`);
  }
  const profile = profileOf(context, original);
  checkKey(profile, key);
  const org = orderOrganization(context, original.orgId);
  const person = personOf(context, original, operation);
  checkEmailDomain(context, org, original.email);
  checkLimit(context, person, replacesOriginal ? original : undefined);
  return createCertificate(context, {
    org,
    person,
    profile,
    term: original.term,
    commonName: original.commonName,
    key,
    customFields: original.customFields.map((field) => ({ ...field })),
    comments: original.comments,
  });
}

function renew(context: RouteContext, original: SmimeCertificate): RouteResult {
  context.scope.require('clientCertRequest', 'certificate renewal');
  if (!profileOf(context, original).allowRenew) throw new ScmError(400, -180, "This Client Certificate Profile doesn't allow renew");
  const renewal = reorder(context, original, 'renewing', { publicKey: original.publicKey, keyAlgorithm: original.keyAlgorithm, keyParam: original.keyParam }, false);
  context.store.record(context.admin.login, 'Client certificate renewed', `${original.id} -> ${renewal.id} ${original.email}`, context.now);
  return ok(orderAnswer(renewal));
}

// ---- the issued certificate ----

const pendingPems = new WeakMap<SmimeCertificate, Promise<string>>();

/** The organization and department a certificate names: the department as OU under its organization. */
function subjectParts(context: RouteContext, certificate: SmimeCertificate): { commonName: string; organization: string; unit: string; email: string } {
  const org = context.store.organization(certificate.orgId);
  const parent = org?.parentId === null || org?.parentId === undefined ? undefined : context.store.organization(org.parentId);
  return {
    commonName: certificate.commonName,
    organization: parent?.name ?? org?.name ?? '',
    unit: parent === undefined ? '' : (org?.name ?? ''),
    email: certificate.email,
  };
}

/** The subject as SCM shows it, before the certificate itself has been made. */
function subjectLine(context: RouteContext, certificate: SmimeCertificate): string {
  const { commonName, organization, unit } = subjectParts(context, certificate);
  const escape = (value: string) => value.replace(/([,+"\\<>;=])/g, '\\$1');
  return [`CN=${escape(commonName)}`, ...(unit === '' ? [] : [`OU=${escape(unit)}`]), `O=${escape(organization)}`].join(', ');
}

/** The addresses a certificate carries: the person's email, then their secondary addresses. */
function emailAddresses(context: RouteContext, certificate: SmimeCertificate): string[] {
  const person = context.store.persons.get(certificate.personId);
  const addresses = [certificate.email];
  for (const address of person?.secondaryEmails ?? []) if (!addresses.some((known) => known.toLowerCase() === address.toLowerCase())) addresses.push(address);
  return addresses;
}

/** The issued certificate as PEM, made once (concurrent requests get the same one). */
function issuedPem(context: RouteContext, certificate: SmimeCertificate): Promise<string> {
  if (certificate.certificatePem !== null) return Promise.resolve(certificate.certificatePem);
  let pending = pendingPems.get(certificate);
  if (pending === undefined) {
    const names = emailAddresses(context, certificate).map((value) => ({ type: 'email' as const, value }));
    pending = certificatePem(context.store, context.ca, certificate, subjectParts(context, certificate), names, 'email', context.now);
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
}
const factsByCertificate = new WeakMap<SmimeCertificate, PemFacts>();

function pemFacts(certificate: SmimeCertificate): PemFacts | undefined {
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
    subjectAltNames: (parsed.subjectAltName ?? '').replace(/email:/g, 'rfc822Name='),
    sha1: digest('sha1'),
    md5: digest('md5'),
  };
  factsByCertificate.set(certificate, facts);
  return facts;
}

function issuerOf(context: RouteContext, certificate: SmimeCertificate): string | null {
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

function keySize(certificate: SmimeCertificate): number {
  if (certificate.keyAlgorithm === 'RSA') return Number(certificate.keyParam) || 0;
  return Number(/\d+/.exec(certificate.keyParam)?.[0] ?? 0);
}

/** SCM leaves out fields that have no value. */
function withoutEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined));
}

/** A list row (v2 list, byPersonId, byPersonEmail): dates as yyyy-MM-dd. */
function listItem(context: RouteContext, certificate: SmimeCertificate) {
  const issued = certificate.issued !== null;
  return withoutEmpty({
    id: certificate.id,
    state: certificate.state,
    certificateDetails: issued ? { subject: pemFacts(certificate)?.subject ?? subjectLine(context, certificate) } : {},
    serialNumber: issued ? colonSerial(certificate.serialNumber) : undefined,
    orderNumber: Number(certificate.backendCertId),
    backendCertId: certificate.backendCertId,
    expires: isoDate(certificate.expires),
    comments: certificate.comments,
  });
}

/** GET /api/smime/v1/{id}: dates as MM/dd/yyyy; the certificate is made if it has been issued. */
async function details(context: RouteContext, certificate: SmimeCertificate): Promise<Record<string, unknown>> {
  const profile = context.store.profiles.get(certificate.profileId);
  const issued = certificate.issued !== null;
  if (issued) await issuedPem(context, certificate);
  const facts = issued ? pemFacts(certificate) : undefined;
  const sandboxIssued = certificate.requestedVia !== imported;
  return withoutEmpty({
    commonName: certificate.commonName,
    id: certificate.id,
    orgId: certificate.orgId,
    status: certificate.state,
    backendCertId: certificate.backendCertId,
    certType: profile === undefined ? undefined : profileView(profile),
    subType: 'Private',
    term: certificate.term,
    requestedVia: certificate.requestedVia,
    requested: usDate(certificate.requested),
    issued: usDate(certificate.issued),
    expires: usDate(certificate.expires),
    revoked: usDate(certificate.revoked),
    reasonCode: certificate.state === 'revoked' ? certificate.reasonCode : undefined,
    serialNumber: issued ? colonSerial(certificate.serialNumber) : undefined,
    signatureAlg: issued && sandboxIssued ? sandboxSignatureAlgorithm : undefined,
    keyAlgorithm: certificate.keyAlgorithm,
    keySize: keySize(certificate),
    keyParam: certificate.keyParam,
    keyType: `${certificate.keyAlgorithm} - ${certificate.keyParam}`,
    keyUsages: issued && sandboxIssued ? keyUsages : undefined,
    extendedKeyUsages: issued && sandboxIssued ? extendedKeyUsages : undefined,
    subjectAlternativeNames: emailAddresses(context, certificate),
    customFields: certificate.customFields,
    certificateDetails:
      facts === undefined
        ? {}
        : { issuer: facts.issuer, subject: facts.subject, subjectAltNames: facts.subjectAltNames, md5Hash: facts.md5, sha1Hash: facts.sha1 },
    suspendNotifications: false,
    comments: certificate.comments,
  });
}

// ---- list and report filters ----

type CertificateFilter = (certificate: SmimeCertificate) => boolean;

function positiveIdParam(name: string, raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw invalidField(name, 'must be a number');
  return Number(raw);
}

/** The v2 list's query filters; an empty value means no filter. */
function listFilters(context: RouteContext): CertificateFilter[] {
  const filters: CertificateFilter[] = [];
  const text = (name: string) => {
    const value = context.query.get(name);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };
  const state = text('state');
  if (state !== undefined) {
    const wanted = smimeStates.find((candidate) => candidate === state.toLowerCase());
    if (wanted === undefined) throw invalidField('state', `use one of ${smimeStates.join(', ')}`);
    filters.push((c) => c.state === wanted);
  }
  const personId = text('personId');
  if (personId !== undefined) {
    const id = positiveIdParam('personId', personId);
    filters.push((c) => c.personId === id);
  }
  const certTypeId = text('certTypeId');
  if (certTypeId !== undefined) {
    const id = positiveIdParam('certTypeId', certTypeId);
    filters.push((c) => c.profileId === id);
  }
  const serial = text('serialNumber');
  if (serial !== undefined) {
    const wanted = normalSerial(serial);
    filters.push((c) => c.issued !== null && normalSerial(c.serialNumber) === wanted);
  }
  const backendCertId = text('backendCertId');
  if (backendCertId !== undefined) filters.push((c) => c.backendCertId === backendCertId);
  const email = text('email');
  if (email !== undefined) filters.push((c) => c.email.toLowerCase() === email.toLowerCase());
  const keyVault = text('keyVault');
  if (keyVault !== undefined) {
    if (keyVault !== 'true' && keyVault !== 'false') throw invalidField('keyVault', 'use true or false');
    // The sandbox never escrows keys: no certificate has its key in the vault.
    filters.push(() => keyVault === 'false');
  }
  const algorithm = text('keyAlgorithm');
  if (algorithm !== undefined) {
    const wanted = ['ECDSA', 'ECC'].includes(algorithm.toUpperCase()) ? 'EC' : algorithm.toUpperCase();
    filters.push((c) => c.keyAlgorithm === wanted);
  }
  const keyParam = text('keyParam');
  if (keyParam !== undefined) filters.push((c) => c.keyParam.toLowerCase() === keyParam.toLowerCase() || String(keySize(c)) === keyParam);
  const sandboxIssued = (c: SmimeCertificate) => c.issued !== null && c.requestedVia !== imported;
  const signature = text('signatureAlgorithm');
  if (signature !== undefined) filters.push((c) => sandboxIssued(c) && sandboxSignatureAlgorithm.toLowerCase() === signature.toLowerCase());
  const keyUsage = text('keyUsage');
  if (keyUsage !== undefined) filters.push((c) => sandboxIssued(c) && keyUsages.some((usage) => usage.toLowerCase() === keyUsage.toLowerCase()));
  const extendedKeyUsage = text('extendedKeyUsage');
  if (extendedKeyUsage !== undefined) {
    filters.push((c) => sandboxIssued(c) && extendedKeyUsages.some((usage) => usage.toLowerCase() === extendedKeyUsage.toLowerCase()));
  }
  return filters;
}

/** The report's certificateStatus codes. */
const reportStatuses: Record<number, readonly SmimeState[] | undefined> = {
  0: undefined,
  2: ['issued', 'downloaded'],
  3: ['revoked', 'pre_revoked'],
  4: ['expired'],
  5: ['requested'],
  6: ['blank', 'created', 'rejected'],
};

/** The report's certificateDateAttribute codes. */
const reportDates: Record<number, (c: SmimeCertificate) => number | null> = {
  0: (c) => c.requested,
  1: (c) => c.issued,
  2: (c) => c.revoked,
  3: (c) => c.expires,
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
    if (!(code in reportStatuses)) throw invalidField('certificateStatus', 'use 0, 2, 3, 4, 5 or 6');
    const states = reportStatuses[code];
    if (states !== undefined) filters.push((c) => states.includes(c.state));
  }
  const attribute = body.certificateDateAttribute === undefined || body.certificateDateAttribute === null ? 0 : requireInteger(body, 'certificateDateAttribute');
  const dateOf = reportDates[attribute];
  if (dateOf === undefined) throw invalidField('certificateDateAttribute', 'use 0, 1, 2 or 3');
  const from = reportDate(body, 'from');
  const to = reportDate(body, 'to');
  if (from !== undefined || to !== undefined) {
    filters.push((c) => {
      const time = dateOf(c);
      return time !== null && (from === undefined || time >= from) && (to === undefined || time <= to);
    });
  }
  return { filters, orgIds };
}

/** One row of the client certificate report: dates as ISO timestamps. */
function reportRow(context: RouteContext, certificate: SmimeCertificate) {
  const { store } = context;
  const profile = store.profiles.get(certificate.profileId);
  const org = store.organization(certificate.orgId);
  const person = store.persons.get(certificate.personId);
  const issued = certificate.issued !== null;
  const facts = pemFacts(certificate);
  return {
    id: certificate.id,
    personId: certificate.personId,
    email: certificate.email,
    firstName: person?.firstName ?? null,
    lastName: person?.lastName ?? null,
    commonName: certificate.commonName,
    status: certificate.state,
    type: profile?.name ?? null,
    typeId: certificate.profileId,
    orgId: certificate.orgId,
    organizationName: org?.name ?? null,
    orderNumber: Number(certificate.backendCertId),
    backendCertId: certificate.backendCertId,
    requestedVia: certificate.requestedVia,
    term: certificate.term,
    comments: certificate.comments,
    requested: isoTimestamp(certificate.requested),
    issued: isoTimestamp(certificate.issued),
    expires: isoTimestamp(certificate.expires),
    revoked: isoTimestamp(certificate.revoked),
    reasonCode: certificate.state === 'revoked' ? certificate.reasonCode : null,
    issuer: issuerOf(context, certificate),
    serialNumber: issued ? colonSerial(certificate.serialNumber) : null,
    sha1: facts?.sha1 ?? null,
    md5: facts?.md5 ?? null,
    publicKeyType: `${certificate.keyAlgorithm} - ${certificate.keyParam}`,
    customFields: certificate.customFields,
  };
}

// ---- handlers ----

function types(context: RouteContext): RouteResult {
  const raw = context.query.get('organizationId');
  if (raw !== null && raw !== '') {
    const id = positiveIdParam('organizationId', raw);
    const org = context.store.organization(id);
    if (org === undefined || !context.scope.canSee(id, 'smime')) throw organizationNotFound(id);
    if (!org.clientCertsApiEnabled) throw organizationNotAllowed();
  }
  return ok([...context.store.profiles.values()].filter((profile) => profile.kind === 'smime').map(profileView));
}

function customFields(context: RouteContext): RouteResult {
  return ok([...context.store.customFields.values()].filter((field) => field.kind === 'smime').map((field) => ({ id: field.id, name: field.name, mandatory: field.mandatory })));
}

async function enroll(context: RouteContext): Promise<RouteResult> {
  refuseWhenReadOnly(context, 'certificate enrollment');
  context.scope.require('clientCertRequest', 'certificate enrollment');
  const body = jsonBody(context);
  const org = orderOrganization(context, body.orgId);
  const profile = smimeProfile(context, body.certType);
  const term = profileTerm(body, profile);
  const csr = await readCsr(body.csr);
  checkKey(profile, csr);
  const holder = readHolder(body);
  const fields = readCustomFields(context, body.customFields, 'smime');
  const comments = optionalString(body, 'comments', 1024) ?? '';
  checkEmailDomain(context, org, holder.email);
  const person =
    personByEmail(context, holder.email) ??
    createPerson(context, {
      firstName: holder.firstName,
      middleName: holder.middleName,
      lastName: holder.lastName,
      email: holder.email,
      organizationId: org.id,
      phone: holder.phone,
      secondaryEmails: holder.secondaryEmails,
      commonName: holder.commonName,
      eppn: holder.eppn,
      upn: holder.upn,
    });
  checkLimit(context, person);
  const certificate = createCertificate(context, { org, person, profile, term, commonName: holder.commonName, key: csr, customFields: fields, comments });
  context.store.record(context.admin.login, 'Client certificate requested', `${certificate.id} ${person.email}`, context.now);
  return ok(orderAnswer(certificate));
}

async function collect(context: RouteContext, requestedFormat: string | null): Promise<RouteResult> {
  const certificate = certificateByOrder(context);
  const format = requestedFormat === null || requestedFormat === '' ? 'base64' : requestedFormat;
  if (!isCollectFormat(format)) throw new ScmError(400, -1450, `Unsupported certificate format: ${format}`);
  if (certificate.state === 'revoked' || certificate.state === 'pre_revoked') throw new ScmError(400, -110, 'Certificate has been revoked and cannot be downloaded.');
  if (certificate.state === 'rejected') throw new ScmError(400, -183, 'Certificate is not collectable.');
  if (!collectableStates.includes(certificate.state)) {
    const code = context.options.smimePendingCode;
    const description =
      code === -183 ? 'Certificate is not collectable.' : code === -1400 ? 'The request is being processed by Sectigo.' : 'Certificate is not available now, please try again later.';
    throw new ScmError(400, code, description);
  }
  const leaf = await issuedPem(context, certificate);
  const baseName = certificate.commonName.replace(/[^A-Za-z0-9.-]/g, '_') || certificate.backendCertId;
  const rendered = renderCollect(format, { leaf, intermediate: context.ca.intermediatePem, root: context.ca.rootPem }, baseName);
  return download(rendered.body, rendered.filename);
}

function revokeByOrder(context: RouteContext): RouteResult {
  refuseWhenReadOnly(context, 'certificate revocation');
  const body = jsonBody(context, { optional: true });
  const certificate = certificateByOrder(context);
  context.scope.require('clientCertRevoke', 'certificate revocation');
  const { reason, reasonCode } = readRevocation(body);
  revoke(context, certificate, reasonCode, reason, context.now);
  return noContent();
}

function revokeBySerial(context: RouteContext): RouteResult {
  refuseWhenReadOnly(context, 'certificate revocation');
  const body = jsonBody(context, { optional: true });
  const certificate = certificateBySerial(context, context.params.serialNumber ?? '');
  context.scope.require('clientCertRevoke', 'certificate revocation');
  const { reason, reasonCode } = readRevocation(body);
  revoke(context, certificate, reasonCode, reason, context.now);
  return noContent();
}

/** Revokes every valid certificate of a person, found by email. */
function revokeByEmail(context: RouteContext): RouteResult {
  refuseWhenReadOnly(context, 'certificate revocation');
  const body = jsonBody(context);
  context.scope.require('clientCertRevoke', 'certificate revocation');
  const email = requireString(body, 'email', { max: 128 }).trim();
  const { reason, reasonCode } = readRevocation(body);
  const targets = visibleCertificates(context).filter((certificate) => certificate.email.toLowerCase() === email.toLowerCase() && revocableStates.includes(certificate.state));
  if (targets.length === 0) throw new ScmError(400, -1108, `No valid client certificates found for ${email}`);
  for (const certificate of targets) revoke(context, certificate, reasonCode, reason, context.now);
  return noContent();
}

/** Marks a certificate revoked (revoked elsewhere): by id, or by serial number and issuer. */
function revokeManually(context: RouteContext): RouteResult {
  refuseWhenReadOnly(context, 'certificate revocation');
  const body = jsonBody(context);
  context.scope.require('clientCertRevoke', 'certificate revocation');
  let certificate: SmimeCertificate;
  if (body.certId !== undefined && body.certId !== null && body.certId !== '') {
    const found = context.store.smime.get(requireInteger(body, 'certId'));
    if (found === undefined || !visible(context, found)) throw certificateNotFound();
    settle(context, found);
    certificate = found;
  } else {
    if (body.serialNumber === undefined || body.serialNumber === null || body.serialNumber === '') throw requiredField('certId');
    const issuer = requireString(body, 'issuer');
    certificate = certificateBySerial(context, String(body.serialNumber));
    const flatten = (name: string) => name.replace(/\s+/g, '').toLowerCase();
    const actual = issuerOf(context, certificate) ?? '';
    const issuerCommonName = /CN=([^,]+)/.exec(actual)?.[1] ?? '';
    if (flatten(issuer) !== flatten(actual) && flatten(issuer) !== flatten(issuerCommonName)) throw certificateNotFound();
  }
  const { reason, reasonCode } = readRevocation(body);
  revoke(context, certificate, reasonCode, reason === '' ? 'Marked as revoked' : reason, readRevokeDate(body, context.now));
  return noContent();
}

async function update(context: RouteContext): Promise<RouteResult> {
  const certificate = certificateById(context);
  context.scope.require('clientCertManage', 'certificate update');
  const body = jsonBody(context);
  const comments = optionalString(body, 'comments', 1024);
  const fields = body.customFields === undefined || body.customFields === null ? undefined : readCustomFields(context, body.customFields, 'smime');
  if (comments !== undefined) certificate.comments = comments;
  if (fields !== undefined) certificate.customFields = fields;
  context.store.record(context.admin.login, 'Client certificate updated', `${certificate.id} ${certificate.email}`, context.now);
  context.store.changed();
  return ok(await details(context, certificate));
}

function remove(context: RouteContext): RouteResult {
  const certificate = certificateById(context);
  context.scope.require('clientCertManage', 'certificate deletion');
  if (certificate.requestedVia !== imported && certificate.requestedVia !== 'Discovery') {
    throw notAuthorized('deletion of a certificate that was not imported or discovered');
  }
  context.store.smime.delete(certificate.id);
  context.store.record(context.admin.login, 'Client certificate deleted', `${certificate.id} ${certificate.email}`, context.now);
  context.store.changed();
  return noContent();
}

/** Certificates of a person the caller can see, or 404 -105 when there is no such person. */
function byPerson(context: RouteContext, person: Person | undefined, missing: string, headers?: Record<string, string>): RouteResult {
  if (person === undefined || !context.scope.canSee(person.organizationId)) throw new ScmError(404, -105, `Person with ${missing} was not found`);
  const rows = visibleCertificates(context).filter((certificate) => certificate.personId === person.id);
  return ok(
    rows.map((certificate) => listItem(context, certificate)),
    headers,
  );
}

/** One element of an import: a certificate issued elsewhere, kept as Imported for the person its email names. */
function importOne(context: RouteContext, entry: unknown): Record<string, unknown> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { errorMessage: 'Cannot parse message body' };
  const item = entry as Record<string, unknown>;
  const orgId = item.orgID ?? item.orgId;
  if (typeof orgId !== 'number') return { errorMessage: 'orgID is required but missing' };
  const org = context.store.organization(orgId);
  if (org === undefined || !context.scope.canSee(orgId, 'smime')) return { errorMessage: `Organization '${orgId}' not found` };
  const parsed = readImportedCertificate(item.cert);
  if (typeof parsed === 'string') return { errorMessage: parsed };
  const serial = parsed.serialNumber.toUpperCase();
  const issuer = oneLineName(parsed.issuer);
  const subject = oneLineName(parsed.subject);
  const summary = (certificate: SmimeCertificate) => ({ id: certificate.id, subject, serialNumber: colonSerial(serial) });
  const existing = [...context.store.smime.values()].find(
    (certificate) => certificate.certificatePem !== null && normalSerial(certificate.serialNumber) === normalSerial(serial) && pemFacts(certificate)?.issuer === issuer,
  );
  if (existing !== undefined) return { cert: summary(existing), created: false };
  const sanEmails = (parsed.subjectAltName ?? '').split(', ').filter((name) => name.startsWith('email:')).map((name) => name.slice('email:'.length));
  const subjectEmail = /(?:^|\n)emailAddress=([^\n]+)/.exec(parsed.subject)?.[1];
  const email = sanEmails[0] ?? subjectEmail;
  if (email === undefined || !emailPattern.test(email)) return { errorMessage: 'The certificate names no email address' };
  const commonName = commonNameOf(parsed.subject) || email;
  const [firstName = commonName, ...rest] = commonName.split(' ');
  const person = personByEmail(context, email) ?? createPerson(context, { firstName, middleName: '', lastName: rest.join(' ') || firstName, email, organizationId: orgId });
  const key = parsed.publicKey;
  const keyDetails = key.asymmetricKeyDetails ?? {};
  const curves: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
  const keyAlgorithm = key.asymmetricKeyType === 'ec' ? 'EC' : 'RSA';
  const keyParam = keyAlgorithm === 'EC' ? (curves[keyDetails.namedCurve ?? ''] ?? keyDetails.namedCurve ?? '') : String(keyDetails.modulusLength ?? 0);
  const issuedAt = Date.parse(parsed.validFrom);
  const expires = Date.parse(parsed.validTo);
  const profile = [...context.store.profiles.values()].find((candidate) => candidate.kind === 'smime');
  const id = context.store.nextId();
  const backendCertId = typeof item.backendCertId === 'string' && /^\d{1,15}$/.test(item.backendCertId) ? item.backendCertId : String(1_900_000_000 + id);
  const certificate: SmimeCertificate = {
    id,
    backendCertId,
    orgId,
    personId: person.id,
    email: person.email,
    commonName,
    state: expires <= context.now ? 'expired' : 'issued',
    profileId: profile?.id ?? 0,
    term: Math.max(1, Math.round((expires - issuedAt) / 86_400_000)),
    requestedVia: imported,
    requested: context.now,
    issued: issuedAt,
    expires,
    revoked: null,
    issueAt: null,
    reasonCode: null,
    serialNumber: serial,
    keyAlgorithm,
    keyParam,
    publicKey: key.export({ type: 'spki', format: 'der' }).toString('base64'),
    comments: typeof item.comments === 'string' ? item.comments.slice(0, 1024) : '',
    customFields: [],
    certificatePem: parsed.toString(),
  };
  context.store.smime.set(id, certificate);
  context.store.record(context.admin.login, 'Client certificate imported', `${id} ${email}`, context.now);
  context.store.changed();
  return { cert: summary(certificate), created: true };
}

/** Routes under both v1 (documented in 25.5) and v2 (the only version in the 25.9 OpenAPI description). */
function bothVersions(route: Route): Route[] {
  return [route, { ...route, path: route.path.replace('/api/smime/v1/', '/api/smime/v2/') }];
}

export const smimeRoutes: Route[] = [
  ...bothVersions({ method: 'GET', path: '/api/smime/v1/types', handler: types }),
  ...bothVersions({ method: 'GET', path: '/api/smime/v1/customFields', handler: customFields }),
  ...bothVersions({ method: 'POST', path: '/api/smime/v1/enroll', handler: enroll }),
  ...bothVersions({ method: 'GET', path: '/api/smime/v1/collect/{backendCertId}', handler: (context) => collect(context, context.query.get('format')) }),
  ...bothVersions({ method: 'GET', path: '/api/smime/v1/collect/{backendCertId}/{format}', handler: (context) => collect(context, context.params.format ?? null) }),
  ...bothVersions({ method: 'POST', path: '/api/smime/v1/revoke/order/{backendCertId}', handler: revokeByOrder }),
  ...bothVersions({ method: 'POST', path: '/api/smime/v1/revoke/serial/{serialNumber}', handler: revokeBySerial }),
  ...bothVersions({ method: 'POST', path: '/api/smime/v1/revoke/manual', handler: revokeManually }),
  ...bothVersions({ method: 'POST', path: '/api/smime/v1/revoke', handler: revokeByEmail }),
  ...bothVersions({ method: 'GET', path: '/api/smime/v1/{id}', handler: async (context) => ok(await details(context, certificateById(context))) }),
  ...bothVersions({ method: 'PUT', path: '/api/smime/v1/{id}', handler: update }),
  ...bothVersions({ method: 'DELETE', path: '/api/smime/v1/{id}', handler: remove }),
  {
    method: 'GET',
    path: '/api/smime/v2',
    handler(context) {
      const filters = listFilters(context);
      const rows = visibleCertificates(context).filter((certificate) => filters.every((filter) => filter(certificate)));
      return listPage(context, rows, (certificate) => listItem(context, certificate));
    },
  },
  {
    method: 'GET',
    path: '/api/smime/v2/byPersonId/{personId}',
    handler(context) {
      const raw = context.params.personId ?? '';
      const person = /^\d{1,12}$/.test(raw) ? context.store.persons.get(Number(raw)) : undefined;
      return byPerson(context, person, `id: ${raw}`);
    },
  },
  {
    method: 'GET',
    path: '/api/smime/v2/byPersonEmail/{email}',
    handler(context) {
      const email = context.params.email ?? '';
      // SCM's framework labels this answer as an inline text file.
      return byPerson(context, personByEmail(context, email), `e-mail: ${email}`, { 'content-disposition': 'inline;filename=f.txt' });
    },
  },
  {
    method: 'POST',
    path: '/api/smime/v2/renew/order/{backendCertId}',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate renewal');
      return renew(context, certificateByOrder(context));
    },
  },
  {
    method: 'POST',
    path: '/api/smime/v2/renew/serial/{serialNumber}',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate renewal');
      return renew(context, certificateBySerial(context, context.params.serialNumber ?? ''));
    },
  },
  {
    method: 'POST',
    path: '/api/smime/v2/replace/order/{backendCertId}',
    async handler(context) {
      refuseWhenReadOnly(context, 'certificate replacement');
      const body = jsonBody(context);
      const original = certificateByOrder(context);
      context.scope.require('clientCertRequest', 'certificate replacement');
      const reason = optionalString(body, 'reason', 512) ?? '';
      const csr = await readCsr(body.csr);
      const revokeOld = optionalBoolean(body, 'revoke') ?? true;
      const replacement = reorder(context, original, 'replacing', csr, revokeOld && revocableStates.includes(original.state));
      if (revokeOld && revocableStates.includes(original.state)) revoke(context, original, 4, reason, context.now);
      context.store.record(context.admin.login, 'Client certificate replaced', `${original.id} -> ${replacement.id} ${original.email}`, context.now);
      return noContent();
    },
  },
  importRoute('/api/smime/v2/import', 'clientCertManage', importOne),
  {
    method: 'POST',
    path: '/api/report/v1/client-certificates',
    handler(context) {
      const body = jsonBody(context, { optional: true });
      const { filters, orgIds } = reportFilters(context, body);
      const inScope = (orgId: number) => context.scope.canSee(orgId, 'smime') && (orgIds === undefined || orgIds.has(orgId));
      const rows = visibleCertificates(context, inScope)
        .filter((certificate) => filters.every((filter) => filter(certificate)))
        .map((certificate) => reportRow(context, certificate));
      return ok({ statusCode: 0, reports: rows }, reportHeaders);
    },
  },
];

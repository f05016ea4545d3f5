import { newSerialNumber, positiveIdParam, profileView } from '../../certificateForms';
import { jsonBody, noContent, ok, optionalString, refuseWhenReadOnly, requireInteger, requireString, type Route, type RouteContext } from '../../context';
import { coverageProblem } from '../../coverage';
import { checkKey, profileTerm, readCsr, readCustomFields } from '../../enrollment';
import { cannotParseBody, invalidField, requiredField, ScmError } from '../../errors';
import { settleDomain } from '../../lifecycle';
import type { CertificateProfile, Organization, SslCertificate } from '../../state/model';
import { certificateFromPath, newRenewId, organizationNotAllowed, organizationNotFound, profileOf, restApi } from './certificates';

/* Ordering a certificate: the profiles and custom fields on offer, the enroll request and its checks, approval. */

const dcvModes = ['CNAME', 'EMAIL', 'HTTP', 'HTTPS', 'TXT', 'AUTO'];

const emailPattern = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;

const dnsNamePattern = /^(\*\.)?([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The organization an order is for: visible to the caller, open to the SSL API, validated. */
export function orderOrganization(context: RouteContext, raw: unknown): Organization {
  if (raw === undefined || raw === null || raw === '') throw requiredField('orgId');
  const id = requireInteger({ orgId: raw }, 'orgId');
  const org = context.store.organization(id);
  if (org === undefined || !context.scope.canSee(id, 'ssl')) throw organizationNotFound(id);
  if (!org.sslCertsApiEnabled || !org.certTypes.includes('SSL')) throw organizationNotAllowed();
  if (org.validationStatus !== 'VALIDATED') throw new ScmError(400, -843, 'SSL type cannot be requested due to organization validation status');
  return org;
}

export function sslProfile(context: RouteContext, raw: unknown, field: string): CertificateProfile {
  if (raw === undefined || raw === null || raw === '') throw requiredField(field);
  const number = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) throw new ScmError(400, -39, 'The certificate profile id is invalid!');
  const profile = context.store.profiles.get(number);
  if (profile === undefined || profile.kind !== 'ssl') throw new ScmError(400, -111, `No certificate profile found by id ${number}`);
  return profile;
}

export function readExternalRequester(body: Record<string, unknown>): string | undefined {
  const value = optionalString(body, 'externalRequester', 512);
  if (value === undefined || value.trim() === '') return value;
  for (const address of value.split(',')) {
    if (!emailPattern.test(address.trim())) throw invalidField('externalRequester', `${address.trim()} is not an email address`);
  }
  return value;
}

export function readDcvMode(body: Record<string, unknown>): string | undefined {
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
export function readNameArray(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.some((name) => typeof name !== 'string')) throw cannotParseBody();
  return (raw as string[]).map((name) => name.trim()).filter((name) => name !== '');
}

/** The certificate's names: the common name first, then the others once each. */
export function certificateNames(commonName: string, others: string[]): string[] {
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

/** Every name must be covered by a domain the organization may order it under (coverage.ts). */
export function checkNames(context: RouteContext, org: Organization, names: string[]): void {
  for (const domain of context.store.domains.values()) if (settleDomain(domain, context.now)) context.store.changed();
  for (const original of names) {
    const name = original.toLowerCase().replace(/\.$/, '');
    if (name.length > 253 || !dnsNamePattern.test(name)) throw invalidField('subjAltNames', `${original} is not a valid domain name`);
    const problem = coverageProblem(context.store.domains.values(), name, 'SSL', org, context.now, original);
    if (problem !== undefined) throw problem;
  }
}

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

export function createCertificate(context: RouteContext, order: Order): SslCertificate {
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

function readMessage(context: RouteContext): string {
  return requireString(jsonBody(context), 'message', { max: 512 });
}

export const sslEnrollmentRoutes: Route[] = [
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
];

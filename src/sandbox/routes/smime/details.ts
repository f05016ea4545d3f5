import { createHash, X509Certificate } from 'node:crypto';
import { caSubject, colonSerial, keySize, oneLineName, profileView, sandboxSignatureAlgorithm, withoutEmpty } from '../../certificateForms';
import { ok, type Route, type RouteContext } from '../../context';
import { isoDate, usDate } from '../../dates';
import { certificatePem } from '../../lifecycle';
import type { SmimeCertificate } from '../../state/model';
import { bothVersions, certificateById, imported } from './certificates';

/* The issued certificate itself (made once, on first need), and the list and details views of a certificate. */

export const keyUsages = ['digitalSignature', 'keyEncipherment', 'nonRepudiation'];

export const extendedKeyUsages = ['emailProtection', 'clientAuth'];

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
export function issuedPem(context: RouteContext, certificate: SmimeCertificate): Promise<string> {
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

export function pemFacts(certificate: SmimeCertificate): PemFacts | undefined {
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

export function issuerOf(context: RouteContext, certificate: SmimeCertificate): string | null {
  if (certificate.issued === null) return null;
  return pemFacts(certificate)?.issuer ?? caSubject(context);
}

/** A list row (v2 list, byPersonId, byPersonEmail): dates as yyyy-MM-dd. */
export function listItem(context: RouteContext, certificate: SmimeCertificate) {
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
export async function details(context: RouteContext, certificate: SmimeCertificate): Promise<Record<string, unknown>> {
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

export const smimeDetailsRoutes: Route[] = [
  ...bothVersions({ method: 'GET', path: '/api/smime/v1/{id}', handler: async (context) => ok(await details(context, certificateById(context))) }),
];

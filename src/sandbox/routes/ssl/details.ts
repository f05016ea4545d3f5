import { createHash, X509Certificate } from 'node:crypto';
import { caSubject, colonSerial, keySize, oneLineName, profileView, sandboxSignatureAlgorithm, withoutEmpty } from '../../certificateForms';
import { ok, type Route, type RouteContext } from '../../context';
import { usDate } from '../../dates';
import { certificatePem } from '../../lifecycle';
import type { SslCertificate } from '../../state/model';
import { certificateFromPath, vendor } from './certificates';

/* The issued certificate itself (made once, on first need) and the details view of a certificate. */

const pendingPems = new WeakMap<SslCertificate, Promise<string>>();

/** The certificate's subject: its common name, and its organization (department as OU). */
function subjectOf(context: RouteContext, certificate: SslCertificate): { commonName: string; organization: string; unit: string } {
  const org = context.store.organization(certificate.orgId);
  const parent = org?.parentId === null || org?.parentId === undefined ? undefined : context.store.organization(org.parentId);
  return { commonName: certificate.commonName, organization: parent?.name ?? org?.name ?? '', unit: parent === undefined ? '' : (org?.name ?? '') };
}

/** The issued certificate as PEM, made once (concurrent collects get the same one). */
export function issuedPem(context: RouteContext, certificate: SslCertificate): Promise<string> {
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

/** Subject, issuer and fingerprints of a certificate whose PEM exists; undefined before that. */
export function pemFacts(certificate: SslCertificate): PemFacts | undefined {
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

export function issuerOf(context: RouteContext, certificate: SslCertificate): string | null {
  if (certificate.issued === null) return null;
  return pemFacts(certificate)?.issuer ?? caSubject(context);
}

export function keyType(certificate: SslCertificate): string {
  return `${certificate.keyAlgorithm} - ${certificate.keyParam}`;
}

function renewedDate(context: RouteContext, certificate: SslCertificate): number | null {
  if (certificate.renewedToId !== null) return context.store.ssl.get(certificate.renewedToId)?.requested ?? null;
  return certificate.manuallyRenewed;
}

/** GET /api/ssl/v1/{sslId}: dates as MM/dd/yyyy, SANs as an array; the certificate is made if it is issued. */
export async function details(context: RouteContext, certificate: SslCertificate): Promise<Record<string, unknown>> {
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
    // A discovered certificate has no requester.
    requester: certificate.requester === '' ? undefined : certificate.requester,
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

export const sslDetailsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/ssl/v1/{sslId}',
    handler: async (context) => ok(await details(context, certificateFromPath(context))),
  },
];

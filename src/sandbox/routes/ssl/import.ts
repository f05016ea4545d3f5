import { X509Certificate } from 'node:crypto';
import { colonSerial, normalSerial, oneLineName } from '../../certificateForms';
import { importRoute, type Route, type RouteContext } from '../../context';
import type { SslCertificate } from '../../state/model';
import { newRenewId } from './certificates';
import { pemFacts } from './details';
import { certificateNames } from './enrollment';

/* The v2 import of certificates issued elsewhere, kept as Imported. */

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

export const sslImportRoutes: Route[] = [
  importRoute('/api/ssl/v2/import', 'sslManage', importOne),
];

import { colonSerial, commonNameOf, normalSerial, oneLineName, readImportedCertificate } from '../../certificateForms';
import { importRoute, type Route, type RouteContext } from '../../context';
import type { SmimeCertificate } from '../../state/model';
import { createPerson, emailPattern, personByEmail } from '../persons';
import { imported } from './certificates';
import { pemFacts } from './details';

/* The v2 import of client certificates issued elsewhere, kept as Imported for the person their email names. */

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

export const smimeImportRoutes: Route[] = [
  importRoute('/api/smime/v2/import', 'clientCertManage', importOne),
];

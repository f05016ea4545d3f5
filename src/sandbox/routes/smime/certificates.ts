import { normalSerial } from '../../certificateForms';
import { idParam, requireInteger, type Route, type RouteContext } from '../../context';
import { requiredField, ScmError } from '../../errors';
import { settleSmimeInStore } from '../../lifecycle';
import type { CertificateProfile, Organization, Person, SmimeCertificate, SmimeState } from '../../state/model';

/* What every client certificate route shares: finding a certificate the caller may see, by id, order or serial, and bringing it up to date. */

export const certificateNotFound = () => new ScmError(404, -5101, 'Certificate not found.');

const invalidOrderNumber = () => new ScmError(400, -1104, 'Invalid order number');

export const organizationNotFound = (id: number) => new ScmError(400, -1023, `Organization '${id}' not found`);

export const organizationNotAllowed = () => new ScmError(400, -1021, 'Operation is not allowed for organization');

export const imported = 'Imported';

/** States that have had a certificate issued that may still be downloaded. */
export const collectableStates: readonly SmimeState[] = ['issued', 'downloaded', 'expired'];

export const revocableStates: readonly SmimeState[] = ['issued', 'downloaded'];

/** Brings a certificate up to date; one issued without a serial yet gets one. */
export function settle(context: RouteContext, certificate: SmimeCertificate): void {
  settleSmimeInStore(context.store, certificate, context.now);
}

export function visible(context: RouteContext, certificate: SmimeCertificate): boolean {
  return context.scope.canSee(certificate.orgId, 'smime');
}

export function certificateById(context: RouteContext): SmimeCertificate {
  const certificate = context.store.smime.get(idParam(context, 'id', certificateNotFound));
  if (certificate === undefined || !visible(context, certificate)) throw certificateNotFound();
  settle(context, certificate);
  return certificate;
}

export function certificateByOrder(context: RouteContext): SmimeCertificate {
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
export function certificateBySerial(context: RouteContext, serial: string): SmimeCertificate {
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
export function visibleCertificates(context: RouteContext, inScope: (orgId: number) => boolean = (orgId) => context.scope.canSee(orgId, 'smime')): SmimeCertificate[] {
  const rows: SmimeCertificate[] = [];
  for (const certificate of context.store.smime.values()) {
    if (!inScope(certificate.orgId)) continue;
    settle(context, certificate);
    rows.push(certificate);
  }
  return rows;
}

/** The organization an order is for: visible to the caller for client certificates, open to the API. */
export function orderOrganization(context: RouteContext, raw: unknown): Organization {
  if (raw === undefined || raw === null || raw === '') throw requiredField('orgId');
  const id = requireInteger({ orgId: raw }, 'orgId');
  const org = context.store.organization(id);
  if (org === undefined || !context.scope.canSee(id, 'smime')) throw organizationNotFound(id);
  if (!org.clientCertsApiEnabled || !org.certTypes.includes('SMIME')) throw organizationNotAllowed();
  return org;
}

export function smimeProfile(context: RouteContext, raw: unknown): CertificateProfile {
  if (raw === undefined || raw === null || raw === '') throw requiredField('certType');
  const number = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  const profile = typeof number === 'number' ? context.store.profiles.get(number) : undefined;
  if (profile === undefined || profile.kind !== 'smime') throw new ScmError(400, -172, 'Client certificate profile is invalid.');
  return profile;
}

export function profileOf(context: RouteContext, certificate: SmimeCertificate): CertificateProfile {
  const profile = context.store.profiles.get(certificate.profileId);
  if (profile === undefined) throw new ScmError(400, -172, 'Client certificate profile is invalid.');
  return profile;
}

export function personOf(context: RouteContext, certificate: SmimeCertificate, operation: string): Person {
  const person = context.store.persons.get(certificate.personId);
  if (person === undefined) throw new ScmError(400, -105, `Error was occurred while ${operation} cert. Person with e-mail: ${certificate.email} was not found`);
  return person;
}

/** Routes under both v1 (documented in 25.5) and v2 (the only version in the 25.9 OpenAPI description). */
export function bothVersions(route: Route): Route[] {
  return [route, { ...route, path: route.path.replace('/api/smime/v1/', '/api/smime/v2/') }];
}

import { randomBytes } from 'node:crypto';
import { normalSerial } from '../../certificateForms';
import { idParam, type RouteContext } from '../../context';
import { ScmError } from '../../errors';
import { settleSslInStore } from '../../lifecycle';
import type { CertificateProfile, SslCertificate, SslStatus } from '../../state/model';

/* What every SSL route shares: finding a certificate the caller may see, bringing it up to date, its states. */

export const certificateNotFound = () => new ScmError(404, -5101, 'Certificate not found.');

export const organizationNotFound = (id: number) => new ScmError(400, -1023, `Organization '${id}' not found`);

export const organizationNotAllowed = () => new ScmError(400, -1021, 'Operation is not allowed for organization');

/** Where a new certificate request came from, as SCM names it. */
export const restApi = 'REST API';

export const sslStatuses: readonly SslStatus[] = [
  'Invalid', 'Requested', 'Approved', 'Declined', 'Applied', 'Issued', 'Revoked', 'Expired', 'Replaced', 'Rejected', 'SAApproved', 'Init',
];

/** States that have had a certificate issued (and so can be collected unless revoked). */
export const collectableStatuses: readonly SslStatus[] = ['Issued', 'Expired', 'Replaced'];

/** States that will never lead to a certificate. */
export const deadEndStatuses: readonly SslStatus[] = ['Declined', 'Rejected', 'Invalid'];

/** States in which the order itself (organization, profile, term, names, CSR) may still change. */
export const editableStatuses: readonly SslStatus[] = ['Requested', 'Declined', 'Rejected', 'Invalid'];

export const vendor = 'SCM Sandbox';

/**
 * Brings a certificate up to date: issuance and expiry as time passes, and a replaced certificate
 * becoming Replaced once its replacement is issued.
 */
export function settle(context: RouteContext, certificate: SslCertificate): void {
  settleSslInStore(context.store, certificate, context.now);
}

export function newRenewId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export function findCertificate(context: RouteContext, id: number): SslCertificate {
  const certificate = context.store.ssl.get(id);
  if (certificate === undefined || !context.scope.canSee(certificate.orgId, 'ssl')) throw certificateNotFound();
  settle(context, certificate);
  return certificate;
}

export function certificateFromPath(context: RouteContext): SslCertificate {
  return findCertificate(context, idParam(context, 'sslId', certificateNotFound));
}

/** Finds a visible, issued certificate by serial number, in any of the forms clients write it. */
export function certificateBySerial(context: RouteContext, serial: string): SslCertificate {
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

export function profileOf(context: RouteContext, certificate: SslCertificate): CertificateProfile {
  const profile = context.store.profiles.get(certificate.profileId);
  if (profile === undefined) throw new ScmError(400, -111, `No certificate profile found by id ${certificate.profileId}`);
  return profile;
}

import { readReasonCode, readRevokeDate } from '../../certificateForms';
import { jsonBody, noContent, optionalString, refuseWhenReadOnly, requireInteger, requireString, type Route, type RouteContext, type RouteResult } from '../../context';
import { requiredField, ScmError } from '../../errors';
import type { SmimeCertificate } from '../../state/model';
import { bothVersions, certificateByOrder, certificateBySerial, certificateNotFound, revocableStates, settle, visible, visibleCertificates } from './certificates';
import { issuerOf } from './details';

/* Revocation: by order, by serial number, every certificate of a person, and the record of one revoked elsewhere. */

/** A revocation body: the reason may be empty for client certificates. */
function readRevocation(body: Record<string, unknown>): { reason: string; reasonCode: number } {
  return { reason: optionalString(body, 'reason', 512) ?? '', reasonCode: readReasonCode(body) };
}

export function revoke(context: RouteContext, certificate: SmimeCertificate, reasonCode: number, reason: string, when: number): void {
  if (certificate.state === 'revoked' || certificate.state === 'pre_revoked') throw new ScmError(400, -159, 'Your certificate already revoked');
  if (!revocableStates.includes(certificate.state)) throw new ScmError(400, -102, 'Only issued certificates could be revoked.');
  certificate.state = 'revoked';
  certificate.revoked = when;
  certificate.reasonCode = reasonCode;
  context.store.record(context.admin.login, 'Client certificate revoked', `${certificate.id} ${certificate.email}${reason === '' ? '' : `: ${reason}`}`, context.now);
  context.store.changed();
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

export const smimeRevocationRoutes: Route[] = [
  ...bothVersions({ method: 'POST', path: '/api/smime/v1/revoke/order/{backendCertId}', handler: revokeByOrder }),
  ...bothVersions({ method: 'POST', path: '/api/smime/v1/revoke/serial/{serialNumber}', handler: revokeBySerial }),
  ...bothVersions({ method: 'POST', path: '/api/smime/v1/revoke/manual', handler: revokeManually }),
  ...bothVersions({ method: 'POST', path: '/api/smime/v1/revoke', handler: revokeByEmail }),
];

import { readRevokeDate } from '../../certificateForms';
import { jsonBody, noContent, refuseWhenReadOnly, requireInteger, requireString, type Route, type RouteContext } from '../../context';
import { invalidField, requiredField, ScmError } from '../../errors';
import type { SslCertificate } from '../../state/model';
import { certificateBySerial, certificateFromPath, certificateNotFound, findCertificate } from './certificates';
import { issuerOf } from './details';

/* Revocation: by id, by serial number, and the record of one revoked elsewhere. */

const revocationReasonCodes = [0, 1, 3, 4, 5];

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

export const sslRevocationRoutes: Route[] = [
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
];

import { X509Certificate } from 'node:crypto';
import { caSubject, colonSerial, commonNameOf, normalSerial, oneLineName, readImportedCertificate, readReasonCode, readRevokeDate } from '../certificateForms';
import { importRoute, jsonBody, listPage, noContent, refuseWhenReadOnly, requireInteger, requireString, type Route, type RouteContext } from '../context';
import { isoDate } from '../dates';
import { ScmError, invalidField, requiredField } from '../errors';
import type { CodeSigningCertificate } from '../state/model';


/*
 * Code-signing certificates (/api/cscert/v1). SCM 25.x offers import and manual revocation only; enrollment
 * goes through invitations and enrollment forms outside the REST API.
 *
 * Where SCM is silent the sandbox decides as follows:
 * - SCM documents no list of code-signing certificates. The sandbox lists them at GET /api/cscert/v1 with
 *   position/size paging and X-Total-Count, the way every other SCM list answers (filters orgId, status,
 *   commonName, serialNumber; dates as yyyy-MM-dd), rather than inventing a report SCM does not have.
 * - Visibility follows the code-signing roles (RAO_CS, DRAO_CS). Import needs csManage, manual revocation
 *   csRevoke; both are refused on a read-only tenant.
 * - An import is refused for a certificate whose extended key usages leave out code signing.
 * - Seeded certificates carry no PEM; their issuer is taken to be the sandbox's issuing CA.
 * - An unknown or out-of-scope certificate is 404 -5101.
 */

const certificateNotFound = () => new ScmError(404, -5101, 'Certificate not found.');
const codeSigningUsage = '1.3.6.1.5.5.7.3.3';
const statuses: readonly CodeSigningCertificate['status'][] = ['Issued', 'Revoked', 'Expired'];

/** An issued certificate past its end date is Expired. */
function settle(context: RouteContext, certificate: CodeSigningCertificate): void {
  if (certificate.status === 'Issued' && certificate.expires <= context.now) {
    certificate.status = 'Expired';
    context.store.changed();
  }
}

function visible(context: RouteContext, certificate: CodeSigningCertificate): boolean {
  return context.scope.canSee(certificate.orgId, 'cs');
}

const issuers = new WeakMap<CodeSigningCertificate, { pem: string; issuer: string }>();

function issuerOf(context: RouteContext, certificate: CodeSigningCertificate): string {
  if (certificate.certificatePem === '') return caSubject(context);
  const known = issuers.get(certificate);
  if (known !== undefined && known.pem === certificate.certificatePem) return known.issuer;
  const issuer = oneLineName(new X509Certificate(certificate.certificatePem).issuer);
  issuers.set(certificate, { pem: certificate.certificatePem, issuer });
  return issuer;
}

function row(certificate: CodeSigningCertificate) {
  return {
    id: certificate.id,
    orgId: certificate.orgId,
    commonName: certificate.commonName,
    subject: certificate.subject,
    serialNumber: colonSerial(certificate.serialNumber),
    status: certificate.status,
    issued: isoDate(certificate.issued),
    expires: isoDate(certificate.expires),
    ...(certificate.revoked === null ? {} : { revoked: isoDate(certificate.revoked), reasonCode: certificate.reasonCode }),
    owner: certificate.owner,
    backendCertId: certificate.backendCertId,
  };
}

function importOne(context: RouteContext, entry: unknown): Record<string, unknown> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { errorMessage: 'Cannot parse message body' };
  const item = entry as Record<string, unknown>;
  const orgId = item.orgID ?? item.orgId;
  if (typeof orgId !== 'number') return { errorMessage: 'orgID is required but missing' };
  const org = context.store.organization(orgId);
  if (org === undefined || !context.scope.canSee(orgId, 'cs')) return { errorMessage: `Organization '${orgId}' not found` };
  const parsed = readImportedCertificate(item.cert);
  if (typeof parsed === 'string') return { errorMessage: parsed };
  const usages = parsed.keyUsage;
  if (usages !== undefined && !usages.includes(codeSigningUsage)) return { errorMessage: 'The certificate is not a code signing certificate' };
  const serial = parsed.serialNumber.toUpperCase();
  const subject = oneLineName(parsed.subject);
  const issuer = oneLineName(parsed.issuer);
  const summary = (certificate: CodeSigningCertificate) => ({ id: certificate.id, subject, serialNumber: colonSerial(serial) });
  const existing = [...context.store.codeSigning.values()].find(
    (certificate) => normalSerial(certificate.serialNumber) === normalSerial(serial) && issuerOf(context, certificate) === issuer,
  );
  if (existing !== undefined) return { cert: summary(existing), created: false };
  const issued = Date.parse(parsed.validFrom);
  const expires = Date.parse(parsed.validTo);
  const id = context.store.nextId();
  const certificate: CodeSigningCertificate = {
    id,
    orgId,
    subject,
    commonName: commonNameOf(parsed.subject),
    serialNumber: serial,
    status: expires <= context.now ? 'Expired' : 'Issued',
    issued,
    expires,
    revoked: null,
    reasonCode: null,
    owner: typeof item.owner === 'string' ? item.owner : '',
    backendCertId: typeof item.backendCertId === 'string' && item.backendCertId !== '' ? item.backendCertId : String(2_900_000_000 + id),
    certificatePem: parsed.toString(),
  };
  context.store.codeSigning.set(id, certificate);
  context.store.record(context.admin.login, 'Code signing certificate imported', `${id} ${subject}`, context.now);
  context.store.changed();
  return { cert: summary(certificate), created: true };
}

export const codeSigningRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/cscert/v1',
    handler(context) {
      const text = (name: string) => {
        const value = context.query.get(name);
        return value === null || value.trim() === '' ? undefined : value.trim();
      };
      const filters: ((certificate: CodeSigningCertificate) => boolean)[] = [];
      const orgId = text('orgId');
      if (orgId !== undefined) {
        if (!/^\d{1,12}$/.test(orgId)) throw invalidField('orgId', 'must be a number');
        filters.push((certificate) => certificate.orgId === Number(orgId));
      }
      const status = text('status');
      if (status !== undefined) {
        const wanted = statuses.find((candidate) => candidate.toLowerCase() === status.toLowerCase());
        if (wanted === undefined) throw invalidField('status', `use one of ${statuses.join(', ')}`);
        filters.push((certificate) => certificate.status === wanted);
      }
      const commonName = text('commonName');
      if (commonName !== undefined) filters.push((certificate) => certificate.commonName.toLowerCase().includes(commonName.toLowerCase()));
      const serial = text('serialNumber');
      if (serial !== undefined) filters.push((certificate) => normalSerial(certificate.serialNumber) === normalSerial(serial));
      const rows: CodeSigningCertificate[] = [];
      for (const certificate of context.store.codeSigning.values()) {
        if (!visible(context, certificate)) continue;
        settle(context, certificate);
        if (filters.every((filter) => filter(certificate))) rows.push(certificate);
      }
      return listPage(context, rows, row);
    },
  },
  importRoute('/api/cscert/v1/import', 'csManage', importOne),
  {
    method: 'POST',
    path: '/api/cscert/v1/revoke/manual',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate revocation');
      const body = jsonBody(context);
      context.scope.require('csRevoke', 'certificate revocation');
      let certificate: CodeSigningCertificate | undefined;
      if (body.certId !== undefined && body.certId !== null && body.certId !== '') {
        certificate = context.store.codeSigning.get(requireInteger(body, 'certId'));
      } else {
        if (body.serialNumber === undefined || body.serialNumber === null || body.serialNumber === '') throw requiredField('certId');
        const issuer = requireString(body, 'issuer');
        const wanted = normalSerial(String(body.serialNumber));
        const flatten = (name: string) => name.replace(/\s+/g, '').toLowerCase();
        certificate = [...context.store.codeSigning.values()].find((candidate) => {
          if (normalSerial(candidate.serialNumber) !== wanted) return false;
          const actual = issuerOf(context, candidate);
          const actualCommonName = /CN=([^,]+)/.exec(actual)?.[1] ?? '';
          return flatten(issuer) === flatten(actual) || flatten(issuer) === flatten(actualCommonName);
        });
      }
      if (certificate === undefined || !visible(context, certificate)) throw certificateNotFound();
      settle(context, certificate);
      const reasonCode = readReasonCode(body);
      const when = readRevokeDate(body, context.now);
      if (certificate.status === 'Revoked') throw new ScmError(400, -159, 'Your certificate already revoked');
      if (certificate.status !== 'Issued') throw new ScmError(400, -102, 'Only issued certificates could be revoked.');
      certificate.status = 'Revoked';
      certificate.revoked = when;
      certificate.reasonCode = reasonCode;
      context.store.record(context.admin.login, 'Code signing certificate revoked', `${certificate.id} ${certificate.subject}`, context.now);
      context.store.changed();
      return noContent();
    },
  },
];

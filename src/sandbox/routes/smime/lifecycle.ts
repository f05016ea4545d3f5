import { jsonBody, noContent, ok, optionalBoolean, optionalString, refuseWhenReadOnly, type Route, type RouteContext, type RouteResult } from '../../context';
import { checkKey, readCsr, readCustomFields } from '../../enrollment';
import { notAuthorized, ScmError } from '../../errors';
import type { SmimeCertificate } from '../../state/model';
import { bothVersions, certificateById, certificateByOrder, certificateBySerial, collectableStates, imported, orderOrganization, personOf, profileOf, revocableStates } from './certificates';
import { details } from './details';
import { checkEmailDomain, checkLimit, createCertificate, type Order, orderAnswer } from './enrollment';
import { revoke } from './revocation';

/* A client certificate after its order: renewal, replacement with a new key, changes, deletion of an imported one. */

/** A new order for the same person, organization, profile and term as an issued certificate. */
function reorder(context: RouteContext, original: SmimeCertificate, operation: 'renewing' | 'replacing', key: Order['key'], replacesOriginal: boolean): SmimeCertificate {
  if (!collectableStates.includes(original.state)) {
    throw new ScmError(400, -105, `Error was occurred while ${operation} cert. Status = ${original.state}`);
  }
  const profile = profileOf(context, original);
  checkKey(profile, key);
  const org = orderOrganization(context, original.orgId);
  const person = personOf(context, original, operation);
  checkEmailDomain(context, org, original.email);
  checkLimit(context, person, replacesOriginal ? original : undefined);
  return createCertificate(context, {
    org,
    person,
    profile,
    term: original.term,
    commonName: original.commonName,
    key,
    customFields: original.customFields.map((field) => ({ ...field })),
    comments: original.comments,
  });
}

function renew(context: RouteContext, original: SmimeCertificate): RouteResult {
  context.scope.require('clientCertRequest', 'certificate renewal');
  if (!profileOf(context, original).allowRenew) throw new ScmError(400, -180, "This Client Certificate Profile doesn't allow renew");
  const renewal = reorder(context, original, 'renewing', { publicKey: original.publicKey, keyAlgorithm: original.keyAlgorithm, keyParam: original.keyParam }, false);
  context.store.record(context.admin.login, 'Client certificate renewed', `${original.id} -> ${renewal.id} ${original.email}`, context.now);
  return ok(orderAnswer(renewal));
}

async function update(context: RouteContext): Promise<RouteResult> {
  const certificate = certificateById(context);
  context.scope.require('clientCertManage', 'certificate update');
  const body = jsonBody(context);
  const comments = optionalString(body, 'comments', 1024);
  const fields = body.customFields === undefined || body.customFields === null ? undefined : readCustomFields(context, body.customFields, 'smime');
  if (comments !== undefined) certificate.comments = comments;
  if (fields !== undefined) certificate.customFields = fields;
  context.store.record(context.admin.login, 'Client certificate updated', `${certificate.id} ${certificate.email}`, context.now);
  context.store.changed();
  return ok(await details(context, certificate));
}

function remove(context: RouteContext): RouteResult {
  const certificate = certificateById(context);
  context.scope.require('clientCertManage', 'certificate deletion');
  if (certificate.requestedVia !== imported && certificate.requestedVia !== 'Discovery') {
    throw notAuthorized('deletion of a certificate that was not imported or discovered');
  }
  context.store.smime.delete(certificate.id);
  context.store.record(context.admin.login, 'Client certificate deleted', `${certificate.id} ${certificate.email}`, context.now);
  context.store.changed();
  return noContent();
}

export const smimeLifecycleRoutes: Route[] = [
  ...bothVersions({ method: 'PUT', path: '/api/smime/v1/{id}', handler: update }),
  ...bothVersions({ method: 'DELETE', path: '/api/smime/v1/{id}', handler: remove }),
  {
    method: 'POST',
    path: '/api/smime/v2/renew/order/{backendCertId}',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate renewal');
      return renew(context, certificateByOrder(context));
    },
  },
  {
    method: 'POST',
    path: '/api/smime/v2/renew/serial/{serialNumber}',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate renewal');
      return renew(context, certificateBySerial(context, context.params.serialNumber ?? ''));
    },
  },
  {
    method: 'POST',
    path: '/api/smime/v2/replace/order/{backendCertId}',
    async handler(context) {
      refuseWhenReadOnly(context, 'certificate replacement');
      const body = jsonBody(context);
      const original = certificateByOrder(context);
      context.scope.require('clientCertRequest', 'certificate replacement');
      const reason = optionalString(body, 'reason', 512) ?? '';
      const csr = await readCsr(body.csr);
      const revokeOld = optionalBoolean(body, 'revoke') ?? true;
      const replacement = reorder(context, original, 'replacing', csr, revokeOld && revocableStates.includes(original.state));
      if (revokeOld && revocableStates.includes(original.state)) revoke(context, original, 4, reason, context.now);
      context.store.record(context.admin.login, 'Client certificate replaced', `${original.id} -> ${replacement.id} ${original.email}`, context.now);
      return noContent();
    },
  },
];

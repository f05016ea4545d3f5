import { jsonBody, noContent, ok, optionalBoolean, optionalString, refuseWhenReadOnly, requireInteger, requireString, type Route, type RouteContext } from '../../context';
import { checkKey, readCsr, readCustomFields } from '../../enrollment';
import { cannotParseBody, invalidField, notAuthorized, ScmError } from '../../errors';
import { adminName, type SslCertificate } from '../../state/model';
import { certificateFromPath, certificateNotFound, editableStatuses, findCertificate, profileOf, settle } from './certificates';
import { details } from './details';
import { certificateNames, checkNames, createCertificate, orderOrganization, readDcvMode, readExternalRequester, readNameArray, sslProfile } from './enrollment';

/* A certificate after its order: changes to it, renewal, replacement with a new key, deletion of an imported one. */

/** The settings a certificate carries beyond its identity and status. */
type CertificateSettings = Pick<SslCertificate, 'autoRenewState' | 'autoRenewDays' | 'suspendNotifications' | 'manuallyRenewed' | 'downloaded'>;

function copySettings(certificate: SslCertificate): CertificateSettings {
  const { autoRenewState, autoRenewDays, suspendNotifications, manuallyRenewed, downloaded } = certificate;
  return { autoRenewState, autoRenewDays, suspendNotifications, manuallyRenewed, downloaded };
}

/** A new order with the same parameters as an earlier certificate, optionally with a new key. */
async function renew(context: RouteContext, original: SslCertificate, body: Record<string, unknown>): Promise<SslCertificate> {
  context.scope.require('sslRenew', 'certificate renewal');
  const profile = profileOf(context, original);
  if (!profile.allowRenew) throw new ScmError(400, -180, "This SSL Certificate Profile doesn't allow renew");
  if (original.status !== 'Issued' && original.status !== 'Expired') {
    throw new ScmError(400, -105, `Error was occurred while renewing cert. Status = ${original.status}`);
  }
  const csr = body.csr === undefined || body.csr === null ? undefined : await readCsr(body.csr);
  if (csr !== undefined) checkKey(profile, csr);
  const dcvMode = readDcvMode(body);
  const org = orderOrganization(context, original.orgId);
  const names = certificateNames(original.commonName, original.subjectAlternativeNames);
  checkNames(context, org, names);
  const renewal = createCertificate(context, {
    org,
    profile,
    term: original.term,
    commonName: original.commonName,
    names,
    key: csr ?? { publicKey: original.publicKey, keyAlgorithm: original.keyAlgorithm, keyParam: original.keyParam },
    customFields: original.customFields.map((field) => ({ ...field })),
    comments: original.comments,
    externalRequester: original.externalRequester,
    dcvMode: dcvMode ?? original.dcvMode,
  });
  renewal.renewedFromId = original.id;
  original.renewed = true;
  original.renewedToId = renewal.id;
  context.store.record(context.admin.login, 'SSL certificate renewed', `${original.id} -> ${renewal.id} ${original.commonName}`, context.now);
  return renewal;
}

export const sslLifecycleRoutes: Route[] = [
  {
    method: 'PUT',
    path: '/api/ssl/v1',
    async handler(context) {
      const body = jsonBody(context);
      const certificate = findCertificate(context, requireInteger(body, 'sslId'));
      context.scope.require('sslManage', 'certificate update');
      const editable = editableStatuses.includes(certificate.status);
      const restricted = (field: string) => {
        if (!editable) throw invalidField(field, `it can be changed only while the certificate is ${editableStatuses.join(', ')}`);
      };
      const next: SslCertificate = { ...certificate, subjectAlternativeNames: [...certificate.subjectAlternativeNames], customFields: [...certificate.customFields] };
      let org = context.store.organization(certificate.orgId);
      let namesChanged = false;
      if (body.orgId !== undefined && body.orgId !== null && requireInteger(body, 'orgId') !== certificate.orgId) {
        restricted('orgId');
        org = orderOrganization(context, body.orgId);
        next.orgId = org.id;
        namesChanged = true;
      }
      let profile = profileOf(context, certificate);
      if (body.certTypeId !== undefined && body.certTypeId !== null) {
        const requested = sslProfile(context, body.certTypeId, 'certTypeId');
        if (requested.id !== certificate.profileId) {
          restricted('certTypeId');
          profile = requested;
          next.profileId = requested.id;
        }
      }
      if (body.term !== undefined && body.term !== null && requireInteger(body, 'term') !== certificate.term) {
        restricted('term');
        next.term = requireInteger(body, 'term');
      }
      if (!profile.terms.includes(next.term)) throw new ScmError(400, -36, 'The validity period (term) is invalid for this certificate profile.');
      const commonName = optionalString(body, 'commonName', 64);
      if (commonName !== undefined && commonName !== '' && commonName !== certificate.commonName) {
        restricted('commonName');
        next.commonName = commonName;
        namesChanged = true;
      }
      if (body.subjectAlternativeNames !== undefined && body.subjectAlternativeNames !== null) {
        const names = readNameArray(body.subjectAlternativeNames);
        const current = certificateNames(certificate.commonName, certificate.subjectAlternativeNames).map((name) => name.toLowerCase());
        const wanted = certificateNames(next.commonName, names);
        if (wanted.length !== current.length || wanted.some((name) => !current.includes(name.toLowerCase()))) {
          restricted('subjectAlternativeNames');
          namesChanged = true;
        }
        next.subjectAlternativeNames = wanted;
      } else if (namesChanged) {
        next.subjectAlternativeNames = certificateNames(next.commonName, certificate.subjectAlternativeNames.filter((name) => name !== certificate.commonName));
      }
      if (body.csr !== undefined && body.csr !== null && body.csr !== '') {
        const csr = await readCsr(body.csr);
        if (csr.publicKey !== certificate.publicKey) {
          restricted('csr');
          next.publicKey = csr.publicKey;
          next.keyAlgorithm = csr.keyAlgorithm;
          next.keyParam = csr.keyParam;
        }
      }
      if (next.publicKey !== certificate.publicKey || next.profileId !== certificate.profileId) checkKey(profile, next);
      if (namesChanged && org !== undefined) checkNames(context, org, next.subjectAlternativeNames);
      const externalRequester = readExternalRequester(body);
      if (externalRequester !== undefined) next.externalRequester = externalRequester;
      const comments = optionalString(body, 'comments', 1024);
      if (comments !== undefined) next.comments = comments;
      if (body.customFields !== undefined && body.customFields !== null) next.customFields = readCustomFields(context, body.customFields, 'ssl');
      if (body.requesterAdminId !== undefined && body.requesterAdminId !== null) {
        const requester = context.store.admins.get(requireInteger(body, 'requesterAdminId'));
        if (requester === undefined) throw invalidField('requesterAdminId', 'no such admin');
        next.requesterId = requester.id;
        next.requester = adminName(requester);
      } else {
        const requester = optionalString(body, 'requester', 256);
        if (requester !== undefined && requester !== '') next.requester = requester;
      }
      if (body.approverAdminId !== undefined && body.approverAdminId !== null) {
        const approverId = requireInteger(body, 'approverAdminId');
        if (approverId !== -1 && !context.store.admins.has(approverId)) throw invalidField('approverAdminId', 'no such admin');
        next.approverId = approverId === -1 ? null : approverId;
      }
      const settings = copySettings(certificate);
      if (body.autoRenewDetails !== undefined && body.autoRenewDetails !== null) {
        if (typeof body.autoRenewDetails !== 'object' || Array.isArray(body.autoRenewDetails)) throw cannotParseBody();
        const autoRenew = body.autoRenewDetails as Record<string, unknown>;
        const state = autoRenew.state ?? 'Not scheduled';
        if (state !== 'Not scheduled' && state !== 'Scheduled') throw invalidField('autoRenewDetails.state', "use 'Not scheduled' or 'Scheduled'");
        settings.autoRenewState = state;
        if (autoRenew.daysBeforeExpiration !== undefined && autoRenew.daysBeforeExpiration !== null) {
          const days = requireInteger(autoRenew, 'daysBeforeExpiration');
          if (days < 1) throw invalidField('autoRenewDetails.daysBeforeExpiration', 'must be at least 1');
          if (state === 'Scheduled') settings.autoRenewDays = days;
        }
      }
      const suspend = optionalBoolean(body, 'suspendNotifications');
      if (suspend !== undefined) settings.suspendNotifications = suspend;
      Object.assign(certificate, next, settings);
      context.store.record(context.admin.login, 'SSL certificate updated', `${certificate.id} ${certificate.commonName}`, context.now);
      context.store.changed();
      return ok(await details(context, certificate));
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/renewById/{sslId}',
    async handler(context) {
      refuseWhenReadOnly(context, 'certificate renewal');
      const body = jsonBody(context, { optional: true });
      const renewal = await renew(context, certificateFromPath(context), body);
      return ok({ sslId: renewal.id });
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/renew/manual/{sslId}',
    handler(context) {
      refuseWhenReadOnly(context, 'certificate renewal');
      const body = jsonBody(context, { optional: true });
      const certificate = certificateFromPath(context);
      context.scope.require('sslRenew', 'certificate renewal');
      readDcvMode(body);
      if (body.id !== undefined && body.id !== null) {
        const renewal = findCertificate(context, requireInteger(body, 'id'));
        certificate.renewedToId = renewal.id;
        renewal.renewedFromId = certificate.id;
      }
      certificate.renewed = true;
      certificate.manuallyRenewed = context.now;
      context.store.record(context.admin.login, 'SSL certificate marked renewed', `${certificate.id} ${certificate.commonName}`, context.now);
      context.store.changed();
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/renew/{renewId}',
    async handler(context) {
      refuseWhenReadOnly(context, 'certificate renewal');
      const body = jsonBody(context, { optional: true });
      const renewId = context.params.renewId ?? '';
      let original: SslCertificate | undefined;
      for (const certificate of context.store.ssl.values()) {
        if (certificate.renewId === renewId && context.scope.canSee(certificate.orgId, 'ssl')) original = certificate;
      }
      if (original === undefined) throw certificateNotFound();
      settle(context, original);
      await renew(context, original, body);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/replace/{sslId}',
    async handler(context) {
      refuseWhenReadOnly(context, 'certificate replacement');
      const body = jsonBody(context);
      const original = certificateFromPath(context);
      context.scope.require('sslReplace', 'certificate replacement');
      const reason = requireString(body, 'reason', { max: 512 });
      const csr = await readCsr(body.csr);
      const commonName = optionalString(body, 'commonName', 64);
      const extraNames = body.subjectAlternativeNames === undefined || body.subjectAlternativeNames === null ? undefined : readNameArray(body.subjectAlternativeNames);
      const dcvMode = readDcvMode(body);
      if (original.status !== 'Issued') throw new ScmError(400, -130, `SSL state is not 'ISSUED': ${original.status}`);
      const profile = profileOf(context, original);
      checkKey(profile, csr);
      const org = orderOrganization(context, original.orgId);
      const newCommonName = commonName === undefined || commonName === '' ? original.commonName : commonName;
      const names = certificateNames(newCommonName, extraNames ?? original.subjectAlternativeNames.filter((name) => name !== original.commonName));
      checkNames(context, org, names);
      const replacement = createCertificate(context, {
        org,
        profile,
        term: original.term,
        commonName: newCommonName,
        names,
        key: csr,
        customFields: original.customFields.map((field) => ({ ...field })),
        comments: original.comments,
        externalRequester: original.externalRequester,
        dcvMode: dcvMode ?? original.dcvMode,
      });
      original.replacedById = replacement.id;
      context.store.record(context.admin.login, 'SSL certificate replaced', `${original.id} -> ${replacement.id} ${original.commonName}: ${reason}`, context.now);
      context.store.changed();
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: '/api/ssl/v1/{sslId}',
    handler(context) {
      const certificate = certificateFromPath(context);
      context.scope.require('sslManage', 'certificate deletion');
      if (certificate.requestedVia !== 'Imported' && certificate.requestedVia !== 'Discovery') {
        throw notAuthorized('deletion of a certificate that was not imported or discovered');
      }
      context.store.ssl.delete(certificate.id);
      context.store.record(context.admin.login, 'SSL certificate deleted', `${certificate.id} ${certificate.commonName}`, context.now);
      context.store.changed();
      return noContent();
    },
  },
];

import { created, idParam, jsonBody, listPage, ok, optionalBoolean, requireString, type Route, type RouteContext } from '../context';
import { isoTimestamp } from '../dates';
import { ScmError, invalidField, notAuthorized, requiredField } from '../errors';
import type { CertFamily } from '../scope';
import type { NotificationRule } from '../state/model';

/*
 * Notification rules (/api/notification/v1).
 *
 * Where SCM is silent the sandbox decides as follows:
 * - Types travel as codes (SSLExpiration), as in the 25.5 examples. Input also takes the display names
 *   of the 25.9 OpenAPI file ("SSL Certificate Revoked", "Admin Created"); the code is what is stored.
 * - GET /types offers the types of the certificate families the admin holds roles for, the admin and
 *   domain types to every admin, and DomainAwaitingApprovalMrao to an MRAO only. A type outside that list
 *   is refused with -3; a type SCM does not know with -9.
 * - An admin sees a rule when it covers an organization or department in the admin's scope: ANY covers
 *   everything, ANYDEPT the listed organizations and their departments (every department when none is
 *   listed), SELECTED the listed ones. Rules out of scope do not exist for the admin (404).
 * - Only an MRAO may make or keep a rule that covers organizations beyond its own scope (ANY, or ANYDEPT
 *   with no organizations); others may change and delete rules whose organizations they all manage (-3).
 * - The orgId filter matches rules that list that organization; description matches part of it.
 */

interface NotificationType {
  code: string;
  name: string;
  /** Which admins are offered it: holders of a family's roles, every admin, or MRAOs only. */
  audience: CertFamily | 'admin' | 'mrao';
}

const notificationTypes: readonly NotificationType[] = [
  { code: 'ClientCertExpiration', name: 'Client Certificate Expiration', audience: 'smime' },
  { code: 'ClientCertRevoked', name: 'Client Certificate Revoked', audience: 'smime' },
  { code: 'SSLApproved', name: 'SSL Approved', audience: 'ssl' },
  { code: 'SSLAwaitingApproval', name: 'SSL Awaiting Approval', audience: 'ssl' },
  { code: 'SSLDeclined', name: 'SSL Declined', audience: 'ssl' },
  { code: 'SSLExpiration', name: 'SSL Certificate Expiration', audience: 'ssl' },
  { code: 'SSLIssuanceFailed', name: 'SSL Issuance Failed', audience: 'ssl' },
  { code: 'SSLRevoked', name: 'SSL Certificate Revoked', audience: 'ssl' },
  { code: 'DiscoveryScanSummary', name: 'Discovery Scan Summary', audience: 'ssl' },
  { code: 'SSLSAApprovedToRA', name: 'SSL SA Approved to RA', audience: 'ssl' },
  { code: 'AdminCreation', name: 'Admin Created', audience: 'admin' },
  { code: 'DomainAwaitingApproval', name: 'Domain Awaiting Approval', audience: 'admin' },
  { code: 'DomainApproved', name: 'Domain Approved', audience: 'admin' },
  { code: 'SSLEnrolled', name: 'SSL Enrolled', audience: 'ssl' },
  { code: 'CSCertInvitation', name: 'Code Signing Certificate Invitation', audience: 'cs' },
  { code: 'CSCertIssued', name: 'Code Signing Certificate Issued', audience: 'cs' },
  { code: 'CSCertDownloaded', name: 'Code Signing Certificate Downloaded', audience: 'cs' },
  { code: 'CSCertRevoked', name: 'Code Signing Certificate Revoked', audience: 'cs' },
  { code: 'CSCertExpiration', name: 'Code Signing Certificate Expiration', audience: 'cs' },
  { code: 'CSCertRequested', name: 'Code Signing Certificate Requested', audience: 'cs' },
  { code: 'EmailValidation', name: 'Email Validation', audience: 'smime' },
  { code: 'EmailInvitation', name: 'Email Invitation', audience: 'smime' },
  { code: 'DCVExpiration', name: 'DCV Expiration', audience: 'ssl' },
  { code: 'DCVValidated', name: 'DCV Validated', audience: 'ssl' },
  { code: 'DCVNeeded', name: 'DCV Needed', audience: 'ssl' },
  { code: 'ExSSLCertificateInstalled', name: 'SSL Certificate Installed', audience: 'ssl' },
  { code: 'ExSSLInstallationFailed', name: 'SSL Installation Failed', audience: 'ssl' },
  { code: 'IdPLoginEmailInvitation', name: 'IdP Login Email Invitation', audience: 'smime' },
  { code: 'CsRequestDeclined', name: 'Code Signing Request Declined', audience: 'cs' },
  { code: 'CsRequestSigned', name: 'Code Signing Request Signed', audience: 'cs' },
  { code: 'DeveloperCreated', name: 'Developer Created', audience: 'cs' },
  { code: 'DeveloperResetPassword', name: 'Developer Reset Password', audience: 'cs' },
  { code: 'DeveloperNewEmail', name: 'Developer New Email', audience: 'cs' },
  { code: 'CsRequestCreated', name: 'Code Signing Request Created', audience: 'cs' },
  { code: 'CsCsfRevoke', name: 'Code Signing Certificate Revoke Request', audience: 'cs' },
  { code: 'DeviceExpiration', name: 'Device Certificate Expiration', audience: 'device' },
  { code: 'DeviceRevoked', name: 'Device Certificate Revoked', audience: 'device' },
  { code: 'DeviceAwaitingApproval', name: 'Device Certificate Awaiting Approval', audience: 'device' },
  { code: 'ArFailed', name: 'Auto Renewal Failed', audience: 'ssl' },
  { code: 'ManualInstallReady', name: 'Manual Install Ready', audience: 'ssl' },
  { code: 'DeviceEnrolled', name: 'Device Certificate Enrolled', audience: 'device' },
  { code: 'DeviceApproved', name: 'Device Certificate Approved', audience: 'device' },
  { code: 'DeviceDeclined', name: 'Device Certificate Declined', audience: 'device' },
  { code: 'AdminChangePasswordByApi', name: 'Client Admin Change Password by API', audience: 'admin' },
  { code: 'SSLBulkAwaitingApproval', name: 'SSL Bulk Awaiting Approval', audience: 'ssl' },
  { code: 'SSLBulkEnrollCompleted', name: 'SSL Bulk Enroll Completed', audience: 'ssl' },
  { code: 'SSLEnrolledDl', name: 'SSL Enrolled Download', audience: 'ssl' },
  { code: 'SMIMEEnrolledDl', name: 'Client Certificate Enrolled Download', audience: 'smime' },
  { code: 'DeviceEnrolledDl', name: 'Device Certificate Enrolled Download', audience: 'device' },
  { code: 'CsEnrolledDl', name: 'Code Signing Certificate Enrolled Download', audience: 'cs' },
  { code: 'MsAgentChangeStatus', name: 'MS Agent Change Status', audience: 'ssl' },
  { code: 'NetworkAgentDisconnected', name: 'Network Agent Disconnected', audience: 'ssl' },
  { code: 'WebFormLogin', name: 'Web Form Login', audience: 'smime' },
  { code: 'WebFormInvitation', name: 'Web Form Invitation', audience: 'smime' },
  { code: 'DomainAwaitingApprovalMrao', name: 'Domain Awaiting Approval MRAO', audience: 'mrao' },
  { code: 'ReportGenerated', name: 'Report Generated', audience: 'admin' },
  { code: 'DcvAutoRenewFailed', name: 'DCV Auto Renew Failed', audience: 'ssl' },
  { code: 'SasLoginEmailInvitation', name: 'SAS Login Email Invitation', audience: 'smime' },
];

const notifyRoles = ['APPROVER', 'REQUESTER', 'MRAO', 'SSL_RAO', 'SSL_DRAO', 'SMIME_RAO', 'SMIME_DRAO', 'CS_RAO', 'CS_DRAO', 'DEVICE_RAO', 'DEVICE_DRAO', 'EXTERNAL_REQUESTER', 'ORGANIZATION_CONTACT'];
const recipientTypes = ['EMAIL', 'SLACK', 'TEAMS', 'WEBHOOK'] as const;
const orgTypes = ['ANY', 'ANYDEPT', 'SELECTED'] as const;
const emailPattern = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;

const notFound = () => new ScmError(404, -1, 'Notification not found');
const unknownType = () => new ScmError(400, -9, 'Unknown notification type');

function typesFor(context: RouteContext): NotificationType[] {
  const { scope } = context;
  return notificationTypes.filter((type) => {
    if (scope.isMrao) return true;
    if (type.audience === 'mrao') return false;
    if (type.audience === 'admin') return true;
    return scope.hasFamily(type.audience);
  });
}

/** The stored code for a code or display name, refusing types SCM does not have or the admin is not offered. */
function resolveType(context: RouteContext, raw: string): string {
  const wanted = raw.trim().toLowerCase();
  const type = notificationTypes.find((candidate) => candidate.code.toLowerCase() === wanted || candidate.name.toLowerCase() === wanted);
  if (type === undefined) throw unknownType();
  if (!typesFor(context).includes(type)) throw notAuthorized(`notification of type ${type.code}`);
  return type.code;
}

/** The organizations and departments a rule covers; undefined for every one. */
function coveredOrgs(context: RouteContext, orgData: NotificationRule['orgData']): Set<number> | undefined {
  if (orgData.selectedOrgType === 'ANY') return undefined;
  if (orgData.selectedOrgType === 'ANYDEPT') {
    if (orgData.orgDelegations.length === 0) return undefined;
    const ids = new Set<number>();
    for (const orgId of orgData.orgDelegations) {
      ids.add(orgId);
      for (const department of context.store.departmentsOf(orgId)) ids.add(department.id);
    }
    return ids;
  }
  return new Set(orgData.orgDelegations);
}

function visible(context: RouteContext, rule: NotificationRule): boolean {
  if (context.scope.isMrao) return true;
  const covered = coveredOrgs(context, rule.orgData);
  return covered === undefined || [...covered].some((orgId) => context.scope.canSee(orgId));
}

/** Whether the admin manages every organization a rule covers. */
function managesAll(context: RouteContext, orgData: NotificationRule['orgData']): boolean {
  if (context.scope.isMrao) return true;
  const covered = coveredOrgs(context, orgData);
  return covered !== undefined && [...covered].every((orgId) => context.scope.canSee(orgId));
}

function render(rule: NotificationRule) {
  const additional = rule.additionalData;
  return {
    description: rule.description,
    active: rule.active,
    orgData: { selectedOrgType: rule.orgData.selectedOrgType, orgDelegations: rule.orgData.orgDelegations },
    recipientData: { notifyRoles: rule.recipientData.notifyRoles, recipients: rule.recipientData.recipients },
    additionalData: {
      ...(additional.days === undefined ? {} : { days: additional.days }),
      ...(additional.certTypeId === undefined ? {} : { certTypeId: additional.certTypeId }),
      ...(additional.freq === undefined ? {} : { freq: additional.freq }),
      ...(additional.revokedByAdmin === undefined ? {} : { revokedByAdmin: additional.revokedByAdmin }),
      ...(additional.revokedByUser === undefined ? {} : { revokedByUser: additional.revokedByUser }),
    },
    type: rule.type,
    id: rule.id,
    created: isoTimestamp(rule.created),
    createdBy: rule.createdBy,
    modified: isoTimestamp(rule.modified),
    modifiedBy: rule.modifiedBy,
  };
}

function findVisible(context: RouteContext): NotificationRule {
  const rule = context.store.notifications.get(idParam(context, 'id', notFound));
  if (rule === undefined || !visible(context, rule)) throw notFound();
  return rule;
}

function objectField(body: Record<string, unknown>, field: string): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidField(field, 'must be an object');
  return value as Record<string, unknown>;
}

function readDescription(body: Record<string, unknown>): string {
  const description = requireString(body, 'description');
  if (description.length < 3 || description.length > 256) throw invalidField('description', 'size must be between 3 and 256');
  return description;
}

function readOrgData(context: RouteContext, raw: Record<string, unknown> | undefined): NotificationRule['orgData'] {
  const selectedOrgType = raw?.selectedOrgType ?? 'ANY';
  if (typeof selectedOrgType !== 'string' || !(orgTypes as readonly string[]).includes(selectedOrgType)) throw invalidField('orgData.selectedOrgType', 'use ANY, ANYDEPT or SELECTED');
  const type = selectedOrgType as NotificationRule['orgData']['selectedOrgType'];
  const rawIds = raw?.orgDelegations ?? [];
  if (!Array.isArray(rawIds)) throw invalidField('orgData.orgDelegations', 'must be a list of organization ids');
  const ids = type === 'ANY' ? [] : [...new Set(rawIds.map((value) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidField('orgData.orgDelegations', 'must be a list of organization ids');
    const org = context.store.organization(value);
    if (org === undefined || !context.scope.canSee(value)) throw new ScmError(400, -1023, `Organization '${value}' not found.`);
    if (type === 'ANYDEPT' && org.parentId !== null) throw invalidField('orgData.orgDelegations', `${value} is a department; ANYDEPT takes organizations`);
    return value;
  }))];
  if (type === 'SELECTED' && ids.length === 0) throw requiredField('orgData.orgDelegations');
  const orgData = { selectedOrgType: type, orgDelegations: ids };
  if (!managesAll(context, orgData)) throw notAuthorized('notification for organizations outside your scope');
  return orgData;
}

function readRecipientData(raw: Record<string, unknown>): NotificationRule['recipientData'] {
  const rolesRaw = raw.notifyRoles ?? [];
  if (!Array.isArray(rolesRaw) || rolesRaw.some((role) => typeof role !== 'string' || !notifyRoles.includes(role))) {
    throw invalidField('recipientData.notifyRoles', `use ${notifyRoles.join(', ')}`);
  }
  const recipientsRaw = raw.recipients ?? [];
  if (!Array.isArray(recipientsRaw)) throw invalidField('recipientData.recipients', 'must be a list');
  const recipients = recipientsRaw.map((entry) => {
    if (typeof entry !== 'object' || entry === null) throw invalidField('recipientData.recipients', 'each must be an object');
    const { type, value } = entry as { type?: unknown; value?: unknown };
    if (type === undefined || type === null) throw requiredField('recipientData.recipients[].type');
    if (typeof type !== 'string' || !(recipientTypes as readonly string[]).includes(type)) throw invalidField('recipientData.recipients[].type', 'use EMAIL, SLACK, TEAMS or WEBHOOK');
    if (typeof value !== 'string' || value.trim() === '') throw requiredField('recipientData.recipients[].value');
    if (type === 'EMAIL' && !emailPattern.test(value.trim())) throw invalidField('recipientData.recipients[].value', `${value} is not an email address`);
    return { type: type as (typeof recipientTypes)[number], value: value.trim() };
  });
  return { notifyRoles: [...new Set(rolesRaw as string[])], recipients };
}

function readAdditionalData(context: RouteContext, raw: Record<string, unknown> | undefined): NotificationRule['additionalData'] {
  if (raw === undefined) return {};
  const data: NotificationRule['additionalData'] = {};
  const whole = (field: 'days' | 'certTypeId') => {
    const value = raw[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalidField(`additionalData.${field}`, 'must be a whole number');
    return value;
  };
  const days = whole('days');
  if (days !== undefined) data.days = days;
  const certTypeId = whole('certTypeId');
  if (certTypeId !== undefined) {
    if (!context.store.profiles.has(certTypeId)) throw invalidField('additionalData.certTypeId', `no certificate profile ${certTypeId}`);
    data.certTypeId = certTypeId;
  }
  if (raw.freq !== undefined && raw.freq !== null) {
    if (raw.freq !== 'ONCE' && raw.freq !== 'DAILY') throw invalidField('additionalData.freq', 'use ONCE or DAILY');
    data.freq = raw.freq;
  }
  const revokedByAdmin = optionalBoolean(raw, 'revokedByAdmin');
  if (revokedByAdmin !== undefined) data.revokedByAdmin = revokedByAdmin;
  const revokedByUser = optionalBoolean(raw, 'revokedByUser');
  if (revokedByUser !== undefined) data.revokedByUser = revokedByUser;
  return data;
}

function adminName(context: RouteContext): string {
  return `${context.admin.forename} ${context.admin.surname}`;
}

function readIdFilter(context: RouteContext, name: string): number | undefined {
  const value = context.query.get(name);
  if (value === null || value.trim() === '') return undefined;
  if (!/^\d+$/.test(value.trim())) throw invalidField(name, 'must be a number');
  return Number(value.trim());
}

export const notificationsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/notification/v1/types',
    handler: (context) => ok(typesFor(context).map((type) => type.code)),
  },
  {
    method: 'GET',
    path: '/api/notification/v1',
    handler(context) {
      const { query } = context;
      const id = readIdFilter(context, 'id');
      const orgId = readIdFilter(context, 'orgId');
      const certTypeId = readIdFilter(context, 'certTypeId');
      const description = query.get('description')?.trim().toLowerCase() ?? '';
      const orgType = query.get('selectedOrgType')?.trim() ?? '';
      if (orgType !== '' && !(orgTypes as readonly string[]).includes(orgType)) throw invalidField('selectedOrgType', 'use ANY, ANYDEPT or SELECTED');
      const typeRaw = query.get('type')?.trim() ?? '';
      const type = typeRaw === '' ? undefined : notificationTypes.find((candidate) => candidate.code.toLowerCase() === typeRaw.toLowerCase() || candidate.name.toLowerCase() === typeRaw.toLowerCase());
      if (typeRaw !== '' && type === undefined) throw unknownType();
      const rows = [...context.store.notifications.values()]
        .filter(
          (rule) =>
            visible(context, rule) &&
            (id === undefined || rule.id === id) &&
            (description === '' || rule.description.toLowerCase().includes(description)) &&
            (orgId === undefined || rule.orgData.orgDelegations.includes(orgId)) &&
            (orgType === '' || rule.orgData.selectedOrgType === orgType) &&
            (type === undefined || rule.type === type.code) &&
            (certTypeId === undefined || rule.additionalData.certTypeId === certTypeId),
        )
        .sort((a, b) => a.id - b.id);
      return listPage(context, rows, render);
    },
  },
  {
    method: 'POST',
    path: '/api/notification/v1',
    handler(context) {
      const body = jsonBody(context);
      const description = readDescription(body);
      const typeRaw = body.type;
      if (typeRaw === undefined || typeRaw === null || typeRaw === '') throw requiredField('type');
      if (typeof typeRaw !== 'string') throw unknownType();
      const type = resolveType(context, typeRaw);
      const recipientRaw = objectField(body, 'recipientData');
      if (recipientRaw === undefined) throw requiredField('recipientData');
      const rule: NotificationRule = {
        id: 0,
        description,
        active: optionalBoolean(body, 'active') ?? true,
        type,
        orgData: readOrgData(context, objectField(body, 'orgData')),
        recipientData: readRecipientData(recipientRaw),
        additionalData: readAdditionalData(context, objectField(body, 'additionalData')),
        created: context.now,
        createdBy: adminName(context),
        modified: context.now,
        modifiedBy: adminName(context),
      };
      rule.id = context.store.nextId();
      context.store.notifications.set(rule.id, rule);
      context.store.record(context.admin.login, 'Notification created', `${description} (${type})`, context.now);
      context.store.changed();
      return created(context, `/api/notification/v1/${rule.id}`);
    },
  },
  {
    method: 'PUT',
    path: '/api/notification/v1/{id}',
    handler(context) {
      const rule = findVisible(context);
      if (!managesAll(context, rule.orgData)) throw notAuthorized('notification update');
      const body = jsonBody(context);
      if (body.type !== undefined && body.type !== null && body.type !== '') {
        const wanted = typeof body.type === 'string' ? body.type.trim().toLowerCase() : '';
        const same = notificationTypes.find((candidate) => candidate.code === rule.type);
        if (wanted !== rule.type.toLowerCase() && wanted !== same?.name.toLowerCase()) throw invalidField('type', 'the type of a notification cannot be changed');
      }
      const updated: NotificationRule = { ...rule };
      if (body.description !== undefined) updated.description = readDescription(body);
      const active = optionalBoolean(body, 'active');
      if (active !== undefined) updated.active = active;
      const orgRaw = objectField(body, 'orgData');
      if (orgRaw !== undefined) updated.orgData = readOrgData(context, orgRaw);
      const recipientRaw = objectField(body, 'recipientData');
      if (recipientRaw !== undefined) updated.recipientData = readRecipientData(recipientRaw);
      const additionalRaw = objectField(body, 'additionalData');
      if (additionalRaw !== undefined) updated.additionalData = readAdditionalData(context, additionalRaw);
      updated.modified = context.now;
      updated.modifiedBy = adminName(context);
      Object.assign(rule, updated);
      context.store.record(context.admin.login, 'Notification updated', rule.description, context.now);
      context.store.changed();
      return ok(render(rule));
    },
  },
  {
    method: 'DELETE',
    path: '/api/notification/v1/{id}',
    handler(context) {
      const rule = findVisible(context);
      if (!managesAll(context, rule.orgData)) throw notAuthorized('notification deletion');
      context.store.notifications.delete(rule.id);
      context.store.record(context.admin.login, 'Notification deleted', rule.description, context.now);
      context.store.changed();
      return { status: 200 };
    },
  },
];

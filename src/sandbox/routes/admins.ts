import { passwordPolicyProblem, passwordState } from '../auth';
import {
  created,
  idParam,
  jsonBody,
  listPage,
  noContent,
  ok,
  optionalString,
  requireString,
  type Route,
  type RouteContext,
} from '../context';
import { isoDate, isoTimestamp } from '../dates';
import { ScmError, invalidField } from '../errors';
import { hashPassword } from '../passwords';
import { adminName, privileges as knownPrivileges, roles as knownRoles, type Admin, type AdminType, type Credential, type Privilege, type Role } from '../state/model';

const notFound = () => new ScmError(404, -1, 'Admin not found');
const loginPattern = /^[a-zA-Z0-9!@_.\-+']{3,128}$/;
const dayMs = 24 * 60 * 60 * 1000;
const passwordLifetimeDays = 90;

const privilegeDescriptions: Partial<Record<Privilege, string>> = {
  allowCreate: 'Allow creating peer admins',
  allowEdit: 'Allow editing peer admins',
  allowDelete: 'Allow deleting peer admins',
  allowDCV: 'Allow domain control validation',
  autoApproveCertificates: 'Certificates requested by this admin are approved automatically',
  sslRequest: 'Request SSL certificates',
  sslRevoke: 'Revoke SSL certificates',
  sslApprove: 'Approve SSL certificates',
  editOrganizationAndDepartment: 'Edit organizations and departments',
};

/** The admins the caller may see: an MRAO all; others those sharing one of their organizations. */
function visible(context: RouteContext, admin: Admin): boolean {
  if (context.scope.isMrao) return true;
  return admin.credentials.some((credential) => credential.orgId !== null && context.scope.canSee(credential.orgId));
}

/** An admin without a login (IdP, SAS) is written without the field, as in Sectigo's examples. */
function loginField(admin: Admin): { login?: string } {
  return admin.login === null ? {} : { login: admin.login };
}

function summary(admin: Admin) {
  return { id: admin.id, type: admin.type, ...loginField(admin), email: admin.email, forename: admin.forename, surname: admin.surname };
}

function details(context: RouteContext, admin: Admin) {
  const state = admin.type === 'IDP' || admin.type === 'SAS' ? undefined : passwordState(admin, context.options, context.now);
  return {
    id: admin.id,
    type: admin.type,
    status: 'Active',
    forename: admin.forename,
    surname: admin.surname,
    ...loginField(admin),
    email: admin.email,
    phone: admin.telephone,
    title: admin.title,
    city: admin.locality,
    state: admin.state,
    country: admin.country,
    zip: admin.postalCode,
    locale: 'en',
    relationship: admin.relationship,
    created: isoDate(admin.created),
    modified: isoDate(admin.modified),
    lastPasswordChange: isoDate(admin.lastPasswordChange),
    ...(state === undefined ? {} : { passwordState: state, passwordExpiryDate: isoDate(admin.passwordExpires) }),
    clientAdminCreator: admin.creatorId === null ? null : (context.store.admins.get(admin.creatorId)?.login ?? null),
    authCert: admin.certificateSerialNumber === '' ? null : admin.certificateSerialNumber,
    identityProviderId: admin.identityProviderId,
    idp: admin.identityProviderId === null ? null : (context.store.identityProviders.get(admin.identityProviderId)?.name ?? null),
    idpPersonId: admin.idpPersonId === '' ? null : admin.idpPersonId,
    activeState: admin.activeStatus === 'ACTIVE' ? 'Active' : 'Suspended',
    activeStatus: admin.activeStatus,
    credentials: admin.credentials.map((credential) => ({ role: credential.role, ...(credential.orgId === null ? {} : { orgId: credential.orgId }) })),
    privileges: admin.privileges,
    failedAttempts: admin.failedAttempts,
    failedDate: isoDate(admin.failedDate),
  };
}

function findVisible(context: RouteContext): Admin {
  const admin = context.store.admins.get(idParam(context, 'id', notFound));
  if (admin === undefined || !visible(context, admin)) throw notFound();
  return admin;
}

function parseCredentials(context: RouteContext, raw: unknown): Credential[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new ScmError(400, -221, 'At least one organization or department must be assigned to each role');
  const credentials = raw.map((entry): Credential => {
    if (typeof entry !== 'object' || entry === null) throw invalidField('credentials');
    const { role, orgId } = entry as { role?: unknown; orgId?: unknown };
    if (typeof role !== 'string' || !(knownRoles as readonly string[]).includes(role)) throw invalidField('credentials.role');
    if (role === 'MRAO') {
      if (!context.scope.isMrao) throw new ScmError(400, -253, 'You have no privilege to modify the role');
      return { role: 'MRAO', orgId: null };
    }
    if (typeof orgId !== 'number' || !Number.isInteger(orgId)) throw new ScmError(400, -221, 'At least one organization or department must be assigned to each role');
    const org = context.store.organization(orgId);
    if (org === undefined) throw new ScmError(400, -1023, 'Organization not found');
    if (role.startsWith('RAO_') && org.parentId !== null) throw invalidField('credentials.orgId', 'an RAO role needs an organization');
    if (role.startsWith('DRAO_') && org.parentId === null) throw invalidField('credentials.orgId', 'a DRAO role needs a department');
    if (!context.scope.canSee(orgId)) throw new ScmError(400, -226, `Admin lacks privileges to manage '${org.name}'`);
    return { role: role as Role, orgId };
  });
  const levels = new Set(credentials.map((credential) => credential.role.split('_')[0]));
  if (levels.size > 1) throw new ScmError(400, -222, 'All roles must be on the same level');
  const perRole = new Map<Role, number>();
  for (const credential of credentials) perRole.set(credential.role, (perRole.get(credential.role) ?? 0) + 1);
  if ([...perRole.values()].some((count) => count > 1)) throw new ScmError(400, -223, 'Only one organization per role is allowed');
  return credentials;
}

function parsePrivileges(context: RouteContext, raw: unknown): Privilege[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((value) => typeof value !== 'string')) throw invalidField('privileges');
  const allowed: readonly string[] = context.options.legacyAdminTypes ? [...knownPrivileges, 'wsApiUseOnly'] : knownPrivileges;
  for (const value of raw as string[]) if (!allowed.includes(value)) throw invalidField('privileges', `unknown privilege ${value}`);
  const requested = raw as Privilege[];
  for (const privilege of requested) {
    // “WS API use only” takes a power away rather than giving one: any admin who may edit another may set it.
    if (context.scope.has(privilege) || privilege === 'wsApiUseOnly') continue;
    if (privilege === 'allowDCV') throw new ScmError(400, -256, 'You have no privilege to assign the DCV privilege');
    throw new ScmError(400, -234, 'You have no privilege to modify privileges');
  }
  return [...new Set(requested)];
}

/** "Allow DCV" is for SSL admins only. */
function checkDcvPrivilege(credentials: Credential[], privileges: Privilege[]): void {
  if (privileges.includes('allowDCV') && !credentials.some((credential) => credential.role === 'MRAO' || credential.role.endsWith('_SSL'))) {
    throw new ScmError(400, -255, "'Allow DCV' privilege can be assigned to SSL admins only");
  }
}

function parseType(context: RouteContext, raw: unknown, fallback: AdminType): AdminType {
  if (raw === undefined || raw === null) return fallback;
  if (raw !== 'STANDARD' && raw !== 'API' && raw !== 'IDP' && raw !== 'SAS') throw invalidField('type');
  if (raw === 'API' && context.options.legacyAdminTypes) throw invalidField('type', 'API is not a known admin type');
  return raw;
}

function applyContactFields(admin: Admin, body: Record<string, unknown>): void {
  const fields: [keyof Admin, string, number][] = [
    ['title', 'title', 64], ['telephone', 'telephone', 32], ['street', 'street', 128], ['locality', 'locality', 64],
    ['state', 'state', 64], ['postalCode', 'postalCode', 32], ['relationship', 'relationship', 64],
  ];
  for (const [key, field, max] of fields) {
    const value = optionalString(body, field, max);
    if (value !== undefined) (admin[key] as string) = value;
  }
  const country = optionalString(body, 'country');
  if (country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(country)) throw invalidField('country', 'must be two letters');
    admin.country = country.toUpperCase();
  }
}

function applyIdentityProvider(context: RouteContext, admin: Admin, body: Record<string, unknown>): void {
  if (body.identityProviderId === undefined) return;
  if (body.identityProviderId === null) {
    admin.identityProviderId = null;
    admin.idpPersonId = '';
    return;
  }
  if (typeof body.identityProviderId !== 'number' || !context.store.identityProviders.has(body.identityProviderId)) throw invalidField('identityProviderId');
  admin.identityProviderId = body.identityProviderId;
  admin.idpPersonId = requireString(body, 'idpPersonId', { max: 128 });
}

/**
 * Gives an admin a new password, as a hash. The seed's password, if it was
 * still the admin's, is no longer: it leaves the state, and so does what the
 * password checker remembered.
 */
function setPassword(context: RouteContext, admin: Admin, passwordHash: string): void {
  admin.passwordHash = passwordHash;
  admin.seededPassword = null;
  context.store.passwords.forget(admin.id);
}

const nameField = (body: Record<string, unknown>, field: string) => {
  const value = requireString(body, field, { max: 64 });
  if (/[<>"%;]/.test(value)) throw invalidField(field, 'contains characters that are not allowed');
  return value;
};

export const adminRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/admin/v1',
    handler(context) {
      const { query } = context;
      const rows = [...context.store.admins.values()].filter(
        (admin) =>
          visible(context, admin) &&
          (query.get('type') === null || admin.type === query.get('type')) &&
          (query.get('login') === null || admin.login === query.get('login')) &&
          (query.get('email') === null || admin.email === query.get('email')) &&
          (query.get('activeState') === null || admin.activeStatus === query.get('activeState')) &&
          (query.get('orgId') === null || admin.credentials.some((credential) => String(credential.orgId) === query.get('orgId'))) &&
          (query.get('role') === null || admin.credentials.some((credential) => credential.role === query.get('role'))) &&
          (query.get('identityProviderId') === null || String(admin.identityProviderId) === query.get('identityProviderId')),
      );
      return listPage(context, rows, summary);
    },
  },
  {
    method: 'GET',
    path: '/api/admin/v1/roles',
    handler(context) {
      const { scope } = context;
      if (scope.isMrao) return ok([...knownRoles]);
      const own = context.admin.credentials.map((credential) => credential.role);
      const canAssign = new Set<Role>();
      for (const role of own) {
        canAssign.add(role);
        if (role.startsWith('RAO_')) canAssign.add(role.replace('RAO_', 'DRAO_') as Role);
      }
      return ok([...canAssign]);
    },
  },
  {
    method: 'GET',
    path: '/api/admin/v1/privileges',
    handler(context) {
      const requested = context.query.getAll('role');
      for (const role of requested) if (!(knownRoles as readonly string[]).includes(role)) throw invalidField('role');
      const names: Privilege[] = [...knownPrivileges];
      if (context.options.legacyAdminTypes) names.push('wsApiUseOnly');
      return ok(names.map((name) => ({ name, description: privilegeDescriptions[name] ?? name })));
    },
  },
  {
    method: 'GET',
    path: '/api/admin/v1/idp',
    handler: (context) => ok([...context.store.identityProviders.values()].map((idp) => ({ id: idp.id, name: idp.name }))),
  },
  {
    method: 'GET',
    path: '/api/admin/v1/password',
    allowWithExpiredPassword: true,
    handler: (context) =>
      ok({ state: passwordState(context.admin, context.options, context.now), expirationDate: isoDate(context.admin.passwordExpires) }),
  },
  {
    method: 'POST',
    path: '/api/admin/v1/changepassword',
    allowWithExpiredPassword: true,
    async handler(context) {
      const body = jsonBody(context);
      const candidate = requireString(body, 'newPassword');
      const problem = await passwordPolicyProblem(context.store, context.admin, candidate);
      if (problem !== null) throw new ScmError(400, -7306, `Password policy violated: ${problem}`);
      const admin = context.admin;
      const previous = admin.passwordHash;
      setPassword(context, admin, await hashPassword(candidate));
      admin.previousPasswordHash = previous;
      admin.temporaryPassword = false;
      admin.lastPasswordChange = context.now;
      admin.passwordExpires = context.now + passwordLifetimeDays * dayMs;
      admin.modified = context.now;
      context.store.record(admin.login, 'Password changed', 'through the API', context.now);
      context.store.changed();
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/api/admin/v1/{id}',
    handler: (context) => ok(details(context, findVisible(context))),
  },
  {
    method: 'POST',
    path: '/api/admin/v1',
    async handler(context) {
      context.scope.require('allowCreate', 'admin creation');
      const body = jsonBody(context);
      const login = requireString(body, 'login');
      if (!loginPattern.test(login)) throw invalidField('login', 'use 3 to 128 letters, digits or ! @ _ . - + \'');
      if (context.store.adminByLogin(login) !== undefined) throw new ScmError(400, -1601, `Field 'login' has invalid value: an admin with login ${login} exists`);
      const type = parseType(context, body.type, 'STANDARD');
      const email = requireString(body, 'email', { max: 128 });
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new ScmError(400, -237, 'Client admin email is invalid');
      const forename = nameField(body, 'forename');
      const surname = nameField(body, 'surname');
      const needsPassword = type === 'STANDARD' || type === 'API';
      const password = needsPassword ? requireString(body, 'password', { max: 64 }) : null;
      const credentials = parseCredentials(context, body.credentials);
      const privileges = parsePrivileges(context, body.privileges);
      checkDcvPrivilege(credentials, privileges);
      const activeStatus = body.activeStatus === undefined ? 'ACTIVE' : body.activeStatus;
      if (activeStatus !== 'ACTIVE' && activeStatus !== 'SUSPENDED') throw invalidField('activeStatus');
      const passwordHash = password === null ? null : await hashPassword(password);
      // Hashing waits; another request may have taken the login meanwhile.
      if (context.store.adminByLogin(login) !== undefined) throw new ScmError(400, -1601, `Field 'login' has invalid value: an admin with login ${login} exists`);
      const admin: Admin = {
        id: context.store.nextId(),
        type,
        login,
        passwordHash,
        previousPasswordHash: null,
        seededPassword: null,
        temporaryPassword: needsPassword,
        passwordExpires: needsPassword ? context.now + passwordLifetimeDays * dayMs : null,
        lastPasswordChange: context.now,
        forename,
        surname,
        email,
        title: '',
        telephone: '',
        street: '',
        locality: '',
        state: '',
        postalCode: '',
        country: '',
        relationship: '',
        certificateSerialNumber: optionalString(body, 'certificateSerialNumber', 64) ?? '',
        identityProviderId: null,
        idpPersonId: '',
        credentials,
        privileges,
        activeStatus,
        locked: false,
        failedAttempts: 0,
        failedDate: null,
        creatorId: context.admin.id,
        created: context.now,
        modified: context.now,
      };
      applyContactFields(admin, body);
      applyIdentityProvider(context, admin, body);
      context.store.admins.set(admin.id, admin);
      context.store.record(context.admin.login, 'Admin created', login, context.now);
      context.store.changed();
      return created(context, `/api/admin/v1/${admin.id}`);
    },
  },
  {
    method: 'PUT',
    path: '/api/admin/v1/{id}',
    async handler(context) {
      const admin = findVisible(context);
      if (admin.id !== context.admin.id) context.scope.require('allowEdit', 'admin update');
      const body = jsonBody(context);
      const password = body.password === undefined ? undefined : requireString(body, 'password', { max: 64 });
      // Hashed first, so that the admin is read and changed below without waiting in between.
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      if (context.store.admins.get(admin.id) !== admin) throw notFound();
      const type = parseType(context, body.type, admin.type);
      const allowedChanges: Record<AdminType, AdminType[]> = { STANDARD: ['API', 'IDP', 'SAS'], API: ['STANDARD'], IDP: ['STANDARD', 'SAS'], SAS: ['STANDARD'] };
      if (type !== admin.type && !allowedChanges[admin.type].includes(type)) throw invalidField('type', `cannot change ${admin.type} to ${type}`);
      const updated: Admin = { ...admin, type };
      if (body.login !== undefined) {
        const login = requireString(body, 'login');
        if (!loginPattern.test(login)) throw invalidField('login');
        const other = context.store.adminByLogin(login);
        if (other !== undefined && other.id !== admin.id) throw invalidField('login', 'taken');
        updated.login = login;
      }
      if (body.email !== undefined) updated.email = requireString(body, 'email', { max: 128 });
      if (body.forename !== undefined) updated.forename = nameField(body, 'forename');
      if (body.surname !== undefined) updated.surname = nameField(body, 'surname');
      if (body.credentials !== undefined) {
        if (!context.scope.isMrao && admin.id === context.admin.id) throw new ScmError(400, -253, 'You have no privilege to modify the role');
        updated.credentials = parseCredentials(context, body.credentials);
      }
      if (body.privileges !== undefined) updated.privileges = parsePrivileges(context, body.privileges);
      checkDcvPrivilege(updated.credentials, updated.privileges);
      if (body.activeStatus !== undefined) {
        if (body.activeStatus !== 'ACTIVE' && body.activeStatus !== 'SUSPENDED') throw invalidField('activeStatus');
        updated.activeStatus = body.activeStatus;
      }
      if ((type === 'STANDARD' || type === 'API') && updated.login === null) throw new ScmError(400, -7, 'login is required but missing');
      if ((type === 'STANDARD' || type === 'API') && passwordHash === undefined && updated.passwordHash === null) throw new ScmError(400, -7, 'password is required but missing');
      applyContactFields(updated, body);
      applyIdentityProvider(context, updated, body);
      updated.modified = context.now;
      Object.assign(admin, updated);
      if (passwordHash !== undefined) {
        setPassword(context, admin, passwordHash);
        // A password set by someone else is temporary: its owner must change it.
        admin.temporaryPassword = admin.id !== context.admin.id;
        admin.lastPasswordChange = context.now;
      }
      context.store.record(context.admin.login, 'Admin updated', adminName(admin), context.now);
      context.store.changed();
      return { status: 200 };
    },
  },
  {
    method: 'DELETE',
    path: '/api/admin/v1/{id}',
    handler(context) {
      const admin = findVisible(context);
      context.scope.require('allowDelete', 'admin deletion');
      if (admin.id === context.admin.id) throw new ScmError(400, -3, 'Not authorized to perform deletion of yourself');
      const replacement = context.query.get('replacingRequesterId');
      if (replacement !== null) {
        const target = context.store.admins.get(Number(replacement));
        if (target === undefined) throw invalidField('replacingRequesterId');
        for (const certificate of context.store.ssl.values()) {
          if (certificate.requesterId === admin.id) {
            certificate.requesterId = target.id;
            certificate.requester = adminName(target);
          }
        }
      }
      context.store.admins.delete(admin.id);
      context.store.passwords.forget(admin.id);
      context.store.record(context.admin.login, 'Admin deleted', adminName(admin), context.now);
      context.store.changed();
      return noContent();
    },
  },
  {
    method: 'PUT',
    path: '/api/admin/v1/{id}/unlink',
    handler(context) {
      const admin = findVisible(context);
      context.scope.require('allowEdit', 'admin update');
      if (admin.type !== 'IDP') throw invalidField('id', 'only IdP admins are linked to a template');
      context.store.changed();
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/report/v1/activity',
    handler(context) {
      const body = jsonBody(context, { optional: true });
      const from = typeof body.from === 'string' ? Date.parse(body.from) : Number.NEGATIVE_INFINITY;
      const to = typeof body.to === 'string' ? Date.parse(body.to) : Number.POSITIVE_INFINITY;
      if (Number.isNaN(from) || Number.isNaN(to)) throw invalidField('from/to', 'use ISO dates');
      const reports = context.store.activity
        .filter((entry) => entry.time >= from && entry.time <= to)
        .map((entry, index) => ({ id: index + 1, date: isoTimestamp(entry.time), admin: entry.admin, action: entry.action, details: entry.details }));
      return ok(
        { statusCode: 0, reports },
        { 'content-disposition': 'attachment; filename="rest_api_activity.json"', 'cache-control': 'must-revalidate', pragma: 'public' },
      );
    },
  },
];

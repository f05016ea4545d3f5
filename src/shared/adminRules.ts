import { z } from 'zod';
import { adminPrivilegeValues, adminRoleValues, type AdminRole, type AdminWarning } from './admins';
import type { FieldError, MessageParams } from './result';

/**
 * SCM's rules for an admin's type, roles and privileges, checked before
 * anything is sent: the console refuses what SCM would refuse, on the field
 * concerned and with SCM's rule and code, and shows what the signed-in admin
 * may not do as disabled with the reason. Both sides use these checks: the
 * interface to explain, main to refuse.
 */

export const editableAdminTypes = ['STANDARD', 'API', 'IDP', 'SAS'] as const;
export type EditableAdminType = (typeof editableAdminTypes)[number];

/** The type changes SCM allows on update (reference 4.1). */
export const typeChanges: Record<EditableAdminType, readonly EditableAdminType[]> = {
  STANDARD: ['API', 'IDP', 'SAS'],
  API: ['STANDARD'],
  IDP: ['STANDARD', 'SAS'],
  SAS: ['STANDARD'],
};

/** Types that sign in with a password, and so are created with one. */
export function hasPassword(type: string | null): boolean {
  return type === 'STANDARD' || type === 'API';
}

export const loginPattern = /^[a-zA-Z0-9!@_.\-+']{3,128}$/;
const forbiddenInNames = /[<>"%;]/;
const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const eppnPattern = /^[^@\s]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

export const credentialSchema = z
  .object({
    role: z.enum(adminRoleValues),
    /** The organization (RAO) or department (DRAO); null for MRAO. */
    orgId: z.number().int().positive().nullable(),
  })
  .strict();
export type AdminCredential = z.infer<typeof credentialSchema>;

/** An admin as the create and edit forms give it. Checked by `adminDraftProblems` for SCM's rules. */
export const adminDraftSchema = z
  .object({
    type: z.enum(editableAdminTypes),
    login: z.string().trim().max(128),
    email: z.string().trim().max(128),
    forename: z.string().trim().max(64),
    surname: z.string().trim().max(64),
    credentials: z.array(credentialSchema).max(9),
    privileges: z.array(z.enum(adminPrivilegeValues)).max(adminPrivilegeValues.length),
    identityProviderId: z.number().int().positive().nullable(),
    idpPersonId: z.string().trim().max(128),
    telephone: z.string().trim().max(32).optional(),
    title: z.string().trim().max(64).optional(),
  })
  .strict();
export type AdminDraft = z.infer<typeof adminDraftSchema>;

/** Who is acting: the signed-in admin's roles, privileges and the units in its scope. */
export interface AdminActor {
  /** The actor's own admin id, when known. */
  id: number | null;
  roles: readonly { role: string; orgId: number | null }[];
  privileges: readonly string[];
  units: readonly { id: number; name: string; parentId: number | null }[];
  /** The roles SCM says this admin may give (`GET /api/admin/v1/roles`); undefined when not read. */
  assignableRoles?: readonly string[];
}

/** The target of an action: enough of an admin to decide what may be done to it. */
export interface AdminTarget {
  id: number;
  type: string | null;
  roles: readonly { role: string; orgId: number | null }[];
}

export function isMrao(actor: Pick<AdminActor, 'roles'>): boolean {
  return actor.roles.some((role) => role.role === 'MRAO');
}

export function holds(actor: Pick<AdminActor, 'roles' | 'privileges'>, privilege: string): boolean {
  return isMrao(actor) || actor.privileges.includes(privilege);
}

function levelOf(role: string): 'MRAO' | 'RAO' | 'DRAO' {
  if (role === 'MRAO') return 'MRAO';
  return role.startsWith('DRAO_') ? 'DRAO' : 'RAO';
}

function problem(field: string, key: string, message: string, params?: MessageParams): FieldError {
  return { field, key: `admin.${key}`, message, ...(params === undefined ? {} : { params }) };
}

/** The privileges that need an SSL role (or MRAO): SCM's -255. */
const sslOnlyPrivileges = new Set(['allowDCV']);

/** Whether an admin with these roles may hold a privilege SCM ties to SSL roles. */
function hasSslRole(credentials: readonly { role: string }[]): boolean {
  return credentials.some((credential) => credential.role === 'MRAO' || credential.role.endsWith('_SSL'));
}

/**
 * Every way the draft breaks SCM's rules for this actor, each on its field, in
 * the order a form shows them. `original` is the admin being edited, if any.
 */
export function adminDraftProblems(draft: AdminDraft, actor: AdminActor, original?: AdminTarget & { privileges?: readonly string[] }): FieldError[] {
  const problems: FieldError[] = [];
  const editingSelf = original !== undefined && actor.id !== null && original.id === actor.id;

  if (original === undefined || draft.login !== '') {
    if (draft.login === '') problems.push(problem('login', 'loginMissing', 'Enter a login of 3 to 128 characters.'));
    else if (!loginPattern.test(draft.login)) problems.push(problem('login', 'loginCharacters', 'Use 3 to 128 letters, digits or ! @ _ . - + \' in the login.'));
  }
  if (original !== undefined && original.type !== draft.type) {
    const from = (original.type ?? 'STANDARD') as EditableAdminType;
    const allowed = typeChanges[from] ?? [];
    if (!allowed.includes(draft.type)) problems.push(problem('type', 'typeChange', `SCM does not change a ${from} admin to ${draft.type}; it allows ${allowed.join(', ') || 'no change'}.`, { from, to: draft.type, allowed: allowed.join(', ') }));
  }
  for (const field of ['forename', 'surname'] as const) {
    if (draft[field] === '') problems.push(problem(field, 'nameMissing', 'Enter the name; SCM needs both names.'));
    else if (forbiddenInNames.test(draft[field])) problems.push(problem(field, 'nameCharacters', 'Leave out the characters < > " % and ; which SCM does not accept in names.'));
  }
  if (!emailPattern.test(draft.email)) problems.push(problem('email', 'email', 'Enter an email address such as pki@example.org (SCM’s -237 otherwise).'));

  if (draft.type === 'IDP' && draft.identityProviderId === null) problems.push(problem('identityProviderId', 'idpNeeded', 'Choose the identity provider this admin signs in through.'));
  if (draft.identityProviderId !== null && !eppnPattern.test(draft.idpPersonId)) {
    problems.push(problem('idpPersonId', 'idpPersonId', 'Enter the IdP person id (ePPN) of the form user@scope, such as anna.svensson@example.org: SCM needs it with an identity provider.'));
  }

  problems.push(...credentialProblems(draft.credentials, actor, editingSelf, original));
  problems.push(...privilegeProblems(draft, actor, original?.privileges ?? []));
  return problems;
}

function credentialProblems(credentials: AdminDraft['credentials'], actor: AdminActor, editingSelf: boolean, original: AdminTarget | undefined): FieldError[] {
  const problems: FieldError[] = [];
  if (credentials.length === 0) {
    problems.push(problem('credentials', 'rolesMissing', 'Give at least one role, each with its organization or department (SCM’s -221).'));
    return problems;
  }
  const unchanged = original !== undefined && sameCredentials(credentials, original.roles);
  if (editingSelf && !isMrao(actor) && !unchanged) {
    problems.push(problem('credentials', 'ownRoles', 'An admin cannot change its own roles; ask an admin above you (SCM’s -253).'));
    return problems;
  }
  const levels = new Set(credentials.map((credential) => levelOf(credential.role)));
  if (levels.size > 1) problems.push(problem('credentials', 'sameLevel', 'Keep every role on one level: MRAO, RAO or DRAO, not a mix (SCM’s -222).'));
  const seen = new Set<string>();
  for (const credential of credentials) {
    if (seen.has(credential.role)) problems.push(problem('credentials', 'oneUnitPerRole', 'Give each role for one organization or department only (SCM’s -223).', { role: credential.role }));
    seen.add(credential.role);
  }
  for (const credential of credentials) {
    const field = `credentials.${credential.role}`;
    if (credential.role === 'MRAO') {
      if (!isMrao(actor) && !unchanged) problems.push(problem(field, 'mraoOnly', 'Only an MRAO can give the MRAO role (SCM’s -253).'));
      continue;
    }
    if (actor.assignableRoles !== undefined && !actor.assignableRoles.includes(credential.role) && !unchanged) {
      problems.push(problem(field, 'roleNotAssignable', `SCM does not let you give ${credential.role}; you may give ${actor.assignableRoles.join(', ') || 'no role'}.`, { role: credential.role, allowed: actor.assignableRoles.join(', ') }));
      continue;
    }
    if (credential.orgId === null) {
      problems.push(problem(field, 'unitMissing', 'Choose the organization or department this role is for (SCM’s -221).', { role: credential.role }));
      continue;
    }
    const unit = actor.units.find((candidate) => candidate.id === credential.orgId);
    if (unit === undefined) {
      problems.push(problem(field, 'outsideScope', 'That organization or department is outside what you manage (SCM’s -226).', { role: credential.role }));
      continue;
    }
    const level = levelOf(credential.role);
    if (level === 'RAO' && unit.parentId !== null) problems.push(problem(field, 'raoNeedsOrganization', `${credential.role} is given for an organization; ${unit.name} is a department. Choose a DRAO role for it.`, { role: credential.role, unit: unit.name }));
    if (level === 'DRAO' && unit.parentId === null) problems.push(problem(field, 'draoNeedsDepartment', `${credential.role} is given for a department; ${unit.name} is an organization. Choose an RAO role for it.`, { role: credential.role, unit: unit.name }));
  }
  return problems;
}

function sameCredentials(a: readonly { role: string; orgId: number | null }[], b: readonly { role: string; orgId: number | null }[]): boolean {
  const key = (list: readonly { role: string; orgId: number | null }[]) => list.map((entry) => `${entry.role}:${entry.orgId ?? ''}`).sort().join(',');
  return key(a) === key(b);
}

function privilegeProblems(draft: AdminDraft, actor: AdminActor, kept: readonly string[]): FieldError[] {
  const problems: FieldError[] = [];
  for (const privilege of draft.privileges) {
    const field = `privileges.${privilege}`;
    // SCM checks the privileges sent; one the admin has already is sent back unchanged.
    if (!holds(actor, privilege) && privilege !== 'wsApiUseOnly' && !kept.includes(privilege)) {
      problems.push(
        privilege === 'allowDCV'
          ? problem(field, 'cannotGiveDcv', 'You do not hold Allow DCV yourself, so SCM does not let you give it (SCM’s -256).', { privilege })
          : problem(field, 'cannotGivePrivilege', `You do not hold ${privilege} yourself, so SCM does not let you give it (SCM’s -234).`, { privilege }),
      );
    }
    if (sslOnlyPrivileges.has(privilege) && !hasSslRole(draft.credentials)) {
      problems.push(problem(field, 'dcvNeedsSsl', 'Allow DCV is for SSL admins only: give an SSL role as well, or leave it out (SCM’s -255).', { privilege }));
    }
  }
  return problems;
}

/** Something the actor may not do, and why, in English and as a key of `validation.admin`. */
export interface Refusal {
  key: string;
  message: string;
  params?: MessageParams;
}

export type AdminAction = 'create' | 'edit' | 'suspend' | 'activate' | 'resetPassword' | 'delete';

function refusal(key: string, message: string, params?: MessageParams): Refusal {
  return { key: `admin.refuse.${key}`, message, ...(params === undefined ? {} : { params }) };
}

const actionPrivilege: Record<AdminAction, 'allowCreate' | 'allowEdit' | 'allowDelete'> = {
  create: 'allowCreate',
  edit: 'allowEdit',
  suspend: 'allowEdit',
  activate: 'allowEdit',
  resetPassword: 'allowEdit',
  delete: 'allowDelete',
};

/** Whether the target's roles all lie within the actor's scope, as SCM requires for a change. */
function inScope(actor: AdminActor, target: AdminTarget): boolean {
  if (isMrao(actor)) return true;
  if (target.roles.some((role) => role.role === 'MRAO')) return false;
  return target.roles.every((role) => role.orgId !== null && actor.units.some((unit) => unit.id === role.orgId));
}

/**
 * Why the actor may not take an action on a target (or create one, without a
 * target); null when it may. Mirrors SCM's refusals: the privilege (-233 to create, else -3),
 * acting on oneself, an admin with roles beyond one's scope (-226), and
 * password resets for admins who have no password.
 */
export function adminActionRefusal(action: AdminAction, actor: AdminActor, target?: AdminTarget & { status?: string | null }): Refusal | null {
  const self = target !== undefined && actor.id !== null && target.id === actor.id;
  if (self && action !== 'edit') {
    if (action === 'resetPassword') return refusal('ownPassword', 'Change your own password on Home (Alt+1), with Change password, instead.');
    return refusal('self', 'An admin cannot suspend, activate or delete itself in SCM.');
  }
  const privilege = actionPrivilege[action];
  if (!self && !holds(actor, privilege)) {
    // Creating has a code of its own (-233, "no privilege to create admin"); other actions get the general -3.
    const code = action === 'create' ? -233 : -3;
    return refusal('privilege', `You do not hold the privilege ${privilege}; SCM refuses with ${code}.`, { privilege, code });
  }
  if (target !== undefined && !self && !inScope(actor, target)) {
    return refusal('scope', 'This admin has roles outside what you manage; SCM refuses with -226.');
  }
  if (action === 'resetPassword' && target !== undefined && !hasPassword(target.type)) {
    return refusal('noPassword', 'This admin signs in through an identity provider and has no password in SCM.');
  }
  if (action === 'suspend' && target?.status === 'SUSPENDED') return refusal('alreadySuspended', 'This admin is suspended already.');
  if (action === 'activate' && target?.status === 'ACTIVE') return refusal('alreadyActive', 'This admin is active already.');
  return null;
}

/** Roles a new admin can be offered by this actor: what SCM says it may give, else the roles of its own level and below. */
export function offeredRoles(actor: AdminActor): AdminRole[] {
  if (actor.assignableRoles !== undefined) return adminRoleValues.filter((role) => actor.assignableRoles!.includes(role));
  if (isMrao(actor)) return [...adminRoleValues];
  const own = actor.roles.map((role) => role.role);
  return adminRoleValues.filter((role) => own.includes(role) || (role.startsWith('DRAO_') && own.includes(role.replace('DRAO_', 'RAO_'))));
}


/**
 * What deserves attention about an admin: a password that runs out within the
 * warning window (or has), an admin used for the API that can also sign in to
 * the web interface, and an IdP admin no IdP person id links to a person.
 */
export function adminWarnings(
  admin: { type: string | null; login: string | null; privileges: readonly string[]; passwordState: string | null; passwordExpires: string | null; idpPersonId: string | null; detailed: boolean },
  options: { today: string; warnDays: number; apiLogins: ReadonlySet<string> },
): AdminWarning[] {
  const warnings: AdminWarning[] = [];
  if (!admin.detailed) return warnings;
  if (admin.passwordState === 'EXPIRED') warnings.push('passwordExpired');
  else if (admin.passwordState === 'ALIVE' && admin.passwordExpires !== null) {
    const days = Math.round((Date.parse(`${admin.passwordExpires}T00:00:00Z`) - Date.parse(`${options.today}T00:00:00Z`)) / 86_400_000);
    if (days <= options.warnDays) warnings.push(days < 0 ? 'passwordExpired' : 'passwordExpiresSoon');
  }
  if (admin.type === 'STANDARD' && admin.login !== null && options.apiLogins.has(admin.login) && !admin.privileges.includes('wsApiUseOnly')) warnings.push('apiAdminWithWebUi');
  if (admin.type === 'IDP' && admin.idpPersonId === null) warnings.push('idpWithoutPersonId');
  return warnings;
}

import { z } from 'zod';
import type { MessageParams } from './result';

/**
 * Organizations and departments as the Organizations page shows and changes
 * them, and SCM's rules for who may change which, checked on both sides.
 */

export const unitRowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The organization a department belongs to; null for an organization. */
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  certTypes: z.array(z.string()),
  sslApi: z.boolean().nullable(),
  clientApi: z.boolean().nullable(),
  validationStatus: z.string().nullable(),
  contactEmails: z.array(z.string()),
  address1: z.string().nullable(),
  city: z.string().nullable(),
  stateOrProvince: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  /** Departments of an organization, as far as the admin sees them. */
  departments: z.number().int(),
  /** Domains delegated to the unit; null when they could not be read. */
  domains: z.array(z.string()).nullable(),
  /** Admins holding a role for the unit; null when they could not be read. */
  admins: z.array(z.object({ id: z.number().int(), name: z.string(), type: z.string().nullable() })).nullable(),
});
export type UnitRow = z.infer<typeof unitRowSchema>;

export const unitTreeSchema = z.object({
  profileId: z.string().nullable(),
  /** Organizations, each followed by its departments. */
  units: z.array(unitRowSchema),
  readAt: z.string(),
});
export type UnitTree = z.infer<typeof unitTreeSchema>;

const optionalText = (max: number) => z.string().trim().max(max);

/** A department as the create and edit forms give it; an organization's edit uses the same fields. */
export const unitDraftSchema = z
  .object({
    name: z.string().trim().min(1, 'This cannot be empty.').max(128),
    contactEmails: z.array(z.string().trim().max(128)).max(20),
    address1: optionalText(128),
    city: optionalText(64),
    stateOrProvince: optionalText(64),
    postalCode: optionalText(32),
    country: optionalText(2),
    sslCertsApiEnabled: z.boolean(),
    clientCertsApiEnabled: z.boolean(),
  })
  .strict();
export type UnitDraft = z.infer<typeof unitDraftSchema>;

/** Who acts on units: roles, privileges and the units in scope. */
export interface UnitActor {
  roles: readonly { role: string; orgId: number | null }[];
  privileges: readonly string[];
}

export interface UnitRefusal {
  key: string;
  message: string;
  params?: MessageParams;
}

function isMrao(actor: UnitActor): boolean {
  return actor.roles.some((role) => role.role === 'MRAO');
}

function holds(actor: UnitActor, privilege: string): boolean {
  return isMrao(actor) || actor.privileges.includes(privilege);
}

function isRaoOf(actor: UnitActor, orgId: number): boolean {
  return isMrao(actor) || actor.roles.some((role) => role.role.startsWith('RAO_') && role.orgId === orgId);
}

function refusal(key: string, message: string, params?: MessageParams): UnitRefusal {
  return { key: `unit.refuse.${key}`, message, ...(params === undefined ? {} : { params }) };
}

export type UnitAction = 'createDepartment' | 'edit' | 'delete';

/**
 * Why the actor may not act on a unit, or null when SCM allows it: a
 * department is added by an RAO of its organization with *Add departments*;
 * a department is edited with *Edit departments* (or *Edit organizations and
 * departments*), an organization by its RAO with the latter; a department is
 * deleted by an RAO of its organization, an organization by an MRAO.
 */
export function unitActionRefusal(action: UnitAction, actor: UnitActor, unit: { id: number; name: string; parentId: number | null }): UnitRefusal | null {
  const department = unit.parentId !== null;
  switch (action) {
    case 'createDepartment':
      if (department) return refusal('departmentOfDepartment', 'Departments belong to an organization; choose the organization.');
      if (!isRaoOf(actor, unit.id)) return refusal('notRao', `Only an RAO of ${unit.name} (or an MRAO) adds its departments; SCM refuses with -226.`, { unit: unit.name });
      if (!holds(actor, 'addDepartments') && !holds(actor, 'addOrganizationAndDepartments')) return refusal('privilege', 'You do not hold the privilege addDepartments; SCM refuses with -226.', { privilege: 'addDepartments' });
      return null;
    case 'edit':
      if (!holds(actor, 'editOrganizationAndDepartment') && !(department && holds(actor, 'editDepartments'))) {
        const privilege = department ? 'editDepartments' : 'editOrganizationAndDepartment';
        return refusal('privilege', `You do not hold the privilege ${privilege}; SCM refuses with -226.`, { privilege });
      }
      if (!department && !isRaoOf(actor, unit.id)) return refusal('notRao', `Only an RAO of ${unit.name} (or an MRAO) edits it; SCM refuses with -226.`, { unit: unit.name });
      return null;
    case 'delete':
      if (department ? !isRaoOf(actor, unit.parentId!) : !isMrao(actor)) {
        return department
          ? refusal('notRaoOfParent', 'Only an RAO of the department’s organization (or an MRAO) deletes it; SCM refuses with -226.')
          : refusal('mraoOnly', 'Only an MRAO deletes an organization; SCM refuses with -226.');
      }
      return null;
  }
}

/** What keeps a unit from being deleted: the console checks these before asking SCM. */
export const unitDependentsSchema = z.object({
  departments: z.number().int(),
  sslCertificates: z.number().int(),
  clientCertificates: z.number().int(),
  domains: z.number().int(),
  admins: z.number().int(),
});
export type UnitDependents = z.infer<typeof unitDependentsSchema>;

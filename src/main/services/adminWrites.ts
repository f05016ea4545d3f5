import {
  adminActionRefusal,
  adminDraftProblems,
  hasPassword,
  type AdminAction,
  type AdminActor,
  type AdminDraft,
  type AdminTarget,
} from '../../shared/adminRules';
import { adminDisplayName, type AdminDetails } from '../../shared/scm/types';
import { AdminsApi, type NewAdmin } from '../scm/admins';
import type { ScmClient } from '../scm/client';
import { ScmClientError } from '../scm/errors';
import { OrganizationsApi } from '../scm/organizations';
import { ServiceError } from './errors';
import { generatePassword } from './session/passwordChange';

/*
 * Changes to admins: create, edit, suspend and activate, reset a password,
 * delete. Each is checked against SCM's rules for the signed-in admin first
 * (src/shared/adminRules.ts), so that what SCM would refuse is refused here,
 * on its field and with the rule; then sent once. Every write goes through the
 * SCM client, which records it in the audit log.
 */

const anchor = 'admins#manage';

/** Reads who the signed-in admin is, as the rules need it: roles, privileges, scope and the roles it may give. */
export async function readActor(client: ScmClient, login: string): Promise<AdminActor> {
  const admins = new AdminsApi(client);
  const [organizations, assignable, self] = await Promise.all([
    new OrganizationsApi(client).list(),
    admins.roles().catch(() => undefined),
    admins.findByLogin(login).then((found) => (found === undefined ? undefined : admins.get(found.id))).catch(() => undefined),
  ]);
  const units = organizations.flatMap((org) => [{ id: org.id, name: org.name, parentId: null as number | null }, ...org.departments.map((dept) => ({ id: dept.id, name: dept.name, parentId: org.id as number | null }))]);
  return {
    id: self?.id ?? null,
    roles: self?.credentials ?? [],
    privileges: self?.privileges ?? [],
    units,
    ...(assignable === undefined ? {} : { assignableRoles: assignable }),
  };
}

function targetOf(admin: AdminDetails): AdminTarget & { status: string | null; privileges: readonly string[] } {
  return { id: admin.id, type: admin.type, roles: admin.credentials, status: admin.activeStatus, privileges: admin.privileges };
}

function refuse(action: AdminAction, actor: AdminActor, target?: AdminTarget & { status?: string | null }): void {
  const refusal = adminActionRefusal(action, actor, target);
  if (refusal !== null) throw new ServiceError({ kind: 'permission', message: refusal.message, key: `validation.${refusal.key}`, ...(refusal.params === undefined ? {} : { params: refusal.params }), anchor });
}

function checkDraft(draft: AdminDraft, actor: AdminActor, original?: AdminTarget & { privileges: readonly string[] }): void {
  const problems = adminDraftProblems(draft, actor, original);
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new ServiceError({
    kind: 'validation',
    message: problems.length === 1 ? first.message : `${problems.length} fields need correcting, first ${first.field}: ${first.message}`,
    field: first.field.split('.')[0]!,
    fields: problems,
    anchor,
  });
}

/** What SCM is sent for a draft: the fields it takes, IdP fields only with an IdP. */
function wireOf(draft: AdminDraft): Omit<NewAdmin, 'password'> & { telephone?: string; title?: string } {
  return {
    type: draft.type as NewAdmin['type'],
    login: draft.login,
    email: draft.email,
    forename: draft.forename,
    surname: draft.surname,
    credentials: draft.credentials.map((credential) => (credential.orgId === null ? { role: credential.role } : { role: credential.role, orgId: credential.orgId })),
    privileges: draft.privileges,
    ...(draft.identityProviderId === null ? {} : { identityProviderId: draft.identityProviderId, idpPersonId: draft.idpPersonId }),
    ...(draft.telephone === undefined || draft.telephone === '' ? {} : { telephone: draft.telephone }),
    ...(draft.title === undefined || draft.title === '' ? {} : { title: draft.title }),
  };
}

export interface CreatedAdmin {
  id: number;
  /** The temporary password made for it; undefined for admins who sign in through an IdP. */
  temporaryPassword?: string;
}

/** The admin writes for one client and the admin it signs in as. */
export class AdminWriter {
  readonly #api: AdminsApi;

  constructor(
    client: ScmClient,
    readonly actor: AdminActor,
  ) {
    this.#api = new AdminsApi(client);
  }

  async read(id: number): Promise<AdminDetails> {
    return this.#api.get(id);
  }

  /**
   * Creates an admin. STANDARD and API admins get a temporary password the
   * console makes (SCM needs one), which their owner must change first; it is
   * given back to be handed over. `password` replaces it when the person chose one.
   */
  async create(draft: AdminDraft, password?: string): Promise<CreatedAdmin> {
    refuse('create', this.actor);
    checkDraft(draft, this.actor);
    if ((await this.#api.findByLogin(draft.login)) !== undefined) {
      throw new ServiceError({ kind: 'validation', message: `An admin with the login ${draft.login} exists already. Choose another login.`, field: 'login', fields: [{ field: 'login', message: `An admin with the login ${draft.login} exists already. Choose another login.`, key: 'admin.loginTaken', params: { login: draft.login } }], anchor });
    }
    const temporary = hasPassword(draft.type) ? (password ?? generatePassword(draft.login)) : undefined;
    const id = await this.#api.create({ ...wireOf(draft), ...(temporary === undefined ? {} : { password: temporary }) });
    return { id, ...(temporary === undefined ? {} : { temporaryPassword: temporary }) };
  }

  /**
   * Changes an admin to the draft. Only what changed is sent: SCM leaves the
   * fields an admin update omits as they are, so a field someone changed in the
   * web interface meanwhile is not written back.
   */
  async update(id: number, draft: AdminDraft): Promise<void> {
    const current = await this.#api.get(id);
    const self = this.actor.id === id;
    if (!self) refuse('edit', this.actor, targetOf(current));
    checkDraft(draft, this.actor, targetOf(current));
    const wire = wireOf(draft);
    const changes: Record<string, unknown> = {};
    if (draft.type !== current.type) changes.type = wire.type;
    if (draft.login !== '' && draft.login !== current.login) changes.login = wire.login;
    if (draft.email !== current.email) changes.email = wire.email;
    if (draft.forename !== current.forename) changes.forename = wire.forename;
    if (draft.surname !== current.surname) changes.surname = wire.surname;
    const key = (list: readonly { role: string; orgId?: number | null }[]) => list.map((entry) => `${entry.role}:${entry.orgId ?? ''}`).sort().join(',');
    if (key(draft.credentials) !== key(current.credentials)) changes.credentials = wire.credentials;
    if ([...draft.privileges].sort().join(',') !== [...current.privileges].sort().join(',')) changes.privileges = wire.privileges;
    if (draft.identityProviderId !== current.identityProviderId || (draft.identityProviderId !== null && draft.idpPersonId !== (current.idpPersonId ?? ''))) {
      Object.assign(changes, draft.identityProviderId === null ? { identityProviderId: null } : { identityProviderId: draft.identityProviderId, idpPersonId: draft.idpPersonId });
    }
    if (draft.telephone !== undefined) changes.telephone = draft.telephone;
    if (draft.title !== undefined) changes.title = draft.title;
    if (Object.keys(changes).length === 0) return;
    // A type that now signs in with a password needs one; SCM keeps none for IdP and SAS admins.
    if (changes.type !== undefined && hasPassword(draft.type) && !hasPassword(current.type)) {
      throw new ServiceError({ kind: 'validation', message: `A ${draft.type} admin needs a password, which this admin does not have. Change the type first, then reset the password.`, field: 'type', anchor });
    }
    await this.#api.update(id, changes);
  }

  async setStatus(id: number, status: 'ACTIVE' | 'SUSPENDED'): Promise<void> {
    const current = await this.#api.get(id);
    refuse(status === 'ACTIVE' ? 'activate' : 'suspend', this.actor, targetOf(current));
    await this.#api.update(id, { activeStatus: status });
  }

  /** Gives the admin a new temporary password, which its owner must change at the first sign-in; `admin` is the admin as it was read before. */
  async resetPassword(id: number, password?: string): Promise<{ login: string; temporaryPassword: string; admin: AdminDetails }> {
    const current = await this.#api.get(id);
    refuse('resetPassword', this.actor, targetOf(current));
    const temporary = password ?? generatePassword(current.login ?? '');
    await this.#api.update(id, { password: temporary });
    return { login: current.login ?? adminDisplayName(current), temporaryPassword: temporary, admin: current };
  }

  /**
   * Deletes an admin, after `confirmName` repeats its name as shown. The
   * certificates it requested can pass to another admin. A delete whose answer
   * was lost and that finds the admin gone has been done.
   */
  async delete(id: number, confirmName: string, replacingRequesterId?: number): Promise<{ name: string }> {
    const current = await this.#api.get(id);
    const name = adminDisplayName(current);
    refuse('delete', this.actor, targetOf(current));
    if (confirmName !== name) throw new ServiceError({ kind: 'validation', message: `Type the admin’s name, ${name}, to confirm.`, field: 'confirmName', anchor });
    if (replacingRequesterId !== undefined) {
      if (replacingRequesterId === id) throw new ServiceError({ kind: 'validation', message: 'Choose another admin to take over the certificates, not the one being deleted.', field: 'replacingRequesterId', anchor });
      try {
        await this.#api.get(replacingRequesterId);
      } catch (error) {
        if (error instanceof ScmClientError && error.kind === 'not-found') throw new ServiceError({ kind: 'validation', message: `There is no admin ${replacingRequesterId} to take over the certificates.`, field: 'replacingRequesterId', anchor });
        throw error;
      }
    }
    try {
      await this.#api.delete(id, replacingRequesterId);
    } catch (error) {
      // A delete repeated after its answer was lost finds the admin gone: it was done.
      if (!(error instanceof ScmClientError && error.kind === 'not-found')) throw error;
    }
    return { name };
  }
}

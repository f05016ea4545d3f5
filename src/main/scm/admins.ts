import { z } from 'zod';
import type { AdminDetails, AdminSummary, PasswordStatus } from '../../shared/scm/types';
import type { ScmClient } from './client';
import { isoDate } from './dates';
import { collectAll, listAll, type ListOptions } from './paging';

/**
 * An admin in the list. Sectigo's own examples list IdP and SAS admins without
 * a login, so every field but the id is read as optional: an admin SCM
 * describes sparsely must not cost the whole list.
 */
const summaryWire = z.looseObject({
  id: z.number(),
  type: z.string().nullish(),
  login: z.string().nullish(),
  email: z.string().nullish(),
  forename: z.string().nullish(),
  surname: z.string().nullish(),
  idpPersonId: z.string().nullish(),
});

const passwordStates = ['ALIVE', 'EXPIRED', 'NEVER_EXPIRE'] as const;

/**
 * The details: the list's fields and more, none of them certain (IdP and SAS
 * admins have no password fields, for one). A state the console does not know
 * reads as none, so a value a later SCM release adds cannot fail the read.
 */
const detailsWire = summaryWire.extend({
  passwordState: z.enum(passwordStates).nullish().catch(null),
  passwordExpiryDate: z.string().nullish(),
  lastPasswordChange: z.string().nullish(),
  activeStatus: z.enum(['ACTIVE', 'SUSPENDED']).nullish().catch(null),
  credentials: z.array(z.looseObject({ role: z.string().nullish(), orgId: z.number().nullish() })).nullish(),
  privileges: z.array(z.string()).nullish(),
  identityProviderId: z.number().nullish(),
  created: z.string().nullish(),
  failedAttempts: z.number().nullish(),
});

const passwordWire = z.looseObject({ state: z.enum(passwordStates), expirationDate: z.string().nullish() });

/** An identifier SCM sent, or null for one left out or empty. */
function present(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

function summary(row: z.infer<typeof summaryWire>): AdminSummary {
  return {
    id: row.id,
    type: present(row.type),
    login: present(row.login),
    email: row.email ?? '',
    forename: row.forename ?? '',
    surname: row.surname ?? '',
    idpPersonId: present(row.idpPersonId),
  };
}

/** The list's filters, as SCM names them. */
export interface AdminListFilter {
  type?: string;
  login?: string;
  email?: string;
  activeState?: 'ACTIVE' | 'SUSPENDED';
  /** An organization or department the admin holds a role for. */
  orgId?: number;
  role?: string;
  identityProviderId?: number;
}

export interface NewAdmin {
  type: 'STANDARD' | 'API' | 'IDP';
  login: string;
  email: string;
  forename: string;
  surname: string;
  password?: string;
  credentials: { role: string; orgId?: number }[];
  privileges?: string[];
  identityProviderId?: number;
  idpPersonId?: string;
}

/** Administrators (`/api/admin/v1`), including the caller's own password. */
export class AdminsApi {
  constructor(private readonly client: ScmClient) {}

  /**
   * Every admin matching the filter, page by page as the pages arrive (200 a
   * request, several in flight), with progress and cancellation through `options`.
   */
  async *pages(filter: AdminListFilter = {}, options: ListOptions = {}): AsyncGenerator<AdminSummary[], void, undefined> {
    for await (const page of listAll(this.client, { path: '/api/admin/v1', query: { ...filter }, operation: 'list admins' }, summaryWire, options)) {
      yield page.map(summary);
    }
  }

  /** Every admin matching the filter, in one array. */
  async list(filter: AdminListFilter = {}, options: ListOptions = {}): Promise<AdminSummary[]> {
    return collectAll(this.pages(filter, options));
  }

  async get(id: number, options: { signal?: AbortSignal } = {}): Promise<AdminDetails> {
    const row = await this.client.json({ method: 'GET', path: `/api/admin/v1/${id}`, operation: `read admin ${id}`, ...(options.signal === undefined ? {} : { signal: options.signal }) }, detailsWire);
    return {
      ...summary(row),
      passwordState: row.passwordState ?? null,
      passwordExpiryDate: isoDate(row.passwordExpiryDate),
      lastPasswordChange: isoDate(row.lastPasswordChange),
      activeStatus: row.activeStatus ?? null,
      credentials: (row.credentials ?? []).flatMap((credential) => (credential.role === undefined || credential.role === null ? [] : [{ role: credential.role, orgId: credential.orgId ?? null }])),
      privileges: row.privileges ?? [],
      identityProviderId: row.identityProviderId ?? null,
      created: isoDate(row.created),
      failedAttempts: row.failedAttempts ?? null,
    };
  }

  /** The admin with this login, if the caller can see one. */
  async findByLogin(login: string): Promise<AdminSummary | undefined> {
    return (await this.list({ login })).find((admin) => admin.login === login);
  }

  /**
   * Creates an admin and returns its id. If the answer is lost, the admin is
   * looked up by its login, which SCM keeps unique, instead of being created twice.
   */
  async create(admin: NewAdmin): Promise<number> {
    return this.client.createOnce({ method: 'POST', path: '/api/admin/v1', body: admin, operation: `create admin ${admin.login}` }, async () => (await this.findByLogin(admin.login))?.id);
  }

  /** Deletes an admin; the certificates it requested pass to `replacingRequesterId` when given. */
  async delete(id: number, replacingRequesterId?: number): Promise<void> {
    await this.client.call({ method: 'DELETE', path: `/api/admin/v1/${id}`, query: { replacingRequesterId }, operation: `delete admin ${id}` });
  }

  /** The privileges SCM knows, for the roles given (all roles when none). */
  async privileges(roles: readonly string[] = []): Promise<{ name: string; description: string }[]> {
    const rows = await this.client.json(
      { method: 'GET', path: '/api/admin/v1/privileges', query: { role: roles }, operation: 'list admin privileges' },
      z.array(z.union([z.string(), z.looseObject({ name: z.string(), description: z.string().nullish() })])),
    );
    return rows.map((row) => (typeof row === 'string' ? { name: row, description: row } : { name: row.name, description: row.description ?? row.name }));
  }

  async update(id: number, changes: Partial<NewAdmin> & { activeStatus?: 'ACTIVE' | 'SUSPENDED' } & Record<string, unknown>): Promise<void> {
    await this.client.call({ method: 'PUT', path: `/api/admin/v1/${id}`, body: changes, operation: `update admin ${id}` });
  }

  async roles(): Promise<string[]> {
    return this.client.json({ method: 'GET', path: '/api/admin/v1/roles', operation: 'list the roles this admin may give' }, z.array(z.string()));
  }

  async identityProviders(): Promise<{ id: number; name: string }[]> {
    const rows = await this.client.json({ method: 'GET', path: '/api/admin/v1/idp', operation: 'list identity providers' }, z.array(z.looseObject({ id: z.number(), name: z.string().nullish() })));
    return rows.map((row) => ({ id: row.id, name: row.name ?? '' }));
  }

  /** The caller's own password state; works even while the password is expired. */
  async passwordStatus(): Promise<PasswordStatus> {
    const row = await this.client.json({ method: 'GET', path: '/api/admin/v1/password', operation: 'read the password’s state' }, passwordWire);
    return { state: row.state, expires: isoDate(row.expirationDate) };
  }

  /**
   * Changes the caller's own password. Not repeated on a lost answer: a second
   * try with the same password would be refused as unchanged.
   */
  async changePassword(newPassword: string): Promise<void> {
    await this.client.call({ method: 'POST', path: '/api/admin/v1/changepassword', body: { newPassword }, operation: 'change the password' });
  }
}

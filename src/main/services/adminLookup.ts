import type { AdminDetails, AdminSummary } from '../../shared/scm/types';
import { AdminsApi } from '../scm/admins';
import type { ScmClient } from '../scm/client';

/** The admins in scope, as SCM lists them; `type` keeps one type (STANDARD, API, IDP, SAS). */
export function listAdmins(client: ScmClient, filter: { type?: string } = {}): Promise<AdminSummary[]> {
  return new AdminsApi(client).list(filter.type === undefined ? {} : { type: filter.type });
}

/** One admin's record: type, roles, privileges, password state. */
export function readAdmin(client: ScmClient, id: number): Promise<AdminDetails> {
  return new AdminsApi(client).get(id);
}

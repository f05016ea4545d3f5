import { expect } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox';
import { callerFor, idFromLocation, type ScmCaller } from './helpers';

const limitedPassword = 'Limited-Granite-2026!';

/**
 * A new admin with only the given privileges, made by the MRAO; the sandbox must run with
 * `firstLoginChange: 'none'` so the admin can call at once.
 */
export async function limitedAdmin(
  sandbox: SandboxHandle,
  login: string,
  privileges: string[],
  credentials: { role: string; orgId?: number }[] = [{ role: 'RAO_SSL', orgId: 1001 }],
): Promise<ScmCaller> {
  const reply = await callerFor(sandbox, 'mrao')('POST', '/api/admin/v1', {
    type: 'API',
    login,
    email: `${login}@sandbox-university.example`,
    forename: 'Limited',
    surname: 'Admin',
    password: limitedPassword,
    privileges,
    credentials,
  });
  expect(reply.status, reply.text).toBe(201);
  return callerFor(sandbox, login, limitedPassword);
}

/** Creates a domain delegated for SSL to the given organizations and answers its id. */
export async function createDomain(call: ScmCaller, name: string, orgIds: number[] = [1001]): Promise<number> {
  const reply = await call('POST', '/api/domain/v1', {
    name,
    delegations: orgIds.map((orgId) => ({ orgId, certTypes: ['SSL'], domainCertificateRequestPrivileges: ['DOMAIN', 'SUBDOMAIN'] })),
  });
  expect(reply.status, reply.text).toBe(201);
  return idFromLocation(reply);
}

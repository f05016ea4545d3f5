import type { AdminCredential } from '../../shared/scm/types';
import type { ScmClient } from './client';
import { ScmClientError } from './errors';

/** Roles that may order SSL certificates, and so may ask the probe below. */
const sslOrderingRoles = new Set(['MRAO', 'RAO_SSL', 'DRAO_SSL']);

export type WritableVerdict =
  | { writable: true }
  | { writable: false; error: ScmClientError }
  | { writable: 'unknown'; reason: string };

/**
 * Whether the tenant still accepts certificate changes. A tenant after end of
 * service (as GÉANT TCS tenants on Sectigo after 2025-01-10) still answers
 * reads but refuses every order with -3. The probe sends an enroll that SCM
 * must refuse whatever the tenant's state (no CSR, no profile, no term), so
 * nothing can be ordered: a writable tenant names the missing field, a
 * read-only one refuses the operation outright. It is asked only of an admin
 * allowed to order SSL certificates in `orgId`, for whom -3 means nothing else.
 */
export async function probeWritable(client: ScmClient, credentials: readonly AdminCredential[], orgId: number): Promise<WritableVerdict> {
  if (!credentials.some((credential) => sslOrderingRoles.has(credential.role))) {
    return { writable: 'unknown', reason: 'this admin has no role that orders SSL certificates' };
  }
  try {
    await client.call({ method: 'POST', path: '/api/ssl/v1/enroll', body: { orgId }, operation: 'check whether the tenant accepts orders' });
  } catch (error) {
    if (!(error instanceof ScmClientError)) throw error;
    if (error.code === -3) {
      return {
        writable: false,
        error: new ScmClientError({
          kind: 'read-only-tenant',
          ...(error.status === undefined ? {} : { status: error.status }),
          code: -3,
          ...(error.scmDescription === undefined ? {} : { scmDescription: error.scmDescription }),
          message: 'The tenant is read-only: SCM answers reads but refuses orders, renewals and revocations.',
          hint: 'This is how SCM treats a tenant after its end of service. Ask the service provider whether the contract has moved.',
        }),
      };
    }
    if (error.kind === 'validation') return { writable: true };
    return { writable: 'unknown', reason: error.message };
  }
  // SCM accepted an enroll with no CSR: nothing in the reference allows this.
  return { writable: 'unknown', reason: 'SCM accepted an empty order, which it should not' };
}

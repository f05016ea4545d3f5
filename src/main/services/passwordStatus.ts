import type { PasswordStatus } from '../../shared/scm/types';
import { AdminsApi } from '../scm/admins';
import type { ScmClient } from '../scm/client';
import { daysUntil } from '../scm/dates';

export interface PasswordStatusReport extends PasswordStatus {
  /** Whole days until the password expires; negative once it has, null when it does not. */
  daysLeft: number | null;
}

/** The signed-in admin's password state and expiry, and the days left. */
export async function readPasswordStatus(client: ScmClient, now = Date.now()): Promise<PasswordStatusReport> {
  const status = await new AdminsApi(client).passwordStatus();
  return { ...status, daysLeft: daysUntil(status.expires, now) };
}

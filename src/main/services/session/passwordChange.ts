import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { StoredProfile } from '../../../shared/profiles';
import { passwordPolicyProblems } from '../../../shared/session';
import { AdminsApi } from '../../scm/admins';
import type { ScmClient } from '../../scm/client';
import { ScmClientError } from '../../scm/errors';
import type { ProfileService } from '../profiles';
import type { SandboxRunner } from '../sandboxRunner';
import { SessionError } from './error';

/** Wrong current passwords in a row before a change needs a new sign-in. */
const maxWrongCurrentPasswords = 5;

/** A strong password that meets SCM's policy: 20 characters from every class. */
export function generatePassword(login: string): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@_~'];
  const all = classes.join('');
  for (;;) {
    const characters = classes.map((set) => set[randomInt(set.length)]!);
    while (characters.length < 20) characters.push(all[randomInt(all.length)]!);
    for (let i = characters.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [characters[i], characters[j]] = [characters[j]!, characters[i]!];
    }
    const candidate = characters.join('');
    if (passwordPolicyProblems(candidate, login).length === 0) return candidate;
  }
}

/** Compares a typed password with the stored one without telling, by timing, how much matched. */
function samePassword(typed: string, stored: string): boolean {
  const a = createHash('sha256').update(typed).digest();
  const b = createHash('sha256').update(stored).digest();
  return timingSafeEqual(a, b);
}

/**
 * The confirmation a script cannot give: the password in use now. Checked
 * before anything reaches SCM, so a wrong one never counts as a failed
 * sign-in there; after a few wrong ones, a new sign-in is needed.
 */
export class CurrentPasswordCheck {
  #wrong = 0;

  /** A new sign-in starts the count again. */
  reset(): void {
    this.#wrong = 0;
  }

  confirm(typed: string | undefined, current: string): void {
    if (this.#wrong >= maxWrongCurrentPasswords) {
      throw new SessionError({ kind: 'auth', message: 'The current password was wrong too many times. Sign out and in again before you change the password.', anchor: 'connecting#change-password', field: 'currentPassword' });
    }
    if (typed === undefined || typed === '') {
      throw new SessionError({ kind: 'validation', message: 'Enter the current password: the console asks for it before it changes the password.', anchor: 'connecting#change-password', field: 'currentPassword' });
    }
    if (!samePassword(typed, current)) {
      this.#wrong += 1;
      throw new SessionError({ kind: 'validation', message: 'That is not the current password. Nothing was sent to SCM.', anchor: 'connecting#change-password', field: 'currentPassword' });
    }
    this.#wrong = 0;
  }
}

export interface PasswordChangeContext {
  profiles: ProfileService;
  sandbox: SandboxRunner;
  check: CurrentPasswordCheck;
  /** A client that signs in as the profile with the given password. */
  clientWith(profile: StoredProfile, password: () => Promise<string>): Promise<ScmClient>;
}

/**
 * Changes an admin's own password in SCM and in the credential store: the one
 * given, or a generated one. The person must type the current password unless
 * a generated one goes straight into the keychain, seen by nobody. The new
 * password is stored before SCM is asked, and the old one put back if SCM
 * refuses, so a password SCM holds is never lost. Answers the new password.
 */
export async function changeOwnPassword(context: PasswordChangeContext, profile: StoredProfile, change: { newPassword?: string; currentPassword?: string }): Promise<string> {
  const { profiles, sandbox } = context;
  const generated = change.newPassword === undefined;
  const candidate = change.newPassword ?? generatePassword(profile.login);
  const broken = passwordPolicyProblems(candidate, profile.login);
  if (broken.length > 0) {
    throw new SessionError({ kind: 'validation', message: `The new password needs ${broken.join(', ')}.`, anchor: 'connecting#change-password', field: 'newPassword' });
  }
  const practice = profile.kind === 'sandbox';
  // A sandbox login's password is the seed's until the profile changes it; then it is kept like a profile's.
  const stored = practice ? await profiles.sandboxSecret(profile.login) : await profiles.secret(profile.id);
  const old = practice ? (stored ?? (await sandbox.passwordOf(profile.login))) : stored;
  if (old === undefined) throw new SessionError({ kind: 'auth', message: 'No password is stored for this profile.', anchor: 'connecting#keychain' });
  if (!generated || profiles.secretStore !== 'keychain') context.check.confirm(change.currentPassword, old);
  if (practice) await profiles.setSandboxSecret(profile.login, candidate);
  else await profiles.setSecret(profile.id, candidate);
  // The change is signed with the old password, which the keychain no longer holds.
  const changer = await context.clientWith(profile, async () => old);
  try {
    await new AdminsApi(changer).changePassword(candidate);
  } catch (error) {
    const tookEffect = error instanceof ScmClientError && error.outcomeUnknown ? await works(context, profile, candidate) : false;
    if (!tookEffect) {
      if (practice) await profiles.setSandboxSecret(profile.login, stored ?? null);
      else await profiles.setSecret(profile.id, old);
      if (error instanceof ScmClientError) throw new SessionError(error.toAppError());
      throw error;
    }
  } finally {
    await changer.close();
  }
  return candidate;
}

/** Whether SCM takes a password: asked after a change whose answer was lost. */
async function works(context: PasswordChangeContext, profile: StoredProfile, password: string): Promise<boolean> {
  const client = await context.clientWith(profile, async () => password);
  try {
    await new AdminsApi(client).passwordStatus();
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

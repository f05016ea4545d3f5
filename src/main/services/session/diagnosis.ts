import type { StoredProfile } from '../../../shared/profiles';
import type { AdminDetails } from '../../../shared/scm/types';
import type { SignInProblem } from '../../../shared/session';
import { AdminsApi } from '../../scm/admins';
import type { ScmClient } from '../../scm/client';
import { ScmClientError } from '../../scm/errors';
import type { ProfileService } from '../profiles';
import { SessionError } from './error';
import { networkProblem, problem } from './problems';

/** The sandbox locks an admin after this many failures; real tenants do not publish theirs. */
const manyFailures = 5;
/** The sandbox admin whose view of the practice tenant explains another admin's refusal. */
const sandboxPeerLogin = 'mrao';

/** What a diagnosis may use to look at the refused admin's record from another profile. */
export interface PeerAccess {
  profiles: ProfileService;
  /** A client that signs in as a profile with its stored secret. */
  clientFor(profile: StoredProfile): Promise<ScmClient>;
}

/**
 * Works out why SCM refused a sign-in. SCM answers -16 to most causes, so the
 * console asks what it can: the password state (in the client), and, where
 * another profile reaches the same tenant, that admin's record.
 */
export async function diagnoseSignIn(error: unknown, profile: StoredProfile, peers: PeerAccess): Promise<SignInProblem> {
  if (error instanceof SessionError) return problem('no-secret');
  if (!(error instanceof ScmClientError)) return problem('other', [], undefined, { explanation: 'The sign-in failed unexpectedly.', variant: 'unexpected' });
  const code = error.code;
  if (error.kind === 'expired-password') return problem('expired-password', [], code);
  if (code === -410) return problem('unknown-customer', [], code);
  if (error.network !== undefined || error.kind === 'network' || error.kind === 'timeout') return networkProblem(error);
  if (error.kind === 'protocol' || error.status === 404 || error.status === 405) return problem('not-scm', [], code);
  if (error.kind !== 'auth') {
    return problem('other', [], code, {
      title: 'SCM refused the sign-in',
      explanation: error.reason,
      steps: error.hint === undefined ? [] : [error.hint],
      anchor: error.anchor,
      variant: 'refused',
      params: { reason: error.reason, kind: error.kind },
    });
  }
  if (profile.authKind === 'oauth2') {
    return problem('wrong-password', [], code, {
      title: 'The client ID or secret was refused',
      explanation: error.reason,
      steps: ['Check the client ID and enter the client secret again.'],
      anchor: 'connecting#auth-kinds',
      variant: 'oauth2-refused',
    });
  }
  const record = await peerLookup(profile, peers);
  if (record === 'unknown-login') return problem('unknown-login', [], code);
  if (record !== undefined) {
    if (record.type === 'IDP' || record.type === 'SAS') return problem('idp-only', [], code);
    if (record.activeStatus === 'SUSPENDED') return problem('suspended', [], code);
    if ((record.failedAttempts ?? 0) >= manyFailures) return problem('locked', ['wrong-password'], code);
    if (record.passwordState === 'EXPIRED') return problem('expired-password', [], code);
    return problem('wrong-password', ['locked'], code);
  }
  const workedBefore = profile.lastSignIn !== undefined && (profile.secretChanged === undefined || profile.secretChanged < profile.lastSignIn);
  // SCM refused the password itself: whatever the cause, sending it again only adds a failed attempt.
  return workedBefore
    ? problem('other', ['locked', 'suspended', 'wrong-password', 'expired-password'], code, {
        title: 'SCM refused a password that worked before',
        explanation: `The same password worked on ${profile.lastSignIn!.slice(0, 10)}. SCM answers “Unknown user” (-16) whatever the cause, so the console cannot tell which of these it is.`,
        retry: false,
        variant: 'worked-before',
        params: { date: profile.lastSignIn!.slice(0, 10) },
      })
    : problem('other', ['wrong-password', 'unknown-customer', 'unknown-login', 'idp-only', 'locked', 'expired-password'], code, { retry: false });
}

/** The refused admin's record, read through another profile that reaches the same tenant. */
async function peerLookup(profile: StoredProfile, peers: PeerAccess): Promise<AdminDetails | 'unknown-login' | undefined> {
  const candidates: StoredProfile[] = [];
  if (profile.kind === 'sandbox') {
    if (profile.login !== sandboxPeerLogin) candidates.push({ ...profile, login: sandboxPeerLogin });
  } else {
    const { profiles } = await peers.profiles.list();
    for (const other of profiles) {
      if (other.id !== profile.id && other.kind === 'scm' && other.authKind !== 'oauth2' && other.host === profile.host && other.customerUri === profile.customerUri && other.secret !== 'missing' && other.secretRefused === undefined) {
        candidates.push(other);
      }
    }
  }
  for (const candidate of candidates.slice(0, 2)) {
    const client = await peers.clientFor(candidate);
    try {
      const admins = new AdminsApi(client);
      const found = await admins.findByLogin(profile.login);
      if (found === undefined) return 'unknown-login';
      return await admins.get(found.id);
    } catch {
      continue;
    } finally {
      await client.close();
    }
  }
  return undefined;
}

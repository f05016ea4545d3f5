import type { Session } from '../../../../shared/session';
import { tenantOf, useSessionStore } from './store';
import { PracticeBadge } from './PracticeBadge';
import { ProfileSwitcher } from './ProfileSwitcher';

function statusText(session: Session | null, signingInto: string | undefined): string {
  if (signingInto !== undefined) return `Signing in to ${signingInto}…`;
  if (session === null) return '';
  switch (session.status) {
    case 'signed-in':
      return `Signed in as ${session.identity?.login ?? 'the profile’s admin'}`;
    case 'failed':
      return `Not signed in: ${session.problem?.title ?? 'the sign-in failed'}`;
    case 'password-expired':
      return 'Password expired';
    case 'signed-out':
      return 'Signed out';
  }
}

/** Who the console works as, always in view: profile, tenant, practice or not, and the session's state. */
export function SessionBar() {
  const session = useSessionStore((state) => state.session);
  const signingInto = useSessionStore((state) => state.profiles.find((profile) => profile.id === state.signingIn)?.name);
  const current = useSessionStore((state) => state.profiles.find((profile) => profile.id === (state.session?.profileId ?? state.activeId)));
  const inSession = session !== null && session.profileId !== null;
  const tenant = inSession ? session.tenant : current === undefined ? null : tenantOf(current);
  const practice = inSession ? session.practice : current?.kind === 'sandbox';

  return (
    <div className="session-bar">
      <ProfileSwitcher />
      {practice ? <PracticeBadge /> : null}
      {tenant === null ? null : <span className="session-tenant">{tenant}</span>}
      <span className={`session-status status-${signingInto === undefined ? (session?.status ?? 'loading') : 'signing-in'}`} aria-live="polite">
        {signingInto === undefined ? null : <span className="spinner" aria-hidden="true" />}
        {statusText(session, signingInto)}
      </span>
    </div>
  );
}

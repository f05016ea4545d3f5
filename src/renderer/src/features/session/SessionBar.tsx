import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Session, SignInProblem } from '../../../../shared/session';
import { i18next } from '../../lib/i18n';
import { tenantOf, useSessionStore } from './store';
import { PracticeBadge } from './PracticeBadge';
import { ProfileSwitcher } from './ProfileSwitcher';

/** A sign-in problem's title as the Home page words it; main's English where the catalogue has none. */
function problemTitle(problem: SignInProblem, t: TFunction): string {
  const variant = problem.variant ?? problem.cause;
  const key = [`home.problems.${variant}.title`, `home.problems.${problem.cause}.title`].find((candidate) => i18next.exists(candidate));
  return key === undefined ? problem.title : t(key as never, problem.params ?? {});
}

function statusText(session: Session | null, signingInto: string | undefined, t: TFunction): string {
  if (signingInto !== undefined) return t('session.status.signingIn', { name: signingInto });
  if (session === null) return '';
  switch (session.status) {
    case 'signed-in':
      return session.identity === null ? t('session.status.signedInUnnamed') : t('session.status.signedIn', { login: session.identity.login });
    case 'failed':
      return session.problem === null ? t('session.status.failedUnexplained') : t('session.status.failed', { reason: problemTitle(session.problem, t) });
    case 'password-expired':
      return t('session.status.passwordExpired');
    case 'signed-out':
      return t('session.status.signedOut');
  }
}

/** Who the console works as, always in view: profile, tenant, practice or not, and the session's state. */
export function SessionBar() {
  const { t } = useTranslation();
  const session = useSessionStore((state) => state.session);
  const signingInto = useSessionStore((state) => state.profiles.find((profile) => profile.id === state.signingIn)?.name);
  const current = useSessionStore((state) => state.profiles.find((profile) => profile.id === (state.session?.profileId ?? state.activeId)));
  const inSession = session !== null && session.profileId !== null;
  // The profile words its tenant in the user's language; main's wording serves until the profiles have loaded.
  const tenant = current !== undefined ? tenantOf(current) : inSession ? session.tenant : null;
  const practice = inSession ? session.practice : current?.kind === 'sandbox';

  return (
    <div className="session-bar">
      <ProfileSwitcher />
      {practice ? <PracticeBadge /> : null}
      {tenant === null ? null : <span className="session-tenant">{tenant}</span>}
      <span className={`session-status status-${signingInto === undefined ? (session?.status ?? 'loading') : 'signing-in'}`} aria-live="polite">
        {signingInto === undefined ? null : <span className="spinner" aria-hidden="true" />}
        {statusText(session, signingInto, t)}
      </span>
    </div>
  );
}

import { useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useId, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidate } from '../../lib/query';
import { StatusMessage } from '../../ui/StatusMessage';
import { AttentionSummary } from './AttentionSummary';
import { HealthPanel } from './HealthPanel';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PracticeBadge } from '../session/PracticeBadge';
import { SandboxControls } from './SandboxControls';
import { SessionDetails } from './SessionDetails';
import { SecretReentry } from './SecretReentry';
import { ShownPassword } from './ShownPassword';
import { SignInProblemView } from './SignInProblemView';
import { tenantOf, useSessionStore, type PasswordChangeOutcome } from '../session/store';

/**
 * The password form, with its form library, comes when it is first shown
 * (a password that has expired, or the button), not with every start.
 */
const LazyPasswordChange = lazy(() => import('./PasswordChange').then(({ PasswordChange }) => ({ default: PasswordChange })));

function PasswordChange(props: ComponentProps<typeof LazyPasswordChange>) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>
      <LazyPasswordChange {...props} />
    </Suspense>
  );
}

/** The session at a glance: who the console works as, where, and what to do when SCM said no. */
export function HomePage() {
  const session = useSessionStore((state) => state.session);
  const profilesLoaded = useSessionStore((state) => state.profilesLoaded);
  const lastError = useSessionStore((state) => state.lastError);
  const signingInto = useSessionStore((state) => state.profiles.find((profile) => profile.id === state.signingIn));
  const signingOut = useSessionStore((state) => state.signingOut);
  const profile = useSessionStore((state) => state.profiles.find((candidate) => candidate.id === (state.session?.profileId ?? state.activeId)));
  const signIn = useSessionStore((state) => state.signIn);
  const signOut = useSessionStore((state) => state.signOut);
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);
  /** Where the changed password went, to say so truthfully; null before a change. */
  const [changed, setChanged] = useState<PasswordChangeOutcome['keptIn'] | null>(null);
  /** A generated password with no keychain to keep it, until the person has kept it. */
  const [shownPassword, setShownPassword] = useState<string | null>(null);
  const changedTo = (outcome: PasswordChangeOutcome): void => {
    setChanged(outcome.keptIn);
    setShownPassword(outcome.generatedPassword ?? null);
    // A new password has a new expiry: what needs attention changes with it.
    void invalidate('attention:summary');
  };
  const openPasswordChange = (): void => {
    setChanged(null);
    setChanging(true);
  };
  const problemId = useId();

  const loading = session === null || !profilesLoaded;
  const canChangePassword = profile?.authKind === 'password';

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title')}</h1>
      {lastError === null ? null : <ErrorMessage error={lastError} />}
      {loading ? (
        lastError === null ? <p aria-busy="true">{t('app.loading')}</p> : null
      ) : (
        <>
          {profile === undefined ? null : (
            <p className="session-heading">
              <span className="session-profile">{profile.name}</span> {session.practice || profile.kind === 'sandbox' ? <PracticeBadge /> : null}{' '}
              <span className="session-tenant">{session.tenant ?? tenantOf(profile)}</span>
            </p>
          )}
          {profile?.kind === 'sandbox' ? (
            <p className="lead">{t('home.sandboxLead')}</p>
          ) : null}

          {signingInto !== undefined ? (
            <div className="progress" aria-busy="true">
              <p>{t('home.signingIn', { name: signingInto.name })}</p>
              <progress aria-label={t('home.signingIn', { name: signingInto.name })} />
            </div>
          ) : session.status === 'signed-out' ? (
            <div className="panel">
              <h2>{t('home.notSignedIn')}</h2>
              <p>{t('home.chooseProfile')}</p>
              <p className="form-actions">
                {profile === undefined ? null : (
                  <button type="button" className="primary" onClick={() => void signIn(profile.id)}>
                    {t('home.signInTo', { name: profile.name })}
                  </button>
                )}
                <button type="button" onClick={() => void navigate({ to: '/settings/profiles' })}>
                  {t('home.manageProfiles')}
                </button>
              </p>
            </div>
          ) : session.status === 'failed' && session.problem !== null ? (
            <section className="panel problem-panel" aria-labelledby={problemId}>
              <SignInProblemView problem={session.problem} headingId={problemId} />
              {/* After SCM refused the secret, sending it again only counts towards a lock: the way on is to enter it. */}
              {!session.problem.retry && profile !== undefined && session.problem.cause !== 'idp-only' ? <SecretReentry profile={profile} /> : null}
              <p className="form-actions">
                {session.profileId === null || !session.problem.retry ? null : (
                  <button type="button" className="primary" onClick={() => void signIn(session.profileId!)}>
                    {t('home.tryAgain')}
                  </button>
                )}
                {profile === undefined || profile.kind === 'sandbox' ? null : (
                  <button type="button" onClick={() => void navigate({ to: '/settings/profiles/$profileId', params: { profileId: profile.id } })}>
                    {t('home.editProfile')}
                  </button>
                )}
              </p>
            </section>
          ) : session.status === 'password-expired' ? (
            <>
              {session.problem === null ? null : (
                <section className="panel problem-panel" aria-labelledby={problemId}>
                  <SignInProblemView problem={session.problem} headingId={problemId} />
                </section>
              )}
              <PasswordChange login={profile?.login ?? session.identity?.login ?? ''} required practice={session.practice} onChanged={changedTo} />
            </>
          ) : session.status === 'signed-in' && session.identity !== null ? (
            <>
              {shownPassword === null ? null : <ShownPassword password={shownPassword} onKept={() => setShownPassword(null)} />}
              <AttentionSummary onChangePassword={canChangePassword ? openPasswordChange : undefined} />
              <SessionDetails identity={session.identity} password={session.password} profile={profile} />
              <p className="form-actions">
                <button type="button" onClick={() => void signOut()} disabled={signingOut}>
                  {signingOut ? t('home.signingOut') : t('home.signOut')}
                </button>
                {canChangePassword && !changing ? (
                  <button type="button" onClick={openPasswordChange}>
                    {t('home.changePassword')}
                  </button>
                ) : null}
              </p>
              {/* The outcome of a password change, where the button that started it is. */}
              <StatusMessage>{changed === 'keychain' ? t('home.changedKeychain') : changed === 'session' ? t('home.changedSession') : ''}</StatusMessage>
              {changing ? (
                <PasswordChange
                  login={session.identity.login}
                  required={false}
                  practice={session.practice}
                  onCancel={() => setChanging(false)}
                  onChanged={(outcome) => {
                    setChanging(false);
                    changedTo(outcome);
                  }}
                />
              ) : null}
              <HealthPanel />
            </>
          ) : null}

          {profile?.kind === 'sandbox' && signingInto === undefined ? <SandboxControls profile={profile} /> : null}
        </>
      )}
    </section>
  );
}

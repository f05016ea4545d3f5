import { useTranslation } from 'react-i18next';
import type { SignInCause, SignInProblem } from '../../../../shared/session';
import { i18next } from '../../lib/i18n';
import { useHandbookStore } from '../handbook/store';
import type { homeEn } from './messages';

/** Where the handbook explains each cause SCM cannot tell apart. */
const causeAnchors: Record<SignInCause, string> = {
  'wrong-password': 'connecting#sign-in-wrong-password',
  'unknown-login': 'connecting#sign-in-wrong-password',
  locked: 'connecting#sign-in-locked',
  suspended: 'connecting#sign-in-locked',
  'expired-password': 'connecting#sign-in-expired-password',
  'idp-only': 'connecting#sign-in-idp-only',
  'unknown-customer': 'connecting#sign-in-unknown-customer',
  'not-scm': 'connecting#profiles',
  unreachable: 'connecting#sign-in-unreachable',
  held: 'connecting#sign-in-wrong-password',
  'no-secret': 'connecting#keychain',
  keychain: 'connecting#keychain',
  other: 'connecting#sign-in-failures',
};

type ProblemKey = keyof typeof homeEn.problems;

/** Variants whose English text from main holds specifics (a host, SCM's words) worth showing as they are. */
const detailedVariants = new Set(['refused', 'unexpected', 'network-dns', 'network-refused', 'network-tls', 'network-timeout', 'network-reset', 'network-too-large', 'oauth2-refused']);

interface SignInProblemViewProps {
  problem: SignInProblem;
  headingId: string;
}

/** Why a sign-in failed, what to do about it in order, and what else it may be; in the user's language. */
export function SignInProblemView({ problem, headingId }: SignInProblemViewProps) {
  const { t } = useTranslation();
  const openPanel = useHandbookStore((state) => state.openPanel);
  const variant = problem.variant ?? problem.cause;
  const key = (i18next.exists(`home.problems.${variant}.title`) ? variant : problem.cause) as ProblemKey;
  const params = problem.params ?? {};
  const steps = (['s1', 's2', 's3', 's4'] as const).flatMap((step) => (i18next.exists(`home.problems.${key}.${step}`) ? [t(`home.problems.${key}.${step}` as never, params)] : []));
  // SCM's own hint, where the problem is its refusal: there are no steps of ours then.
  const shownSteps = steps.length === 0 ? problem.steps : steps;
  return (
    <div className="problem" data-cause={problem.cause}>
      <h2 id={headingId}>{t(`home.problems.${key}.title` as never, params)}</h2>
      <p>{t(`home.problems.${key}.explanation` as never, params)}</p>
      {detailedVariants.has(variant) && problem.explanation !== '' ? <p className="error-detail">{t('home.problem.details', { text: problem.explanation })}</p> : null}
      {problem.code === undefined ? null : <p className="problem-code">{t('home.problem.code', { code: problem.code })}</p>}
      {shownSteps.length === 0 ? null : (
        <>
          <h3>{t('home.problem.whatToDo')}</h3>
          <ol className="problem-steps">
            {shownSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      )}
      <p>
        <button type="button" className="link-button" onClick={() => openPanel(problem.anchor)}>
          {t('common.whatThisMeans')}
        </button>
      </p>
      {problem.alsoPossible.length === 0 ? null : (
        <>
          <h3>{t('home.problem.alsoPossible')}</h3>
          <p className="field-hint">{t('home.problem.alsoPossibleHint')}</p>
          <ul className="also-possible">
            {problem.alsoPossible.map((cause) => (
              <li key={cause}>
                <button type="button" className="link-button" onClick={() => openPanel(causeAnchors[cause])}>
                  {t(`home.causes.${cause}`)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

import type { SignInCause, SignInProblem } from '../../../../shared/session';
import { useHandbookStore } from '../handbook/store';

/** Short names for the causes SCM cannot tell apart, and where the handbook explains each. */
const causes: Record<SignInCause, { name: string; anchor: string }> = {
  'wrong-password': { name: 'Wrong password', anchor: 'connecting#sign-in-wrong-password' },
  'unknown-login': { name: 'No admin with this login', anchor: 'connecting#sign-in-wrong-password' },
  locked: { name: 'Locked account', anchor: 'connecting#sign-in-locked' },
  suspended: { name: 'Suspended account', anchor: 'connecting#sign-in-locked' },
  'expired-password': { name: 'Expired or temporary password', anchor: 'connecting#sign-in-expired-password' },
  'idp-only': { name: 'Admin who signs in only through an identity provider', anchor: 'connecting#sign-in-idp-only' },
  'unknown-customer': { name: 'Wrong customer URI', anchor: 'connecting#sign-in-unknown-customer' },
  'not-scm': { name: 'A host that is not SCM', anchor: 'connecting#profiles' },
  unreachable: { name: 'SCM not reachable', anchor: 'errors#kind-network' },
  held: { name: 'A password SCM refused before', anchor: 'connecting#sign-in-wrong-password' },
  'no-secret': { name: 'No secret stored', anchor: 'connecting#keychain' },
  keychain: { name: 'Keychain not answering', anchor: 'connecting#keychain' },
  other: { name: 'Another cause', anchor: 'connecting#sign-in-failures' },
};

interface SignInProblemViewProps {
  problem: SignInProblem;
  headingId: string;
}

/** Why a sign-in failed, what to do about it in order, and what else it may be. */
export function SignInProblemView({ problem, headingId }: SignInProblemViewProps) {
  const openPanel = useHandbookStore((state) => state.openPanel);
  return (
    <div className="problem" data-cause={problem.cause}>
      <h2 id={headingId}>{problem.title}</h2>
      <p>{problem.explanation}</p>
      {problem.code === undefined ? null : <p className="problem-code">SCM answered with code {problem.code}.</p>}
      {problem.steps.length === 0 ? null : (
        <>
          <h3>What to do</h3>
          <ol className="problem-steps">
            {problem.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      )}
      <p>
        <button type="button" className="link-button" onClick={() => openPanel(problem.anchor)}>
          What this means
        </button>
      </p>
      {problem.alsoPossible.length === 0 ? null : (
        <>
          <h3>Also possible</h3>
          <p className="field-hint">SCM gives the same answer for these; most likely first.</p>
          <ul className="also-possible">
            {problem.alsoPossible.map((cause) => (
              <li key={cause}>
                <button type="button" className="link-button" onClick={() => openPanel(causes[cause].anchor)}>
                  {causes[cause].name}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

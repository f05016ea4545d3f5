import type { SignInCause, SignInProblem } from '../../../shared/session';
import type { NetworkCause, ScmClientError } from '../../scm/errors';

/** What the console says about each reason a sign-in failed: what it means, what to do, where to read more. */
const problems: Record<SignInCause, { title: string; explanation: string; steps: string[]; anchor: string }> = {
  'wrong-password': {
    title: 'Wrong password',
    explanation: 'SCM knows this admin, but the password the profile holds is not theirs.',
    steps: [
      'Enter the password again; the new one replaces the stored one.',
      'Make sure it is this admin’s password: a web-interface admin and an API admin have different ones.',
      'The console will not send the refused password again: failed attempts count towards a lock.',
    ],
    anchor: 'connecting#sign-in-wrong-password',
  },
  'unknown-login': {
    title: 'No admin with this login',
    explanation: 'The tenant is right (another profile reached it), but it has no admin with this login.',
    steps: ['Compare the login in the profile with the admin record, character by character.', 'Ask an RAO whether the admin exists in this tenant.'],
    anchor: 'connecting#sign-in-wrong-password',
  },
  locked: {
    title: 'The account is locked',
    explanation: 'SCM has counted many failed sign-ins for this admin, and then refuses even the right password.',
    steps: [
      'Stop every script and profile that uses this account, or it locks again at once.',
      'Ask your MRAO to unlock it, giving your login and customer URI, never the password.',
    ],
    anchor: 'connecting#sign-in-locked',
  },
  suspended: {
    title: 'The account is suspended',
    explanation: 'The admin exists but has been switched off.',
    steps: ['Ask an RAO who may edit your admin to set it active again.'],
    anchor: 'connecting#sign-in-locked',
  },
  'expired-password': {
    title: 'The password has expired',
    explanation: 'SCM accepts only a password change until a new password is set. A new admin’s temporary password may count as expired too.',
    steps: ['Change the password here; the console stores the new one in the keychain.', 'Update every script that uses this account.'],
    anchor: 'connecting#sign-in-expired-password',
  },
  'idp-only': {
    title: 'This admin signs in only through an identity provider',
    explanation: 'Admins of type IDP cannot use the REST API at all, so SCM refuses any password.',
    steps: ['Use a separate admin of type API for the console and for scripts.', 'An RAO can create one: see the API admin procedure.'],
    anchor: 'connecting#sign-in-idp-only',
  },
  'unknown-customer': {
    title: 'Unknown customer URI',
    explanation: 'SCM has no customer with this URI on this host.',
    steps: ['Copy the part after /customer/ from your SCM login address.', 'Check that the host matches that address (for example hard.cert-manager.com).'],
    anchor: 'connecting#sign-in-unknown-customer',
  },
  'not-scm': {
    title: 'The host does not answer like SCM',
    explanation: 'Something answered at this address, but not the SCM REST API.',
    steps: ['Check the host in the profile: use the host of your SCM login address, such as cert-manager.com.'],
    anchor: 'connecting#profiles',
  },
  unreachable: {
    title: 'SCM could not be reached',
    explanation: 'The console got no answer from the host.',
    steps: ['Check the network connection and the host in the profile.', 'See whether SCM itself is down.'],
    anchor: 'errors#kind-network',
  },
  held: {
    title: 'The console did not send the password again',
    explanation: 'SCM refused this password before. Each refused attempt counts towards a lock of the account, so the console does not repeat it.',
    steps: [
      'Enter the password again. If it was right and the account was locked or suspended, enter the same one once it is unlocked.',
      'If you do not know the password, ask an admin above you (your RAO, or the MRAO for an RAO) to reset it.',
    ],
    anchor: 'connecting#sign-in-wrong-password',
  },
  'no-secret': {
    title: 'No secret is stored for this profile',
    explanation: 'The profile has no password (or key, or client secret) in the keychain yet.',
    steps: ['Open the profile and type the secret once; it goes straight into the keychain.'],
    anchor: 'connecting#keychain',
  },
  keychain: {
    title: 'The keychain did not answer',
    explanation: 'The console could not read the secret from the operating system’s keychain.',
    steps: ['Unlock the keychain (on Linux: the login keyring) and try again.'],
    anchor: 'connecting#keychain',
  },
  other: {
    title: 'SCM did not accept the sign-in',
    explanation: 'SCM answers “Unknown user” (-16) to several different problems and does not say which one it is.',
    steps: ['Work through the possible causes below, most likely first.'],
    anchor: 'connecting#sign-in-failures',
  },
};

/** Causes where SCM refused the secret itself: sending it again only adds a failed attempt. */
const secretRefusedCauses: ReadonlySet<SignInCause> = new Set(['wrong-password', 'unknown-login', 'locked', 'suspended', 'idp-only', 'held']);

export function problem(cause: SignInCause, alsoPossible: SignInCause[] = [], code?: number, override?: Partial<SignInProblem>): SignInProblem {
  return { cause, ...problems[cause], alsoPossible, ...(code === undefined ? {} : { code }), retry: !secretRefusedCauses.has(cause), ...override };
}

/** What to check for each way the network can fail, in the order most worth trying. */
const networkProblems: Record<NetworkCause, { title: string; steps: string[] }> = {
  dns: {
    title: 'The host name was not found',
    steps: ['Check the spelling of the host in the profile (for most tenants cert-manager.com).', 'Check that this computer can look up names: other sites, the VPN, the DNS settings.'],
  },
  refused: {
    title: 'The host refused the connection',
    steps: ['Check the host in the profile: SCM answers on https, port 443.', 'A firewall or proxy may block the connection: ask whoever runs your network.'],
  },
  tls: {
    title: 'The secure connection failed',
    steps: [
      'Check the host in the profile: it must be the SCM host itself, not a page in front of it.',
      'A proxy that inspects TLS is refused: the console trusts the public CAs it comes with, not this computer’s list. Ask for SCM’s host to pass the proxy uninspected.',
      'Check this computer’s date and time: a wrong clock makes valid certificates look expired.',
    ],
  },
  timeout: {
    title: 'SCM did not answer in time',
    steps: ['Try again in a minute: SCM may be slow right now.', 'Check the network, the VPN or the proxy between this computer and SCM.'],
  },
  reset: {
    title: 'The connection broke',
    steps: ['Try again. If it keeps breaking, a proxy or firewall may be cutting connections.'],
  },
  'too-large': {
    title: 'The host answered with far too much',
    steps: ['Check the host in the profile: SCM never sends this much for a sign-in.'],
  },
};

export function networkProblem(error: ScmClientError): SignInProblem {
  const cause = error.network ?? (error.kind === 'timeout' ? 'timeout' : 'reset');
  return problem('unreachable', [], error.code, { ...networkProblems[cause], explanation: error.reason, anchor: error.anchor, variant: `network-${cause}` });
}

/** The title bar's session: who the console works as, where, and in what state. */
export const sessionEn = {
  practice: 'Practice',
  practiceTitle: 'The built-in sandbox: practice, not a real tenant',
  profile: 'Profile:',
  noProfile: 'No profile',
  menu: 'Sign in to a profile',
  manage: 'Manage profiles…',
  manageAll: 'Find among all {{count, number}} profiles…',
  status: {
    signingIn: 'Signing in to {{name}}…',
    signedIn: 'Signed in as {{login}}',
    signedInUnnamed: 'Signed in as the profile’s admin',
    failed: 'Not signed in: {{reason}}',
    failedUnexplained: 'Not signed in: the sign-in failed',
    passwordExpired: 'Password expired',
    signedOut: 'Signed out',
  },
  tenant: {
    sandbox: '{{customerUri}} @ built-in sandbox',
    oauth2: 'OAuth2 client @ {{host}}',
    scm: '{{customerUri}} @ {{host}}',
  },
};

/** The session's own refusals, before anything reaches main; `errors.session.<key>`. */
export const sessionErrorsEn = {
  signInFirst: { message: 'Sign in to a profile before changing its password.' },
  sandboxMissing: { message: 'The Sandbox profile is missing; reload the console.' },
};

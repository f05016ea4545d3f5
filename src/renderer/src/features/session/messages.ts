import type { Catalogue } from '../../lib/catalogue';

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

export const sessionSv: Catalogue<typeof sessionEn> = {
  practice: 'Övning',
  practiceTitle: 'Den inbyggda övningsmiljön: för att öva, inte en riktig kund',
  profile: 'Profil:',
  noProfile: 'Ingen profil',
  menu: 'Logga in på en profil',
  manage: 'Hantera profiler…',
  manageAll: 'Sök bland alla {{count, number}} profiler…',
  status: {
    signingIn: 'Loggar in på {{name}}…',
    signedIn: 'Inloggad som {{login}}',
    signedInUnnamed: 'Inloggad som profilens administratör',
    failed: 'Inte inloggad: {{reason}}',
    failedUnexplained: 'Inte inloggad: inloggningen misslyckades',
    passwordExpired: 'Lösenordet har gått ut',
    signedOut: 'Utloggad',
  },
  tenant: {
    sandbox: '{{customerUri}} @ inbyggd övningsmiljö',
    oauth2: 'OAuth2-klient @ {{host}}',
    scm: '{{customerUri}} @ {{host}}',
  },
};

/** The session's own refusals, before anything reaches main; `errors.session.<key>`. */
export const sessionErrorsEn = {
  signInFirst: { message: 'Sign in to a profile before changing its password.' },
  sandboxMissing: { message: 'The Sandbox profile is missing; reload the console.' },
};

export const sessionErrorsSv: Catalogue<typeof sessionErrorsEn> = {
  signInFirst: { message: 'Logga in på en profil innan du byter dess lösenord.' },
  sandboxMissing: { message: 'Profilen Sandbox saknas; läs in konsolen igen.' },
};

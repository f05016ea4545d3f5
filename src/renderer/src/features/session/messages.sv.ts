import type { Catalogue } from '../../lib/catalogue';
import type { sessionEn, sessionErrorsEn } from './messages';

/** The Swedish of `messages.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
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

export const sessionErrorsSv: Catalogue<typeof sessionErrorsEn> = {
  signInFirst: { message: 'Logga in på en profil innan du byter dess lösenord.' },
  sandboxMissing: { message: 'Profilen Sandbox saknas; läs in konsolen igen.' },
};

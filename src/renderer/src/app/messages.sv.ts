import type { Catalogue } from '../lib/catalogue';
import type { appEn } from './messages';

/** The Swedish of `messages.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
export const appSv: Catalogue<typeof appEn> = {
  product: 'TCS Admin Console',
  skipToContent: 'Hoppa till innehållet',
  searchHandbook: 'Sök i handboken',
  mainNavigation: 'Huvudmeny',
  nav: {
    home: 'Start',
    checklists: 'Checklistor',
    certificates: 'Certifikat',
    admins: 'Administratörer',
    organizations: 'Organisationer',
    domains: 'Domäner',
    notifications: 'Aviseringar',
    audit: 'Granskningslogg',
    handbook: 'Handbok',
    settings: 'Inställningar',
    about: 'Om',
  },
  notFound: {
    title: 'Sidan finns inte',
    text: 'Konsolen har ingen sida på ”{{path}}”. Länken kan vara från en nyare version eller felskriven.',
    home: 'Gå till startsidan',
  },
  notConnected: {
    title: 'Inte ansluten till konsolen',
    why: 'Konsolen ger varje adress till en enda flik, så att inget annat program på datorn kan använda den.',
  },
  loading: 'Läser in…',
  pageFailed: 'Sidan kunde inte läsas in: {{message}}',
  reload: 'Läs in igen',
  runningJobs_one: '{{count}} uppgift pågår',
  runningJobs_other: '{{count}} uppgifter pågår',
  notices: {
    keychainMissing: 'Ingen nyckelring gick att nå ({{reason}}). Hemligheter du skriver sparas bara i minnet under den här körningen och skrivs aldrig till disk; du måste skriva dem igen efter en omstart.',
    settingsUnreadable: 'Dina inställningar gick inte att läsa. Filen sparades som {{keptAs}} och standardvärdena används.',
    profilesUnreadable: 'Dina anslutningsprofiler gick inte att läsa. Filen sparades som {{keptAs}}; bara profilen Övningsmiljö är uppsatt.',
  },
};

import type { Catalogue } from '../lib/catalogue';

export const appEn = {
  product: 'TCS Admin Console',
  skipToContent: 'Skip to content',
  searchHandbook: 'Search the handbook',
  mainNavigation: 'Main',
  nav: {
    home: 'Home',
    checklists: 'Checklists',
    certificates: 'Certificates',
    admins: 'Admins',
    organizations: 'Organizations',
    domains: 'Domains',
    notifications: 'Notifications',
    audit: 'Audit log',
    handbook: 'Handbook',
    settings: 'Settings',
    about: 'About',
  },
  notFound: {
    title: 'No such page',
    text: 'The console has no page at “{{path}}”. The link may be from a newer version, or mistyped.',
    home: 'Go to the Home page',
  },
  notConnected: {
    title: 'Not connected to the console',
    why: 'The console gives each address to one tab only, so that no other program on this computer can use it.',
  },
  loading: 'Loading…',
  pageFailed: 'This page could not be loaded: {{message}}',
  reload: 'Reload',
  runningJobs_one: '{{count}} task running',
  runningJobs_other: '{{count}} tasks running',
  notices: {
    keychainMissing: 'No keychain could be reached ({{reason}}). Secrets you type are kept in memory for this session only and never written to disk; you will have to type them again after a restart.',
    settingsUnreadable: 'Your settings could not be read. The file was kept as {{keptAs}} and the defaults are in use.',
    profilesUnreadable: 'Your connection profiles could not be read. The file was kept as {{keptAs}}; only the Sandbox profile is set up.',
  },
};

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

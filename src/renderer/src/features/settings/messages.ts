import type { Catalogue } from '../../lib/catalogue';

export const settingsEn = {
  title: 'Settings',
  sections: 'Settings sections',
  general: 'General',
  profiles: 'Profiles',
  theme: 'Theme',
  themes: { system: 'Follow the system', light: 'Light', dark: 'Dark' },
  language: 'Language',
  languages: { system: 'Follow the system', en: 'English', sv: 'Svenska (Swedish)' },
};

export const settingsSv: Catalogue<typeof settingsEn> = {
  title: 'Inställningar',
  sections: 'Delar av inställningarna',
  general: 'Allmänt',
  profiles: 'Profiler',
  theme: 'Tema',
  themes: { system: 'Följ systemet', light: 'Ljust', dark: 'Mörkt' },
  language: 'Språk',
  languages: { system: 'Följ systemet', en: 'English (engelska)', sv: 'Svenska' },
};

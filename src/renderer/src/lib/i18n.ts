import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, sv } from './catalogues';

/** The languages the interface speaks. */
export const languages = ['en', 'sv'] as const;
export type Language = (typeof languages)[number];

/** What the user chose in Settings: a language, or whatever the system speaks. */
export type LanguageChoice = 'system' | Language;

/** The first of the system's preferred languages the console speaks; English otherwise. */
export function systemLanguage(preferred: readonly string[] = navigator.languages ?? [navigator.language]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const match = languages.find((language) => language === base);
    if (match !== undefined) return match;
  }
  return 'en';
}

export function resolveLanguage(choice: LanguageChoice | undefined): Language {
  return choice === undefined || choice === 'system' ? systemLanguage() : choice;
}

/** Starts the catalogues in the system's language; Settings may change it once they have loaded. */
export function startI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, sv: { translation: sv } },
    lng: systemLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...languages],
    // React escapes what it renders; escaping here would show &amp; and the like.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  return i18next;
}

export function setLanguage(choice: LanguageChoice | undefined): void {
  const language = resolveLanguage(choice);
  if (i18next.language !== language) void i18next.changeLanguage(language);
}

/** The current language, for `Intl`. */
export function currentLanguage(): Language {
  return (languages as readonly string[]).includes(i18next.language) ? (i18next.language as Language) : 'en';
}

export { i18next };

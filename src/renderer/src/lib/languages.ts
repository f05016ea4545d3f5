/*
 * Which language the interface speaks, without i18next: the first script reads
 * it too, before the console and its translations are loaded.
 */

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

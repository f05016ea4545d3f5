import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Catalogue } from './catalogue';
import { languages, resolveLanguage, type Language, type LanguageChoice } from './languages';

export { languages, resolveLanguage, systemLanguage, type Language, type LanguageChoice } from './languages';

/**
 * Starts the interface in English, whose strings come with the console at
 * start and stand in for any a translation lacks. Another language
 * comes with `switchLanguage`, once its catalogue has loaded.
 */
export function startI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
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

/** Where each language but English finds its catalogue: a chunk of its own, fetched when first needed. */
const translations: Record<Exclude<Language, 'en'>, () => Promise<Catalogue<typeof en>>> = {
  sv: () => import('./catalogues').then(({ sv }) => sv),
};

/** Each language's catalogue being loaded or loaded, so that it is fetched once. */
const loading = new Map<Language, Promise<void>>();

/** Makes a language's strings available: English has them from the start, Swedish loads its catalogue. */
export function loadCatalogue(language: Language): Promise<void> {
  if (language === 'en' || i18next.hasResourceBundle(language, 'translation')) return Promise.resolve();
  let loaded = loading.get(language);
  if (loaded === undefined) {
    loaded = translations[language]().then((catalogue) => {
      i18next.addResourceBundle(language, 'translation', catalogue, true, true);
    });
    // A catalogue that could not be fetched is tried again the next time it is asked for.
    loaded.catch(() => loading.delete(language));
    loading.set(language, loaded);
  }
  return loaded;
}

/** The language asked for last: a catalogue that arrives after the user chose another does not switch to its own. */
let wanted: Language = 'en';

/**
 * Switches the interface to a choice once its strings have loaded, so that no
 * page shows a mix of languages or English first. The interface stays in the
 * language it speaks if the catalogue cannot be loaded.
 */
export async function switchLanguage(choice: LanguageChoice | undefined): Promise<void> {
  const language = resolveLanguage(choice);
  wanted = language;
  try {
    await loadCatalogue(language);
  } catch {
    return;
  }
  if (wanted === language && i18next.language !== language) await i18next.changeLanguage(language);
}

export function setLanguage(choice: LanguageChoice | undefined): void {
  void switchLanguage(choice);
}

/** The current language, for `Intl`. */
export function currentLanguage(): Language {
  return (languages as readonly string[]).includes(i18next.language) ? (i18next.language as Language) : 'en';
}

export { i18next };

import { create } from 'zustand';
import { splitHandbookRef, type HandbookBundle, type HandbookLanguage, type HandbookPage } from '../../../../shared/handbook';
import type { HandbookHit, HandbookSearcher, searchHandbook as SearchHandbook } from '../../../../shared/handbookSearch';
import { currentLanguage, i18next } from '../../lib/i18n';

export type { HandbookHit };

interface HandbookState {
  /** The handbook in the interface's language, once loaded. */
  bundle: HandbookBundle | null;
  loadFailed: boolean;
  /** The page shown in the side panel, beside the work; null when closed. */
  panel: { page: string; anchor: string | undefined } | null;
  searchOpen: boolean;
  /** Loads the handbook in the interface's language (again when the language has changed). */
  load(): Promise<HandbookBundle | null>;
  openPanel(ref: string): void;
  closePanel(): void;
  openSearch(): void;
  closeSearch(): void;
}

let searcher: HandbookSearcher | null = null;
let search: typeof SearchHandbook | null = null;

// Each language is a chunk of its own, so the app starts without waiting for the handbook.
const importers: Record<HandbookLanguage, () => Promise<{ default: HandbookBundle }>> = {
  en: () => import('virtual:handbook/en'),
  sv: () => import('virtual:handbook/sv'),
};

export const useHandbookStore = create<HandbookState>()((set, get) => ({
  bundle: null,
  loadFailed: false,
  panel: null,
  searchOpen: false,
  async load() {
    const language = currentLanguage();
    const loaded = get().bundle;
    if (loaded !== null && loaded.language === language) return loaded;
    try {
      // The search, its stemmers and stop words load with the handbook, not with the app.
      const [{ default: bundle }, searching] = await Promise.all([importers[language](), import('../../../../shared/handbookSearch')]);
      // The language may have changed again while this one loaded.
      if (currentLanguage() !== language) return get().load();
      searcher = searching.loadHandbookIndex(bundle.searchIndex, language);
      search = searching.searchHandbook;
      set({ bundle, loadFailed: false });
      return bundle;
    } catch {
      set({ loadFailed: true });
      return null;
    }
  },
  openPanel(ref) {
    const { page, anchor } = splitHandbookRef(ref);
    set({ panel: { page, anchor } });
    void get().load();
  },
  closePanel: () => set({ panel: null }),
  openSearch() {
    set({ searchOpen: true });
    void get().load();
  },
  closeSearch: () => set({ searchOpen: false }),
}));

// A handbook already open follows the interface into the other language.
i18next.on('languageChanged', () => {
  if (useHandbookStore.getState().bundle !== null) void useHandbookStore.getState().load();
});

export function findPage(bundle: HandbookBundle, id: string): HandbookPage | undefined {
  return bundle.pages.find((page) => page.id === id);
}

/** Searches the loaded handbook; nothing until it has loaded. */
export function searchHandbook(query: string): HandbookHit[] {
  return searcher === null || search === null ? [] : search(searcher, query);
}

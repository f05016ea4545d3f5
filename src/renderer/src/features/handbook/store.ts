import type MiniSearch from 'minisearch';
import { create } from 'zustand';
import { splitHandbookRef, type HandbookBundle, type HandbookPage } from '../../../../shared/handbook';
import { loadHandbookIndex, searchHandbook as search, type HandbookHit } from '../../../../shared/handbookSearch';

export type { HandbookHit };

interface HandbookState {
  bundle: HandbookBundle | null;
  loadFailed: boolean;
  /** The page shown in the side panel, beside the work; null when closed. */
  panel: { page: string; anchor: string | undefined } | null;
  searchOpen: boolean;
  load(): Promise<HandbookBundle | null>;
  openPanel(ref: string): void;
  closePanel(): void;
  openSearch(): void;
  closeSearch(): void;
}

let index: MiniSearch | null = null;

export const useHandbookStore = create<HandbookState>()((set, get) => ({
  bundle: null,
  loadFailed: false,
  panel: null,
  searchOpen: false,
  async load() {
    const loaded = get().bundle;
    if (loaded !== null) return loaded;
    try {
      // A chunk of its own, so the app starts without waiting for the handbook.
      const { default: bundle } = await import('virtual:handbook');
      index = loadHandbookIndex(bundle.searchIndex);
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

export function findPage(bundle: HandbookBundle, id: string): HandbookPage | undefined {
  return bundle.pages.find((page) => page.id === id);
}

/** Searches the loaded handbook; nothing until it has loaded. */
export function searchHandbook(query: string): HandbookHit[] {
  return index === null ? [] : search(index, query);
}

import { create } from 'zustand';
import type { AppError } from '../../../../shared/result';
import type { Settings, Theme } from '../../../../shared/settings';
import { api } from '../../lib/api';

interface SettingsState {
  settings: Settings | null;
  loadError: AppError | null;
  saveError: AppError | null;
  saving: boolean;
  /** Bumped on every successful save, so the page can say "Saved". */
  savedCount: number;
  load(): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: null,
  loadError: null,
  saveError: null,
  saving: false,
  savedCount: 0,
  async load() {
    const result = await api.settingsGet();
    if (result.ok) set({ settings: result.value, loadError: null });
    else set({ loadError: result.error });
  },
  async setTheme(theme) {
    // Shown at once; put back if main could not save it.
    const previous = get().settings;
    set((state) => ({
      settings: state.settings === null ? null : { ...state.settings, theme },
      saving: true,
      saveError: null,
    }));
    const result = await api.settingsUpdate({ theme });
    if (result.ok) set((state) => ({ settings: result.value, saving: false, savedCount: state.savedCount + 1 }));
    else set({ settings: previous, saving: false, saveError: result.error });
  },
}));

import { create } from 'zustand';
import type { AppInfo } from '../../../../shared/appInfo';
import type { AppError } from '../../../../shared/result';
import { api } from '../../lib/api';

interface AppInfoState {
  info: AppInfo | null;
  error: AppError | null;
  load(): Promise<void>;
}

export const useAppInfoStore = create<AppInfoState>()((set) => ({
  info: null,
  error: null,
  async load() {
    const result = await api.appInfo();
    if (result.ok) set({ info: result.value, error: null });
    else set({ error: result.error });
  },
}));

import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface AuditViewState {
  /** Columns the user hid, kept across restarts on this computer. */
  hidden: string[];
  setHidden(hidden: string[]): void;
}

/** How the audit log is shown; the log itself lives in main. */
export const useAuditView = create<AuditViewState>()(
  persist(
    (set) => ({
      hidden: ['tenant', 'objects', 'duration'],
      setHidden: (hidden) => set({ hidden }),
    }),
    { name: 'tcs-audit-view', version: 1 },
  ),
);

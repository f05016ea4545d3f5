import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface AdminsViewState {
  /** Columns the user hid, kept across restarts on this computer. */
  hidden: string[];
  setHidden(hidden: string[]): void;
}

/** How the Admins table is shown: client state only; the admins themselves live in main. */
export const useAdminsView = create<AdminsViewState>()(
  persist(
    (set) => ({
      hidden: ['idpPersonId'],
      setHidden: (hidden) => set({ hidden }),
    }),
    { name: 'tcs-admins-view', version: 1 },
  ),
);

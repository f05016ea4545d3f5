import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface CertificatesViewState {
  /** Columns the user hid, kept across restarts on this computer. */
  hidden: string[];
  setHidden(hidden: string[]): void;
}

/** How the Certificates table is shown: client state only; the certificates themselves live in main. */
export const useCertificatesView = create<CertificatesViewState>()(
  persist(
    (set) => ({
      hidden: ['term', 'requested', 'issued', 'requester', 'serialNumber'],
      setHidden: (hidden) => set({ hidden }),
    }),
    { name: 'tcs-certificates-view', version: 1 },
  ),
);

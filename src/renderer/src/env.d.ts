import type { Api, EventBridge } from '../../shared/contract';

declare global {
  interface Window {
    /** Set by the preload under Electron; absent in the browser shell. */
    readonly api?: Api & EventBridge;
  }
}


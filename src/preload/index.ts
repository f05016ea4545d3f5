import { contextBridge, ipcRenderer } from 'electron';
import { channels, jobEventChannel, methodName } from '../shared/contract/channels';

/**
 * One function per channel of the contract, each bound to its own channel: the
 * page gets no generic way to send an arbitrary message to main.
 */
const api = {
  ...Object.fromEntries(channels.map((channel) => [methodName(channel), (args?: unknown) => ipcRenderer.invoke(channel, args)])),
  /** Main's job events, for this page only; the page checks each against its schema. */
  onJobEvent(listener: (payload: unknown) => void): () => void {
    const receive = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(jobEventChannel, receive);
    return () => ipcRenderer.removeListener(jobEventChannel, receive);
  },
};

contextBridge.exposeInMainWorld('api', Object.freeze(api));

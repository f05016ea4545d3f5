import { contextBridge, ipcRenderer } from 'electron';
import { channels, methodName } from '../shared/contract/channels';

/**
 * One function per channel of the contract, each bound to its own channel: the
 * page gets no generic way to send an arbitrary message to main.
 */
const api = Object.fromEntries(
  channels.map((channel) => [methodName(channel), (args?: unknown) => ipcRenderer.invoke(channel, args)]),
);

contextBridge.exposeInMainWorld('api', Object.freeze(api));

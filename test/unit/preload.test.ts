import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { channels, methodName } from '../../src/shared/contract';

const builtPreload = fileURLToPath(new URL('../../out/preload/index.cjs', import.meta.url));

describe('the built preload', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(builtPreload)).toBe(true);
  });

  it('is one CommonJS file that requires only electron and exposes one function per channel, and one for job events', async () => {
    const source = readFileSync(builtPreload, 'utf8');
    expect(source).not.toMatch(/^\s*(import|export)\s/m);

    const required: string[] = [];
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const listeners: [string, (...args: unknown[]) => void][] = [];
    const removed: [string, (...args: unknown[]) => void][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => invoked.push(args),
        on: (channel: string, listener: (...args: unknown[]) => void) => listeners.push([channel, listener]),
        removeListener: (channel: string, listener: (...args: unknown[]) => void) => removed.push([channel, listener]),
      },
    };
    const module = { exports: {} };
    runInNewContext(source, {
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`the preload required ${name}`);
        return fakeElectron;
      },
      module,
      exports: module.exports,
    });

    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api') as Record<string, (args?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...channels.map(methodName), 'onJobEvent'].sort());
    expect(Object.isFrozen(api)).toBe(true);

    await api.settingsUpdate!({ theme: 'dark' });
    expect(invoked).toEqual([['settings:update', { theme: 'dark' }]]);

    // Job events: only on their own channel, with the sender left out, and the listener can go.
    const heard: unknown[] = [];
    const stop = (api.onJobEvent as unknown as (listener: (payload: unknown) => void) => () => void)((payload) => heard.push(payload));
    expect(listeners.map(([channel]) => channel)).toEqual(['jobs:event']);
    listeners[0]![1]({ sender: 'event object' }, { id: 'job-1' });
    expect(heard).toEqual([{ id: 'job-1' }]);
    stop();
    expect(removed).toEqual([listeners[0]]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import {
  createSenderCheck,
  registerHandlers,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../src/main/ipc';
import { channels } from '../../src/shared/contract';
import { ok } from '../../src/shared/result';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain(): IpcMainLike & { listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return { listeners, handle: (channel, listener) => void listeners.set(channel, listener) };
}

const appUrl = 'app://console/index.html';

function eventFrom(url: string, options: { subframe?: boolean; noFrame?: boolean } = {}): InvokeEventLike {
  const mainFrame = { url, parent: null };
  if (options.noFrame === true) return { senderFrame: null, sender: { mainFrame } };
  if (options.subframe === true) {
    return { senderFrame: { url, parent: mainFrame }, sender: { mainFrame } };
  }
  return { senderFrame: mainFrame, sender: { mainFrame } };
}

function setUp() {
  const ipcMain = fakeIpcMain();
  const dispatch = vi.fn(async () => ok({ theme: 'dark' }));
  registerHandlers(ipcMain, dispatch, createSenderCheck(appUrl));
  const call = (event: InvokeEventLike, ...args: unknown[]) => ipcMain.listeners.get('settings:get')!(event, ...args);
  return { ipcMain, dispatch, call };
}

describe('handler registration', () => {
  it('registers every channel of the contract and nothing else', () => {
    const { ipcMain } = setUp();
    expect([...ipcMain.listeners.keys()].sort()).toEqual([...channels].sort());
  });

  it("answers the app's own top frame", async () => {
    const { dispatch, call } = setUp();
    expect(await call(eventFrom('app://console/index.html#/settings'), undefined)).toEqual({ ok: true, value: { theme: 'dark' } });
    expect(dispatch).toHaveBeenCalledWith('settings:get', undefined);
  });

  it.each([
    ['a page at another address', eventFrom('https://evil.example/index.html')],
    ['a file:// page', eventFrom('file:///tmp/index.html')],
    ['another host on the app scheme', eventFrom('app://elsewhere/index.html')],
    ['an iframe inside the app', eventFrom(appUrl, { subframe: true })],
    ['a frame that is gone', eventFrom(appUrl, { noFrame: true })],
  ])('refuses %s and never runs the handler', async (_name, event) => {
    const { dispatch, call } = setUp();
    const result = await call(event, undefined);
    expect(result).toMatchObject({ ok: false, error: { kind: 'permission' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a request with more than one argument', async () => {
    const { dispatch, call } = setUp();
    expect(await call(eventFrom(appUrl), {}, {})).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('trusts the dev server address while developing', () => {
    const check = createSenderCheck('http://localhost:5173');
    expect(check(eventFrom('http://localhost:5173/#/about'))).toBe(true);
    expect(check(eventFrom('http://localhost:5174/'))).toBe(false);
  });
});

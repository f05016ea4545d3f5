import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  class FakeWebContents {
    readonly listeners = new Map<string, Listener>();
    windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
      return this;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }
  const constructed: { options: Record<string, unknown>; window: unknown }[] = [];
  class FakeBrowserWindow {
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async () => undefined);
    constructor(options: Record<string, unknown>) {
      constructed.push({ options, window: this });
    }
    once() {
      return this;
    }
    show() {}
  }
  const session = {
    defaultSession: {
      permissionRequest: undefined as undefined | Listener,
      permissionCheck: undefined as undefined | Listener,
      devicePermission: undefined as undefined | Listener,
      setPermissionRequestHandler(handler: Listener) {
        this.permissionRequest = handler;
      },
      setPermissionCheckHandler(handler: Listener) {
        this.permissionCheck = handler;
      },
      setDevicePermissionHandler(handler: Listener) {
        this.devicePermission = handler;
      },
    },
  };
  return { FakeBrowserWindow, FakeWebContents, constructed, session };
});

vi.mock('electron', () => ({ BrowserWindow: electron.FakeBrowserWindow, session: electron.session }));

const { createMainWindow } = await import('../../src/main/window');

const appUrl = 'app://console/index.html';

function openWindow() {
  const openExternal = vi.fn(async () => undefined);
  createMainWindow({ appUrl, openExternal, preloadPath: '/app/out/preload/index.cjs', backgroundColor: '#fff' });
  const { options, window } = electron.constructed.at(-1)!;
  const contents = (window as InstanceType<typeof electron.FakeBrowserWindow>).webContents;
  return { options, contents, openExternal, window: window as InstanceType<typeof electron.FakeBrowserWindow> };
}

function preventable() {
  return { preventDefault: vi.fn() };
}

describe('the main window', () => {
  beforeEach(() => {
    electron.constructed.length = 0;
  });

  it('runs its page isolated, sandboxed and without Node', () => {
    const { options } = openWindow();
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('loads the app page', () => {
    const { window } = openWindow();
    expect(window.loadURL).toHaveBeenCalledWith(appUrl);
  });

  it('refuses to navigate or redirect away from the app', () => {
    const { contents } = openWindow();
    const away = preventable();
    contents.listeners.get('will-navigate')!(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const redirect = preventable();
    contents.listeners.get('will-redirect')!(redirect, 'file:///etc/passwd');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const within = preventable();
    contents.listeners.get('will-navigate')!(within, 'app://console/index.html#/settings');
    expect(within.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses webviews', () => {
    const { contents } = openWindow();
    const attach = preventable();
    contents.listeners.get('will-attach-webview')!(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('opens no new windows, and sends only allow-listed https links to the system browser', () => {
    const { contents, openExternal } = openWindow();
    expect(contents.windowOpenHandler!({ url: 'https://cert-manager.com/customer/sunet' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://cert-manager.com/customer/sunet');
    for (const url of ['https://evil.example/', 'http://cert-manager.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies every permission request and check but writing to the clipboard', () => {
    openWindow();
    const { defaultSession } = electron.session;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      defaultSession.permissionRequest!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(defaultSession.permissionCheck!({}, permission)).toBe(false);
    }
    const callback = vi.fn();
    defaultSession.permissionRequest!({}, 'clipboard-sanitized-write', callback);
    expect(callback).toHaveBeenCalledWith(true);
    expect(defaultSession.devicePermission!({})).toBe(false);
  });
});

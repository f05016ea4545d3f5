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
    readonly onceListeners = new Map<string, Listener>();
    /** What was done to the window, in order. */
    readonly calls: string[] = [];
    constructor(options: Record<string, unknown>) {
      constructed.push({ options, window: this });
    }
    once(name: string, listener: Listener) {
      this.onceListeners.set(name, listener);
      return this;
    }
    maximize() {
      this.calls.push('maximize');
    }
    setFullScreen(flag: boolean) {
      this.calls.push(`setFullScreen ${flag}`);
    }
    show() {
      this.calls.push('show');
    }
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

const { bringToFront, createMainWindow } = await import('../../src/main/window');
type Placement = NonNullable<Parameters<typeof createMainWindow>[0]['placement']>;

const appUrl = 'app://console/index.html';

function openWindow(placement?: Placement) {
  const openExternal = vi.fn(async () => undefined);
  createMainWindow({ appUrl, openExternal, preloadPath: '/app/out/preload/index.cjs', backgroundColor: '#fff', ...(placement === undefined ? {} : { placement }) });
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

describe('where the main window opens', () => {
  it('opens at the default size, centred, with nothing remembered, and shows itself once drawn', () => {
    const { options, window } = openWindow();
    expect(options).toMatchObject({ width: 1200, height: 800, minWidth: 720, minHeight: 480, show: false });
    expect(options).not.toHaveProperty('x');
    expect(window.calls).toEqual([]);
    window.onceListeners.get('ready-to-show')!();
    expect(window.calls).toEqual(['show']);
  });

  it('opens where it was left, and maximized or full screen over that place when it was', () => {
    const { options, window } = openWindow({ bounds: { x: 2000, y: 40, width: 1500, height: 950 }, maximized: true, fullScreen: true });
    expect(options).toMatchObject({ x: 2000, y: 40, width: 1500, height: 950, minWidth: 720, minHeight: 480 });
    window.onceListeners.get('ready-to-show')!();
    expect(window.calls).toEqual(['maximize', 'setFullScreen true', 'show']);
  });
});

describe('bringing the window to the front on a second start', () => {
  function windowThat(state: { minimized: boolean; visible: boolean }) {
    const calls: string[] = [];
    return {
      calls,
      window: {
        isMinimized: () => state.minimized,
        isVisible: () => state.visible,
        restore: () => void calls.push('restore'),
        show: () => void calls.push('show'),
        focus: () => void calls.push('focus'),
      },
    };
  }

  it('restores a minimized window and focuses it', () => {
    const { window, calls } = windowThat({ minimized: true, visible: true });
    bringToFront(window);
    expect(calls).toEqual(['restore', 'focus']);
  });

  it('shows a hidden window and focuses it', () => {
    const { window, calls } = windowThat({ minimized: false, visible: false });
    bringToFront(window);
    expect(calls).toEqual(['show', 'focus']);
  });

  it('only focuses a window already in view', () => {
    const { window, calls } = windowThat({ minimized: false, visible: true });
    bringToFront(window);
    expect(calls).toEqual(['focus']);
  });
});

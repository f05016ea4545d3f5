import { BrowserWindow, session, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl } from '../shared/externalLinks';
import { defaultWindowPlacement, minimumWindowSize, type WindowPlacement } from './windowState';

export interface HardeningOptions {
  /** The page the app itself shows; the only place a window may be. */
  appUrl: string;
  openExternal: (url: string) => Promise<void>;
}

function isSameApp(raw: string, appUrl: string): boolean {
  try {
    const url = new URL(raw);
    const app = new URL(appUrl);
    return url.protocol === app.protocol && url.host === app.host;
  } catch {
    return false;
  }
}

const hardened = new WeakSet<WebContents>();

/**
 * The one place that locks down a web contents: it may not navigate away from
 * the app, open windows or attach webviews; allow-listed https links go to the
 * system browser instead.
 */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event, url) => {
    if (!isSameApp(url, options.appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isSameApp(url, options.appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void options.openExternal(url);
    return { action: 'deny' };
  });
}

/** The one permission the pages need: writing to the clipboard (the handbook's copy buttons). */
const allowedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Denies every other permission (camera, notifications, geolocation, ...) the pages might ask for. */
export function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => callback(allowedPermissions.has(permission)));
  target.setPermissionCheckHandler((_contents, permission) => allowedPermissions.has(permission));
  target.setDevicePermissionHandler(() => false);
}

export interface MainWindowOptions extends HardeningOptions {
  preloadPath: string;
  backgroundColor: string;
  /** Where to open: the place remembered from last time, or the default size centred. */
  placement?: WindowPlacement;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  denyPermissions(session.defaultSession);
  const placement = options.placement ?? defaultWindowPlacement;
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    show: false,
    title: 'TCS Admin Console',
    backgroundColor: options.backgroundColor,
    // Spelled out even where they are Electron's defaults, so that a change of
    // default cannot weaken them; written inline so security scanners can read them.
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWebContents(window.webContents, options);
  window.once('ready-to-show', () => {
    // Maximized over the remembered place, so that restoring it later goes back there.
    if (placement.maximized) window.maximize();
    if (placement.fullScreen) window.setFullScreen(true);
    window.show();
  });
  void window.loadURL(options.appUrl);
  return window;
}

/** What of a window bringing it to the front needs: the part of Electron's `BrowserWindow` used here. */
export interface FrontableWindow {
  isMinimized(): boolean;
  restore(): void;
  isVisible(): boolean;
  show(): void;
  focus(): void;
}

/**
 * Brings the window in front of the person, as when the console is started a
 * second time: out of the task bar or dock if minimized, shown if hidden, and focused.
 */
export function bringToFront(window: FrontableWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}

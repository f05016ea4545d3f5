import { Menu, type BaseWindow, type MenuItemConstructorOptions, type WebContents } from 'electron';
import type { LanguageChoice, Settings } from '../shared/settings';

/** The languages the menu speaks: those of the pages. */
export type MenuLanguage = 'en' | 'sv';

/** The pages in the navigation, in its order, with the Alt+key the page itself answers to. */
export const menuPages = [
  { key: 'home', shortcut: '1' },
  { key: 'checklists', shortcut: '2' },
  { key: 'certificates', shortcut: '3' },
  { key: 'admins', shortcut: '4' },
  { key: 'organizations', shortcut: '5' },
  { key: 'domains', shortcut: '6' },
  { key: 'notifications', shortcut: '7' },
  { key: 'audit', shortcut: '8' },
  { key: 'handbook', shortcut: '9' },
  { key: 'settings', shortcut: '0' },
] as const;

type PageKey = (typeof menuPages)[number]['key'];

interface MenuWords {
  pages: Record<PageKey, string>;
  file: string;
  edit: string;
  view: string;
  window: string;
  help: string;
  about: string;
  settings: string;
  services: string;
  hide: string;
  hideOthers: string;
  showAll: string;
  quit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  reload: string;
  forceReload: string;
  toggleDevTools: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  toggleFullScreen: string;
  minimize: string;
  zoom: string;
  close: string;
  front: string;
  handbookPanel: string;
  searchHandbook: string;
}

/**
 * The menu's words. Page names are those of the navigation, so the menu and
 * the page agree; they are copied rather than imported because the main
 * process does not load the pages' code.
 */
export const menuWords: Record<MenuLanguage, MenuWords> = {
  en: {
    pages: {
      home: 'Home',
      checklists: 'Checklists',
      certificates: 'Certificates',
      admins: 'Admins',
      organizations: 'Organizations',
      domains: 'Domains',
      notifications: 'Notifications',
      audit: 'Audit log',
      handbook: 'Handbook',
      settings: 'Settings',
    },
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    about: 'About TCS Admin Console',
    settings: 'Settings…',
    services: 'Services',
    hide: 'Hide TCS Admin Console',
    hideOthers: 'Hide others',
    showAll: 'Show all',
    quit: 'Quit TCS Admin Console',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    reload: 'Reload',
    forceReload: 'Force reload',
    toggleDevTools: 'Toggle developer tools',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    toggleFullScreen: 'Toggle full screen',
    minimize: 'Minimize',
    zoom: 'Zoom',
    close: 'Close window',
    front: 'Bring all to front',
    handbookPanel: 'Show or hide the handbook panel',
    searchHandbook: 'Search the handbook',
  },
  sv: {
    pages: {
      home: 'Start',
      checklists: 'Checklistor',
      certificates: 'Certifikat',
      admins: 'Administratörer',
      organizations: 'Organisationer',
      domains: 'Domäner',
      notifications: 'Aviseringar',
      audit: 'Granskningslogg',
      handbook: 'Handbok',
      settings: 'Inställningar',
    },
    file: 'Arkiv',
    edit: 'Redigera',
    view: 'Visa',
    window: 'Fönster',
    help: 'Hjälp',
    about: 'Om TCS Admin Console',
    settings: 'Inställningar…',
    services: 'Tjänster',
    hide: 'Göm TCS Admin Console',
    hideOthers: 'Göm övriga',
    showAll: 'Visa alla',
    quit: 'Avsluta TCS Admin Console',
    undo: 'Ångra',
    redo: 'Gör om',
    cut: 'Klipp ut',
    copy: 'Kopiera',
    paste: 'Klistra in',
    selectAll: 'Markera allt',
    reload: 'Läs in igen',
    forceReload: 'Tvinga omläsning',
    toggleDevTools: 'Visa eller dölj utvecklarverktyg',
    resetZoom: 'Verklig storlek',
    zoomIn: 'Zooma in',
    zoomOut: 'Zooma ut',
    toggleFullScreen: 'Helskärm på eller av',
    minimize: 'Minimera',
    zoom: 'Zooma',
    close: 'Stäng fönster',
    front: 'Lägg alla överst',
    handbookPanel: 'Visa eller dölj handbokspanelen',
    searchHandbook: 'Sök i handboken',
  },
};

/** The language the menu speaks for a choice in Settings: as the pages do, the system's first language the console knows, else English. */
export function menuLanguage(choice: LanguageChoice, preferred: readonly string[]): MenuLanguage {
  if (choice !== 'system') return choice;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'sv') return base;
  }
  return 'en';
}

/** A key the page answers to: with Alt, with Ctrl (Cmd on a Mac), or alone. */
export interface PageKeystroke {
  key: string;
  alt?: boolean;
  command?: boolean;
}

/** How Electron writes the keystroke beside a menu item. */
export function acceleratorOf(keystroke: PageKeystroke): string {
  return [keystroke.alt === true ? 'Alt' : undefined, keystroke.command === true ? 'CmdOrCtrl' : undefined, keystroke.key.toUpperCase()].filter((part) => part !== undefined).join('+');
}

type KeyTarget = Pick<WebContents, 'focus' | 'sendInputEvent'>;

/**
 * Presses the keys in the page, as if typed: the page then does what it does
 * for those keys, so the menu and the keyboard cannot come to differ. Only key
 * down and up are sent: the page acts on key down, and a character event would
 * type the key into a field the page left it to.
 */
export function pressKeys(contents: KeyTarget, keystroke: PageKeystroke, platform: NodeJS.Platform): void {
  const modifiers: ('alt' | 'control' | 'meta')[] = [];
  if (keystroke.alt === true) modifiers.push('alt');
  if (keystroke.command === true) modifiers.push(platform === 'darwin' ? 'meta' : 'control');
  // Electron delivers typed keys only to the page that has the focus.
  contents.focus();
  contents.sendInputEvent({ type: 'keyDown', keyCode: keystroke.key, modifiers });
  contents.sendInputEvent({ type: 'keyUp', keyCode: keystroke.key, modifiers });
}

type PageTarget = Pick<WebContents, 'getURL' | 'loadURL'>;

/**
 * Shows a page that has no key of its own, by changing the address's hash as
 * a link in the page would: the page follows the change without reloading.
 */
export function showPage(contents: PageTarget, path: string): void {
  let url: URL;
  try {
    url = new URL(contents.getURL());
  } catch {
    // Nothing loaded yet: there is no page to go to.
    return;
  }
  url.hash = path;
  if (url.href === contents.getURL()) return;
  contents.loadURL(url.href).catch(() => undefined);
}

/** The page in a window, if it has one: only a `BrowserWindow` does. */
function pageOf(window: BaseWindow | undefined): WebContents | undefined {
  if (window === undefined || !('webContents' in window)) return undefined;
  const contents = (window as BaseWindow & { webContents: WebContents }).webContents;
  return contents.isDestroyed() ? undefined : contents;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  language: MenuLanguage;
  /** An installed app, not one being developed: the developer tools stay out of its menu. */
  packaged: boolean;
}

/**
 * The application menu, as a template for Electron's `Menu.buildFromTemplate`.
 * Items for the page's own keys show the key but leave it to the page (where
 * Electron allows, on Windows and Linux; on a Mac the page sees it first and
 * the menu only when the page has not taken it), so a key never acts twice; a
 * click presses the key in the focused window's page.
 */
export function applicationMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const words = menuWords[context.language];
  const mac = context.platform === 'darwin';

  const keyItem = (label: string, keystroke: PageKeystroke): MenuItemConstructorOptions => ({
    label,
    accelerator: acceleratorOf(keystroke),
    registerAccelerator: false,
    click: (_item, window) => {
      const contents = pageOf(window);
      if (contents !== undefined) pressKeys(contents, keystroke, context.platform);
    },
  });
  const settingsItem = keyItem(words.settings, { key: ',', command: true });
  const aboutItem: MenuItemConstructorOptions = {
    label: words.about,
    click: (_item, window) => {
      const contents = pageOf(window);
      if (contents !== undefined) showPage(contents, '/about');
    },
  };
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const first: MenuItemConstructorOptions = mac
    ? {
        // A Mac shows the app's name here, whatever the label says.
        label: 'TCS Admin Console',
        submenu: [
          aboutItem,
          separator,
          settingsItem,
          separator,
          { role: 'services', label: words.services },
          separator,
          { role: 'hide', label: words.hide },
          { role: 'hideOthers', label: words.hideOthers },
          { role: 'unhide', label: words.showAll },
          separator,
          { role: 'quit', label: words.quit },
        ],
      }
    : { label: words.file, submenu: [settingsItem, separator, { role: 'quit', label: words.quit }] };

  const edit: MenuItemConstructorOptions = {
    label: words.edit,
    submenu: [
      { role: 'undo', label: words.undo },
      { role: 'redo', label: words.redo },
      separator,
      { role: 'cut', label: words.cut },
      { role: 'copy', label: words.copy },
      { role: 'paste', label: words.paste },
      { role: 'selectAll', label: words.selectAll },
    ],
  };

  const developing: MenuItemConstructorOptions[] = context.packaged
    ? []
    : [{ role: 'reload', label: words.reload }, { role: 'forceReload', label: words.forceReload }, { role: 'toggleDevTools', label: words.toggleDevTools }, separator];
  const view: MenuItemConstructorOptions = {
    label: words.view,
    submenu: [
      ...menuPages.map((page) => keyItem(words.pages[page.key], { key: page.shortcut, alt: true })),
      separator,
      ...developing,
      { role: 'resetZoom', label: words.resetZoom },
      { role: 'zoomIn', label: words.zoomIn },
      { role: 'zoomOut', label: words.zoomOut },
      separator,
      { role: 'togglefullscreen', label: words.toggleFullScreen },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = mac
    ? {
        label: words.window,
        role: 'window',
        submenu: [{ role: 'minimize', label: words.minimize }, { role: 'zoom', label: words.zoom }, { role: 'close', label: words.close }, separator, { role: 'front', label: words.front }],
      }
    : { label: words.window, submenu: [{ role: 'minimize', label: words.minimize }, { role: 'close', label: words.close }] };

  const help: MenuItemConstructorOptions = {
    label: words.help,
    ...(mac ? { role: 'help' as const } : {}),
    submenu: [
      keyItem(words.handbookPanel, { key: 'F1' }),
      keyItem(words.searchHandbook, { key: 'k', command: true }),
      // On a Mac, About is in the app's menu.
      ...(mac ? [] : [separator, aboutItem]),
    ],
  };

  return [first, edit, view, windowMenu, help];
}

export interface ApplicationMenuOptions {
  platform: NodeJS.Platform;
  packaged: boolean;
  /** The languages the system prefers, first first: what "the system's language" in Settings means. */
  preferredLanguages: readonly string[];
}

/** The settings service's part the menu needs. */
export interface MenuSettings {
  get(): Promise<Settings>;
  onChange(listener: (settings: Settings) => void): void;
}

/** Sets the application menu in the language chosen in Settings, and builds it again when that choice changes. */
export async function keepApplicationMenu(settings: MenuSettings, options: ApplicationMenuOptions): Promise<void> {
  let shown: MenuLanguage | undefined;
  const show = (choice: LanguageChoice): void => {
    const language = menuLanguage(choice, options.preferredLanguages);
    if (language === shown) return;
    shown = language;
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ platform: options.platform, language, packaged: options.packaged })));
  };
  show((await settings.get()).language);
  settings.onChange((changed) => show(changed.language));
}

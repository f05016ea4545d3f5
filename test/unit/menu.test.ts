import { readFileSync } from 'node:fs';
import type { BaseWindow, KeyboardEvent, MenuItem, MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../src/shared/settings';
import { appEn } from '../../src/renderer/src/app/messages';
import { appSv } from '../../src/renderer/src/app/messages.sv';

const electron = vi.hoisted(() => ({
  Menu: {
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
    setApplicationMenu: vi.fn(),
  },
}));

vi.mock('electron', () => ({ Menu: electron.Menu }));

const { applicationMenuTemplate, keepApplicationMenu, menuLanguage, menuPages, menuWords } = await import('../../src/main/menu');

type Item = MenuItemConstructorOptions;

/** The renderer's own list of pages and Alt keys, read from its route table, in the navigation's order (Alt+0 last). */
const rendererPages = [...readFileSync(new URL('../../src/renderer/src/app/router.tsx', import.meta.url), 'utf8').matchAll(/nav: \{ key: '(\w+)', shortcut: '(\d)' \}/g)]
  .map(([, key, shortcut]) => ({ key: key!, shortcut: shortcut! }))
  .sort((a, b) => (a.shortcut === '0' ? 10 : Number(a.shortcut)) - (b.shortcut === '0' ? 10 : Number(b.shortcut)));

function submenuOf(item: Item | undefined): Item[] {
  expect(Array.isArray(item?.submenu)).toBe(true);
  return item!.submenu as Item[];
}

function everyItem(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? everyItem(item.submenu as Item[]) : [])]);
}

function itemLabelled(items: Item[], label: string): Item {
  const found = everyItem(items).filter((item) => item.label === label);
  expect(found, label).toHaveLength(1);
  return found[0]!;
}

function roles(items: Item[]): string[] {
  return items.flatMap((item) => (item.role === undefined ? [] : [item.role]));
}

/** A window as the menu sees it on a click: the focused BrowserWindow and its page. */
function focusedWindow(url = 'app://console/index.html#/admins?type=API') {
  const contents = {
    focus: vi.fn(),
    sendInputEvent: vi.fn(),
    isDestroyed: () => false,
    getURL: vi.fn(() => url),
    loadURL: vi.fn(async () => undefined),
  };
  return { window: { webContents: contents } as unknown as BaseWindow, contents };
}

function click(item: Item, window: BaseWindow | undefined): void {
  expect(item.click).toBeTypeOf('function');
  item.click!({} as MenuItem, window, {} as KeyboardEvent);
}

function keystroke(keyCode: string, modifiers: string[]) {
  return [[{ type: 'keyDown', keyCode, modifiers }], [{ type: 'keyUp', keyCode, modifiers }]];
}

const linux = applicationMenuTemplate({ platform: 'linux', language: 'en', packaged: true });
const mac = applicationMenuTemplate({ platform: 'darwin', language: 'en', packaged: true });

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help on Windows and Linux', () => {
    for (const platform of ['linux', 'win32'] as const) {
      expect(applicationMenuTemplate({ platform, language: 'en', packaged: true }).map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    }
    const file = submenuOf(linux[0]);
    expect(file.map((item) => item.label ?? item.type)).toEqual(['Settings…', 'separator', 'Quit TCS Admin Console']);
    expect(file[0]!.accelerator).toBe('CmdOrCtrl+,');
    expect(roles(file)).toEqual(['quit']);
    expect(roles(submenuOf(linux[3]))).toEqual(['minimize', 'close']);
    expect(submenuOf(linux[4]).map((item) => item.label ?? item.type)).toEqual(['Show or hide the handbook panel', 'Search the handbook', 'separator', 'About TCS Admin Console']);
  });

  it('has the app menu with About, Settings, Hide and Quit on a Mac, and the Mac window menu', () => {
    expect(mac.map((menu) => menu.label)).toEqual(['TCS Admin Console', 'Edit', 'View', 'Window', 'Help']);
    const appMenu = submenuOf(mac[0]);
    expect(appMenu.filter((item) => item.type !== 'separator').map((item) => item.label)).toEqual([
      'About TCS Admin Console',
      'Settings…',
      'Services',
      'Hide TCS Admin Console',
      'Hide others',
      'Show all',
      'Quit TCS Admin Console',
    ]);
    expect(roles(appMenu)).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(itemLabelled(mac, 'Settings…').accelerator).toBe('CmdOrCtrl+,');
    expect(mac[3]!.role).toBe('window');
    expect(roles(submenuOf(mac[3]))).toEqual(['minimize', 'zoom', 'close', 'front']);
    expect(mac[4]!.role).toBe('help');
    // About is in the app menu, as on every Mac app, not again under Help.
    expect(everyItem(mac).filter((item) => item.label === 'About TCS Admin Console')).toHaveLength(1);
  });

  it('edits text through Electron’s own roles', () => {
    for (const template of [linux, mac]) expect(roles(submenuOf(template[1]))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('lists every page of the navigation, in its order, with the Alt key the page answers to', () => {
    expect(rendererPages).toHaveLength(10);
    expect(menuPages.map((page) => ({ ...page }))).toEqual(rendererPages);
    for (const template of [linux, mac]) {
      const pages = submenuOf(template[2]).slice(0, rendererPages.length);
      expect(pages.map((item) => [item.label, item.accelerator])).toEqual(rendererPages.map((page) => [appEn.nav[page.key as keyof typeof appEn.nav], `Alt+${page.shortcut}`]));
    }
  });

  it('speaks Swedish with the navigation’s own Swedish words', () => {
    const swedish = applicationMenuTemplate({ platform: 'linux', language: 'sv', packaged: true });
    expect(swedish.map((menu) => menu.label)).toEqual(['Arkiv', 'Redigera', 'Visa', 'Fönster', 'Hjälp']);
    expect(submenuOf(swedish[2]).slice(0, rendererPages.length).map((item) => item.label)).toEqual(rendererPages.map((page) => appSv.nav[page.key as keyof typeof appSv.nav]));
    expect(itemLabelled(swedish, 'Sök i handboken').accelerator).toBe('CmdOrCtrl+K');
    expect(itemLabelled(swedish, 'Om TCS Admin Console').click).toBeTypeOf('function');
    expect(swedish.flatMap((menu) => submenuOf(menu)).filter((item) => item.type !== 'separator' && item.label === undefined)).toEqual([]);
  });

  it('uses the navigation’s words in both languages, and has every word in both', () => {
    for (const page of menuPages) {
      expect(menuWords.en.pages[page.key]).toBe(appEn.nav[page.key]);
      expect(menuWords.sv.pages[page.key]).toBe(appSv.nav[page.key]);
    }
    expect(menuWords.en.searchHandbook).toBe(appEn.searchHandbook);
    expect(menuWords.sv.searchHandbook).toBe(appSv.searchHandbook);
    expect(Object.keys(menuWords.sv).sort()).toEqual(Object.keys(menuWords.en).sort());
  });

  it('offers reload and the developer tools only while the app is being developed', () => {
    const developing = ['reload', 'forceReload', 'toggleDevTools'];
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(roles(everyItem(applicationMenuTemplate({ platform, language: 'en', packaged: false })))).toEqual(expect.arrayContaining(developing));
      for (const role of developing) expect(roles(everyItem(applicationMenuTemplate({ platform, language: 'en', packaged: true })))).not.toContain(role);
    }
  });

  it('zooms and goes full screen from View', () => {
    for (const template of [linux, mac]) expect(roles(submenuOf(template[2]))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('leaves the page’s own keys to the page, so that a key never acts twice', () => {
    const pageKeys = new Set([...rendererPages.map((page) => `Alt+${page.shortcut}`), 'CmdOrCtrl+,', 'CmdOrCtrl+K', 'F1']);
    for (const template of [linux, mac]) {
      const withKeys = everyItem(template).filter((item) => item.accelerator !== undefined);
      expect(new Set(withKeys.map((item) => item.accelerator))).toEqual(pageKeys);
      for (const item of withKeys) expect(item.registerAccelerator, String(item.label)).toBe(false);
      // Each key is shown once only.
      expect(withKeys).toHaveLength(pageKeys.size);
    }
  });
});

describe('clicking in the menu', () => {
  it('presses the page’s Alt key in the focused window, as if typed', () => {
    for (const page of rendererPages) {
      const { window, contents } = focusedWindow();
      click(itemLabelled(linux, appEn.nav[page.key as keyof typeof appEn.nav]), window);
      expect(contents.focus).toHaveBeenCalled();
      expect(contents.sendInputEvent.mock.calls).toEqual(keystroke(page.shortcut, ['alt']));
    }
  });

  it('presses Ctrl+, for Settings, and Cmd+, on a Mac', () => {
    const onLinux = focusedWindow();
    click(itemLabelled(linux, 'Settings…'), onLinux.window);
    expect(onLinux.contents.sendInputEvent.mock.calls).toEqual(keystroke(',', ['control']));

    const onMac = focusedWindow();
    click(itemLabelled(mac, 'Settings…'), onMac.window);
    expect(onMac.contents.sendInputEvent.mock.calls).toEqual(keystroke(',', ['meta']));
  });

  it('presses F1 for the handbook panel and Ctrl+K to search the handbook', () => {
    const panel = focusedWindow();
    click(itemLabelled(linux, 'Show or hide the handbook panel'), panel.window);
    expect(panel.contents.sendInputEvent.mock.calls).toEqual(keystroke('F1', []));

    const search = focusedWindow();
    click(itemLabelled(linux, 'Search the handbook'), search.window);
    expect(search.contents.sendInputEvent.mock.calls).toEqual(keystroke('k', ['control']));
  });

  it('shows the About page by the address’s hash, without reloading the app', () => {
    const { window, contents } = focusedWindow('app://console/index.html#/admins?type=API');
    click(itemLabelled(linux, 'About TCS Admin Console'), window);
    expect(contents.loadURL).toHaveBeenCalledWith('app://console/index.html#/about');

    const macWindow = focusedWindow('http://localhost:5173/#/home');
    click(itemLabelled(mac, 'About TCS Admin Console'), macWindow.window);
    expect(macWindow.contents.loadURL).toHaveBeenCalledWith('http://localhost:5173/#/about');
  });

  it('leaves the About page alone when it is already shown, and a page not yet loaded', () => {
    const there = focusedWindow('app://console/index.html#/about');
    click(itemLabelled(linux, 'About TCS Admin Console'), there.window);
    expect(there.contents.loadURL).not.toHaveBeenCalled();

    const loading = focusedWindow('');
    click(itemLabelled(linux, 'About TCS Admin Console'), loading.window);
    expect(loading.contents.loadURL).not.toHaveBeenCalled();
  });

  it('does nothing when no window has the focus', () => {
    for (const item of everyItem(linux).filter((entry) => entry.click !== undefined)) expect(() => click(item, undefined)).not.toThrow();
  });
});

describe('the menu’s language', () => {
  beforeEach(() => {
    electron.Menu.buildFromTemplate.mockClear();
    electron.Menu.setApplicationMenu.mockClear();
  });

  it('follows the choice in Settings, or the system’s first language the console speaks', () => {
    expect(menuLanguage('sv', ['en-US'])).toBe('sv');
    expect(menuLanguage('en', ['sv-SE'])).toBe('en');
    expect(menuLanguage('system', ['sv-SE'])).toBe('sv');
    expect(menuLanguage('system', ['sv'])).toBe('sv');
    expect(menuLanguage('system', ['de-DE', 'sv-SE'])).toBe('sv');
    expect(menuLanguage('system', ['de-DE'])).toBe('en');
    expect(menuLanguage('system', [])).toBe('en');
  });

  it('is built again when the language changes in Settings, and only then', async () => {
    let current: Settings = { theme: 'system', language: 'system' };
    const listeners: ((settings: Settings) => void)[] = [];
    const settings = { get: async () => current, onChange: (listener: (settings: Settings) => void) => void listeners.push(listener) };
    const change = (next: Settings): void => {
      current = next;
      for (const listener of listeners) listener(next);
    };
    const shownLabels = (): unknown[] => {
      const template = electron.Menu.buildFromTemplate.mock.calls.at(-1)![0] as Item[];
      return template.map((menu) => menu.label);
    };

    await keepApplicationMenu(settings, { platform: 'linux', packaged: true, preferredLanguages: ['en-GB'] });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(shownLabels()).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);

    change({ theme: 'system', language: 'sv' });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(2);
    expect(shownLabels()).toEqual(['Arkiv', 'Redigera', 'Visa', 'Fönster', 'Hjälp']);

    change({ theme: 'dark', language: 'sv' });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(2);

    change({ theme: 'dark', language: 'system' });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(3);
    expect(shownLabels()).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });
});

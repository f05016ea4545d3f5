import { BrowserWindow, Notification, app, ipcMain, nativeTheme, screen, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsoleCore } from './console';
import { createSenderCheck, registerHandlers } from './ipc';
import { watchAttention } from './attentionNotice';
import { keepApplicationMenu, menuLanguage, showPage } from './menu';
import { appUrl as packagedAppUrl, registerAppScheme, serveRenderer } from './protocol';
import { bringToFront, createMainWindow, hardenWebContents } from './window';
import { readWindowPlacement, rememberWindowState, windowStateFileName } from './windowState';
import { isAllowedExternalUrl } from '../shared/externalLinks';
import { jobEventChannel } from '../shared/contract/channels';

app.enableSandbox();
registerAppScheme();

// `--user-data=DIR` keeps a run apart from the user's own data (tests, demos).
const userDataArgument = process.argv.find((argument) => argument.startsWith('--user-data='));
if (userDataArgument !== undefined) app.setPath('userData', userDataArgument.slice('--user-data='.length));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // electron-vite sets this only while developing, to its dev server.
  const appUrl = process.env.ELECTRON_RENDERER_URL ?? packagedAppUrl;
  const openExternal = async (url: string): Promise<void> => {
    if (isAllowedExternalUrl(url)) await shell.openExternal(url);
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { appUrl, openExternal }));

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) bringToFront(window);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(async () => {
    serveRenderer(fileURLToPath(new URL('../renderer/', import.meta.url)));
    const core = await createConsoleCore({ userDataDir: app.getPath('userData'), shell: 'electron', openInSystemBrowser: openExternal });
    const isTrustedSender = createSenderCheck(appUrl);
    registerHandlers(ipcMain, core.dispatch, isTrustedSender);
    // Job progress goes only to windows showing the app's own page.
    core.jobs.subscribe((job) => {
      for (const window of BrowserWindow.getAllWindows()) {
        const contents = window.webContents;
        if (!contents.isDestroyed() && isTrustedSender({ senderFrame: contents.mainFrame, sender: contents })) contents.send(jobEventChannel, job);
      }
    });
    // The built-in sandbox writes its practice state when it stops.
    let closed = false;
    app.on('before-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      closed = true;
      void core.close().finally(() => app.quit());
    });

    // Native parts of the window (title bar, scroll bars, dialogs) follow the chosen theme.
    nativeTheme.themeSource = (await core.settings.get()).theme;
    core.settings.onChange((settings) => {
      nativeTheme.themeSource = settings.theme;
    });
    // The pages speak the language the app runs in when Settings leave it to the system; so does the menu.
    await keepApplicationMenu(core.settings, { platform: process.platform, packaged: app.isPackaged, preferredLanguages: [app.getLocale()] });

    const windowStatePath = join(app.getPath('userData'), windowStateFileName);
    // A window saves its place as it closes, which on quitting is just before the app exits: wait for those saves.
    let closedWindowsSaved: Promise<unknown> = Promise.resolve();
    let waitedForWindowStates = false;
    app.on('will-quit', (event) => {
      if (waitedForWindowStates) return;
      event.preventDefault();
      waitedForWindowStates = true;
      void closedWindowsSaved.finally(() => app.quit());
    });
    const open = async (): Promise<void> => {
      const placement = await readWindowPlacement(
        windowStatePath,
        screen.getAllDisplays().map((display) => display.workArea),
      );
      const window = createMainWindow({
        appUrl,
        openExternal,
        preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
        backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f6f7f9',
        placement,
      });
      const windowState = rememberWindowState(window, { path: windowStatePath });
      window.on('closed', () => {
        closedWindowsSaved = Promise.all([closedWindowsSaved, windowState.settled()]);
      });
    };
    await open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void open();
    });

    // While the app runs, what needs attention is told as the system's notification too; a click shows Home.
    if (Notification.isSupported()) {
      const stopWatching = watchAttention({
        summary: () => core.attention.summary(),
        language: async () => menuLanguage((await core.settings.get()).language, [app.getLocale()]),
        notify: (notice) => {
          const shown = new Notification({ title: notice.title, body: notice.body });
          shown.on('click', () => {
            const [window] = BrowserWindow.getAllWindows();
            if (window === undefined) return void open();
            bringToFront(window);
            showPage(window.webContents, '/home');
          });
          shown.show();
        },
      });
      app.on('will-quit', stopWatching);
    }
  });
}

import { createDispatcher, createHandlerTable, type Dispatch } from './ipc';
import { product } from './product';
import {
  Notices,
  createExternalLinkOpener,
  createSettingsService,
  describeApp,
  type OpenInSystemBrowser,
  type SettingsService,
} from './services';
import type { AppInfo } from '../shared/appInfo';

export interface ConsoleOptions {
  userDataDir: string;
  shell: AppInfo['shell'];
  openInSystemBrowser: OpenInSystemBrowser;
  log?: (line: string) => void;
}

export interface ConsoleCore {
  dispatch: Dispatch;
  settings: SettingsService;
  notices: Notices;
}

/**
 * Builds the services and the one handler table that every shell (the Electron
 * window, the browser shell, tests) puts behind its own transport.
 */
export function createConsoleCore(options: ConsoleOptions): ConsoleCore {
  const log = options.log ?? ((line: string) => console.error(line));
  const notices = new Notices();
  const settings = createSettingsService(options.userDataDir, notices);
  const handlers = createHandlerTable({
    appInfo: () =>
      describeApp({
        name: product.name,
        version: product.version,
        shell: options.shell,
        userDataDir: options.userDataDir,
        notices,
        processVersions: process.versions,
      }),
    settings,
    openExternal: createExternalLinkOpener(options.openInSystemBrowser),
  });
  const dispatch = createDispatcher(handlers, {
    onInternalError: (channel, error) => log(`internal error in ${channel}: ${describeError(error)}`),
  });
  return { dispatch, settings, notices };
}

/**
 * The error's type and where it was thrown, without its message: messages can
 * carry data from a request, and the log must never hold a secret.
 */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 5);
  return [error.name, ...frames.map((frame) => frame.trim())].join(' | ');
}

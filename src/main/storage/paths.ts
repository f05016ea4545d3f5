import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron uses for the app's data, so that the desktop app, the
 * browser shell and the command line share one set of settings.
 */
export function defaultUserDataDir(productName: string, env: NodeJS.ProcessEnv = process.env): string {
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), productName);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', productName);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), productName);
  }
}

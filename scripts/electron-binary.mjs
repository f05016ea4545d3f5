// Where the Electron binary is, found the way the electron package finds it but
// without its download fallback, which would reach for the network.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The binary under ELECTRON_OVERRIDE_DIST_PATH, else the one the electron
 * package's install script downloaded: `{ path }`, or `{ missing }` saying why not.
 */
export function findElectronBinary(root, env = process.env) {
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, relative ?? 'electron');
    return existsSync(candidate) ? { path: candidate } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary at ${candidate}` };
  }
  if (relative === undefined) return { missing: 'the electron package has not downloaded its binary: node_modules/electron/path.txt is missing' };
  const candidate = join(electronDir, 'dist', relative);
  return existsSync(candidate) ? { path: candidate } : { missing: `no Electron binary at ${candidate}` };
}

import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

const root = fileURLToPath(new URL('../../', import.meta.url));

const binary = findElectronBinary(root);
const skipReason = 'missing' in binary ? `Electron launch tests skipped: ${binary.missing}. Set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run them.` : undefined;
if (skipReason !== undefined) console.log(skipReason);

async function launch(userDataDir: string): Promise<ElectronApplication> {
  const args = [join(root, 'out/main/index.js'), `--user-data=${userDataDir}`];
  // Chromium refuses to start its sandbox as root (CI containers).
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return electron.launch({ executablePath: (binary as { path: string }).path, args });
}

test.describe('the desktop app', () => {
  test.skip(skipReason !== undefined, skipReason);

  test('opens a hardened window signed in to the practice sandbox', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-electron-'));
    const app = await launch(userDataDir);
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
      await expect(page.getByText('Practice').first()).toBeVisible();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
      await expect(page.getByText('Desktop app')).toBeVisible();
      expect(page.url()).toBe('app://console/index.html#/about');

      const reach = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        apiFunctions: Object.values((window as unknown as { api?: object }).api ?? {}).every((value) => typeof value === 'function'),
      }));
      expect(reach).toEqual({ require: 'undefined', process: 'undefined', apiFunctions: true });

      const preferences = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        const prefs = (contents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
        return { contextIsolation: prefs.contextIsolation, sandbox: prefs.sandbox, nodeIntegration: prefs.nodeIntegration };
      });
      expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });

      await page.evaluate(() => {
        window.location.href = 'https://example.org/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe('app://console/index.html#/about');
    } finally {
      await app.close();
    }
  });

  test('keeps the chosen theme across a restart', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-electron-'));
    let app = await launch(userDataDir);
    try {
      const page = await app.firstWindow();
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('radio', { name: 'Dark' }).click();
      await expect(page.getByRole('status')).toHaveText('Saved.');
    } finally {
      await app.close();
    }
    expect(JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8'))).toEqual({ theme: 'dark' });

    app = await launch(userDataDir);
    try {
      const page = await app.firstWindow();
      await page.getByRole('link', { name: 'Settings' }).click();
      await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
      expect(await app.evaluate(({ nativeTheme }) => nativeTheme.themeSource)).toBe('dark');
    } finally {
      await app.close();
    }
  });
});

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { expect, keptForScan, registerSecret, test } from './fixtures';

const root = fileURLToPath(new URL('../../', import.meta.url));
const binary = findElectronBinary(root);

test.describe('npm start', () => {
  test.skip('path' in binary, 'Electron is installed here, so npm start opens the desktop window (the Electron suite covers it).');

  test('says in one line that there is no desktop window, and opens the same console in the browser', async ({ page }) => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-start-'));
    // No display: the address is printed instead of handed to a browser.
    const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--no-build', '--port', '0', '--user-data', userDataDir], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let printed = '';
    const printedAddress = (): string | undefined => /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(printed)?.[0];
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const kept = keptForScan(userDataDir, () => printed);
    try {
      await expect.poll(() => printedAddress(), { timeout: 20_000 }).toBeTruthy();
      registerSecret('console token', new URL(printedAddress()!).searchParams.get('token') ?? '');
      // On Node 20 a line saying it has reached its end of life comes first.
      const lines = printed.split('\n').filter((line) => !/^Node\.js 20\.\d+\.\d+ still runs the console/.test(line));
      expect(lines[0]).toMatch(/^No desktop window: Electron's binary is not installed here .*opens in your browser instead/);
      expect(printed).not.toMatch(/\n\s+at /);
      await page.goto(printedAddress()!);
      await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
      await expect(page.getByRole('banner').getByText(/^Signed in as /)).toBeVisible({ timeout: 20_000 });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await kept.keep();
      await rm(userDataDir, { recursive: true, force: true });
    }
  });
});

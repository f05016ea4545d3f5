import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, startConsoleServer, test } from './fixtures';

test.describe('the browser shell', () => {
  test('opens on the Home page, and shows the version from main on the About page', async ({ page, server }) => {
    await page.goto(server.url);
    await expect(page).toHaveURL(`${server.origin}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'About' })).toBeVisible();
    const { version } = JSON.parse(await readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
    await expect(page.getByTestId('about-version')).toHaveText(version);
    await expect(page.getByText('Browser shell')).toBeVisible();
    await expect(page.getByText(server.userDataDir)).toBeVisible();
  });

  test('navigates between pages with the mouse and the keyboard', async ({ page, server }) => {
    await page.goto(server.url);
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(navigation.getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Alt+1');
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('heading', { level: 1, name: 'About' })).toBeVisible();
    await page.keyboard.press('Alt+4');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { level: 1, name: 'Start here' })).toBeVisible();
    await page.keyboard.press('Control+Comma');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  });

  test('keeps the chosen theme across a reload and a restart of the server', async ({ page }, testInfo) => {
    const userDataDir = testInfo.outputPath('user-data');
    const first = await startConsoleServer(userDataDir);
    try {
      await page.goto(first.url);
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('radio', { name: 'Dark' }).click();
      await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
      await expect(page.getByRole('status')).toHaveText('Saved.');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

      await page.reload();
      await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(22, 24, 29)');
    } finally {
      await first.stop();
    }
    const saved = JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8')) as { theme: string };
    expect(saved.theme).toBe('dark');

    const second = await startConsoleServer(userDataDir);
    try {
      await page.goto(second.url);
      await page.getByRole('link', { name: 'Settings' }).click();
      await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
      await page.getByRole('radio', { name: 'Follow the system' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
    } finally {
      await second.stop();
    }
  });

  test('follows the system theme when asked to', async ({ page, server }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(server.url);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 24, 29)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 247, 249)');
  });

  test('has no accessibility violations on its pages', async ({ page, server }) => {
    await page.goto(server.url);
    for (const [name, heading] of [['About', 'About'], ['Settings', 'Settings'], ['Handbook', 'Start here']] as const) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByText('Loading…')).toHaveCount(0);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    }
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox').fill('password');
    await expect(page.getByRole('option').first()).toBeVisible();
    const search = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    expect(search.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });

  test('gives no access without the token', async ({ page, server }) => {
    const response = await page.goto(server.origin);
    expect(response?.status()).toBe(401);
    await expect(page.getByText('open the full address')).toBeVisible();
  });

  test('prints the token once, in the address line only', async ({ page, server }) => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Light' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');
    const token = new URL(server.url).searchParams.get('token')!;
    expect(server.output().split(token).length - 1).toBe(1);
  });

  test('takes the screenshot for the README', async ({ page, server }) => {
    await page.setViewportSize({ width: 1100, height: 640 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${server.url}#/home`);
    await expect(page.getByRole('banner').getByText(/^Signed in as /)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('main').getByRole('table')).toBeVisible();
    const target = process.env.UPDATE_SCREENSHOT === '1'
      ? fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url))
      : test.info().outputPath('screenshot.png');
    const image = await page.screenshot({ path: target });
    expect(image.byteLength).toBeGreaterThan(10_000);
  });
});

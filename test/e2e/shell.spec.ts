import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, startConsoleServer, test } from './fixtures';

test.describe('the browser shell', () => {
  test('opens on the Home page, and shows the version from main on the About page', async ({ page, server }) => {
    await page.goto(await server.address());
    await expect(page).toHaveURL(`${server.origin}/#/home`);
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'About' })).toBeVisible();
    const { version } = JSON.parse(await readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
    await expect(page.getByTestId('about-version')).toHaveText(version);
    await expect(page.getByText('Browser shell')).toBeVisible();
    await expect(page.getByText(server.userDataDir)).toBeVisible();
  });

  test('navigates between pages with the mouse and the keyboard', async ({ page, server }) => {
    await page.goto(await server.address());
    const navigation = page.getByRole('navigation', { name: 'Main' });
    // In the keyboard's order: Alt+1 first, Alt+0 last.
    await expect(navigation.getByRole('link')).toHaveText(['Home', 'Checklists', 'Certificates', 'Admins', 'Organizations', 'Domains', 'Notifications', 'Audit log', 'Handbook', 'Settings', 'About']);
    await navigation.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(navigation.getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Alt+1');
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('heading', { level: 1, name: 'Checklists' })).toBeVisible();
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
    await page.keyboard.press('Alt+4');
    await expect(page.getByRole('heading', { level: 1, name: 'Admins' })).toBeVisible();
    await page.keyboard.press('Alt+5');
    await expect(page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
    await page.keyboard.press('Alt+6');
    await expect(page.getByRole('heading', { level: 1, name: 'Domains' })).toBeVisible();
    await page.keyboard.press('Alt+7');
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await page.keyboard.press('Alt+0');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await page.keyboard.press('Alt+9');
    await expect(page.getByRole('heading', { level: 1, name: 'Start here' })).toBeVisible();
    await page.keyboard.press('Control+Comma');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  });

  test('keeps the chosen theme across a reload and a restart of the server', async ({ page }, testInfo) => {
    const userDataDir = testInfo.outputPath('user-data');
    const first = await startConsoleServer(userDataDir);
    try {
      await page.goto(await first.address());
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
      await page.goto(await second.address());
      await page.getByRole('link', { name: 'Settings' }).click();
      await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
      await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Follow the system' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
    } finally {
      await second.stop();
    }
  });

  test('follows the system theme when asked to', async ({ page, server }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(await server.address());
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 24, 29)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 247, 249)');
  });

  test('has no accessibility violations on its pages', async ({ page, server }) => {
    await page.goto(await server.address());
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

  test('gives no access without a fresh address, and says how to get one', async ({ page, server }) => {
    await page.goto(server.origin);
    await expect(page.getByRole('heading', { level: 1, name: 'Not connected to the console' })).toBeVisible();
    await expect(page.getByText('press Enter in the terminal', { exact: false })).toBeVisible();
  });

  test("says so when the console's code cannot be loaded, rather than showing an empty page", async ({ page, server }) => {
    // The first script is small and comes first; the console's own chunk fails to arrive, as when the server stops between the two.
    await page.route(/\/assets\/start-[\w-]+\.js$/, (route) => route.abort('connectionrefused'));
    await page.goto(await server.address());
    await expect(page.getByRole('alert')).toHaveText('The console’s interface could not be loaded. Check that the console is running, then reload the page.');
    await page.unroute(/\/assets\/start-[\w-]+\.js$/);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  });

  test("says it in the system's language when the console's code cannot be loaded", async ({ browser, server }) => {
    const context = await browser.newContext({ locale: 'sv-SE' });
    try {
      const page = await context.newPage();
      await page.route(/\/assets\/start-[\w-]+\.js$/, (route) => route.abort('connectionrefused'));
      await page.goto(await server.address());
      await expect(page.getByRole('alert')).toHaveText('Konsolens gränssnitt kunde inte läsas in. Kontrollera att konsolen körs och ladda om sidan.');
    } finally {
      await context.close();
    }
  });

  test('uses each printed address once, and keeps the tab connected across a reload', async ({ browser, page, server }) => {
    const address = await server.address();
    await page.goto(address);
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await expect(page).toHaveURL(`${server.origin}/#/home`);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();

    const other = await browser.newContext();
    try {
      const second = await other.newPage();
      await second.goto(address);
      await expect(second.getByRole('heading', { level: 1, name: 'Not connected to the console' })).toBeVisible();
    } finally {
      await other.close();
    }
    expect(await page.context().cookies()).toEqual([]);
  });

  test('prints each token once, in its address line only', async ({ page, server }) => {
    const address = await server.address();
    await page.goto(address);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Light' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');
    const token = new URL(address).searchParams.get('token')!;
    expect(server.output().split(token).length - 1).toBe(1);
    // Leave the shared console as the other tests expect it.
    await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Follow the system' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  });

  test('gives a page on another local port nothing, while the console is open beside it', async ({ page, server }) => {
    await page.goto(await server.address());
    await expect(page.getByRole('banner').getByText(/^Signed in as /)).toBeVisible({ timeout: 20_000 });

    // A hostile page served by another program on this computer, in the same browser.
    const received: string[] = [];
    const hostile = createServer((request, response) => {
      received.push(`${request.headers.cookie ?? ''}${request.headers.authorization ?? ''}`);
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>local tool</title>');
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    const hostilePort = (hostile.address() as AddressInfo).port;
    try {
      const attacker = await page.context().newPage();
      await attacker.goto(`http://127.0.0.1:${hostilePort}/`);
      const attempts = await attacker.evaluate(async (target) => {
        const outcomes: string[] = [];
        const tryFetch = async (name: string, init: RequestInit, path: string): Promise<void> => {
          try {
            const response = await fetch(`${target}${path}`, init);
            outcomes.push(`${name}: ${response.type} ${response.status}`);
          } catch {
            outcomes.push(`${name}: blocked`);
          }
        };
        await tryFetch('json sign-out', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '' }, '/rpc/session:signOut');
        await tryFetch('form sign-out', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '' }, '/rpc/session:signOut');
        await tryFetch('connect', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{"token":"x"}' }, '/connect');
        await fetch('/own-request', { credentials: 'include' });
        return { outcomes, cookies: document.cookie };
      }, server.origin);
      // Browsers send a host's cookies to every port of it: the other program must get nothing.
      expect(received.length).toBeGreaterThanOrEqual(2);
      expect(received.filter((headers) => headers !== '')).toEqual([]);
      expect(attempts.cookies).toBe('');
      expect(attempts.outcomes).toEqual(['json sign-out: blocked', 'form sign-out: opaque 0', 'connect: blocked']);
      await attacker.close();
    } finally {
      hostile.close();
    }
    // Still signed in: nothing the other page sent was carried out.
    await page.reload();
    await expect(page.getByRole('banner').getByText(/^Signed in as /)).toBeVisible({ timeout: 20_000 });
  });

  test('takes the screenshot for the README', async ({ page, server }) => {
    await page.setViewportSize({ width: 1100, height: 640 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${await server.address()}#/home`);
    await expect(page.getByRole('banner').getByText(/^Signed in as /)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('main').getByRole('table')).toBeVisible();
    const target = process.env.UPDATE_SCREENSHOT === '1'
      ? fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url))
      : test.info().outputPath('screenshot.png');
    const image = await page.screenshot({ path: target });
    expect(image.byteLength).toBeGreaterThan(10_000);
  });
});

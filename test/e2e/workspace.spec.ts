import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The workspace every page lives in, against the built-in sandbox: addresses
 * with no page, the audit log after a change sent to SCM, and accessibility on
 * every page in both colour schemes.
 */
test.describe.configure({ mode: 'serial' });

const newPassword = 'Harbour-Lantern-7319#';

function signedIn(page: Page): Locator {
  return page.getByRole('banner').getByText(/^Signed in as /);
}

/** Signs in to the Sandbox profile from the Profiles list, whichever profile was active before. */
async function signInToSandbox(page: Page, address: string): Promise<void> {
  await page.goto(`${address}#/settings/profiles`);
  const row = page.locator('tr', { has: page.getByRole('rowheader', { name: /^Sandbox Practice( Signed in)?$/ }) });
  await expect(row).toBeVisible();
  const signIn = row.getByRole('button', { name: 'Sign in' });
  if ((await row.getByText('Signed in', { exact: true }).count()) === 0) await signIn.click();
  await expect(page.getByRole('button', { name: /^Profile:/ })).toHaveAccessibleName(/Sandbox/);
  await expect(signedIn(page)).toBeVisible({ timeout: 20_000 });
}

async function seriousViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('; ')})`);
}

test('says plainly that an address has no page, inside the shell, with a link home', async ({ page, server }) => {
  await page.goto(`${await server.address()}#/devices`);
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: 'No such page' })).toBeVisible();
  await expect(main.getByText('The console has no page at “/devices”.')).toBeVisible();
  await expect(page).toHaveTitle('No such page · TCS Admin Console');
  // The title bar and the navigation stay, so every way on is still there.
  await expect(page.getByRole('banner')).toBeVisible();
  const navigation = page.getByRole('navigation', { name: 'Main' });
  await expect(navigation.getByRole('link', { name: 'Admins' })).toBeVisible();
  await expect(navigation.locator('[aria-current="page"]')).toHaveCount(0);

  await main.getByRole('link', { name: 'Go to the Home page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page).toHaveURL(/#\/home$/);
  await expect(navigation.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');

  // A deeper address the console does not know, too.
  await page.goto(`${await server.address()}#/admins/2001/certificates`);
  await expect(page.getByRole('heading', { level: 1, name: 'No such page' })).toBeVisible();
});

test('lists a password change on the Audit log page, done, newest first', async ({ page, server }) => {
  test.setTimeout(60_000);
  await signInToSandbox(page, await server.address());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  const main = page.getByRole('main');
  const login = (await signedIn(page).innerText()).replace('Signed in as ', '');
  const practice = main.locator('.practice-password code');
  await expect(practice).toBeVisible();
  const practicePassword = await practice.innerText();

  await main.getByRole('button', { name: 'Change password' }).click();
  await main.getByRole('radio', { name: 'Type a new password' }).check();
  await main.getByLabel('Current password', { exact: true }).fill(practicePassword);
  await main.getByLabel('New password', { exact: true }).fill(newPassword);
  await main.getByLabel('Type it again', { exact: true }).fill(newPassword);
  await main.getByRole('button', { name: 'Change password' }).click();
  await expect(main.getByText(/^The password was changed/)).toBeVisible({ timeout: 20_000 });
  await expect(signedIn(page)).toHaveText(`Signed in as ${login}`);

  try {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    const newest = page.getByRole('grid', { name: 'Audit log' }).locator('[role="row"][aria-rowindex="2"]');
    const cells = newest.getByRole('gridcell');
    await expect(cells.nth(1)).toHaveText(login);
    await expect(cells.nth(2)).toHaveText('Sandbox');
    await expect(cells.nth(3)).toHaveText('change the password');
    await expect(cells.nth(4)).toHaveText('POST /api/admin/v1/changepassword');
    await expect(cells.nth(5)).toHaveText('Done');
    await expect(cells.nth(6)).toHaveText(/^HTTP 20\d$/);
    // The log holds no secret.
    await expect(page.getByText(newPassword)).toHaveCount(0);
    await expect(page.getByText(practicePassword)).toHaveCount(0);

    // The address keeps the filter, as on the Admins page.
    await page.getByRole('search').getByLabel('Result').selectOption({ label: 'Done' });
    await expect(page).toHaveURL(/#\/audit\?result=ok$/);
    await expect(newest.getByRole('gridcell').nth(3)).toHaveText('change the password');
  } finally {
    // Back to the practice passwords, for whatever runs next against this console.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await main.getByRole('button', { name: 'Reset sandbox…' }).click();
    await main.getByRole('button', { name: 'Reset sandbox', exact: true }).click();
    await expect(main.getByText('The sandbox was reset')).toBeVisible({ timeout: 20_000 });
  }
});

/** Every page, with what shows it is ready. */
const pages: { name: string; hash: string; ready: (page: Page) => Locator }[] = [
  { name: 'Home', hash: '#/home', ready: (page) => page.getByRole('main').getByRole('table') },
  { name: 'Certificates', hash: '#/certificates', ready: (page) => page.getByRole('grid', { name: 'Certificates' }).locator('[role="row"][aria-rowindex="2"]').getByRole('gridcell').nth(1).filter({ hasNotText: 'Loading…' }) },
  { name: 'Admins', hash: '#/admins', ready: (page) => page.getByRole('grid', { name: 'Admins' }).locator('[role="row"][aria-rowindex="2"]').getByRole('gridcell').first().filter({ hasNotText: 'Loading…' }) },
  { name: 'Organizations', hash: '#/organizations?unit=1002', ready: (page) => page.locator('aside.details-panel').getByRole('button', { name: 'Edit' }) },
  { name: 'Domains', hash: '#/domains', ready: (page) => page.locator('table.domains-table tbody tr').first() },
  { name: 'Notifications', hash: '#/notifications', ready: (page) => page.getByRole('region', { name: 'Compare with the baseline' }).getByRole('table') },
  { name: 'Audit log', hash: '#/audit', ready: (page) => page.getByRole('grid', { name: 'Audit log' }).locator('[role="row"][aria-rowindex="2"]') },
  { name: 'Handbook', hash: '#/handbook', ready: (page) => page.getByRole('heading', { level: 1, name: 'Start here' }) },
  { name: 'a handbook page with code', hash: '#/handbook/rest-api', ready: (page) => page.locator('.handbook-article pre code').first() },
  { name: 'Settings', hash: '#/settings', ready: (page) => page.getByRole('radio', { name: /^Svenska/ }) },
  { name: 'Settings → Profiles', hash: '#/settings/profiles', ready: (page) => page.getByRole('rowheader', { name: /^Sandbox Practice/ }) },
  { name: 'About', hash: '#/about', ready: (page) => page.getByTestId('about-version') },
  { name: 'an address with no page', hash: '#/devices', ready: (page) => page.getByRole('heading', { level: 1, name: 'No such page' }) },
];

// One test per scheme: each sweeps every page, and its time grows with the pages, not with the other scheme.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`has no serious or critical accessibility violation on any page, ${colorScheme}`, async ({ page, server }) => {
    test.setTimeout(180_000);
    await signInToSandbox(page, await server.address());
    // The console is shared by the files of this worker: follow the system's scheme whatever another test chose.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Follow the system' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
    const address = await server.address();
    await page.emulateMedia({ colorScheme });
    for (const [index, { name, hash, ready }] of pages.entries()) {
      // One address for the tab, then moves within it as a user does.
      if (index === 0) await page.goto(`${address}${hash}`);
      else await page.evaluate((target) => (window.location.hash = target), hash);
      await expect(ready(page), name).toBeVisible({ timeout: 20_000 });
      await expect(page.locator('html')).toHaveAttribute('data-scheme', colorScheme);
      expect(await seriousViolations(page), `${name}, ${colorScheme}`).toEqual([]);
    }
  });
}

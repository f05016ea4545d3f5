import type { Locator, Page } from '@playwright/test';
import { expect, ownConsole, test } from './fixtures';
import { ManualClock, startSandbox, type SandboxHandle } from '../../src/sandbox';
import { Scope } from '../../src/sandbox/scope';
import { addProfile, escapeRegExp, seriousViolations, signIn } from './sandboxProfiles';

/**
 * What needs attention, at the top of the Home page, against a sandbox of its
 * own signed in to as its RAO, whose password ends in five days; a DRAO's ends
 * in nine. Each line is followed by keyboard alone to the page that deals with
 * it, and every count is compared with the sandbox's own records. The tests
 * build on each other: the inventory and the admins read in one are counted
 * in the next.
 */
test.describe.configure({ mode: 'serial' });
test.use({ locale: 'en-GB', viewport: { width: 1024, height: 700 } });
const own = ownConsole('tcs-e2e-attention-');

type SandboxAdmin = SandboxHandle['store']['admins'] extends Map<number, infer Admin> ? Admin : never;

const dayMs = 86_400_000;
const profileName = 'Attention RAO';
let sandbox: SandboxHandle;

test.beforeAll(async () => {
  // The sandbox's clock stands still: no certificate changes state while the tests look at them.
  sandbox = await startSandbox({ seed: 5, certificates: 300, issueDelaySeconds: 0, now: new ManualClock().now });
  sandbox.store.adminByLogin('rao')!.passwordExpires = Date.now() + 5 * dayMs;
  sandbox.store.adminByLogin('drao-physics')!.passwordExpires = Date.now() + 9 * dayMs;
});

test.afterAll(async () => {
  await sandbox?.stop();
});

function today(): number {
  return Math.floor(Date.now() / dayMs);
}

/** The ends (days since the epoch) of the issued SSL and client certificates the RAO may see that end within 30 days, soonest first. */
function expiringEnds(): number[] {
  const scope = new Scope(sandbox.store.adminByLogin('rao')!, sandbox.store);
  const end = (expires: number | null) => (expires === null ? null : Math.floor(expires / dayMs));
  const ends = [
    ...[...sandbox.store.ssl.values()].filter((certificate) => scope.canSee(certificate.orgId, 'ssl') && certificate.status.toLowerCase() === 'issued').map((certificate) => end(certificate.expires)),
    ...[...sandbox.store.smime.values()].filter((certificate) => scope.canSee(certificate.orgId, 'smime') && ['issued', 'downloaded'].includes(certificate.state.toLowerCase())).map((certificate) => end(certificate.expires)),
  ];
  return ends.filter((day): day is number => day !== null && day - today() >= 0 && day - today() <= 30).sort((a, b) => a - b);
}

/** The other admins the RAO may see whose password has expired (a temporary one counts) or ends within 14 days. */
function adminsToWarnOf(): SandboxAdmin[] {
  const rao = sandbox.store.adminByLogin('rao')!;
  const units = new Set<number>();
  for (const credential of rao.credentials) {
    if (credential.orgId === null) continue;
    units.add(credential.orgId);
    for (const department of sandbox.store.departmentsOf(credential.orgId)) units.add(department.id);
  }
  return [...sandbox.store.admins.values()].filter(
    (admin) =>
      admin.id !== rao.id &&
      admin.credentials.some((credential) => credential.orgId !== null && units.has(credential.orgId)) &&
      (admin.type === 'STANDARD' || admin.type === 'API') &&
      (admin.temporaryPassword || (admin.passwordExpires !== null && Math.floor(admin.passwordExpires / dayMs) - today() <= 14)),
  );
}

function summary(page: Page): Locator {
  return page.getByRole('region', { name: 'Needs attention' });
}

/** Presses Tab until `target` has the focus, as a person without a mouse would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the keyboard never reached the element');
}

/** Goes to Home with its keyboard shortcut, and waits until the summary is read. */
async function home(page: Page): Promise<void> {
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(summary(page).getByRole('list').first()).toBeVisible({ timeout: 20_000 });
}

test('lists each thing that needs attention at the top of Home, and each link leads to where it is handled', async ({ page }) => {
  test.setTimeout(120_000);
  const address = await own.server().address();
  await addProfile(page, address, sandbox, profileName);
  await signIn(page, address, profileName);
  await page.goto(`${address}#/home`);
  await expect(summary(page).getByRole('heading', { level: 2, name: 'Needs attention' })).toBeVisible();
  // It comes first, before who the profile signs in as.
  const [top, details] = await Promise.all([summary(page).boundingBox(), page.locator('dl.identity').boundingBox()]);
  expect(top!.y).toBeLessThan(details!.y);

  const lines = summary(page).getByRole('listitem');
  await expect(lines).toHaveCount(3);
  const certificates = summary(page).getByRole('link', { name: 'The certificates have not been read on this computer yet: open Certificates to read them' });
  await expect(certificates).toBeVisible();
  // The physics domain's validation ends within the month, old-project.example's ended long ago.
  const dcv = summary(page).getByRole('link', { name: '2 domain validations end within 30 days or have ended (the first: old-project.example)' });
  await expect(dcv).toBeVisible();
  const password = summary(page).getByRole('button', { name: /^Your password expires in \d+ days$/ });
  await expect(password).toBeVisible();
  // The days are counted as the Home page's own details count them.
  const daysLeft = Number(/(\d+) days$/.exec(await password.innerText())![1]);
  expect(daysLeft).toBeGreaterThanOrEqual(3);
  expect(daysLeft).toBeLessThanOrEqual(5);
  await expect(page.getByTestId('password-state')).toHaveText(new RegExp(`\\(${daysLeft} days left\\)$`));
  expect(await seriousViolations(page)).toEqual([]);
  // All of it fits the window: nothing runs off to the side.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);

  await tabTo(page, dcv);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/domains\?expiring=true$/);
  await expect(page.getByRole('checkbox', { name: 'DCV ends within 30 days' })).toBeChecked();
  await expect(page.getByRole('table', { name: 'Domains' }).getByRole('rowheader')).toHaveText(['physics.sandbox-university.example', 'old-project.example']);

  await home(page);
  await tabTo(page, password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Change the password' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Change the password' })).toHaveCount(0);

  // The certificates are read by the page the link opens, the first time it opens for the profile.
  await tabTo(page, certificates);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/certificates\?attention=expiring$/);
  await expect(page.getByText('Complete.')).toBeVisible({ timeout: 60_000 });
  const ends = expiringEnds();
  expect(ends.length).toBeGreaterThan(1);
  await expect(page.locator('.table-count')).toHaveText(new RegExp(`^${ends.length} of `));

  await home(page);
  const first = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(ends[0]! * dayMs));
  const ending = summary(page).getByRole('link', { name: `${ends.length} certificates end within 30 days (the first on ${first})` });
  await expect(ending).toBeVisible();
  await tabTo(page, ending);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/certificates\?attention=expiring$/);
  await expect(page.locator('.table-count')).toHaveText(new RegExp(`^${ends.length} of `));
});

test('counts the other admins once the Admins page has read them, and the checklist runs left open', async ({ page }) => {
  test.setTimeout(120_000);
  const address = await own.server().address();
  await page.goto(`${address}#/admins`);
  await expect(page.getByRole('heading', { level: 1, name: 'Admins' })).toBeVisible();
  await expect(page.locator('.table-count')).toHaveText(/in all$/, { timeout: 30_000 });
  await expect(page.getByRole('group', { name: /^Reading / })).toHaveCount(0, { timeout: 30_000 });

  await page.goto(`${address}#/checklists/start/api-admin`);
  const form = page.locator('form.checklist-form');
  await form.getByLabel('Login of the new admin').fill('api-attention');
  await form.getByLabel('First name').fill('ACME');
  await form.getByLabel('Last name').fill('Automation');
  await form.getByLabel('Email', { exact: true }).fill('pki@example.org');
  await form.getByLabel('Email', { exact: true }).press('Enter');
  await expect(page.locator('nav.stepper [aria-current="step"]')).toContainText('Check that you may create it', { timeout: 30_000 });
  const runAddress = page.url();

  await home(page);
  const warned = adminsToWarnOf();
  expect(warned.map((admin) => admin.login)).toEqual(expect.arrayContaining(['drao-physics', 'rao-expired']));
  const admins = summary(page).getByRole('link', { name: `${warned.length} other admins’ passwords expire within 14 days or have expired` });
  await expect(admins).toBeVisible();
  await expect(summary(page).getByRole('link', { name: '1 checklist run is open' })).toBeVisible();
  const run = summary(page).getByRole('link', { name: 'Create a dedicated API admin for api-attention: step 1 of 6, Check that you may create it' });
  await expect(run).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await tabTo(page, admins);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/admins\?warned=true$/);
  await expect(page.getByRole('checkbox', { name: 'Needs attention' })).toBeChecked();
  for (const admin of warned) await expect(page.getByRole('grid', { name: 'Admins' }).getByText(admin.login!, { exact: true })).toBeVisible();

  await home(page);
  await tabTo(page, run);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(new URL(runAddress).hash)}$`));
  await expect(page.locator('nav.stepper [aria-current="step"]')).toContainText('Check that you may create it');
});

test('says when SCM did not send the domain validations in time, shows the rest, and reads them again on Try again', async ({ page }) => {
  test.setTimeout(60_000);
  const address = await own.server().address();
  await page.goto(`${address}#/checklists`);
  await expect(page.getByRole('heading', { level: 1, name: 'Checklists' })).toBeVisible();
  // The next request SCM gets, the summary's one read of the domain validations, is never answered.
  sandbox.faults.loseNextAnswers = 1;
  await page.keyboard.press('Alt+1');
  const unavailable = summary(page).getByRole('listitem').filter({ hasText: /^The domain validations could not be read: SCM did not send the domain validations in time\./ });
  await expect(unavailable).toBeVisible({ timeout: 20_000 });
  await expect(summary(page).getByRole('link', { name: /certificates end within 30 days/ })).toBeVisible();
  await expect(summary(page).getByRole('button', { name: /^Your password expires in/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const again = unavailable.getByRole('button', { name: 'Try again' });
  await tabTo(page, again);
  await page.keyboard.press('Enter');
  await expect(summary(page).getByRole('link', { name: /^2 domain validations end within 30 days/ })).toBeVisible({ timeout: 20_000 });
  await expect(unavailable).toHaveCount(0);
});

import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { passwordPolicyProblems } from '../../src/shared/session';
import { expect, filesUnder, ownConsole, test } from './fixtures';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

/**
 * Profiles, sign-in and the session, through the browser shell, against the
 * built-in sandbox and a second sandbox on this machine standing in for another
 * SCM. The tests build on each other, like a new admin's first hour.
 */
test.describe.configure({ mode: 'serial' });
// A console of its own: the profiles it adds must not meet another file's tests.
const own = ownConsole('tcs-e2e-profiles-');


let sandbox: SandboxHandle;
/** Every password and secret typed or created in this file, for the final scan. */
const secrets: string[] = [];
const wrongPassword = 'Not-the-right-one-42!';
const typedPassword = 'Typed-Harbour-7319#';

/**
 * The passwords the second sandbox accepted last, by login: what SCM itself
 * receives. The sandbox keeps only hashes, and a generated password is shown to
 * nobody, so this is how the scans below learn it.
 */
const accepted = new Map<string, string>();

/** A seeded admin's password, while it is still the seed's. */
function passwordOf(login: string): string {
  const password = sandbox.seededPassword(login);
  if (password === undefined) throw new Error(`the second sandbox has no seeded password for ${login}`);
  return password;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A row of the profile list, by the profile's exact name. */
function profileRow(page: Page, name: string): Locator {
  return page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(`^${escapeRegExp(name)}( Practice)?( Signed in)?$`) }) });
}

/** The session's state in the title bar, for one login exactly. */
function signedInAs(page: Page, login: string): Locator {
  return page.getByRole('banner').getByText(`Signed in as ${login}`, { exact: true });
}

function switcher(page: Page): Locator {
  return page.getByRole('button', { name: /^Profile:/ });
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Adds a profile for the second sandbox with the form, typing its password, and waits until it is saved. */
async function addProfile(page: Page, url: string, name: string, login: string, password: string): Promise<void> {
  await page.goto(`${url}#/settings/profiles`);
  await page.getByRole('button', { name: 'Add profile' }).click();
  const form = page.locator('form.profile-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Host', { exact: true }).fill(sandbox.url);
  await form.getByLabel('Customer URI', { exact: true }).fill(sandbox.customerUri);
  await form.getByLabel('Login', { exact: true }).fill(login);
  await form.locator('input[type="password"]').fill(password);
  await form.locator('input[type="password"]').press('Enter');
  await expect(form.getByRole('status')).toHaveText(savedWithPassword);
  await expect(form.getByText(/^(stored|kept for this session only)$/)).toBeVisible();
}

/** What the form says when a profile and its typed password were saved together. */
const savedWithPassword = /^Saved, with the password (in the keychain|in memory for this session only)\.$/;

async function signInFromList(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}#/settings/profiles`);
  await profileRow(page, name).getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page.getByText(`Signing in to ${name}…`).first()).toBeHidden({ timeout: 15_000 });
}

test.beforeAll(async () => {
  // Another seed than the built-in sandbox's, so no password here is also one of its own.
  sandbox = await startSandbox({ seed: 4242, certificates: 5 });
  const checker = sandbox.store.passwords;
  const matches = checker.matches.bind(checker);
  checker.matches = async (admin, candidate) => {
    const matched = await matches(admin, candidate);
    const login = sandbox.store.admins.get(admin.id)?.login;
    if (matched && login !== undefined && login !== null) accepted.set(login, candidate);
    return matched;
  };
  secrets.push(passwordOf('rao'), passwordOf('rao-expired'), wrongPassword, typedPassword);
});

test.afterAll(async () => {
  await sandbox?.stop();
});

test('opens on the Sandbox profile, signed in at once and marked as practice, with its scope', async ({ page }) => {
  await page.goto(await own.server().address());
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  const banner = page.getByRole('banner');
  await expect(signedInAs(page, 'rao')).toBeVisible({ timeout: 20_000 });
  await expect(switcher(page)).toHaveAccessibleName(/Sandbox/);
  await expect(banner.getByText('Practice', { exact: true })).toBeVisible();
  await expect(banner.getByText('sandbox-university @ built-in sandbox')).toBeVisible();

  const main = page.getByRole('main');
  await expect(main.getByText('Practice', { exact: true })).toBeVisible();
  await expect(main.getByText('rao@sandbox-university.example')).toBeVisible();
  const scope = main.getByRole('table');
  await expect(scope.getByRole('rowheader', { name: 'Sandbox University' })).toBeVisible();
  await expect(scope.getByRole('row', { name: /Department of Physics/ })).toBeVisible();
  await expect(scope.getByRole('row', { name: /University Library/ })).toContainText('Off');
  await expect(main.getByText(/RAO_SSL\s+for Sandbox University/)).toBeVisible();
  await expect(main.getByTestId('password-state')).toHaveText(/^Expires on \d{1,4}[-/.]\d{1,2}[-/.]\d{1,4} \(\d+ days left\)$/);
  await expect(main.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(main.getByRole('button', { name: 'Reset sandbox…' })).toBeVisible();
});

test('points at the field main refused, and keeps no typed password after Save', async ({ page }) => {
  await page.goto(`${await own.server().address()}#/settings/profiles`);
  await page.getByRole('button', { name: 'Add profile' }).click();
  const form = page.locator('form.profile-form');
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(form.getByLabel('Host', { exact: true })).toHaveValue('cert-manager.com');
  await form.getByLabel('Name', { exact: true }).fill('Second sandbox');
  await form.getByLabel('Host', { exact: true }).fill('http://example.org');
  await form.getByLabel('Customer URI', { exact: true }).fill(sandbox.customerUri);
  await form.getByLabel('Login', { exact: true }).fill('rao');
  await form.locator('input[type="password"]').fill(passwordOf('rao'));
  await form.getByLabel('Login', { exact: true }).fill('has space');
  await form.getByRole('button', { name: 'Save' }).click();

  // Every problem at once: a summary that takes the focus, and each message on its field.
  const summary = form.getByRole('alert').filter({ hasText: 'Check these 2 fields; nothing was saved' });
  await expect(summary).toBeFocused();
  const host = form.getByLabel('Host', { exact: true });
  await expect(host).toHaveAttribute('aria-invalid', 'true');
  await expect(host).toHaveAccessibleDescription(/Plain http is allowed only for a sandbox on this machine/);
  await expect(form.getByLabel('Login', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await summary.getByRole('link', { name: /^Host:/ }).click();
  await expect(host).toBeFocused();
  await form.getByLabel('Login', { exact: true }).fill('rao');
  // The password left the field when Save was pressed, even though nothing was saved.
  await expect(form.locator('input[type="password"]')).toHaveValue('');
  await expect(form.getByText(/type it again/)).toBeVisible();

  await host.fill(sandbox.url);
  await form.locator('input[type="password"]').fill(passwordOf('rao'));
  await form.locator('input[type="password"]').press('Enter');
  await expect(form.getByRole('status')).toHaveText(savedWithPassword);
  await expect(form.getByText(/^(stored|kept for this session only)$/)).toBeVisible();
  await expect(form.getByRole('button', { name: 'Replace' })).toBeVisible();
  await expect(form.getByRole('button', { name: 'Forget' })).toBeVisible();
  await expect(form.locator('input[type="password"]')).toHaveCount(0);
  expect(await page.content()).not.toContain(passwordOf('rao'));

  const row = profileRow(page, 'Second sandbox');
  await expect(row).toContainText(`${sandbox.customerUri} @ 127.0.0.1:${sandbox.port}`);
  await expect(row).toContainText('Password');
  await expect(row).toContainText(/Stored in the keychain|Kept for this session only/);
  await expect(row).not.toContainText('Practice');
});

test('signs in to a second SCM with the typed password and shows its scope', async ({ page }) => {
  await signInFromList(page, await own.server().address(), 'Second sandbox');
  const banner = page.getByRole('banner');
  await expect(signedInAs(page, 'rao')).toBeVisible();
  await expect(switcher(page)).toHaveAccessibleName(/Second sandbox/);
  await expect(banner.getByText(`${sandbox.customerUri} @ 127.0.0.1:${sandbox.port}`)).toBeVisible();
  await expect(banner.getByText('Practice', { exact: true })).toHaveCount(0);
  const main = page.getByRole('main');
  await expect(main.getByRole('table').getByRole('rowheader', { name: 'Sandbox University' })).toBeVisible();
  await expect(main.getByRole('button', { name: 'Reset sandbox…' })).toHaveCount(0);
});

test('explains a refused password with what to do, and opens the handbook at the cause', async ({ page }) => {
  await addProfile(page, await own.server().address(), 'Wrong password', 'rao', wrongPassword);
  await signInFromList(page, await own.server().address(), 'Wrong password');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 2, name: 'Wrong password' })).toBeVisible();
  await expect(main.getByText('SCM knows this admin, but the password the profile holds is not theirs.')).toBeVisible();
  const steps = main.locator('ol.problem-steps > li');
  await expect(steps.first()).toContainText('Enter the password again');
  expect(await steps.count()).toBeGreaterThan(1);
  // Sending the refused password again would only count towards a lock: the way on is to enter it.
  await expect(main.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(main.getByLabel('Password of rao', { exact: true })).toBeFocused();
  await expect(main.getByRole('heading', { name: 'Also possible' })).toBeVisible();
  await expect(main.getByRole('button', { name: 'Locked account' })).toBeVisible();
  await expect(page.getByRole('banner').getByText('Not signed in: Wrong password')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await main.getByRole('button', { name: 'What this means' }).click();
  const panel = page.getByRole('complementary', { name: 'Connecting to SCM' });
  await expect(panel).toBeVisible();
  await expect(panel.locator('[id="sign-in-wrong-password"]')).toBeInViewport();
  await panel.getByRole('button', { name: 'Close the handbook panel' }).click();

  // Signing in again sends nothing.
  const failedBefore = sandbox.store.adminByLogin('rao')!.failedAttempts ?? 0;
  await signInFromList(page, await own.server().address(), 'Wrong password');
  await expect(main.getByRole('heading', { level: 2, name: 'The console did not send the password again' })).toBeVisible();
  expect(sandbox.store.adminByLogin('rao')!.failedAttempts ?? 0).toBe(failedBefore);

  await main.getByRole('button', { name: 'Edit the profile' }).click();
  await expect(page.locator('form.profile-form')).toContainText('Edit “Wrong password”');

  // Entered again, right this time: signed in.
  await signInFromList(page, await own.server().address(), 'Wrong password');
  const field = main.getByLabel('Password of rao', { exact: true });
  await field.fill(passwordOf('rao'));
  await field.press('Enter');
  await expect(signedInAs(page, 'rao')).toBeVisible({ timeout: 15_000 });
  await expect(field).toHaveCount(0);
});

test('changes an expired password to one the user types, refusing what breaks the policy', async ({ page }) => {
  const original = passwordOf('rao-expired');
  await addProfile(page, await own.server().address(), 'Expired admin', 'rao-expired', original);
  await signInFromList(page, await own.server().address(), 'Expired admin');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'The password has expired' })).toBeVisible();
  await expect(main.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
  await expect(main.getByRole('radio', { name: /Generate a strong password/ })).toBeChecked();

  await main.getByRole('radio', { name: 'Type a new password' }).check();
  await expect(main.getByText(/At least 12 characters/)).toBeVisible();
  const current = main.getByLabel('Current password', { exact: true });
  const newPassword = main.getByLabel('New password', { exact: true });
  const again = main.getByLabel('Type it again', { exact: true });
  await newPassword.fill('short');
  await expect(main.getByText(/Still needed: at least 12 characters/)).toBeVisible();
  await main.getByRole('button', { name: 'Change password' }).click();
  const problems = main.getByRole('alert').filter({ hasText: 'Check these 3 fields' });
  await expect(problems).toBeFocused();
  await expect(problems).toContainText('Current password: Enter the current password.');
  await expect(newPassword).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(page)).toEqual([]);
  await main.getByRole('checkbox', { name: 'Show what I type' }).check();
  await expect(newPassword).toHaveAttribute('type', 'text');
  await main.getByRole('checkbox', { name: 'Show what I type' }).uncheck();
  await expect(newPassword).toHaveAttribute('type', 'password');

  // A wrong current password is caught before SCM hears of it.
  await current.fill('Not-The-Current-One-1!');
  await newPassword.fill(typedPassword);
  await again.fill(typedPassword);
  await main.getByRole('button', { name: 'Change password' }).click();
  await expect(current).toBeFocused();
  await expect(current).toHaveAccessibleDescription(/That is not the current password\. Nothing was sent to SCM\./);
  expect(sandbox.checkPassword('rao-expired', original)).toBe(true);

  // SCM itself refuses the current password as the new one.
  await current.fill(original);
  await newPassword.fill(original);
  await again.fill(original);
  await expect(main.getByText('Meets the policy.')).toBeVisible();
  await main.getByRole('button', { name: 'Change password' }).click();
  const refusal = main.getByRole('alert').filter({ hasText: 'Password policy violated' });
  await expect(refusal).toBeVisible();
  await expect(refusal.getByRole('button', { name: 'SCM code -7306' })).toBeVisible();
  await expect(newPassword).toHaveValue('');
  await expect(again).toHaveValue('');
  await expect(current).toHaveValue('');

  await current.fill(original);
  await newPassword.fill(typedPassword);
  await again.fill(`${typedPassword}x`);
  await expect(main.getByText('The two passwords are not the same.')).toBeVisible();
  await main.getByRole('button', { name: 'Change password' }).click();
  await expect(again).toHaveAccessibleDescription(/Type the same new password again/);
  await again.fill(typedPassword);
  await again.press('Enter');

  await expect(signedInAs(page, 'rao-expired')).toBeVisible({ timeout: 15_000 });
  await expect(main.getByText(/^The password was changed(; the new one is in the keychain\.|\. The new one is kept in memory for this session only)/)).toBeVisible();
  await expect(main.getByTestId('password-state')).toHaveText(/^Expires on/);
  expect(sandbox.checkPassword('rao-expired', typedPassword)).toBe(true);
  expect(await page.content()).not.toContain(typedPassword);
});

test('changes an expired password to a generated one that is never shown', async ({ page }) => {
  // The password runs out again.
  sandbox.store.adminByLogin('rao-expired')!.passwordExpires = Date.now() - 86_400_000;
  await signInFromList(page, await own.server().address(), 'Expired admin');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
  await expect(main.getByRole('radio', { name: /Generate a strong password/ })).toBeChecked();
  await main.getByRole('button', { name: 'Change password' }).click();
  await expect(signedInAs(page, 'rao-expired')).toBeVisible({ timeout: 15_000 });

  const generated = accepted.get('rao-expired')!;
  expect(sandbox.checkPassword('rao-expired', generated)).toBe(true);
  secrets.push(generated);
  expect(generated).not.toBe(typedPassword);
  expect(passwordPolicyProblems(generated, 'rao-expired')).toEqual([]);
  expect(await page.content()).not.toContain(generated);

  // The console signs in with the generated password it stored.
  await page.reload();
  await expect(signedInAs(page, 'rao-expired')).toBeVisible();
  await main.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByText('Signed out')).toBeVisible();
  await main.getByRole('button', { name: 'Sign in to Expired admin' }).click();
  await expect(signedInAs(page, 'rao-expired')).toBeVisible({ timeout: 15_000 });
});

test('switches profiles from the title bar with one click or the keyboard', async ({ page }) => {
  await page.goto(await own.server().address());
  const banner = page.getByRole('banner');
  await expect(signedInAs(page, 'rao-expired')).toBeVisible();

  await switcher(page).click();
  const menu = page.getByRole('menu', { name: 'Sign in to a profile' });
  await expect(menu.getByRole('menuitemradio', { name: /^Expired admin/ })).toHaveAttribute('aria-checked', 'true');
  await expect(menu.getByRole('menuitemradio', { name: /^Sandbox/ })).toContainText('Practice');
  await menu.getByRole('menuitemradio', { name: /^Sandbox/ }).click();
  await expect(menu).toBeHidden();
  await expect(signedInAs(page, 'rao')).toBeVisible({ timeout: 15_000 });
  await expect(banner.getByText('Practice', { exact: true })).toBeVisible();
  await expect(switcher(page)).toHaveAccessibleName(/Sandbox/);

  await switcher(page).focus();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitemradio').first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Manage profiles…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(switcher(page)).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(menu.getByRole('menuitemradio', { name: /^Sandbox/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitemradio', { name: /^Second sandbox/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(switcher(page)).toHaveAccessibleName(/Second sandbox/);
  await expect(banner.getByText(`${sandbox.customerUri} @ 127.0.0.1:${sandbox.port}`)).toBeVisible();
  await expect(signedInAs(page, 'rao')).toBeVisible({ timeout: 15_000 });

  await switcher(page).click();
  await menu.getByRole('menuitemradio', { name: /^Sandbox/ }).click();
  await expect(banner.getByText('Practice', { exact: true })).toBeVisible();
  await expect(signedInAs(page, 'rao')).toBeVisible({ timeout: 15_000 });
});

test('exports the profiles without secrets and imports them back as renamed copies', async ({ page }) => {
  await page.goto(`${await own.server().address()}#/settings/profiles`);
  await expect(profileRow(page, 'Second sandbox')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export profiles' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^tcs-admin-profiles-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile(await download.path(), 'utf8');
  const exported = JSON.parse(text) as { format: string; profiles: { name: string }[] };
  expect(exported.format).toBe('tcs-admin-console-profiles');
  expect(exported.profiles.map((profile) => profile.name).sort()).toEqual(['Expired admin', 'Second sandbox', 'Wrong password']);
  for (const secret of secrets) expect(text).not.toContain(secret);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 3 profiles' })).toBeVisible();

  await page.locator('input[type="file"]').setInputFiles({ name: 'profiles.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const outcome = page.locator('.import-outcome');
  await expect(outcome).toContainText('Imported 3 profiles');
  await expect(outcome).toContainText('“Second sandbox” → “Second sandbox (2)”');
  await expect(outcome).toContainText('“Wrong password” → “Wrong password (2)”');
  const copy = profileRow(page, 'Second sandbox (2)');
  await expect(copy).toBeVisible();
  await expect(copy).toContainText('None yet');
  await expect(profileRow(page, 'Sandbox')).not.toContainText('Delete');
});

test('duplicates and deletes a profile after asking', async ({ page }) => {
  await page.goto(`${await own.server().address()}#/settings/profiles`);
  await profileRow(page, 'Wrong password (2)').getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByText('Added “Wrong password (2) (copy)”')).toBeVisible();
  const copy = profileRow(page, 'Wrong password (2) (copy)');
  await copy.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Wrong password (2) (copy)” and its secret?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(copy).toBeVisible();
  await expect(copy.getByRole('button', { name: 'Delete' })).toBeFocused();

  // Destructive: the name must be typed first.
  await copy.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog.getByText('Type the name exactly as shown.')).toBeVisible();
  await expect(copy).toBeVisible();
  await dialog.getByLabel('Type “Wrong password (2) (copy)” to confirm').fill('Wrong password (2) (copy)');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(copy).toHaveCount(0);
  await expect(page.getByText('Deleted “Wrong password (2) (copy)” and its secret.')).toBeVisible();
});

test('has no accessibility violations on the Home page and in the Profiles section, light and dark', async ({ page }) => {
  // Several full accessibility analyses, each seconds long on a busy machine.
  test.setTimeout(120_000);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(await own.server().address());
    await expect(page.getByRole('banner').getByText(/Signed in as/)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('main').getByRole('table')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Reset sandbox…' }).click();
    await expect(page.getByText('All practice is lost')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await switcher(page).click();
    await expect(page.getByRole('menu')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.goto(`${await own.server().address()}#/settings/profiles`);
    await expect(profileRow(page, 'Sandbox')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await profileRow(page, 'Second sandbox').getByRole('button', { name: 'Edit' }).click();
    const form = page.locator('form.profile-form');
    await form.getByLabel('Customer URI', { exact: true }).fill('not a uri');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByLabel('Customer URI', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
  }
});

test('words the profile form’s problems in Swedish once Svenska is chosen in Settings', async ({ page }) => {
  await page.goto(`${await own.server().address()}#/settings`);
  await page.getByRole('radio', { name: 'Svenska' }).click();
  await expect(page.getByRole('radio', { name: 'Svenska' })).toBeChecked();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
  try {
    await page.getByRole('navigation', { name: 'Delar av inställningarna' }).getByRole('link', { name: 'Profiler' }).click();
    await page.getByRole('button', { name: 'Lägg till profil' }).click();
    const form = page.locator('form.profile-form');
    await form.getByLabel('Värd', { exact: true }).fill('http://example.org');
    await form.getByLabel('Inloggningsnamn', { exact: true }).fill('har mellanslag');
    await form.locator('input[type="password"]').fill('x'.repeat(16_385));
    await form.getByRole('button', { name: 'Spara' }).click();

    const summary = form.getByRole('alert').filter({ hasText: 'inget sparades' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('heading')).toHaveText('Kontrollera de här 5 fälten; inget sparades');
    await expect(form.getByLabel('Namn', { exact: true })).toHaveAccessibleDescription(/Ge profilen ett namn\./);
    await expect(form.getByLabel('Värd', { exact: true })).toHaveAccessibleDescription(/Vanlig http tillåts bara för en övningsmiljö på den här datorn/);
    await expect(form.getByLabel('Kund-URI', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.locator('input[type="password"]')).toHaveAccessibleDescription(/Ange högst 16\s384 tecken/);
    await expect(summary.getByRole('link', { name: /^Inloggningsnamn: Inloggningsnamnet består bara av/ })).toBeVisible();
    await expect(form).not.toContainText(/Enter|Give the profile|nothing was saved/);
    expect(await axeViolations(page)).toEqual([]);

    // Main's refusal lands on its field the same way, in the same language.
    await form.getByLabel('Namn', { exact: true }).fill('Second sandbox');
    await form.getByLabel('Värd', { exact: true }).fill(sandbox.url);
    await form.getByLabel('Kund-URI', { exact: true }).fill(sandbox.customerUri);
    await form.getByLabel('Inloggningsnamn', { exact: true }).fill('rao');
    await form.locator('input[type="password"]').fill(passwordOf('rao'));
    await form.getByRole('button', { name: 'Spara' }).click();
    const refusal = form.getByRole('alert').filter({ hasText: 'Kontrollera det här fältet; inget sparades' });
    await expect(refusal).toBeFocused();
    await expect(form.getByLabel('Namn', { exact: true })).toHaveAccessibleDescription(/Det finns redan en profil som heter ”Second sandbox”\. Välj ett annat namn\./);
    await expect(form.locator('input[type="password"]')).toHaveValue('');
  } finally {
    await page.goto(`${own.server().origin}/#/settings`);
    await page.getByRole('radio', { name: 'English' }).click();
    await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  }
});

test('resets the sandbox after a confirmation and practises as another admin', async ({ page }) => {
  await page.goto(await own.server().address());
  const main = page.getByRole('main');
  await expect(signedInAs(page, 'rao')).toBeVisible({ timeout: 15_000 });
  await main.getByLabel('Sandbox admin to practise as').selectOption('drao-physics');
  await main.getByRole('button', { name: 'Practise as this admin' }).click();
  await expect(signedInAs(page, 'drao-physics')).toBeVisible({ timeout: 15_000 });
  await expect(main.getByRole('table').getByRole('rowheader', { name: 'Department of Physics' })).toBeVisible();

  await main.getByRole('button', { name: 'Reset sandbox…' }).click();
  await main.getByRole('button', { name: 'Reset sandbox', exact: true }).click();
  await expect(main.getByText('The sandbox was reset')).toBeVisible({ timeout: 20_000 });
  await expect(signedInAs(page, 'drao-physics')).toBeVisible();
});

test('leaves no password or secret in any file of the data folder or in the server output', async () => {
  expect(secrets.length).toBe(5);
  const files = await filesUnder(own.server().userDataDir);
  expect(files.some((file) => file.endsWith('profiles.json'))).toBe(true);
  for (const file of files) {
    const content = await readFile(file);
    for (const secret of secrets) {
      expect(content.includes(secret), `${file} contains a secret used in the test`).toBe(false);
    }
  }
  for (const secret of secrets) expect(own.server().output()).not.toContain(secret);
});

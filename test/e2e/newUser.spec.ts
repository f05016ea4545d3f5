import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { expect, startConsoleServer, test, type ConsoleServer } from './fixtures';

/**
 * A new RAO on a computer with no keychain, at 1024×700: what they meet when
 * they add a profile, type too much, change a temporary password, mistype a
 * host, and what a script that got hold of the page's key can still not do.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1024, height: 700 } });

let tenant: SandboxHandle;
let server: ConsoleServer;
let userDataDir: string;
/** Every secret typed or shown here, for the final scan of the data folder. */
const secrets: string[] = [];

test.beforeAll(async () => {
  tenant = await startSandbox({ seed: 5151, certificates: 3 });
  userDataDir = await mkdtemp(join(tmpdir(), 'tcs-e2e-nokeychain-'));
  server = await startConsoleServer(userDataDir, { keychain: false });
  secrets.push(tenant.seededPassword('api-new')!, tenant.seededPassword('rao')!);
});

test.afterAll(async () => {
  await server?.stop();
  await tenant?.stop();
  await rm(userDataDir, { recursive: true, force: true });
});

async function openProfiles(page: Page): Promise<void> {
  await page.goto(`${await server.address()}#/settings/profiles`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
}

async function addProfile(page: Page, name: string, login: string, password: string, host = tenant.url): Promise<void> {
  await openProfiles(page);
  await page.getByRole('button', { name: 'Add profile' }).click();
  const form = page.locator('form.profile-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Host', { exact: true }).fill(host);
  await form.getByLabel('Customer URI', { exact: true }).fill(tenant.customerUri);
  await form.getByLabel('Login', { exact: true }).fill(login);
  await form.locator('input[type="password"]').fill(password);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved, with the password in memory for this session only.');
}

/** Signs in to a profile from the list, in this tab (which keeps its key). */
async function signInTo(page: Page, name: string): Promise<void> {
  await page.goto(`${server.origin}/#/settings/profiles`);
  await page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) }).getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
}

/** Calls the console as a script in the page would, with the tab's own key. */
function callAsScript(page: Page, channel: string, args: unknown): Promise<{ ok: boolean; error?: { field?: string; fields?: { field: string }[]; message: string } }> {
  return page.evaluate(
    async ({ channel, args }) => {
      const key = sessionStorage.getItem('tcs-console-tab-key');
      const response = await fetch(`/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(args) });
      return (await response.json()) as { ok: boolean; error?: { field?: string; message: string } };
    },
    { channel, args },
  );
}

test('checks every field at once, says what to do on each, and saves nothing from enormous input', async ({ page }) => {
  await openProfiles(page);
  await page.getByRole('button', { name: 'Add profile' }).click();
  const form = page.locator('form.profile-form');
  await form.getByLabel('Name', { exact: true }).fill('N'.repeat(300));
  await form.getByLabel('Host', { exact: true }).fill(`${'h'.repeat(3000)}.example`);
  await form.getByLabel('Customer URI', { exact: true }).fill('');
  await form.getByLabel('Login', { exact: true }).fill('l'.repeat(200));
  const huge = 'P'.repeat(100_000);
  await form.locator('input[type="password"]').fill(huge);
  await form.getByRole('button', { name: 'Save' }).click();

  const summary = form.getByRole('alert').filter({ hasText: 'nothing was saved' });
  await expect(summary).toBeFocused();
  for (const label of ['Name', 'Host', 'Customer URI', 'Login']) {
    await expect(form.getByLabel(label, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(form.locator('input[type="password"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/80 characters or fewer/);
  await expect(form.locator('input[type="password"]')).toHaveAccessibleDescription(/Enter at most 16,384 characters/);
  await expect(summary).not.toContainText(/profiles:create|request for|Too big/);
  await expect(form.locator('input[type="password"]')).toHaveValue('');

  // The same refusal from main, for a script that skips the form: nothing half-saved.
  const answer = await callAsScript(page, 'profiles:create', { name: 'Half', host: tenant.url, customerUri: tenant.customerUri, login: 'rao', authKind: 'password', secret: huge });
  expect(answer.ok).toBe(false);
  expect(answer.error?.fields?.map((entry) => entry.field)).toEqual(['secret']);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await expect(page.getByRole('rowheader', { name: /^Half/ })).toHaveCount(0);
  await expect(page.getByRole('rowheader', { name: /^N{20}/ })).toHaveCount(0);
});

test('never calls a password kept in memory “stored”, and shows a generated one once', async ({ page }) => {
  await addProfile(page, 'New API admin', 'api-new', tenant.seededPassword('api-new')!);
  await expect(page.locator('form.profile-form').getByText('kept for this session only', { exact: true })).toBeVisible();
  await signInTo(page, 'New API admin');

  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'Set a new password' })).toBeVisible({ timeout: 15_000 });
  await expect(main.getByRole('radio', { name: 'Type a new password' })).toBeChecked();
  const generate = main.getByRole('radio', { name: /Generate a strong password and show it to me once/ });
  await generate.check();
  await main.getByLabel('Current password', { exact: true }).fill(tenant.seededPassword('api-new')!);
  await main.getByRole('button', { name: 'Change password' }).click();

  await expect(main.getByRole('heading', { name: 'Your new password' })).toBeVisible({ timeout: 15_000 });
  await expect(main.getByRole('alert').filter({ hasText: 'This is the only time the console shows it.' })).toBeVisible();
  const shown = (await main.getByTestId('generated-password').textContent())!;
  secrets.push(shown);
  expect(tenant.checkPassword('api-new', shown)).toBe(true);
  await main.getByRole('button', { name: 'I have kept it' }).click();
  await expect(main.getByText('The password was changed. The new one is kept in memory for this session only: you will need it after a restart.')).toBeVisible();
  await expect(main.getByTestId('generated-password')).toHaveCount(0);
  expect(await page.content()).not.toContain(shown);
  await expect(main.getByText(/stored/)).toHaveCount(0);
});

test('asks before it forgets a password when the login changes, and keeps it for a corrected typo', async ({ page }) => {
  await addProfile(page, 'Typo in login', 'rao-typo', tenant.seededPassword('rao')!);
  const form = page.locator('form.profile-form');
  await form.getByLabel('Login', { exact: true }).fill('rao');
  const question = form.getByRole('group', { name: 'The stored password' });
  await expect(question).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'nothing was saved' })).toContainText('Choose whether the stored password still belongs to this account.');
  await question.getByRole('radio', { name: /Keep it/ }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(form.getByText('kept for this session only', { exact: true })).toBeVisible();

  await signInTo(page, 'Typo in login');
  await expect(page.getByRole('banner').getByText('Signed in as rao', { exact: true })).toBeVisible({ timeout: 15_000 });
});

test('will not let a script that holds the page’s key set the password, even to a generated one it would see', async ({ page }) => {
  await page.goto(await server.address());
  await expect(page.getByRole('banner').getByText(/^Signed in as /)).toBeVisible({ timeout: 20_000 });
  const session = (await callAsScript(page, 'session:get', undefined)) as unknown as { value: { profileId: string } };
  const typed = await callAsScript(page, 'session:changePassword', { profileId: session.value.profileId, newPassword: 'Attacker-Chosen-99!' });
  expect(typed).toMatchObject({ ok: false, error: { field: 'currentPassword' } });
  const generated = await callAsScript(page, 'session:changePassword', { profileId: session.value.profileId });
  expect(generated).toMatchObject({ ok: false, error: { field: 'currentPassword' } });
  const guessed = await callAsScript(page, 'session:changePassword', { profileId: session.value.profileId, newPassword: 'Attacker-Chosen-99!', currentPassword: 'A-Guess-123!' });
  expect(guessed).toMatchObject({ ok: false, error: { field: 'currentPassword', message: 'That is not the current password. Nothing was sent to SCM.' } });
  await page.reload();
  await expect(page.getByRole('banner').getByText(/^Signed in as /)).toBeVisible({ timeout: 20_000 });
});

test('tells a refused connection apart, with what to check, and offers to try again', async ({ page }) => {
  await addProfile(page, 'Nothing listening', 'rao', 'Any-Password-123!', 'http://127.0.0.1:9');
  secrets.push('Any-Password-123!');
  await signInTo(page, 'Nothing listening');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 2, name: 'The host refused the connection' })).toBeVisible({ timeout: 15_000 });
  await expect(main.getByText(/^Could not/)).toHaveCount(0);
  await expect(main.locator('ol.problem-steps > li').first()).toContainText('port 443');
  await expect(main.getByRole('button', { name: 'Try again' })).toBeVisible();
  await main.getByRole('button', { name: 'What this means' }).click();
  await expect(page.getByRole('complementary', { name: 'Error reference' }).locator('[id="network-refused"]')).toBeInViewport();
});

test('leaves no typed or shown password in any file of the data folder', async () => {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(dir, entry.name));
      else files.push(join(dir, entry.name));
    }
  };
  await walk(userDataDir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const secret of secrets) expect(text.includes(secret), `${file} holds a secret`).toBe(false);
  }
  for (const secret of secrets) expect(server.output().includes(secret)).toBe(false);
});

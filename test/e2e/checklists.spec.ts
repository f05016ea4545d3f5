import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startConsoleServer, test, type ConsoleServer } from './fixtures';
import { addProfile, atStep, runStep, seriousViolations, signIn, stepPanel, stepper } from './checklistSteps';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

/**
 * The Checklists page against a sandbox of its own, so that every test can
 * compare what the page says with what SCM now holds. The console finds the
 * test keychain, as a desktop would.
 */
test.describe.configure({ mode: 'serial' });

let sandbox: SandboxHandle;
let userDataDir: string;
let server: ConsoleServer;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, certificates: 5 });
  userDataDir = await mkdtemp(join(tmpdir(), 'tcs-e2e-checklists-'));
  server = await startConsoleServer(userDataDir);
});

test.afterAll(async () => {
  await server?.stop();
  await sandbox?.stop();
  await rm(userDataDir, { recursive: true, force: true });
});


test('creates an API admin step by step, showing what it sends, and SCM holds exactly one', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await addProfile(page, await server.address(), sandbox, 'Checklist RAO', 'rao');
  await signIn(page, await server.address(), 'Checklist RAO', 'rao');
  const before = sandbox.store.admins.size;

  await page.setViewportSize({ width: 1024, height: 700 });
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: 'Checklists' })).toBeVisible();
  await page.getByRole('link', { name: 'Start “Create a dedicated API admin”' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start: Create a dedicated API admin' })).toBeVisible();
  const form = page.locator('form.checklist-form');
  await expect(form.getByLabel('Login of the new admin')).toBeFocused();

  // Nothing filled in: every problem at once, on its field, and no run.
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Login of the new admin: Enter a login of 3 to 128 characters.');
  await expect(summary).toContainText('Email: Enter an email address such as pki@example.org.');
  expect(await seriousViolations(page)).toEqual([]);

  await form.getByLabel('Login of the new admin').fill('api-e2e');
  await form.getByLabel('First name').fill('ACME');
  await form.getByLabel('Last name').fill('Automation');
  await form.getByLabel('Email', { exact: true }).fill('pki@example.org');
  await form.getByRole('button', { name: 'Start the checklist' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Create a dedicated API admin' })).toBeVisible();
  await expect(page).toHaveURL(/#\/checklists\/runs\/api-admin-/);
  await atStep(page, 'Check that you may create it');
  expect(await seriousViolations(page)).toEqual([]);
  await stepPanel(page).getByRole('button', { name: 'Check now' }).click();

  await atStep(page, 'Create the admin with a temporary password');
  await expect(stepPanel(page).getByText('What the console will send')).toBeVisible();
  await expect(stepPanel(page).locator('.request-body')).toContainText('"login": "api-e2e"');
  // The temporary password is made and sent by main; the page shows only that there is one.
  await expect(stepPanel(page).locator('.request-body')).toContainText('"password": "•••••••• (a temporary password the console makes and keeps)"');
  await stepPanel(page).getByRole('button', { name: 'Run this step' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run “Create the admin with a temporary password”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Send to SCM' }).click();

  await atStep(page, 'Set its own password');
  expect(sandbox.store.admins.size).toBe(before + 1);
  await stepPanel(page).getByRole('button', { name: 'Run this step' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Send to SCM' }).click().catch(() => undefined);
  await atStep(page, 'Make it API-only');
  await stepPanel(page).getByRole('button', { name: 'Check now' }).click();
  await atStep(page, 'Check that it works');
  await stepPanel(page).getByRole('button', { name: 'Check now' }).click();
  await atStep(page, 'Hand the password to your automation');
  await stepPanel(page).getByRole('button', { name: 'Mark as read' }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'The checklist is done' })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('done.png'), fullPage: true });
  const created = sandbox.store.adminByLogin('api-e2e');
  expect(created?.type).toBe('API');
  expect(sandbox.store.admins.size).toBe(before + 1);

  // Each change went through the audit log: the create as the RAO, the password change as the new admin.
  const audit = (await readFile(join(userDataDir, 'audit.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { who: string; method: string; path: string; result: string; objectIds: number[] });
  expect(audit.filter((entry) => entry.method === 'POST' && entry.path === '/api/admin/v1' && entry.who === 'rao')).toEqual([expect.objectContaining({ result: 'ok', objectIds: [created!.id] })]);
  expect(audit.some((entry) => entry.who === 'api-e2e' && entry.result === 'ok')).toBe(true);
});

/** Starts the API admin checklist for a login with the proposed roles and privileges. */
async function startApiAdmin(page: Page, login: string): Promise<void> {
  await page.goto(`${await server.address()}#/checklists/start/api-admin`);
  const form = page.locator('form.checklist-form');
  await form.getByLabel('Login of the new admin').fill(login);
  await form.getByLabel('First name').fill('ACME');
  await form.getByLabel('Last name').fill('Automation');
  await form.getByLabel('Email', { exact: true }).fill('pki@example.org');
  await form.getByLabel('Email', { exact: true }).press('Enter');
  await atStep(page, 'Check that you may create it');
}

test('goes on where it stopped after the console restarts, and lists the run as in progress', async ({ page }) => {
  test.setTimeout(120_000);
  const before = sandbox.store.admins.size;
  await startApiAdmin(page, 'api-resume');
  await runStep(page, 'Check now', 'Create the admin with a temporary password');
  await runStep(page, 'Run this step', 'Set its own password');

  // The console stops as a closed window would, and starts again on the same data folder.
  await server.stop();
  server = await startConsoleServer(userDataDir);
  await signIn(page, await server.address(), 'Checklist RAO', 'rao');
  await page.goto(`${await server.address()}#/checklists`);
  const open = page.getByRole('table', { name: 'Runs in progress' });
  const row = open.getByRole('row', { name: /api-resume/ });
  await expect(row).toContainText('2 of 6');
  await expect(row).toContainText('In progress');
  await row.getByRole('link', { name: 'Create a dedicated API admin' }).click();
  await atStep(page, 'Set its own password');
  await expect(stepper(page).getByRole('button', { name: /Create the admin with a temporary password Done/ })).toBeVisible();

  await runStep(page, 'Run this step', 'Make it API-only');
  await runStep(page, 'Check now', 'Check that it works');
  await runStep(page, 'Check now', 'Hand the password to your automation');
  await runStep(page, 'Mark as read', null);
  expect(sandbox.store.admins.size).toBe(before + 1);
  await page.goto(`${await server.address()}#/checklists`);
  await expect(page.getByRole('table', { name: 'Finished runs' }).getByRole('row', { name: /api-resume/ })).toContainText('Done');
});

test('offers to read a step again when what it would do could not be read, and goes on once it can', async ({ page }) => {
  test.setTimeout(120_000);
  await startApiAdmin(page, 'api-plan-again');
  await page.route('**/rpc/checklists:plan', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { kind: 'network', message: 'Could not read the step: SCM could not be reached.', anchor: 'errors#kind-network' } }) }),
  );
  await page.reload();
  const panel = stepPanel(page);
  await expect(panel.getByRole('alert')).toContainText('SCM could not be reached');
  await expect(panel.getByRole('button', { name: 'Check now' })).toHaveCount(0);
  await page.unroute('**/rpc/checklists:plan');
  await panel.getByRole('button', { name: 'Read the step again' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await runStep(page, 'Check now', 'Create the admin with a temporary password');
});

test('creates the baseline notifications once, and exports a record with no secret', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${await server.address()}#/checklists`);
  await page.getByRole('link', { name: 'Start “Set up the baseline notifications”' }).click();
  const form = page.locator('form.checklist-form');
  // The proposed notifications are there to change, one row each.
  const rows = form.locator('.record-row');
  await expect(rows.first()).toBeVisible();
  const proposed = await rows.count();
  expect(proposed).toBeGreaterThan(2);
  // A row made wrong is refused on its own field.
  await rows.first().getByLabel('Days before').fill('0');
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  await expect(page.locator('.error-summary')).toContainText('Notification 1: Days before: Enter 1 to 365 days.');
  await rows.first().getByLabel('Days before').fill('30');
  await form.getByRole('button', { name: 'Start the checklist' }).click();

  await atStep(page, 'Read what exists');
  const existing = sandbox.store.notifications.size;
  await runStep(page, 'Check now', 'Create what is missing');
  await expect(stepPanel(page).getByText('What the console will send')).toBeVisible();
  await runStep(page, 'Run this step', 'Check that each is active');
  const made = [...sandbox.store.notifications.values()].filter((rule) => rule.description.startsWith('TCS baseline:'));
  expect(made.length).toBe(sandbox.store.notifications.size - existing);
  expect(new Set(made.map((rule) => rule.type)).size).toBe(made.length);
  await runStep(page, 'Check now', null);

  const exported = page.waitForEvent('download');
  const exportPanel = page.getByRole('region', { name: 'Export a record' });
  await exportPanel.getByLabel('Format').selectOption('md');
  await exportPanel.getByRole('button', { name: 'Export' }).click();
  const download = await exported;
  const record = await readFile(await download.path(), 'utf8');
  expect(record).toContain('Set up the baseline notifications');
  expect(record).toContain('TCS baseline:');
  expect(record).not.toContain(sandbox.seededPassword('rao') ?? 'no password');
  await expect(exportPanel.getByRole('status')).toHaveText(/^Saved .+\.md\. It holds no password or other secret\.$/);
});

test('guides a DRAO who may not edit the department through the switch by hand, verifies it, and finds it changed later', async ({ page }) => {
  test.setTimeout(120_000);
  const library = sandbox.store.organizations.get(1004)!;
  library.sslCertsApiEnabled = false;
  await addProfile(page, await server.address(), sandbox, 'Library DRAO', 'drao-library');
  await signIn(page, await server.address(), 'Library DRAO', 'drao-library');
  await page.goto(`${await server.address()}#/checklists/start/rest-api`);
  const form = page.locator('form.checklist-form');
  await form.getByLabel('Organization or department').selectOption('1004');
  await form.getByRole('checkbox', { name: 'SSL certificates' }).check();
  await form.getByRole('button', { name: 'Start the checklist' }).click();

  await atStep(page, 'Read the switches now');
  await runStep(page, 'Check now', 'Turn the REST API on');
  // The DRAO may not edit the library: the step is done by hand, with the way there.
  await expect(stepPanel(page).getByText('Done by hand')).toBeVisible();
  await expect(stepPanel(page).getByRole('heading', { name: 'What to do' })).toBeVisible();
  await expect(stepPanel(page)).toContainText('Settings → Organizations');
  await stepPanel(page).getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(stepPanel(page).locator('.step-outcome')).toHaveText(/^Not done yet in SCM: /);
  await expect(stepper(page).locator('[aria-current="step"]')).toContainText('Turn the REST API on');

  // Someone who may edit it turns it on in SCM's web interface.
  library.sslCertsApiEnabled = true;
  await stepPanel(page).getByRole('button', { name: 'Verify', exact: true }).click();
  await atStep(page, 'Fill in the Secret Key, if SCM asks');
  await expect(stepPanel(page).getByText('This step does not apply here:')).toBeVisible();
  await runStep(page, 'Go on', 'Read the switches back');
  await runStep(page, 'Check now', 'Call the API as the API admin');
  await runStep(page, 'Go on', null);
  expect(sandbox.store.organizations.get(1004)!.sslCertsApiEnabled).toBe(true);

  await page.getByRole('button', { name: 'Verify all' }).click();
  const finished = page.getByRole('region', { name: 'The checklist is done' });
  await expect(finished.getByText(/^Checked on .+ by drao-library: \d+ of \d+ hold\.$/)).toBeVisible({ timeout: 30_000 });
  await expect(finished.getByRole('cell', { name: 'Changed', exact: true })).toHaveCount(0);

  library.sslCertsApiEnabled = false;
  await page.getByRole('button', { name: 'Verify all' }).click();
  await expect(finished.getByRole('cell', { name: 'Changed', exact: true }).first()).toBeVisible({ timeout: 30_000 });
  expect(await seriousViolations(page)).toEqual([]);
  library.sslCertsApiEnabled = true;
});

test('says before anything is sent that a read-only tenant refuses changes, and creates nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const readOnly = await startSandbox({ seed: 12, certificates: 5, readOnly: true });
  try {
    const before = readOnly.store.admins.size;
    await addProfile(page, await server.address(), readOnly, 'Read-only tenant', 'rao');
    await signIn(page, await server.address(), 'Read-only tenant', 'rao');
    await startApiAdmin(page, 'api-readonly');
    await stepPanel(page).getByRole('button', { name: 'Check now' }).click();
    await expect(stepPanel(page).locator('.step-outcome')).toContainText('The tenant is read-only', { timeout: 30_000 });
    await expect(stepper(page).locator('[aria-current="step"]')).toContainText('Failed');
    await expect(stepPanel(page).getByRole('alert').filter({ hasText: 'read-only' }).first()).toBeVisible();
    expect(readOnly.store.admins.size).toBe(before);
  } finally {
    await readOnly.stop();
  }
});

test('on an SCM from before admin type API, makes the admin API-only as a step of its own', async ({ page }) => {
  test.setTimeout(120_000);
  const legacy = await startSandbox({ seed: 13, certificates: 5, legacyAdminTypes: true });
  try {
    await addProfile(page, await server.address(), legacy, 'Older SCM', 'rao');
    await signIn(page, await server.address(), 'Older SCM', 'rao');
    await page.goto(`${await server.address()}#/checklists/start/api-admin`);
    await expect(page.locator('.notice')).toContainText('This SCM is from before admin type API');
    await startApiAdmin(page, 'api-legacy');
    await runStep(page, 'Check now', 'Create the admin with a temporary password');
    await runStep(page, 'Run this step', 'Set its own password');
    await runStep(page, 'Run this step', 'Make it API-only');
    await expect(stepPanel(page).getByText('Done by the console')).toBeVisible();
    await expect(stepPanel(page).locator('.request-body')).toContainText('wsApiUseOnly');
    await runStep(page, 'Run this step', 'Check that it works');
    await runStep(page, 'Check now', 'Hand the password to your automation');
    await runStep(page, 'Mark as read', null);
    const admin = legacy.store.adminByLogin('api-legacy');
    expect(admin?.type).toBe('STANDARD');
    expect(admin?.privileges).toContain('wsApiUseOnly');
  } finally {
    await legacy.stop();
  }
});

test('without a keychain, shows the new admin’s password once before the run can end, in Swedish, by keyboard', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const bare = await startConsoleServer(testInfo.outputPath('no-keychain'), { keychain: false });
  try {
    await addProfile(page, await bare.address(), sandbox, 'No keychain', 'rao');
    await signIn(page, await bare.address(), 'No keychain', 'rao');
    await page.goto(`${await bare.address()}#/settings`);
    const swedish = page.getByRole('radio', { name: /^Svenska/ });
    await swedish.click();
    await expect(swedish).toBeChecked();
    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('heading', { level: 1, name: 'Checklistor' })).toBeVisible();
    await page.getByRole('link', { name: 'Starta ”Skapa en dedikerad API-administratör”' }).or(page.getByRole('link', { name: /^Starta ”.*API/ })).first().click();
    const form = page.locator('form.checklist-form');
    await expect(form.getByRole('textbox').first()).toBeFocused();
    await expect(form.locator('.notice')).toContainText('nyckelring');
    await page.keyboard.type('api-sv');
    for (const value of ['ACME', 'Automation', 'pki@example.org']) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('field-hint') ?? false)) await page.keyboard.press('Tab');
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/checklists\/runs\/api-admin-/);

    /** Presses a step's button from the keyboard, confirms what it sends the same way, and waits for the next step. */
    const act = async (name: string, next: string): Promise<void> => {
      await stepPanel(page).getByRole('button', { name, exact: true }).focus();
      await page.keyboard.press('Enter');
      if (name === 'Kör steget') {
        const send = page.getByRole('dialog').getByRole('button', { name: 'Skicka till SCM' });
        await send.focus();
        await page.keyboard.press('Enter');
      }
      await expect(stepper(page).locator('[aria-current="step"]')).toContainText(next, { timeout: 30_000 });
      await expect(page.getByRole('banner').getByText(/uppgift/)).toHaveCount(0);
    };
    await act('Kontrollera nu', 'Skapa administratören');
    await act('Kör steget', 'Sätt ett eget lösenord');
    await act('Kör steget', 'Begränsa den till API:t');
    await act('Kontrollera nu', 'Kontrollera att den fungerar');
    await act('Kontrollera nu', 'Lämna över lösenordet');
    // The run cannot end before the password, kept nowhere else, has been shown.
    await expect(stepPanel(page).getByRole('alert')).toContainText('Visa lösenordet');
    await stepPanel(page).getByRole('button', { name: 'Visa lösenordet en gång' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Visa det' }).click();
    const shown = page.getByTestId('revealed-password');
    await expect(shown).toHaveText(/^\S{16,}$/);
    await page.getByRole('button', { name: 'Jag har sparat det' }).click();
    await expect(shown).toHaveCount(0);
    await expect(stepPanel(page).getByText(/^Lösenordet visades /)).toBeVisible();
    await expect(stepPanel(page).getByRole('button', { name: 'Visa lösenordet en gång' })).toHaveCount(0);
    await stepPanel(page).getByRole('button', { name: 'Markera som läst', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Checklistan är klar' })).toBeVisible({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await bare.stop();
  }
});

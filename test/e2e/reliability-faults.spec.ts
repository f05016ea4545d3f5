import { X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page, Request, Response } from '@playwright/test';
import { expect, ownConsole, test } from './fixtures';
import { addProfile, signIn, stepPanel, stepper } from './checklistSteps';
import { ManualClock, startSandbox, type SandboxHandle } from '../../src/sandbox';
import { startDnsServer, type DnsServer } from '../support/dnsServer';
import { atSize } from '../support/reliability';

/**
 * Every checklist, a certificate action and a change on each management page,
 * in the browser shell, against a sandbox that fails a fifth of all requests
 * (500, 502, 503, or the connection reset after the work is done) and adds
 * 100 ms to each. After each, SCM holds what was asked for, once, and the page
 * said what happened: done, or an error that says what to do; never a spinner
 * that does not end. What a person does on a failure is done here too: read
 * it, then try again, or reload a page whose reading failed.
 *
 * At full size 2 % of the requests are also never answered (the work done);
 * the console waits its own 30 s to 2 min for each, so at CI size the cut-off
 * answers are the resets alone, which cut off 5 % of all answers after SCM did
 * the work. `test/reliability/workflowFaults.test.ts` has both at every size.
 */
test.describe.configure({ mode: 'serial' });

const faults = { faultRate: 0.2, latencyMs: 100, timeoutRate: atSize(0, 0.02) };
/** How long one piece of work may take before the page counts as stuck: far beyond the console's own patience for SCM. */
const stuck = atSize(90_000, 300_000);
/** How many times a person tries one thing before the test calls the console stuck. */
const patienceOfAPerson = 10;
const issueDelaySeconds = 30;
const dcvDomain = 'e2e-faults.example';
const passphrase = 'a passphrase for the faulty tenant';

let sandbox: SandboxHandle;
let clock: ManualClock;
let dns: DnsServer;
let keys: string;
let dnsBefore: string | undefined;
/** Failures the page showed, and what it said. */
const shown: string[] = [];

// Before the console starts: it reads TCS_DNS_SERVER for the CAA check when it starts its work.
test.beforeAll(async () => {
  clock = new ManualClock(Date.now() - 60 * 60_000);
  sandbox = await startSandbox({ seed: 41, certificates: 30, issueDelaySeconds, now: clock.now });
  dns = await startDnsServer({ [dcvDomain]: { caa: [{ tag: 'issue', value: 'sectigo.com' }] } });
  dnsBefore = process.env.TCS_DNS_SERVER;
  process.env.TCS_DNS_SERVER = dns.address;
  keys = await mkdtemp(join(tmpdir(), 'tcs-e2e-faults-keys-'));
});

const own = ownConsole('tcs-e2e-reliability-faults-');

test.afterAll(async () => {
  console.info(`${shown.length} failures shown and tried again:\n${shown.join('\n')}`);
  if (dnsBefore === undefined) delete process.env.TCS_DNS_SERVER;
  else process.env.TCS_DNS_SERVER = dnsBefore;
  await sandbox?.stop();
  await dns?.close();
  if (keys !== undefined) await rm(keys, { recursive: true, force: true });
});

/** Turns the faults on; what a test sets up (a profile, a sign-in) and what happens outside the console runs with them off. */
function faulty(on: boolean): void {
  Object.assign(sandbox.faults, on ? faults : { faultRate: 0, latencyMs: 0, timeoutRate: 0 });
}

/** Work done in SCM by someone else meanwhile (an MRAO's approval, a DRAO's sign-in), which the faults are not about. */
async function elsewhere<T>(work: () => Promise<T>): Promise<T> {
  faulty(false);
  try {
    return await work();
  } finally {
    faulty(true);
  }
}

/** A call to SCM as a seeded admin, outside the console. */
async function asAdmin(login: string, method: string, path: string, body: unknown): Promise<number> {
  const reply = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { login, password: sandbox.seededPassword(login)!, customerUri: sandbox.customerUri, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return reply.status;
}

/** What the page says went wrong, which must say what happened and what to do; recorded for the run's summary. */
async function expectClearFailure(what: string, where: Locator): Promise<void> {
  const text = (await where.allInnerTexts()).join(' ').trim();
  expect(text.length, `${what}: the page shows a failure without words`).toBeGreaterThan(20);
  expect(text, `${what}: ${text}`).not.toMatch(/unexpected|undefined|\[object/i);
  shown.push(`${what}: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
}

/** Resolves when a step's work has ended: the run was read again after the job that the click started, or the start was refused. */
function workEnded(page: Page): Promise<void> {
  return new Promise((resolve) => {
    let started = false;
    const watched = new Set<Request>();
    const onRequest = (request: Request): void => {
      if (request.url().endsWith('/rpc/jobs:start')) started = true;
      else if (started && request.url().endsWith('/rpc/checklists:get')) watched.add(request);
    };
    const onResponse = (response: Response): void => {
      if (watched.has(response.request())) return finish();
      if (response.url().endsWith('/rpc/jobs:start')) {
        void response.json().then(
          (body: { ok?: boolean }) => (body.ok === false ? finish() : undefined),
          () => finish(),
        );
      }
    };
    const finish = (): void => {
      page.off('request', onRequest);
      page.off('response', onResponse);
      resolve();
    };
    page.on('request', onRequest);
    page.on('response', onResponse);
  });
}

/** The step the run is at, by its title; null once the run is done. */
async function currentTitle(page: Page): Promise<string | null> {
  if (await page.getByRole('heading', { level: 2, name: 'The checklist is done' }).isVisible()) return null;
  const text = await stepper(page).locator('[aria-current="step"] .step-name').innerText();
  return text.replace(/^\d+\.\s*/, '').trim();
}

/** Waits until no task runs and the run page shows a step or its end. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('banner').getByText(/tasks? running/)).toHaveCount(0, { timeout: stuck });
  await expect(stepper(page).locator('[aria-current="step"]').or(page.getByRole('heading', { level: 2, name: 'The checklist is done' }))).toBeVisible({ timeout: stuck });
}

/**
 * Takes the current step as a person does: presses its button (the one
 * named, else its main one: Run this step, Check now, Try again, Check SCM and
 * go on, Mark as read…), confirms what it sends, and waits for the work to
 * end. Then the run has moved on, or the page says why not: that is read, and
 * the button pressed again.
 */
async function takeStep(page: Page, title: string, button?: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    expect(attempt, `“${title}” did not get done in ${patienceOfAPerson} attempts`).toBeLessThanOrEqual(patienceOfAPerson);
    await settled(page);
    if ((await currentTitle(page)) !== title) return;
    const panel = stepPanel(page);
    const press = button === undefined ? panel.locator('.step-actions button.primary') : panel.getByRole('button', { name: button, exact: true });
    const failedRead = panel.getByRole('alert').filter({ hasNotText: /^Before this step can run/ });
    // The step's plan is read from SCM; when that read failed, the page says so and the person reloads it.
    await expect(press.or(failedRead).first()).toBeVisible({ timeout: stuck });
    if (!(await press.isVisible())) {
      await expectClearFailure(`reading “${title}”`, failedRead.first());
      await page.reload();
      continue;
    }
    const sends = button === undefined && (await panel.getByRole('heading', { name: 'What the console will send' }).isVisible());
    const ended = workEnded(page);
    await press.click();
    if (sends) await page.getByRole('dialog').getByRole('button', { name: 'Send to SCM' }).click();
    await Promise.race([ended, new Promise((_, reject) => setTimeout(() => reject(new Error(`“${title}”: the work did not end within ${stuck / 1000} s`)), stuck))]);
    await settled(page);
    if ((await currentTitle(page)) !== title) return;
    // Still at the step: it failed, was cut short, or is not done yet in SCM; the page says which, and a failure why.
    // Or the run was read again during the work and shows the step as it was: the read after the work's end then moves it on.
    if (await panel.locator('.status-word.step-state-failed').isVisible()) await expect(panel.locator('.step-record').getByRole('alert')).toBeVisible();
    const said = page.locator('.run-page').getByRole('alert').or(panel.locator('.notice')).or(panel.locator('.step-outcome'));
    const movedOn = stepper(page)
      .locator('[aria-current="step"] .step-name')
      .filter({ hasNotText: new RegExp(`^\\d+\\.\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .or(page.getByRole('heading', { level: 2, name: 'The checklist is done' }));
    await expect(said.or(movedOn).first()).toBeVisible({ timeout: 10_000 });
    if (await movedOn.first().isVisible()) return;
    await expectClearFailure(`“${title}”, attempt ${attempt}`, said);
  }
}

/**
 * Runs a checklist to its end: each step in turn, with what a person does
 * outside the console at the steps that wait for it (`outside`), and the
 * button to press where it is not the step's main one (`buttons`).
 */
async function runToEnd(page: Page, outside: Record<string, () => Promise<void>> = {}, buttons: Record<string, string> = {}): Promise<void> {
  const done = new Set<string>();
  for (let steps = 0; steps < 20; steps += 1) {
    await settled(page);
    const title = await currentTitle(page);
    if (title === null) return;
    if (!done.has(title)) {
      done.add(title);
      await outside[title]?.();
    }
    await takeStep(page, title, buttons[title]);
  }
  throw new Error('the run did not end in 20 steps');
}

/**
 * Opens a checklist's form (read from SCM, so reloaded when that read
 * failed), fills it, and starts the run (tried again when SCM failed).
 */
async function startRun(page: Page, checklistId: string, fill: (form: Locator) => Promise<void>): Promise<void> {
  await page.goto(`${await own.server().address()}#/checklists/start/${checklistId}`);
  const form = page.locator('form.checklist-form');
  for (let attempt = 1; ; attempt += 1) {
    expect(attempt, `${checklistId} did not start in ${patienceOfAPerson} attempts`).toBeLessThanOrEqual(patienceOfAPerson);
    const submit = form.getByRole('button', { name: 'Start the checklist' });
    const failed = page.locator('main').getByRole('alert').first();
    await expect(submit.or(failed).first()).toBeVisible({ timeout: stuck });
    if (!(await submit.isVisible())) {
      await expectClearFailure(`the form of ${checklistId}`, failed);
      await page.reload();
      continue;
    }
    await fill(form);
    for (let tries = 1; tries <= patienceOfAPerson; tries += 1) {
      await submit.click();
      await expect(page.locator('.run-page').or(form.getByRole('alert').first()).or(page.locator('.error-summary'))).toBeVisible({ timeout: stuck });
      if (await page.locator('.run-page').isVisible()) return;
      await expectClearFailure(`starting ${checklistId}`, page.locator('.error-summary').or(form.getByRole('alert')).first());
    }
    throw new Error(`${checklistId} did not start in ${patienceOfAPerson} attempts`);
  }
}

test('signs in to the faulty tenant', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Faulty tenant', 'rao');
  await signIn(page, address, 'Faulty tenant', 'rao');
});

test.describe('every checklist runs to its end', () => {
  test.beforeEach(() => faulty(true));
  test.afterEach(() => faulty(false));

  test('a dedicated API admin', async ({ page }) => {
    test.setTimeout(stuck * 4);
    await startRun(page, 'api-admin', async (form) => {
      await form.getByLabel('Login of the new admin').fill('api-faults');
      await form.getByLabel('First name').fill('Faulty');
      await form.getByLabel('Last name').fill('Automation');
      await form.getByLabel('Email', { exact: true }).fill('pki@example.org');
    });
    await runToEnd(page);
    expect([...sandbox.store.admins.values()].filter((admin) => admin.login === 'api-faults').map((admin) => admin.type)).toEqual(['API']);
  });

  test('the REST API of a department', async ({ page }) => {
    test.setTimeout(stuck * 4);
    const library = sandbox.store.organizations.get(1004)!;
    expect(library.sslCertsApiEnabled).toBe(false);
    await startRun(page, 'rest-api', async (form) => {
      await form.getByLabel('Organization or department').selectOption('1004');
      await form.getByRole('checkbox', { name: 'SSL certificates' }).check();
    });
    await runToEnd(page);
    expect(sandbox.store.organizations.get(1004)!.sslCertsApiEnabled).toBe(true);
  });

  test('the baseline notifications', async ({ page }) => {
    test.setTimeout(stuck * 4);
    const before = sandbox.store.notifications.size;
    await startRun(page, 'notifications', async () => undefined);
    await runToEnd(page);
    const made = [...sandbox.store.notifications.values()].filter((rule) => rule.description.startsWith('TCS baseline:'));
    expect(made.length).toBeGreaterThan(0);
    expect(made.length).toBe(sandbox.store.notifications.size - before);
    expect(new Set(made.map((rule) => rule.description)).size, 'each notification made once').toBe(made.length);
  });

  test('a domain, delegated and validated', async ({ page }) => {
    test.setTimeout(stuck * 6);
    const entries = (name: string) => [...sandbox.store.domains.values()].filter((entry) => entry.name === name);
    await startRun(page, 'domain-dcv', async (form) => {
      await form.getByLabel('Domain', { exact: true }).fill(dcvDomain);
    });
    await runToEnd(
      page,
      {
        // The MRAO approves the delegations in SCM's web interface.
        'Wait for the MRAO’s approval': () =>
          elsewhere(async () => {
            for (const name of [dcvDomain, `*.${dcvDomain}`]) expect(await asAdmin('mrao', 'POST', `/api/domain/v1/${entries(name)[0]!.id}/delegation/approve`, { orgId: 1001 })).toBe(200);
          }),
        // Sectigo's check completes.
        'Wait until the domain is validated': async () => void clock.advance(issueDelaySeconds * 1000),
      },
      { 'Publish the record or file': 'I have done it' },
    );
    for (const name of [dcvDomain, `*.${dcvDomain}`]) {
      expect(entries(name)).toHaveLength(1);
      expect(entries(name)[0]!.delegations).toEqual([expect.objectContaining({ orgId: 1001, status: 'ACTIVE' })]);
      expect(entries(name)[0]!.validation).toMatchObject({ status: 'VALIDATED', method: 'CNAME' });
    }
  });

  test('a department and its DRAO', async ({ page }) => {
    test.setTimeout(stuck * 6);
    let temporary = '';
    await startRun(page, 'new-department', async (form) => {
      await form.getByLabel('Name of the department').fill('Department of Faults');
      await form.getByLabel('Street address').fill('Linnégatan 2');
      await form.getByLabel('City').fill('Sandbyn');
      await form.getByLabel('Domain to delegate').selectOption('sandbox-university.example');
      await form.getByLabel('Login of the DRAO').fill('drao-faults');
      await form.getByLabel('DRAO’s first name').fill('Maja');
      await form.getByLabel('DRAO’s last name').fill('Fel');
      await form.getByLabel('DRAO’s email').fill('maja.fel@sandbox-university.example');
    });
    await runToEnd(page, {
      'Pass the temporary password on': async () => {
        await stepPanel(page).getByRole('button', { name: 'Show the temporary password once' }).click();
        await page.getByRole('dialog', { name: 'Show the temporary password of drao-faults?' }).getByRole('button', { name: 'Show it' }).click();
        temporary = (await stepPanel(page).getByTestId('revealed-password').innerText()).trim();
        await stepPanel(page).getByRole('button', { name: 'I have it' }).click();
      },
      // The DRAO signs in with it and sets a password of their own.
      'Wait for the DRAO’s first sign-in': () =>
        elsewhere(async () => {
          const reply = await fetch(`${sandbox.url}/api/admin/v1/changepassword`, {
            method: 'POST',
            headers: { login: 'drao-faults', password: temporary, customerUri: sandbox.customerUri, 'content-type': 'application/json' },
            body: JSON.stringify({ newPassword: 'Faults-Own-Password-2026!' }),
          });
          expect(reply.status).toBe(204);
        }),
    });
    const departments = [...sandbox.store.organizations.values()].filter((org) => org.name === 'Department of Faults');
    expect(departments).toHaveLength(1);
    expect([...sandbox.store.admins.values()].filter((admin) => admin.login === 'drao-faults').map((admin) => admin.credentials)).toEqual([[{ role: 'DRAO_SSL', orgId: departments[0]!.id }]]);
    expect(sandbox.store.domains.get(4001)!.delegations.filter((delegation) => delegation.orgId === departments[0]!.id)).toHaveLength(1);
  });

  test('admin login through the IdP', async ({ page }) => {
    test.setTimeout(stuck * 4);
    const domain = 'sandbox-university.example';
    const before = new Map([...sandbox.store.admins.values()].map((admin) => [admin.id, `${admin.identityProviderId}:${admin.idpPersonId}`]));
    await startRun(page, 'idp', async (form) => {
      const rows = form.locator('.record-row');
      if ((await rows.count()) === 0) await form.locator('button[id$="-add"]').click();
      await rows.nth(0).getByLabel('Login (or email)').fill('drao-physics');
      await rows.nth(0).getByLabel('ePPN').fill(`drao.physics@${domain}`);
    });
    await runToEnd(page);
    const physics = sandbox.store.adminByLogin('drao-physics')!;
    expect(physics).toMatchObject({ identityProviderId: 1, idpPersonId: `drao.physics@${domain}` });
    for (const admin of sandbox.store.admins.values()) if (admin.id !== physics.id && before.has(admin.id)) expect(`${admin.identityProviderId}:${admin.idpPersonId}`, `admin ${admin.id}`).toBe(before.get(admin.id));
  });

  test('a first SSL certificate with its key made here', async ({ page }) => {
    test.setTimeout(stuck * 6);
    const commonName = 'faults.sandbox-university.example';
    await startRun(page, 'first-certificate', async (form) => {
      await form.getByLabel('Certificate profile').selectOption('3002');
      await form.getByLabel('Key type').selectOption('EC-P-256');
      await form.getByLabel('Common name').fill(commonName);
      await form.getByLabel('Key file').fill(join(keys, 'faults.key'));
      await form.getByLabel(/Value/).fill('web team');
    });
    await runToEnd(page, {
      'Make the key and the CSR': async () => {
        await stepPanel(page).getByLabel('Passphrase for the private key').fill(passphrase);
        await stepPanel(page).getByRole('button', { name: 'Use this passphrase' }).click();
        await expect(stepPanel(page).getByText('The console holds the passphrase for this run.')).toBeVisible();
      },
      'Wait until it is issued': async () => void clock.advance((issueDelaySeconds + 1) * 1000),
    });
    const orders = [...sandbox.store.ssl.values()].filter((order) => order.commonName === commonName);
    expect(orders).toHaveLength(1);
    expect(orders[0]!.status).toBe('Issued');
    expect((await readdir(keys)).filter((file) => file.startsWith('faults')).sort()).toEqual(['faults-chain.pem', 'faults.crt', 'faults.csr', 'faults.key']);
    expect(new X509Certificate(await readFile(join(keys, 'faults.crt'))).subject).toContain(commonName);
  });
});

/** Opens a page whose content is read from SCM, reloading it while that read fails; `ready` is what the page shows once read. */
async function openPage(page: Page, hash: string, ready: Locator): Promise<void> {
  await page.goto(`${await own.server().address()}#/${hash}`);
  for (let attempt = 1; ; attempt += 1) {
    expect(attempt, `#/${hash} could not be read in ${patienceOfAPerson} attempts`).toBeLessThanOrEqual(patienceOfAPerson);
    const failed = page.locator('main').getByRole('alert');
    await expect(ready.or(failed).first()).toBeVisible({ timeout: stuck });
    if (await ready.first().isVisible()) return;
    await expectClearFailure(`reading #/${hash}`, failed);
    await page.reload();
  }
}

/**
 * Sends a reviewed change until the page says it is done. Each failure on
 * the way is read; a change SCM made while the page said it failed must say
 * it may have been made, and is not sent again.
 */
async function sendUntilDone(page: Page, dialog: Locator, send: string, done: Locator, what: string, inScm: () => boolean): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    expect(attempt, `${what} was not done in ${patienceOfAPerson} attempts`).toBeLessThanOrEqual(patienceOfAPerson);
    const before = inScm();
    await dialog.getByRole('button', { name: send, exact: true }).click();
    const failed = dialog.getByRole('alert');
    await expect(done.or(failed).first()).toBeVisible({ timeout: stuck });
    if (await done.isVisible()) return;
    await expectClearFailure(`${what}, attempt ${attempt}`, failed);
    if (!before && inScm()) {
      expect((await failed.allInnerTexts()).join(' '), `${what} was made, yet the page said it failed`).toMatch(/may have|check|was created/i);
      return;
    }
  }
}

test.describe('a change on every management page, and a certificate action', () => {
  test.beforeEach(() => faulty(true));
  test.afterEach(() => faulty(false));
  const readOn = (page: Page) => page.getByText(/^Read on /);
  const details = (page: Page) => page.locator('aside.details-panel');

  test('creates an admin', async ({ page }) => {
    test.setTimeout(stuck * 3);
    await openPage(page, 'admins', readOn(page));
    await page.getByRole('button', { name: 'New admin' }).click();
    const dialog = page.getByRole('dialog', { name: 'New admin' });
    await dialog.getByLabel('Type').selectOption('API');
    await dialog.getByLabel('Login', { exact: true }).fill('svc-faults');
    await dialog.getByLabel('First name').fill('Svc');
    await dialog.getByLabel('Last name').fill('Faults');
    await dialog.getByLabel('Email').fill('svc-faults@example.org');
    await dialog.getByLabel('Role 1').selectOption('RAO_SSL');
    await dialog.getByLabel('Organization or department 1').selectOption({ label: 'Sandbox University' });
    await dialog.getByRole('button', { name: 'SSL certificates' }).click();
    await dialog.getByRole('button', { name: 'Review' }).click();
    const made = () => sandbox.store.adminByLogin('svc-faults') !== undefined;
    await sendUntilDone(page, dialog, 'Create the admin', page.getByRole('status').filter({ hasText: 'Created admin svc-faults.' }), 'creating admin svc-faults', made);
    expect([...sandbox.store.admins.values()].filter((admin) => admin.login === 'svc-faults')).toHaveLength(1);
    expect(sandbox.store.activity.filter((entry) => entry.action === 'Admin created' && entry.details === 'svc-faults')).toHaveLength(1);
  });

  test('creates a department', async ({ page }) => {
    test.setTimeout(stuck * 3);
    const name = 'Department of Fault Tolerance';
    await openPage(page, 'organizations', readOn(page));
    await page.locator('table').getByRole('button', { name: /^Sandbox University/ }).first().click();
    await details(page).getByRole('button', { name: 'New department' }).click();
    const dialog = page.getByRole('dialog', { name: 'New department of Sandbox University' });
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByRole('button', { name: 'Review' }).click();
    const made = () => [...sandbox.store.organizations.values()].some((unit) => unit.name === name);
    await sendUntilDone(page, dialog, 'Create the department', page.getByRole('status').filter({ hasText: `Created the department ${name}.` }), `creating ${name}`, made);
    expect([...sandbox.store.organizations.values()].filter((unit) => unit.name === name).map((unit) => unit.parentId)).toEqual([1001]);
  });

  test('creates a notification', async ({ page }) => {
    test.setTimeout(stuck * 3);
    const description = 'DCV expiring (faults)';
    await openPage(page, 'notifications', readOn(page));
    await page.getByRole('button', { name: 'New notification' }).click();
    const dialog = page.getByRole('dialog', { name: 'New notification' });
    await dialog.getByLabel('Description').fill(description);
    await dialog.getByLabel('Type').selectOption('DCVExpiration');
    await dialog.getByRole('checkbox', { name: 'Sandbox University' }).check();
    await dialog.getByRole('checkbox', { name: 'SSL RAOs' }).check();
    await dialog.getByLabel('Other recipients').fill('pki@example.org');
    await dialog.getByLabel('Days before expiry').fill('30');
    await dialog.getByRole('button', { name: 'Review' }).click();
    const made = () => [...sandbox.store.notifications.values()].some((rule) => rule.description === description);
    await sendUntilDone(page, dialog, 'Create the notification', page.getByRole('status').filter({ hasText: `Created the notification ${description}.` }), `creating ${description}`, made);
    expect([...sandbox.store.notifications.values()].filter((rule) => rule.description === description)).toHaveLength(1);
  });

  test('adds a domain', async ({ page }) => {
    test.setTimeout(stuck * 3);
    const name = 'faults-page.example.org';
    await openPage(page, 'domains', readOn(page));
    await page.getByRole('button', { name: 'Add a domain' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a domain' });
    await dialog.getByLabel('Domain', { exact: true }).fill(name);
    await dialog.getByRole('checkbox', { name: '— Department of Physics' }).check();
    await dialog.getByRole('button', { name: 'Review' }).click();
    const made = () => [...sandbox.store.domains.values()].some((domain) => domain.name === `*.${name}`);
    await sendUntilDone(page, dialog, 'Add', page.getByRole('status').filter({ hasText: `Added ${name}, *.${name}.` }), `adding ${name}`, made);
    for (const entry of [name, `*.${name}`]) {
      const found = [...sandbox.store.domains.values()].filter((domain) => domain.name === entry);
      expect(found, entry).toHaveLength(1);
      expect(found[0]!.delegations).toEqual([expect.objectContaining({ orgId: 1002 })]);
    }
  });

  test('revokes a certificate', async ({ page }) => {
    test.setTimeout(stuck * 3);
    const units = new Set([1001, ...sandbox.store.departmentsOf(1001).map((unit) => unit.id)]);
    const issued = [...sandbox.store.ssl.values()].find((certificate) => certificate.status === 'Issued' && units.has(certificate.orgId) && /^[a-z0-9.-]+$/.test(certificate.commonName) && (certificate.expires ?? 0) > Date.now() + 2 * 86_400_000)!;
    await openPage(page, 'certificates', page.getByText('Complete.'));
    const panel = page.getByRole('complementary', { name: `Certificate ${issued.commonName}` });
    await openPage(page, `certificates?cert=ssl-${issued.id}`, panel.getByRole('heading', { name: 'The certificate itself' }));
    await panel.getByRole('button', { name: 'Revoke', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke ${issued.commonName}` });
    await dialog.getByLabel('Reason code').selectOption({ label: 'Key compromise (1)' });
    await dialog.getByLabel('Reason in words').fill('Revoked through faults');
    await dialog.getByLabel(`Type the common name “${issued.commonName}” to confirm`).fill(issued.commonName);
    const revoked = () => sandbox.store.ssl.get(issued.id)!.status === 'Revoked';
    await sendUntilDone(page, dialog, 'Revoke', panel.getByRole('status').filter({ hasText: `Revoked ${issued.commonName}.` }), `revoking ${issued.commonName}`, revoked);
    expect(sandbox.store.ssl.get(issued.id)).toMatchObject({ status: 'Revoked', reasonCode: 1 });
    expect(sandbox.store.activity.filter((entry) => entry.action === 'SSL certificate revoked' && entry.details.startsWith(`${issued.id} `))).toHaveLength(1);
  });
});


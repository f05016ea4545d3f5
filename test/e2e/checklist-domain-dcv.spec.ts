import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, startConsoleServer, test, type ConsoleServer } from './fixtures';
import { ManualClock, startSandbox, type SandboxHandle } from '../../src/sandbox';
import { startDnsServer, type DnsServer } from '../support/dnsServer';

/**
 * The checklist “a domain, delegated and validated” in the browser shell,
 * against a sandbox on a test clock (so Sectigo's check completes when the
 * test moves it) and a DNS server on 127.0.0.1 that the console asks for CAA
 * records through TCS_DNS_SERVER.
 */
test.describe.configure({ mode: 'serial' });

const delaySeconds = 30;
const domain = 'e2e-dcv.example';
let sandbox: SandboxHandle;
let clock: ManualClock;
let dns: DnsServer;
let userDataDir: string;
let server: ConsoleServer;
let dnsBefore: string | undefined;

test.beforeAll(async () => {
  clock = new ManualClock(Date.now() - 60 * 60_000);
  sandbox = await startSandbox({ seed: 11, certificates: 0, issueDelaySeconds: delaySeconds, now: clock.now });
  dns = await startDnsServer({ [domain]: { caa: [{ tag: 'issue', value: 'sectigo.com' }, { tag: 'iodef', value: 'mailto:pki@e2e-dcv.example' }] } });
  userDataDir = await mkdtemp(join(tmpdir(), 'tcs-e2e-domain-dcv-'));
  dnsBefore = process.env.TCS_DNS_SERVER;
  process.env.TCS_DNS_SERVER = dns.address;
  server = await startConsoleServer(userDataDir);
});

test.afterAll(async () => {
  if (dnsBefore === undefined) delete process.env.TCS_DNS_SERVER;
  else process.env.TCS_DNS_SERVER = dnsBefore;
  await server?.stop();
  await sandbox?.stop();
  await dns?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.help}`);
}

async function addProfileAndSignIn(page: Page, name: string, login: string): Promise<void> {
  const password = sandbox.seededPassword(login)!;
  await page.goto(`${await server.address()}#/settings/profiles`);
  await page.getByRole('button', { name: 'Add profile' }).click();
  const form = page.locator('form.profile-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Host', { exact: true }).fill(sandbox.url);
  await form.getByLabel('Customer URI', { exact: true }).fill(sandbox.customerUri);
  await form.getByLabel('Login', { exact: true }).fill(login);
  await form.locator('input[type="password"]').fill(password);
  await form.locator('input[type="password"]').press('Enter');
  await expect(form.getByRole('status')).toHaveText(/^Saved, with the password/);
  const row = page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(`^${name}( Signed in)?$`) }) });
  await row.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByText(`Signed in as ${login}`, { exact: true })).toBeVisible({ timeout: 20_000 });
}

function stepPanel(page: Page): Locator {
  return page.locator('article.step-panel');
}

async function atStep(page: Page, title: string): Promise<void> {
  await expect(page.locator('nav.stepper [aria-current="step"]')).toContainText(title, { timeout: 30_000 });
  await expect(stepPanel(page).getByRole('heading', { level: 2 })).toHaveText(title);
  await expect(page.getByRole('banner').getByText(/tasks? running/)).toHaveCount(0);
}

/** Presses a step's button, sending what it shows when asked, and waits for the next step. */
async function press(page: Page, button: string | RegExp, next: string | null): Promise<void> {
  await stepPanel(page).getByRole('button', { name: button, exact: typeof button === 'string' }).click();
  if (button === 'Run this step') await page.getByRole('dialog').getByRole('button', { name: 'Send to SCM' }).click();
  if (next === null) await expect(page.getByRole('heading', { level: 2, name: 'The checklist is done' })).toBeVisible({ timeout: 30_000 });
  else await atStep(page, next);
}

function entries(name: string) {
  return [...sandbox.store.domains.values()].filter((entry) => entry.name === name);
}

test('adds a domain and its wildcard, waits for the MRAO, and validates it by CNAME, as SCM then holds', async ({ page }) => {
  test.setTimeout(120_000);
  await addProfileAndSignIn(page, 'Domain RAO', 'rao');

  await page.goto(`${await server.address()}#/checklists`);
  await page.getByRole('link', { name: 'Start “Add a domain, delegated and validated”' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start: Add a domain, delegated and validated' })).toBeVisible();
  const form = page.locator('form.checklist-form');
  await form.getByLabel('Domain', { exact: true }).fill(`*.${domain}`);
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  await expect(page.locator('.error-summary')).toContainText('the checklist adds the wildcard entry itself');
  await form.getByLabel('Domain', { exact: true }).fill(domain);
  await form.getByRole('button', { name: 'Start the checklist' }).click();

  await atStep(page, 'Check that CAA allows Sectigo');
  expect(await seriousViolations(page)).toEqual([]);
  await press(page, 'Check now', 'Add the domain');
  await expect(page.locator('nav.stepper').getByRole('button', { name: /Check that CAA allows Sectigo Verified/ })).toBeVisible();
  expect(dns.asked).toContain(`${domain} CAA`);

  await expect(stepPanel(page).locator('.request-body')).toContainText(`"name": "${domain}"`);
  await press(page, 'Run this step', 'Add its wildcard entry');
  await expect(stepPanel(page).locator('.request-body')).toContainText(`"name": "*.${domain}"`);
  await press(page, 'Run this step', 'Wait for the MRAO’s approval');
  await expect(stepPanel(page)).toContainText('await your MRAO’s approval');

  // Not approved yet: Verify says so, with when it asked.
  await stepPanel(page).getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(stepPanel(page).locator('.step-outcome')).toContainText(/^Not done yet in SCM: Checked at .*\d.*: the delegation of e2e-dcv\.example, \*\.e2e-dcv\.example to Sandbox University still awaits/);
  await atStep(page, 'Wait for the MRAO’s approval');

  // The MRAO approves both, as in SCM's web interface.
  for (const name of [domain, `*.${domain}`]) {
    const reply = await fetch(`${sandbox.url}/api/domain/v1/${entries(name)[0]!.id}/delegation/approve`, {
      method: 'POST',
      headers: { login: 'mrao', password: sandbox.seededPassword('mrao')!, customerUri: sandbox.customerUri, 'content-type': 'application/json' },
      body: JSON.stringify({ orgId: 1001 }),
    });
    expect(reply.status).toBe(200);
  }
  await press(page, /^(Verify|Check now)$/, 'Start the domain validation');
  await press(page, 'Run this step', 'Publish the record or file');

  const validation = entries(domain)[0]!.validation;
  const copy = stepPanel(page).locator('.copy-values');
  await expect(copy).toContainText(validation.host);
  await expect(copy).toContainText(validation.point);
  await expect(copy.getByRole('button', { name: 'Copy: Host name of the CNAME record' })).toBeVisible();
  await press(page, 'I have done it', 'Submit the validation');
  await press(page, 'Run this step', 'Wait until the domain is validated');
  expect(entries(domain)[0]!.validation.orderStatus).toBe('SUBMITTED');

  await stepPanel(page).getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(stepPanel(page).locator('.step-outcome')).toContainText('is not validated yet (status NOT_VALIDATED, order SUBMITTED)');
  clock.advance(delaySeconds * 1000);
  await press(page, /^(Verify|Check now)$/, 'Note when the validation expires');
  const expires = new Date(entries(domain)[0]!.validation.expires!).toISOString().slice(0, 10);
  await expect(stepPanel(page)).toContainText(`expires on ${expires}`);
  await expect(stepPanel(page)).toContainText('Set up the baseline notifications');
  await press(page, 'Mark as read', null);

  // SCM holds each entry once, delegated to the university and approved, and the domain validated with its wildcard.
  for (const name of [domain, `*.${domain}`]) {
    expect(entries(name)).toHaveLength(1);
    expect(entries(name)[0]!.delegations).toEqual([expect.objectContaining({ orgId: 1001, certTypes: ['SSL'], status: 'ACTIVE' })]);
    expect(entries(name)[0]!.validation).toMatchObject({ status: 'VALIDATED', method: 'CNAME' });
  }
});

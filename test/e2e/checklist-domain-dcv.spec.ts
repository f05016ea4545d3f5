import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startConsoleServer, test, type ConsoleServer } from './fixtures';
import { addProfileAndSignIn, atStep, runStep, seriousViolations, signIn, stepPanel, stepper } from './checklistSteps';
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

function entries(name: string) {
  return [...sandbox.store.domains.values()].filter((entry) => entry.name === name);
}

test('adds a domain and its wildcard, waits for the MRAO, and validates it by CNAME, as SCM then holds', async ({ page }) => {
  test.setTimeout(120_000);
  await addProfileAndSignIn(page, await server.address(), sandbox, 'Domain RAO', 'rao');

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
  await runStep(page, 'Check now', 'Add the domain');
  await expect(page.locator('nav.stepper').getByRole('button', { name: /Check that CAA allows Sectigo Verified/ })).toBeVisible();
  expect(dns.asked).toContain(`${domain} CAA`);

  await expect(stepPanel(page).locator('.request-body')).toContainText(`"name": "${domain}"`);
  await runStep(page, 'Run this step', 'Add its wildcard entry');
  await expect(stepPanel(page).locator('.request-body')).toContainText(`"name": "*.${domain}"`);
  await runStep(page, 'Run this step', 'Wait for the MRAO’s approval');
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
  await runStep(page, /^(Verify|Check now)$/, 'Start the domain validation');
  await runStep(page, 'Run this step', 'Publish the record or file');

  const validation = entries(domain)[0]!.validation;
  const copy = stepPanel(page).locator('.copy-values');
  await expect(copy).toContainText(validation.host);
  await expect(copy).toContainText(validation.point);
  await expect(copy.getByRole('button', { name: 'Copy: Host name of the CNAME record' })).toBeVisible();
  await runStep(page, 'I have done it', 'Submit the validation');
  await runStep(page, 'Run this step', 'Wait until the domain is validated');
  expect(entries(domain)[0]!.validation.orderStatus).toBe('SUBMITTED');

  await stepPanel(page).getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(stepPanel(page).locator('.step-outcome')).toContainText('is not validated yet (status NOT_VALIDATED, order SUBMITTED)');
  clock.advance(delaySeconds * 1000);
  await runStep(page, /^(Verify|Check now)$/, 'Note when the validation expires');
  const expires = new Date(entries(domain)[0]!.validation.expires!).toISOString().slice(0, 10);
  await expect(stepPanel(page)).toContainText(`expires on ${expires}`);
  await expect(stepPanel(page)).toContainText('Set up the baseline notifications');
  await runStep(page, 'Mark as read', null);

  // SCM holds each entry once, delegated to the university and approved, and the domain validated with its wildcard.
  for (const name of [domain, `*.${domain}`]) {
    expect(entries(name)).toHaveLength(1);
    expect(entries(name)[0]!.delegations).toEqual([expect.objectContaining({ orgId: 1001, certTypes: ['SSL'], status: 'ACTIVE' })]);
    expect(entries(name)[0]!.validation).toMatchObject({ status: 'VALIDATED', method: 'CNAME' });
  }
});

test('a run interrupted by a restart goes on where it stopped', async ({ page }) => {
  test.setTimeout(150_000);
  const other = 'e2e-resume.example';
  dns.zone.set(other, { caa: [{ tag: 'issue', value: 'sectigo.com' }] });
  const title = 'Add a domain, delegated and validated';
  await page.goto(`${await server.address()}#/checklists`);
  await page.getByRole('link', { name: `Start “${title}”` }).click();
  const form = page.locator('form.checklist-form');
  await form.getByLabel('Domain', { exact: true }).fill(other);
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  await atStep(page, 'Check that CAA allows Sectigo');
  await runStep(page, 'Check now', 'Add the domain');
  await runStep(page, 'Run this step', 'Add its wildcard entry');
  await runStep(page, 'Run this step', 'Wait for the MRAO’s approval');
  expect(entries(other)).toHaveLength(1);
  expect(entries(`*.${other}`)).toHaveLength(1);
  const states = await stepper(page).getByRole('button').allTextContents();

  // The console stops as a closed window would, and starts again on the same data folder.
  await server.stop();
  server = await startConsoleServer(userDataDir);
  await signIn(page, await server.address(), 'Domain RAO', 'rao');
  await page.goto(`${await server.address()}#/checklists`);
  const row = page.getByRole('table', { name: 'Runs in progress' }).getByRole('row').filter({ has: page.getByRole('link', { name: title }) });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await expect(row).toContainText('3 of 9');
  await row.getByRole('link', { name: title }).click();
  await atStep(page, 'Wait for the MRAO’s approval');
  await expect(stepper(page).getByRole('button')).toHaveText(states);
  await expect(stepper(page).getByRole('button', { name: /Check that CAA allows Sectigo Verified/ })).toBeVisible();
  await expect(stepper(page).getByRole('button', { name: /Add the domain Done/ })).toBeVisible();
  await expect(stepper(page).getByRole('button', { name: /Add its wildcard entry Done/ })).toBeVisible();

  // The MRAO approves both, as in SCM's web interface; the run goes on from there.
  for (const name of [other, `*.${other}`]) {
    const reply = await fetch(`${sandbox.url}/api/domain/v1/${entries(name)[0]!.id}/delegation/approve`, {
      method: 'POST',
      headers: { login: 'mrao', password: sandbox.seededPassword('mrao')!, customerUri: sandbox.customerUri, 'content-type': 'application/json' },
      body: JSON.stringify({ orgId: 1001 }),
    });
    expect(reply.status).toBe(200);
  }
  await runStep(page, /^(Verify|Check now)$/, 'Start the domain validation');
  await runStep(page, 'Run this step', 'Publish the record or file');
  await runStep(page, 'I have done it', 'Submit the validation');
  await runStep(page, 'Run this step', 'Wait until the domain is validated');
  clock.advance(delaySeconds * 1000);
  await runStep(page, /^(Verify|Check now)$/, 'Note when the validation expires');
  await runStep(page, 'Mark as read', null);

  // SCM holds each entry once, delegated once and validated.
  for (const name of [other, `*.${other}`]) {
    expect(entries(name)).toHaveLength(1);
    expect(entries(name)[0]!.delegations).toEqual([expect.objectContaining({ orgId: 1001, certTypes: ['SSL'], status: 'ACTIVE' })]);
    expect(entries(name)[0]!.validation).toMatchObject({ status: 'VALIDATED', method: 'CNAME' });
  }
});

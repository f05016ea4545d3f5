import type { Page } from '@playwright/test';
import { expect, ownConsole, test } from './fixtures';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { addProfile, seriousViolations, signIn } from './sandboxProfiles';

/**
 * The Domains page against a sandbox of its own: the domains as SCM holds
 * them, with their delegations and DCV; a domain added with its wildcard and
 * delegated as the RAO, the delegation waiting for the MRAO, who approves it;
 * and a validation started, submitted and rechecked; the sandbox's state
 * checked after each.
 */
test.describe.configure({ mode: 'serial' });

let sandbox: SandboxHandle;
const own = ownConsole('tcs-e2e-domains-');

test.beforeAll(async () => {
  sandbox = await startSandbox({ certificates: 5 });
});

test.afterAll(async () => {
  await sandbox?.stop();
});

const domain = (name: string) => [...sandbox.store.domains.values()].find((candidate) => candidate.name === name);
const details = (page: Page) => page.locator('aside.details-panel');

async function openPage(page: Page, address: string): Promise<void> {
  await page.goto(`${address}#/domains`);
  await expect(page.getByRole('heading', { level: 1, name: 'Domains' })).toBeVisible();
  await expect(page.getByText(/^Read on /)).toBeVisible({ timeout: 30_000 });
}

test('adds a domain with its wildcard after a review, and delegates it further; the delegation waits for an approver', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Domain sandbox');
  await signIn(page, address, 'Domain sandbox');
  await openPage(page, address);
  const visible = page.locator('table.domains-table tbody tr');
  await expect(visible.first()).toBeVisible();

  await page.getByRole('button', { name: 'Add a domain' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a domain' });
  await dialog.getByLabel('Domain', { exact: true }).fill('*.lab.example.org');
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Domain: Enter the domain without “*.”');
  await expect(dialog.getByRole('alert')).toContainText('Delegate to: Choose an organization or department.');
  await dialog.getByLabel('Domain', { exact: true }).fill('lab.example.org');
  await dialog.getByRole('checkbox', { name: '— Department of Physics' }).check();
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.getByText('lab.example.org, *.lab.example.org')).toBeVisible();
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added lab.example.org, *.lab.example.org.' })).toBeVisible();
  expect(domain('lab.example.org')!.delegations).toEqual([expect.objectContaining({ orgId: 1002, certTypes: ['SSL'] })]);
  expect(domain('*.lab.example.org')).toBeDefined();

  const panel = details(page);
  await expect(panel.getByRole('heading', { level: 2, name: 'lab.example.org' })).toBeVisible();
  await panel.getByLabel('Organization or department').selectOption({ label: '— Department of Computer Science' });
  await panel.getByRole('button', { name: 'Delegate' }).click();
  await expect(panel.getByRole('status')).toHaveText('Delegated to Department of Computer Science.');
  expect(domain('lab.example.org')!.delegations.find((delegation) => delegation.orgId === 1003)!.status).toBe('REQUESTED');
  const computing = panel.locator('li', { hasText: 'Department of Computer Science' });
  await expect(computing.getByText('waits for approval')).toBeVisible();
  await expect(computing.getByRole('button', { name: 'Approve' })).toHaveAccessibleDescription('You do not hold the privilege approveDomainDelegation; SCM refuses with -3.');
  expect(await seriousViolations(page)).toEqual([]);
});

test('starts a validation by CNAME, shows the record, submits it and rechecks', async ({ page }) => {
  const address = await own.server().address();
  await openPage(page, address);
  await page.locator('table.domains-table').getByRole('button', { name: 'lab.example.org', exact: true }).click();
  const panel = details(page);
  await panel.getByRole('button', { name: 'Start validation' }).click();
  await expect(panel.getByText('Publish this record in DNS, then submit:')).toBeVisible();
  await expect(panel.locator('pre.code-block')).toContainText(' CNAME ');
  await panel.getByRole('button', { name: 'Submit for checking' }).click();
  await expect(panel.getByRole('status')).toHaveText(/^Submitted: /);
  await panel.getByRole('button', { name: 'Recheck' }).click();
  await expect(panel.getByRole('status')).toHaveText(/^Status: /);
  await page.locator('table.domains-table').getByRole('button', { name: '*.lab.example.org' }).click();
  await expect(panel.getByText('A wildcard entry: it is covered by the validation of lab.example.org.')).toBeVisible();
});

test('lets the MRAO approve the delegation that waits', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Domain sandbox MRAO', 'mrao');
  await signIn(page, address, 'Domain sandbox MRAO', 'mrao');
  await openPage(page, address);
  await page.locator('table.domains-table').getByRole('button', { name: 'lab.example.org', exact: true }).click();
  const panel = details(page);
  await panel.locator('li', { hasText: 'Department of Computer Science' }).getByRole('button', { name: 'Approve' }).click();
  await expect(panel.getByRole('status')).toHaveText('Approved the delegation to Department of Computer Science.');
  expect(domain('lab.example.org')!.delegations.find((delegation) => delegation.orgId === 1003)!.status).toBe('ACTIVE');
});

test('lets a DRAO see the domains of its department only, and add one there', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Domain DRAO', 'drao-physics');
  await signIn(page, address, 'Domain DRAO', 'drao-physics');
  await openPage(page, address);
  const rows = page.locator('table.domains-table tbody tr');
  const physics = [...sandbox.store.domains.values()].filter((candidate) => candidate.delegations.some((delegation) => delegation.orgId === 1002));
  await expect(rows).toHaveCount(physics.length);
  await page.getByRole('button', { name: 'Add a domain' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a domain' });
  await expect(dialog.getByRole('checkbox', { name: /Computer Science/ })).toHaveCount(0);
  await dialog.getByLabel('Domain', { exact: true }).fill('quantum.example.org');
  await dialog.getByRole('checkbox', { name: /Department of Physics/ }).check();
  await dialog.getByRole('button', { name: 'Review' }).click();
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added quantum.example.org, *.quantum.example.org.' })).toBeVisible();
  expect(domain('quantum.example.org')!.delegations).toEqual([expect.objectContaining({ orgId: 1002, status: 'REQUESTED' })]);
  await expect(rows).toHaveCount(physics.length + 2);
});

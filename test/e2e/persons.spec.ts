import { expect, ownConsole, test } from './fixtures';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { addProfile, seriousViolations, signIn } from './sandboxProfiles';

/**
 * Persons on the Certificates page against a sandbox of its own: found by
 * name and by email as SCM holds them, each opening their client
 * certificates in the inventory, where their actions are.
 */
test.describe.configure({ mode: 'serial' });

let sandbox: SandboxHandle;
const own = ownConsole('tcs-e2e-persons-');

test.beforeAll(async () => {
  sandbox = await startSandbox({ certificates: 30 });
});

test.afterAll(async () => {
  await sandbox?.stop();
});

test('finds a person by name or email and opens their client certificates in the inventory', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Persons sandbox');
  await signIn(page, address, 'Persons sandbox');
  const holder = [...sandbox.store.persons.values()].find((person) => [...sandbox.store.smime.values()].some((certificate) => certificate.email === person.email))!;
  const certificates = [...sandbox.store.smime.values()].filter((certificate) => certificate.email === holder.email);

  // The inventory is read once, as on a first visit; the persons' certificates are found in it.
  await page.goto(`${address}#/certificates`);
  await expect(page.getByText('Complete.')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('tab', { name: 'Persons' }).click();
  const panel = page.getByRole('tabpanel');
  const query = panel.getByRole('searchbox', { name: 'Email or name' });
  await query.fill('x');
  await query.press('Enter');
  await expect(query).toHaveAccessibleDescription(/Enter at least 2 characters\./);
  await query.fill(holder.lastName);
  await query.press('Enter');
  const named = [...sandbox.store.persons.values()].filter((person) => `${person.firstName} ${person.lastName}`.toLowerCase().includes(holder.lastName.toLowerCase()));
  await expect(panel.getByRole('status')).toHaveText(named.length === 1 ? '1 person found.' : `${named.length} persons found.`);
  await query.fill(holder.email);
  await query.press('Enter');
  await expect(panel.getByRole('status')).toHaveText('1 person found.');
  expect(await seriousViolations(page)).toEqual([]);

  await panel.getByRole('link', { name: `Certificates of ${holder.firstName} ${holder.lastName}` }).click();
  await expect(page.getByRole('tab', { name: 'SSL and client certificates' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.table-count')).toHaveText(new RegExp(`^${certificates.length} of `), { timeout: 60_000 });
});

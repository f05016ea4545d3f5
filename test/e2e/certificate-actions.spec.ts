import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Download, Locator, Page } from '@playwright/test';
import { expect, ownConsole, test } from './fixtures';
import { ManualClock, startSandbox, type SandboxHandle } from '../../src/sandbox';
import { addProfile, escapeRegExp, seriousViolations, signIn } from './sandboxProfiles';

/**
 * A certificate's actions, one certificate each, against a sandbox on this
 * machine signed in to as its RAO: collect, revoke, approve, decline, renew
 * with a key made by the console, and a PKCS#12 file from that key. Then a
 * bulk revocation of 200 certificates against a sandbox that fails one
 * request in ten, which must revoke each of them exactly once. Every outcome
 * is checked in the sandbox's own records, not only on the page.
 */
test.describe.configure({ mode: 'serial' });
// A console of its own: the profiles it adds must not meet another file's tests.
const own = ownConsole('tcs-e2e-certificate-actions-');


type SslCertificate = SandboxHandle['store']['ssl'] extends Map<number, infer Certificate> ? Certificate : never;

const profileName = 'Certificate actions';
const bulkProfileName = 'Unreliable SCM';
let sandbox: SandboxHandle;
let bulkSandbox: SandboxHandle;
let bulkClock: ManualClock;
let scratch: string;
/** The key file the renewal saved, and its passphrase, for the PKCS#12 test. */
const renewal = { keyFile: '', passphrase: 'correct horse battery', newId: 0 };

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 21, certificates: 60, issueDelaySeconds: 0 });
  // Issuance waits on this clock: the certificates Sectigo is still processing stay so, and the count of issued ones stays put.
  bulkClock = new ManualClock();
  bulkSandbox = await startSandbox({ seed: 31, certificates: 450, faultRate: 0.1, now: bulkClock.now });
  // Exactly 200 issued SSL certificates for the RAO: the rest move to the other organization, out of its sight.
  const institute = bulkSandbox.store.adminByLogin('rao-institute')!.credentials[0]!.orgId!;
  const units = raoUnits(bulkSandbox);
  const issued = [...bulkSandbox.store.ssl.values()].filter((certificate) => units.has(certificate.orgId) && certificate.status === 'Issued').sort((a, b) => a.id - b.id);
  if (issued.length < 200) throw new Error(`the bulk sandbox has only ${issued.length} issued SSL certificates for rao`);
  for (const certificate of issued.slice(200)) certificate.orgId = institute;
  scratch = await mkdtemp(join(tmpdir(), 'tcs-e2e-certificate-actions-'));
});

test.afterAll(async () => {
  await sandbox?.stop();
  await bulkSandbox?.stop();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

/** The organizations and departments the RAO may act in. */
function raoUnits(handle: SandboxHandle): Set<number> {
  const admin = handle.store.adminByLogin('rao');
  if (admin === undefined) throw new Error('the sandbox has no rao');
  const units = new Set<number>();
  for (const credential of admin.credentials) {
    if (credential.orgId === null) continue;
    units.add(credential.orgId);
    for (const department of handle.store.departmentsOf(credential.orgId)) units.add(department.id);
  }
  return units;
}

/** The RAO's SSL certificates in a status, plainly named, in id order. */
function sslIn(handle: SandboxHandle, status: string, now = Date.now()): SslCertificate[] {
  const units = raoUnits(handle);
  return [...handle.store.ssl.values()]
    .filter((certificate) => units.has(certificate.orgId) && certificate.status === status && /^[a-z0-9.-]+$/.test(certificate.commonName))
    .filter((certificate) => status !== 'Issued' || (certificate.expires ?? 0) > now + 2 * 86_400_000)
    .sort((a, b) => a.id - b.id);
}

/** What the sandbox recorded of an action on a certificate. */
function recorded(handle: SandboxHandle, action: string, id: number): string[] {
  return handle.store.activity.filter((entry) => entry.action === action && entry.details.startsWith(`${id} `)).map((entry) => entry.details);
}

/** Adds a profile for a sandbox with the form, as its RAO, and signs in to it. */
async function addProfileAndSignIn(page: Page, address: string, handle: SandboxHandle, name: string): Promise<void> {
  await addProfile(page, address, handle, name);
  await signIn(page, address, name);
}

/** Opens the Certificates page and waits until the inventory has been read. */
async function openCertificates(page: Page, address: string, search = ''): Promise<void> {
  await page.goto(`${address}#/certificates${search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
  await expect(page.getByText('Complete.')).toBeVisible({ timeout: 120_000 });
}

/** Opens one certificate's details by its address, and waits until SCM's answer is shown. */
async function openDetails(page: Page, address: string, certificate: SslCertificate): Promise<Locator> {
  await page.goto(`${address}#/certificates?cert=ssl-${certificate.id}`);
  const panel = page.getByRole('complementary', { name: `Certificate ${certificate.commonName}` });
  await expect(panel.getByRole('heading', { name: 'The certificate itself' })).toBeVisible({ timeout: 30_000 });
  return panel;
}

/** What the details panel says for one of its terms. */
function fact(panel: Locator, term: string): Locator {
  return panel.getByRole('term').filter({ hasText: new RegExp(`^${escapeRegExp(term)}$`) }).first().locator('xpath=following-sibling::dd[1]');
}

/** The certificates in a PEM file, in the file's order. */
function certificatesIn(pem: string): X509Certificate[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((block) => new X509Certificate(block));
}

async function savedText(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

test('shows a certificate’s details: the row, the certificate parsed, its history and its actions', async ({ page }) => {
  test.setTimeout(180_000);
  const address = await own.server().address();
  await addProfileAndSignIn(page, address, sandbox, profileName);
  await openCertificates(page, address);
  const issued = sslIn(sandbox, 'Issued')[0]!;
  const panel = await openDetails(page, address, issued);
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(panel.getByRole('term').filter({ hasText: /^Serial number$/ }).first()).toBeVisible();
  await expect(panel.getByText(`CN=${issued.commonName}`).first()).toBeVisible();
  await expect(panel.getByText('SHA-256 fingerprint')).toBeVisible();
  await expect(panel.getByRole('list').filter({ hasText: 'Certificate:' }).getByRole('listitem').first()).toContainText(issued.commonName);
  // Everything SCM knows stays folded until asked for.
  const fields = panel.locator('details.cert-fields');
  await expect(fields.getByRole('term').first()).toBeHidden();
  await fields.locator('summary').click();
  await expect(fields.getByRole('term').filter({ hasText: /^commonName$/ })).toBeVisible();
  // An issued certificate can be collected and revoked, not approved: that one is shown disabled with the reason written out.
  await expect(panel.getByRole('button', { name: 'Collect', exact: true })).toBeEnabled();
  const approve = panel.getByRole('button', { name: 'Approve', exact: true });
  await expect(approve).toBeDisabled();
  await expect(approve).toHaveAccessibleDescription(/Only a certificate awaiting approval/);
  await expect(panel.getByText(/can be approved; this one is Issued/)).toBeVisible();
  expect(await seriousViolations(page, { include: 'aside' })).toEqual([]);
  // Escape closes the panel and gives the focus back to the table.
  await panel.getByRole('heading', { level: 2 }).press('Escape');
  await expect(panel).toBeHidden();
  await expect(page).toHaveURL(/#\/certificates$/);
});

test('collects a certificate as a PEM chain, leaf first, and saves it', async ({ page }) => {
  const address = await own.server().address();
  const issued = sslIn(sandbox, 'Issued')[1]!;
  const panel = await openDetails(page, address, issued);
  await panel.getByRole('button', { name: 'Collect', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Collect ${issued.commonName}` });
  const format = dialog.getByLabel('Format');
  await expect(format).toHaveValue('chain');
  await expect(format).toHaveAccessibleDescription(/certificate first, then each issuer toward the root/);
  expect(await seriousViolations(page, { include: 'dialog' })).toEqual([]);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Collect and save' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${issued.commonName}-${issued.id}-chain.pem`);
  const chain = certificatesIn(await savedText(download));
  expect(chain.length).toBeGreaterThanOrEqual(2);
  expect(chain[0]!.subject).toContain(`CN=${issued.commonName}`);
  expect(chain[0]!.serialNumber.replace(/^0+/, '')).toBe(issued.serialNumber.replaceAll(':', '').toUpperCase().replace(/^0+/, ''));
  // Each certificate is followed by its issuer, up to the root.
  for (let index = 1; index < chain.length; index += 1) expect(chain[index - 1]!.checkIssued(chain[index]!)).toBe(true);
  expect(chain.at(-1)!.checkIssued(chain.at(-1)!)).toBe(true);
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('status').filter({ hasText: `Collected ${issued.commonName}. Saved as ${download.suggestedFilename()}.` })).toBeVisible();
});

test('revokes a certificate once its common name is typed, with the reason code chosen', async ({ page }) => {
  const address = await own.server().address();
  const issued = sslIn(sandbox, 'Issued')[2]!;
  const panel = await openDetails(page, address, issued);
  await panel.getByRole('button', { name: 'Revoke', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Revoke ${issued.commonName}` });
  const revoke = dialog.getByRole('button', { name: 'Revoke', exact: true });
  await expect(revoke).toBeDisabled();
  await dialog.getByLabel('Reason code').selectOption({ label: 'Key compromise (1)' });
  await expect(dialog.getByLabel('Reason code')).toHaveAccessibleDescription(/private key was exposed/);
  await dialog.getByLabel('Reason in words').fill('The key was left on a shared drive');
  const confirm = dialog.getByLabel(`Type the common name “${issued.commonName}” to confirm`);
  await confirm.fill(issued.commonName.slice(0, -1));
  await expect(revoke).toBeDisabled();
  await confirm.fill(issued.commonName);
  await expect(revoke).toBeEnabled();
  await revoke.click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('status').filter({ hasText: `Revoked ${issued.commonName}.` })).toBeVisible();
  const now = sandbox.store.ssl.get(issued.id)!;
  expect(now.status).toBe('Revoked');
  expect(now.reasonCode).toBe(1);
  expect(now.revokeReason).toBe('The key was left on a shared drive');
  expect(recorded(sandbox, 'SSL certificate revoked', issued.id)).toHaveLength(1);
  // The panel reads the certificate again: it is revoked, and cannot be revoked twice.
  await expect(panel.getByText('Revoked (Revoked)')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Revoke', exact: true })).toBeDisabled();
});

test('an SSL revocation needs a reason in words, said on its field', async ({ page }) => {
  const address = await own.server().address();
  const issued = sslIn(sandbox, 'Issued')[3]!;
  const panel = await openDetails(page, address, issued);
  await panel.getByRole('button', { name: 'Revoke', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Revoke ${issued.commonName}` });
  await dialog.getByLabel(`Type the common name “${issued.commonName}” to confirm`).fill(issued.commonName);
  await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
  const summary = dialog.getByRole('alert').filter({ hasText: 'Check these 2 fields' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Reason code: Choose a reason code.' })).toBeVisible();
  await expect(dialog.getByLabel('Reason in words')).toHaveAccessibleDescription(/Enter the reason: SCM needs one to revoke an SSL certificate\./);
  await summary.getByRole('link', { name: /^Reason in words/ }).click();
  await expect(dialog.getByLabel('Reason in words')).toBeFocused();
  // Escape closes the dialog and leaves the panel open; nothing was sent.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(panel).toBeVisible();
  expect(sandbox.store.ssl.get(issued.id)!.status).toBe('Issued');
});

test('approves one requested certificate and declines another, each with a message', async ({ page }) => {
  const address = await own.server().address();
  const [first, second] = sslIn(sandbox, 'Requested');
  expect(second).toBeDefined();

  let panel = await openDetails(page, address, first!);
  await panel.getByRole('button', { name: 'Approve', exact: true }).click();
  let dialog = page.getByRole('dialog', { name: `Approve ${first!.commonName}` });
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(dialog.getByLabel('Message')).toHaveAccessibleDescription(/Enter a message for the approval\./);
  await dialog.getByLabel('Message').fill('Checked with the web team');
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('status').filter({ hasText: `Approved ${first!.commonName}.` })).toBeVisible();
  expect(sandbox.store.ssl.get(first!.id)!.status).not.toBe('Requested');
  expect(recorded(sandbox, 'SSL certificate approved', first!.id)).toEqual([`${first!.id} ${first!.commonName}: Checked with the web team`]);

  panel = await openDetails(page, address, second!);
  await panel.getByRole('button', { name: 'Decline', exact: true }).click();
  dialog = page.getByRole('dialog', { name: `Decline ${second!.commonName}` });
  await dialog.getByLabel('Message').fill('Nobody asked for this name');
  await dialog.getByRole('button', { name: 'Decline', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('status').filter({ hasText: `Declined ${second!.commonName}.` })).toBeVisible();
  expect(sandbox.store.ssl.get(second!.id)!.status).toBe('Declined');
  expect(recorded(sandbox, 'SSL certificate declined', second!.id)).toHaveLength(1);
});

test('renews with a key made on this computer: the encrypted key is saved, and the new certificate opens from the link', async ({ page }) => {
  const address = await own.server().address();
  const issued = sslIn(sandbox, 'Issued').find((certificate) => !certificate.renewed && sandbox.store.profiles.get(certificate.profileId)?.allowRenew === true)!;
  const panel = await openDetails(page, address, issued);
  await panel.getByRole('button', { name: 'Renew', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Renew ${issued.commonName}` });
  await dialog.getByLabel('Make a new key on this computer').check();
  await dialog.getByLabel('Key type').selectOption('RSA-2048');
  await dialog.getByLabel('Passphrase for the new key').fill(renewal.passphrase);
  await dialog.getByLabel('The same passphrase again').fill('something else');
  await dialog.getByRole('button', { name: 'Renew', exact: true }).click();
  await expect(dialog.getByLabel('The same passphrase again')).toHaveAccessibleDescription('Type the same passphrase again.');
  await dialog.getByLabel('The same passphrase again').fill(renewal.passphrase);
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Renew', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-new\.key$/);
  renewal.keyFile = await savedText(download);
  expect(renewal.keyFile).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');

  const renewed = [...sandbox.store.ssl.values()].find((certificate) => certificate.renewedFromId === issued.id);
  expect(renewed).toBeDefined();
  renewal.newId = renewed!.id;
  expect(recorded(sandbox, 'SSL certificate renewed', issued.id)).toEqual([`${issued.id} -> ${renewed!.id} ${issued.commonName}`]);
  // The key the console saved is the key SCM certifies, and it opens with the passphrase.
  const privateKey = createPrivateKey({ key: renewal.keyFile, format: 'pem', passphrase: renewal.passphrase });
  expect(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64')).toBe(renewed!.publicKey);

  const outcome = panel.locator('.cert-outcome');
  await expect(outcome).toBeFocused();
  await expect(outcome.getByRole('status')).toContainText(`SCM accepted the renewal of ${issued.commonName}. Saved as ${download.suggestedFilename()}.`);
  await expect(outcome).toContainText('The console keeps no copy of it');
  await outcome.getByRole('link', { name: `open ssl-${renewed!.id}` }).click();
  await expect(page).toHaveURL(new RegExp(`cert=ssl-${renewed!.id}`));
  const opened = page.getByRole('complementary', { name: `Certificate ${issued.commonName}` });
  await expect(fact(opened, 'Id in SCM')).toHaveText(String(renewed!.id));
  await expect(opened.getByRole('heading', { level: 2 })).toBeFocused();
});

test('makes a PKCS#12 file from the key file, checking the key belongs to the certificate', async ({ page }) => {
  const address = await own.server().address();
  const certificate = sandbox.store.ssl.get(renewal.newId);
  expect(certificate).toBeDefined();
  await expect.poll(() => sandbox.store.ssl.get(renewal.newId)?.status, { timeout: 20_000 }).not.toBe('Requested');
  const keyPath = join(scratch, 'renewed.key');
  await writeFile(keyPath, renewal.keyFile);
  const panel = await openDetails(page, address, certificate!);
  const make = panel.getByRole('button', { name: 'Make a PKCS#12 file', exact: true });
  await expect(make).toBeEnabled();
  await make.click();
  const dialog = page.getByRole('dialog', { name: `PKCS#12 file for ${certificate!.commonName}` });
  await dialog.getByLabel('Private key file').setInputFiles(keyPath);
  await expect(dialog.getByText('Read renewed.key: the key is encrypted.')).toBeVisible();
  await dialog.getByLabel('Passphrase of the key file').fill('not the passphrase');
  await dialog.getByLabel('Password for the PKCS#12 file', { exact: true }).fill('p12-Password');
  await dialog.getByLabel('The same password again').fill('p12-Password');
  await dialog.getByRole('button', { name: 'Make and save the PKCS#12 file' }).click();
  // Main's refusal lands on the field it is about.
  await expect(dialog.getByLabel('Passphrase of the key file')).toHaveAccessibleDescription(/The passphrase does not open this key file\./);
  await dialog.getByLabel('Passphrase of the key file').fill(renewal.passphrase);
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Make and save the PKCS#12 file' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.p12$/);
  const p12 = join(scratch, 'renewed.p12');
  await download.saveAs(p12);
  const { stdout } = await promisify(execFile)('openssl', ['pkcs12', '-in', p12, '-passin', 'pass:p12-Password', '-nokeys']);
  const inside = certificatesIn(stdout);
  expect(inside.length).toBeGreaterThanOrEqual(2);
  expect(inside.some((entry) => entry.subject.includes(`CN=${certificate!.commonName}`))).toBe(true);
  await expect(panel.getByRole('status').filter({ hasText: `Made a PKCS#12 file for ${certificate!.commonName}.` })).toBeVisible();
});

test('records in SCM a code-signing revocation done at the CA, once the name is typed', async ({ page }) => {
  const address = await own.server().address();
  const units = raoUnits(sandbox);
  const target = [...sandbox.store.codeSigning.values()].find((certificate) => units.has(certificate.orgId) && certificate.status === 'Issued');
  expect(target).toBeDefined();
  await page.goto(`${address}#/certificates?view=codeSigning`);
  const view = page.getByRole('region', { name: 'Code-signing certificates' });
  await expect(view.getByText(/cannot be ordered, renewed or collected through SCM’s REST API/)).toBeVisible();
  await expect(view.getByRole('button', { name: 'Code signing in the handbook' })).toBeVisible();
  const row = view.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${escapeRegExp(target!.commonName)}`) }) });
  await row.getByRole('button', { name: `Record a revocation of ${target!.commonName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Record a revocation of ${target!.commonName}` });
  await expect(dialog.getByText('This only records in SCM that the certificate was revoked at the CA.', { exact: false })).toBeVisible();
  const record = dialog.getByRole('button', { name: 'Record the revocation' });
  await expect(record).toBeDisabled();
  await dialog.getByLabel('Reason code').selectOption({ label: 'Key compromise (1)' });
  await dialog.getByLabel(`Type the common name “${target!.commonName}” to confirm`).fill(target!.commonName);
  await record.click();
  await expect(dialog).toBeHidden();
  await expect(view.getByRole('status')).toHaveText(`Recorded in SCM: ${target!.commonName} is marked revoked.`);
  expect(sandbox.store.codeSigning.get(target!.id)!.status).toBe('Revoked');
  expect(sandbox.store.codeSigning.get(target!.id)!.reasonCode).toBe(1);
  await expect(row.getByText('Recorded as revoked')).toBeVisible();
});

test('revokes 200 certificates in bulk against an unreliable SCM, each exactly once', async ({ page }) => {
  test.setTimeout(600_000);
  const address = await own.server().address();
  const issuedInScope = [...bulkSandbox.store.ssl.values()].filter((certificate) => raoUnits(bulkSandbox).has(certificate.orgId) && certificate.status === 'Issued');
  expect(issuedInScope).toHaveLength(200);
  await addProfileAndSignIn(page, address, bulkSandbox, bulkProfileName);
  await openCertificates(page, address, '?kind=ssl&state=issued');
  await expect(page.locator('.table-count')).toHaveText(/^200 of /);

  await page.getByRole('grid').getByRole('checkbox').nth(1).check();
  const selection = page.getByRole('region', { name: 'Selected certificates' });
  await selection.getByRole('button', { name: 'Select all 200 that match' }).click();
  await expect(selection.getByText('All 200 that match are selected')).toBeVisible();
  await selection.getByRole('button', { name: 'Revoke 200 certificates' }).click();

  const dialog = page.getByRole('dialog', { name: 'Revoke 200 certificates' });
  await dialog.getByLabel('Reason code').selectOption({ label: 'Cessation of operation (5)' });
  await dialog.getByLabel('Reason in words').fill('The old web farm is closed');
  await dialog.getByRole('button', { name: 'Show what would be done' }).click();
  await expect(dialog.getByText('200 certificates will be revoked.')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByText('None is skipped.')).toBeVisible();
  await expect(dialog.locator('.table-count')).toHaveText('200 in all');
  expect(await seriousViolations(page, { include: 'dialog' })).toEqual([]);
  await dialog.getByRole('button', { name: 'Run on 200 certificates' }).click();
  const go = dialog.getByRole('button', { name: 'Revoke 200 certificates' });
  await expect(go).toBeDisabled();
  await dialog.getByLabel('Type the number of certificates, 200, to confirm').fill('200');
  await go.click();
  await expect(dialog.getByRole('group', { name: 'Revoking certificates' })).toBeVisible();
  await expect(dialog.getByRole('status').filter({ hasText: /^Finished: / })).toBeVisible({ timeout: 480_000 });
  // The summary says what happened to each; any that did not end done is named with its note.
  const exporting = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export summary (CSV)' }).click();
  const summary = await savedText(await exporting);
  const lines = summary.trim().split(/\r\n/);
  expect(lines).toHaveLength(201);
  expect(lines.slice(1).filter((line) => !line.includes(',revoke,done,'))).toEqual([]);
  await expect(dialog.getByRole('status').filter({ hasText: /^Finished: / })).toHaveText('Finished: 200 done, 0 failed, 0 not known, 0 skipped.');

  // In the sandbox: each of the 200 is revoked, with the reason chosen, and recorded as revoked exactly once.
  for (const certificate of issuedInScope) {
    const now = bulkSandbox.store.ssl.get(certificate.id)!;
    expect(now.status, `ssl-${certificate.id}`).toBe('Revoked');
    expect(now.reasonCode).toBe(5);
    expect(recorded(bulkSandbox, 'SSL certificate revoked', certificate.id), `ssl-${certificate.id}`).toHaveLength(1);
  }
  expect(bulkSandbox.store.activity.filter((entry) => entry.action === 'SSL certificate revoked')).toHaveLength(200);
});

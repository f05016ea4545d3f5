import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { expect, startConsoleServer, test, type ConsoleServer } from './fixtures';
import { addProfileAndSignIn, atStep, runStep, seriousViolations, signIn, stepPanel, stepper } from './checklistSteps';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

/**
 * The checklist “First SSL certificate, with a key made here” in the browser,
 * against a sandbox of its own that issues at once, so that the files on disk
 * and what SCM holds can be checked after the run.
 */
test.describe.configure({ mode: 'serial' });

let sandbox: SandboxHandle;
let userDataDir: string;
let keyFolder: string;
let server: ConsoleServer;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, certificates: 0, issueDelaySeconds: 0 });
  userDataDir = await mkdtemp(join(tmpdir(), 'tcs-e2e-first-cert-'));
  keyFolder = await mkdtemp(join(tmpdir(), 'tcs-e2e-first-cert-keys-'));
  server = await startConsoleServer(userDataDir);
});

test.afterAll(async () => {
  await server?.stop();
  await sandbox?.stop();
  await rm(userDataDir, { recursive: true, force: true });
  await rm(keyFolder, { recursive: true, force: true });
});

test('makes the key here, orders one certificate and saves it with its chain and a PKCS#12 file beside the key', async ({ page }) => {
  test.setTimeout(120_000);
  const passphrase = 'browser test passphrase 2026';
  const commonName = 'web.sandbox-university.example';
  const address = await server.address();
  await addProfileAndSignIn(page, address, sandbox, 'Certificate RAO', 'rao');

  await page.goto(`${address}#/checklists`);
  await page.getByRole('link', { name: 'Start “First SSL certificate, with a key made here”' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start: First SSL certificate, with a key made here' })).toBeVisible();
  const form = page.locator('form.checklist-form');
  await expect(form.getByLabel('Organization or department', { exact: true })).toHaveValue('1001');
  await form.getByLabel('Certificate profile').selectOption('3002');
  await form.getByLabel('Key type').selectOption('EC-P-256');
  await form.getByLabel('Common name').fill(commonName);
  await form.getByLabel('Key file').fill(join(keyFolder, 'web.key'));
  await form.getByRole('checkbox', { name: 'PKCS#12 (.p12)' }).check();
  // SCM's mandatory custom field is proposed by name; its value is for the person to give.
  await form.getByLabel(/Value/).fill('web team');

  // A name outside the unit's validated domains is refused before anything is made.
  await form.getByLabel('Other names (SANs)').fill('www.elsewhere.example');
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  await expect(page.locator('.error-summary')).toContainText('www.elsewhere.example is under no domain in SCM');
  await form.getByLabel('Other names (SANs)').fill('sandbox-university.example');
  await form.getByRole('button', { name: 'Start the checklist' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'First SSL certificate, with a key made here' })).toBeVisible();
  await atStep(page, 'Check the names');
  await runStep(page, 'Check now', 'Make the key and the CSR');

  // The passphrase goes to main once; the field is emptied and the page says it is held.
  await expect(stepPanel(page).getByRole('alert')).toContainText('Give the passphrase for the private key first.');
  await expect(stepPanel(page).getByRole('button', { name: 'Run this step' })).toBeDisabled();
  const field = stepPanel(page).getByLabel('Passphrase for the private key');
  await field.fill(passphrase);
  await stepPanel(page).getByRole('button', { name: 'Use this passphrase' }).click();
  await expect(stepPanel(page).getByText('The console holds the passphrase for this run.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await stepPanel(page).getByRole('button', { name: 'Run this step' }).click();
  await atStep(page, 'Order the certificate');
  await expect(stepPanel(page).locator('.request-body')).toContainText('"certType": 3002');
  await runStep(page, 'Run this step', 'Approve the order');
  // The RAO's orders are approved automatically.
  await expect(stepPanel(page)).toContainText('needed no approval');
  await runStep(page, 'Go on', 'Wait until it is issued');
  await runStep(page, 'Check now', 'Save the certificate');
  await runStep(page, 'Run this step', null);

  // On disk: the key encrypted, the certificate for it, its chain to the root, and a PKCS#12 file that opens with the passphrase.
  expect((await readdir(keyFolder)).sort()).toEqual(['web-chain.pem', 'web.crt', 'web.csr', 'web.key', 'web.p12']);
  const keyPem = await readFile(join(keyFolder, 'web.key'), 'utf8');
  expect(keyPem).toContain('BEGIN ENCRYPTED PRIVATE KEY');
  const key = createPrivateKey({ key: keyPem, passphrase });
  const certificate = new X509Certificate(await readFile(join(keyFolder, 'web.crt')));
  expect(certificate.checkPrivateKey(key)).toBe(true);
  expect(certificate.subject).toContain(commonName);
  const chain = (await readFile(join(keyFolder, 'web-chain.pem'), 'utf8')).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!.map((pem) => new X509Certificate(pem));
  expect(chain).toHaveLength(2);
  expect(certificate.checkIssued(chain[0]!)).toBe(true);
  expect(chain[0]!.checkIssued(chain[1]!)).toBe(true);
  expect(chain[1]!.checkIssued(chain[1]!)).toBe(true);
  const pfx = await readFile(join(keyFolder, 'web.p12'));
  expect(() => createSecureContext({ pfx, passphrase })).not.toThrow();

  // In SCM: one order, issued, with this key.
  const orders = [...sandbox.store.ssl.values()].filter((order) => order.commonName === commonName);
  expect(orders).toHaveLength(1);
  expect(orders[0]!.status).toBe('Issued');

  // The passphrase and the key are in no file of the console.
  const entries = await readdir(userDataDir, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8').catch(() => '');
    expect(text.includes(passphrase), entry.name).toBe(false);
    expect(text.includes('PRIVATE KEY'), entry.name).toBe(false);
  }
});

test('a run interrupted by a restart goes on where it stopped', async ({ page }) => {
  test.setTimeout(150_000);
  const title = 'First SSL certificate, with a key made here';
  const passphrase = 'browser test passphrase, resumed';
  const commonName = 'app.sandbox-university.example';
  const folder = join(keyFolder, 'resumed');
  await mkdir(folder);
  const address = await server.address();
  await addProfileAndSignIn(page, address, sandbox, 'Certificate RAO, again', 'rao');

  await page.goto(`${address}#/checklists`);
  await page.getByRole('link', { name: `Start “${title}”` }).click();
  const form = page.locator('form.checklist-form');
  await form.getByLabel('Certificate profile').selectOption('3002');
  await form.getByLabel('Key type').selectOption('EC-P-256');
  await form.getByLabel('Common name').fill(commonName);
  await form.getByLabel('Key file').fill(join(folder, 'app.key'));
  await form.getByRole('checkbox', { name: 'PKCS#12 (.p12)' }).check();
  await form.getByLabel(/Value/).fill('app team');
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  await atStep(page, 'Check the names');
  await runStep(page, 'Check now', 'Make the key and the CSR');
  await stepPanel(page).getByLabel('Passphrase for the private key').fill(passphrase);
  await stepPanel(page).getByRole('button', { name: 'Use this passphrase' }).click();
  await expect(stepPanel(page).getByText('The console holds the passphrase for this run.')).toBeVisible();
  await stepPanel(page).getByRole('button', { name: 'Run this step' }).click();
  await atStep(page, 'Order the certificate');
  await runStep(page, 'Run this step', 'Approve the order');
  const orders = () => [...sandbox.store.ssl.values()].filter((order) => order.commonName === commonName);
  expect(orders()).toHaveLength(1);
  const keyMade = await readFile(join(folder, 'app.key'), 'utf8');
  const states = await stepper(page).getByRole('button').allTextContents();

  // The console stops as a closed window would, and starts again on the same data folder.
  await server.stop();
  server = await startConsoleServer(userDataDir);
  await signIn(page, await server.address(), 'Certificate RAO, again', 'rao');
  await page.goto(`${await server.address()}#/checklists`);
  const row = page.getByRole('table', { name: 'Runs in progress' }).getByRole('row').filter({ has: page.getByRole('link', { name: title }) });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await expect(row).toContainText('3 of 6');
  await row.getByRole('link', { name: title }).click();
  await atStep(page, 'Approve the order');
  await expect(stepper(page).getByRole('button')).toHaveText(states);
  await expect(stepper(page).getByRole('button', { name: /Make the key and the CSR Done/ })).toBeVisible();
  await expect(stepper(page).getByRole('button', { name: /Order the certificate Done/ })).toBeVisible();
  await runStep(page, 'Go on', 'Wait until it is issued');
  await runStep(page, 'Check now', 'Save the certificate');

  // The passphrase was held in memory only: the run asks for it again before it writes the PKCS#12 file.
  await expect(stepPanel(page).getByRole('alert')).toContainText('Give the passphrase for the private key first.');
  await expect(stepPanel(page).getByRole('button', { name: 'Run this step' })).toBeDisabled();
  await stepPanel(page).getByLabel('Passphrase for the private key').fill(passphrase);
  await stepPanel(page).getByRole('button', { name: 'Use this passphrase' }).click();
  await expect(stepPanel(page).getByText('The console holds the passphrase for this run.')).toBeVisible();
  await runStep(page, 'Run this step', null);

  // The key was made once: the file is the one made before the restart, and the certificate is for it.
  expect(await readFile(join(folder, 'app.key'), 'utf8')).toBe(keyMade);
  expect((await readdir(folder)).sort()).toEqual(['app-chain.pem', 'app.crt', 'app.csr', 'app.key', 'app.p12']);
  const certificate = new X509Certificate(await readFile(join(folder, 'app.crt')));
  expect(certificate.checkPrivateKey(createPrivateKey({ key: keyMade, passphrase }))).toBe(true);
  const pfx = await readFile(join(folder, 'app.p12'));
  expect(() => createSecureContext({ pfx, passphrase })).not.toThrow();
  // SCM holds one order, issued.
  expect(orders()).toHaveLength(1);
  expect(orders()[0]!.status).toBe('Issued');
});

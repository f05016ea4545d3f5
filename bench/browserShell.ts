/**
 * What the benchmarks that measure the interface share: the built browser
 * shell started as a user starts it, Chromium as the end-to-end tests find it,
 * and a sandbox institution added as a profile through the form and signed in
 * to as its MRAO.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { SandboxHandle } from '../src/sandbox';

/** Chromium as the end-to-end tests find it: PLAYWRIGHT_CHROMIUM_PATH, else the system's, else Playwright's own. */
function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

export function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({ headless: true, ...(executablePath === undefined ? {} : { executablePath }), args: ['--disable-gpu', '--no-first-run'] });
}

export interface ConsoleProcess {
  address: string;
  child: ChildProcess;
}

/**
 * The built browser shell on a data folder, without a keychain: the console
 * then keeps the typed password in memory, as the tests do, and no keychain
 * read stands in any request's way.
 */
export async function startConsole(userDataDir: string): Promise<ConsoleProcess> {
  const web = fileURLToPath(new URL('../out/main/web.js', import.meta.url));
  const child = spawn(process.execPath, [web, '--port', '0', '--user-data', userDataDir], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: '' } });
  let printed = '';
  const address = await new Promise<string>((resolve, reject) => {
    const look = (chunk: Buffer): void => {
      printed += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(printed);
      if (found !== null) resolve(found[0]);
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the browser shell exited with ${code}:\n${printed}`)));
  });
  return { address, child };
}

/** Stops a browser shell and waits until it has (it saves the built-in sandbox and its caches as it stops). */
export async function stopConsole(consoleProcess: ConsoleProcess): Promise<void> {
  if (consoleProcess.child.exitCode !== null) return;
  const exited = new Promise((resolve) => consoleProcess.child.once('exit', resolve));
  consoleProcess.child.kill();
  await exited;
}

/** Moves within the tab, as the navigation does: the tab keeps its key to the console. */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** Adds a profile for a sandbox institution with the form, as its MRAO. */
export async function addProfile(page: Page, institution: SandboxHandle, name: string): Promise<void> {
  await goTo(page, '#/settings/profiles');
  await page.getByRole('button', { name: 'Add profile' }).click();
  const form = page.locator('form.profile-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Host', { exact: true }).fill(institution.url);
  await form.getByLabel('Customer URI', { exact: true }).fill(institution.customerUri);
  await form.getByLabel('Login', { exact: true }).fill('mrao');
  await form.locator('input[type="password"]').fill(institution.seededPassword('mrao') ?? '');
  await form.locator('input[type="password"]').press('Enter');
  await form.getByRole('status').getByText(/^Saved, with the password/).waitFor();
}

/** Signs in to a profile from the Profiles list, and waits until the title bar says so. */
export async function signIn(page: Page, name: string): Promise<void> {
  await goTo(page, '#/settings/profiles');
  const row = page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(`^${name}( Signed in)?$`) }) });
  await row.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('banner').getByText('Signed in as mrao', { exact: true }).waitFor({ timeout: 30_000 });
}

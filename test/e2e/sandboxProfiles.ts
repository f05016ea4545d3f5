import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { SandboxHandle } from '../../src/sandbox';

/**
 * What the tests against a sandbox of their own share: adding it as a profile
 * through the form, as its RAO with the seed's password, signing in to it, and
 * the accessibility check every page takes.
 */

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Adds a profile for a sandbox on this machine with the form, as a seeded admin (the RAO unless told) with its seeded password. */
export async function addProfile(page: Page, address: string, handle: SandboxHandle, name: string, login = 'rao'): Promise<void> {
  const password = handle.seededPassword(login);
  if (password === undefined) throw new Error(`the sandbox has no seeded password for ${login}`);
  await page.goto(`${address}#/settings/profiles`);
  await page.getByRole('button', { name: 'Add profile' }).click();
  const form = page.locator('form.profile-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Host', { exact: true }).fill(handle.url);
  await form.getByLabel('Customer URI', { exact: true }).fill(handle.customerUri);
  await form.getByLabel('Login', { exact: true }).fill(login);
  await form.locator('input[type="password"]').fill(password);
  await form.locator('input[type="password"]').press('Enter');
  await expect(form.getByRole('status')).toHaveText(/^Saved, with the password/);
}

/** Signs in to a profile from the Profiles list, and waits until the title bar says so. */
export async function signIn(page: Page, address: string, name: string, login = 'rao'): Promise<void> {
  await page.goto(`${address}#/settings/profiles`);
  const row = page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(`^${escapeRegExp(name)}( Signed in)?$`) }) });
  await row.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: /^Profile:/ })).toHaveAccessibleName(new RegExp(escapeRegExp(name)));
  await expect(page.getByRole('banner').getByText(`Signed in as ${login}`, { exact: true })).toBeVisible({ timeout: 20_000 });
}

/** The serious and critical accessibility violations on the page, or within `include`, leaving out `exclude`. */
export async function seriousViolations(page: Page, options: { include?: string; exclude?: readonly string[] } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (options.include !== undefined) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('; ')})`);
}

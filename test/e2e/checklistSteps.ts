import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import type { SandboxHandle } from '../../src/sandbox';

/** What the checklists' browser tests share: a profile for their own sandbox, and moving through a run's steps. */

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('; ')})`);
}

/** Adds a profile for a sandbox with the form, as one of its seeded admins. */
export async function addProfile(page: Page, address: string, handle: SandboxHandle, name: string, login: string): Promise<void> {
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
export async function signIn(page: Page, address: string, name: string, login: string): Promise<void> {
  await page.goto(`${address}#/settings/profiles`);
  const row = page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(`^${escapeRegExp(name)}( Signed in)?$`) }) });
  await row.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByText(`Signed in as ${login}`, { exact: true })).toBeVisible({ timeout: 20_000 });
}

export async function addProfileAndSignIn(page: Page, address: string, handle: SandboxHandle, name: string, login: string): Promise<void> {
  await addProfile(page, address, handle, name, login);
  await signIn(page, address, name, login);
}

export function stepper(page: Page): Locator {
  return page.locator('nav.stepper');
}

export function stepPanel(page: Page): Locator {
  return page.locator('article.step-panel');
}

/** Waits until the step named is the current one, and no step's work is under way. */
export async function atStep(page: Page, title: string): Promise<void> {
  await expect(stepper(page).locator('[aria-current="step"]')).toContainText(title, { timeout: 30_000 });
  await expect(stepPanel(page).getByRole('heading', { level: 2 })).toHaveText(title);
  await expect(page.getByRole('banner').getByText(/tasks? running/)).toHaveCount(0);
}

/** Presses a step's button, sends what it shows when it asks, and waits for the next step, or for the run's end. */
export async function runStep(page: Page, button: string | RegExp, next: string | null): Promise<void> {
  await stepPanel(page).getByRole('button', { name: button, exact: typeof button === 'string' }).click();
  if (button === 'Run this step') await page.getByRole('dialog').getByRole('button', { name: 'Send to SCM' }).click();
  if (next === null) await expect(page.getByRole('heading', { level: 2, name: 'The checklist is done' })).toBeVisible({ timeout: 30_000 });
  else await atStep(page, next);
}

import AxeBuilder from '@axe-core/playwright';
import { expect, offline, ownConsole, test } from './fixtures';

// The language is a setting of the console: this file runs a console of its own, so no other file meets it in Swedish.
const own = ownConsole('tcs-e2e-handbook-swedish-');

test('follows the interface into Swedish: contents, pages, grouped anchors and search, and back to English', async ({ page, context }) => {
  const attempted = await offline(context);
  const address = await own.server().address();
  await page.goto(`${address}#/handbook`);
  await expect(page.getByRole('heading', { level: 1, name: 'Start here' })).toBeVisible();

  await page.goto(`${address}#/settings`);
  await page.getByRole('radio', { name: /^Svenska/ }).click();
  await expect(page.getByRole('radio', { name: /^Svenska/ })).toBeChecked();

  // The handbook already loaded in English follows into Swedish.
  await page.keyboard.press('Alt+9');
  await expect(page.getByRole('heading', { level: 1, name: 'Börja här' })).toBeVisible();
  const contents = page.getByRole('navigation', { name: 'Handbokens innehåll' });
  await expect(contents.getByRole('heading', { name: 'Kom igång' })).toBeVisible();
  await expect(contents.getByRole('link', { name: 'Vem du kontaktar' })).toBeVisible();
  await expect(page.locator('.handbook-article')).toHaveAttribute('lang', 'sv');

  // An error's link names one code of a group: it lands on the group's heading, in Swedish as in English.
  await page.goto(`${address}#/handbook/errors/scm-138`);
  await expect(page.getByRole('heading', { level: 1, name: 'Felreferens' })).toBeVisible();
  const group = page.locator('h3[id="scm-10"]');
  await expect(group).toContainText('-138');
  await expect(group).toBeFocused();
  await expect(group).toBeInViewport();
  expect(
    (await new AxeBuilder({ page }).include('.handbook-article').analyze()).violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'),
  ).toEqual([]);

  // A question in Swedish, in the Swedish handbook.
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Sök i handboken' });
  await dialog.getByRole('combobox').fill('låst konto');
  await expect(dialog.getByRole('option').first()).toContainText('Spärrat konto');
  await expect(dialog.locator('mark').first()).toHaveText(/^(låst|spärrat|konto)/i);
  await page.keyboard.press('Enter');
  // On the handbook's own page a result opens in its place.
  await expect(page.getByRole('heading', { level: 1, name: 'Ansluta till SCM' })).toBeVisible();
  await expect(page).toHaveURL(/#\/handbook\/connecting\/sign-in-locked$/);
  await expect(page.locator('[id="sign-in-locked"]')).toBeInViewport();

  // Back to English: the same address shows the English page.
  await page.goto(`${address}#/settings`);
  await page.getByRole('radio', { name: /^English/ }).click();
  await expect(page.getByRole('radio', { name: /^English/ })).toBeChecked();
  await page.goto(`${address}#/handbook/errors/scm-138`);
  await expect(page.getByRole('heading', { level: 1, name: 'Error reference' })).toBeVisible();
  await expect(page.locator('h3[id="scm-10"]')).toContainText('the CSR was refused');
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog', { name: 'Search the handbook' }).getByRole('combobox').fill('what does error -16 mean');
  await expect(page.getByRole('dialog', { name: 'Search the handbook' }).getByRole('option').first()).toContainText('-16');
  expect(attempted).toEqual([]);
});

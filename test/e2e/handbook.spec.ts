import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, offline, test } from './fixtures';

test.describe('the handbook, with no network', () => {
  test('opens from the navigation, follows a link to another page’s anchor, and shows the page’s outline', async ({ page, context, server }) => {
    const attempted = await offline(context);
    await page.goto(await server.address());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Handbook' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Start here' })).toBeVisible();
    const contents = page.getByRole('navigation', { name: 'Handbook contents' });
    await contents.getByRole('link', { name: 'Create a dedicated API admin' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create a dedicated API admin' })).toBeVisible();
    await expect(page).toHaveURL(/#\/handbook\/procedure-api-admin$/);

    await page.locator('.handbook-article').getByRole('link', { name: 'read-only tenants' }).first().click();
    await expect(page).toHaveURL(/#\/handbook\/platform-status\/read-only-tenants$/);
    const target = page.locator('[id="read-only-tenants"]');
    await expect(target).toBeInViewport();
    await expect(target).toBeFocused();

    await page.goto(`${await server.address()}#/handbook/procedure-api-admin`);
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: /^5\. Make (it|the admin) API-only$/ }).click();
    await expect(page.locator('[id="api-only"]')).toBeInViewport();
    expect(attempted).toEqual([]);
  });

  test('searches from anywhere with the keyboard and opens the passage beside the work', async ({ page, context, server }) => {
    await offline(context);
    await page.goto(await server.address());
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search the handbook' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('combobox').fill('wildcard');
    const results = dialog.getByRole('option');
    await expect(results.first()).toBeVisible();
    await expect(dialog.locator('mark').first()).toHaveText(/wildcard/i);
    const chosen = await results.first().locator('.search-result-title').innerText();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    // The Home page stays; the passage opens in the panel beside it.
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    const panel = page.getByRole('complementary', { name: chosen.split(' › ')[0] });
    await expect(panel).toBeVisible();
    await panel.getByRole('button', { name: 'Close the handbook panel' }).click();
    await expect(panel).toBeHidden();
  });

  test('tells when nothing matches, and closes with Escape', async ({ page, server }) => {
    await page.goto(`${await server.address()}#/handbook`);
    await expect(page.getByRole('heading', { level: 1, name: 'Start here' })).toBeVisible();
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Search the handbook' });
    await dialog.getByRole('combobox').fill('xyzzyplugh');
    await expect(dialog.getByText('Nothing in the handbook matches')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('opens from an error, at the error’s own entry', async ({ page, context, server }) => {
    await offline(context);
    await page.goto(await server.address());
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('radio', { name: 'Dark' })).toBeVisible();
    // SCM refuses the change: the answer carries SCM's code, which has its own entry.
    await page.route('**/rpc/settings:update', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { kind: 'unavailable', message: 'The settings could not be saved.', anchor: 'errors#kind-unavailable' } }),
      }),
    );
    await page.getByRole('radio', { name: 'Dark' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'could not be saved' });
    await expect(alert).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Dark' })).not.toBeChecked();
    await alert.getByRole('button', { name: 'What this means' }).click();
    const panel = page.getByRole('complementary', { name: 'Error reference' });
    await expect(panel).toBeVisible();
    await expect(panel.locator('[id="kind-unavailable"]')).toBeInViewport();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  });

  test('lets the keyboard reach every code block that scrolls, on every page', async ({ page, server }) => {
    // Every page of the handbook, one after another: the time grows with the handbook, not with a slow machine's luck.
    test.setTimeout(150_000);
    await page.goto(`${await server.address()}#/handbook`);
    const contents = page.getByRole('navigation', { name: 'Handbook contents' });
    await expect(contents.getByRole('link').first()).toBeVisible();
    const pages = await contents.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
    expect(pages.length).toBeGreaterThan(5);
    let scrolling = 0;
    const unreachable: string[] = [];
    for (const href of pages) {
      await page.goto(`${server.origin}/${href}`);
      await expect(page.locator('.handbook-article')).toBeVisible();
      const blocks = page.locator('.handbook-article pre');
      for (let index = 0; index < (await blocks.count()); index++) {
        const block = blocks.nth(index);
        if (!(await block.evaluate((pre) => pre.scrollWidth > pre.clientWidth || pre.scrollHeight > pre.clientHeight))) continue;
        scrolling += 1;
        await expect(block).toHaveAttribute('tabindex', '0');
        await expect(block).toHaveAccessibleName(/^Code block: /);
      }
      const results = await new AxeBuilder({ page }).withRules(['scrollable-region-focusable']).analyze();
      unreachable.push(...results.violations.flatMap((violation) => violation.nodes.map((node) => `${href}: ${node.target.join(' ')}`)));
    }
    // Wide blocks are there at this window's width, so the checks above check something.
    expect(scrolling).toBeGreaterThan(0);
    expect(unreachable).toEqual([]);

    // A page full of code, with every rule.
    await page.goto(`${server.origin}/#/handbook/rest-api`);
    const block = page.getByRole('group', { name: /^Code block: / }).first();
    await block.focus();
    await expect(block).toBeFocused();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });

  test('copies a code block with its button', async ({ page, context, server }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.goto(`${await server.address()}#/handbook/rest-api`);
    const block = page.locator('.code-block').first();
    const code = await block.locator('code').innerText();
    await block.getByRole('button', { name: /Copy this/ }).click();
    await expect(block.getByRole('button', { name: /Copy this/ })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  });
});

test.describe('the handbook’s procedure pages', () => {
  /** Signs in to the Sandbox profile from the Profiles list, whichever profile was active before. */
  async function signInToSandbox(page: Page, address: string): Promise<void> {
    await page.goto(`${address}#/settings/profiles`);
    const row = page.locator('tr', { has: page.getByRole('rowheader', { name: /^Sandbox Practice( Signed in)?$/ }) });
    await expect(row).toBeVisible();
    if ((await row.getByText('Signed in', { exact: true }).count()) === 0) await row.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('banner').getByText(/^Signed in as /)).toBeVisible({ timeout: 20_000 });
  }

  test('start the checklist they describe, from the page and from the side panel', async ({ page, server }) => {
    await signInToSandbox(page, await server.address());
    await page.goto(`${server.origin}/#/handbook/procedure-api-admin`);
    await expect(page.getByRole('heading', { level: 1, name: 'Create a dedicated API admin' })).toBeVisible();
    await page.locator('.handbook-article').getByRole('link', { name: 'Start the checklist' }).click();
    await expect(page).toHaveURL(/#\/checklists\/start\/api-admin$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Start: Create a dedicated API admin' })).toBeVisible();
    await expect(page.locator('form.checklist-form').getByLabel('Login of the new admin')).toBeVisible();

    // In the panel beside the work, the link opens the start form in the work's place and closes the panel.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await page.keyboard.press('F1');
    const panel = page.getByRole('complementary', { name: 'Start here' });
    await panel.getByRole('link', { name: 'enable the REST API for an organization' }).click();
    const procedure = page.getByRole('complementary', { name: 'Enable the REST API on an organization or department' });
    await procedure.getByRole('link', { name: 'Start the checklist' }).click();
    await expect(page).toHaveURL(/#\/checklists\/start\/rest-api$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Start: Enable the REST API for an organization or department' })).toBeVisible();
    await expect(procedure).toBeHidden();
    await expect(page.locator('.handbook-panel')).toHaveCount(0);
  });
});

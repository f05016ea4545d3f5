import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, testWithoutKeychain as test, type ConsoleServer } from './fixtures';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { parseCsv } from '../support/csv';
import { addProfile, escapeRegExp, seriousViolations, signIn } from './sandboxProfiles';

/**
 * The Admins page against an institution of 5,000 admins: a second sandbox on
 * this machine, signed in to as its RAO, who sees the admins of its
 * organization and departments. Every count the page shows is compared with
 * the sandbox's own records. The tests build on each other: the first reads
 * the admins, the others work with what it read.
 *
 * The console here keeps the password in memory: it sends the password with
 * every request, and thousands of requests would otherwise be thousands of
 * keychain reads.
 */
test.describe.configure({ mode: 'serial' });

type SandboxAdmin = SandboxHandle['store']['admins'] extends Map<number, infer Admin> ? Admin : never;

const seed = 7;
let sandbox: SandboxHandle;
/** What the RAO may see, in SCM's order: the expected rows of every view below. */
let visible: SandboxAdmin[];

const profileName = 'Many admins';

test.beforeAll(async () => {
  // A few milliseconds an answer, as over a network: reading every admin's details takes a while on any machine.
  sandbox = await startSandbox({ seed, admins: 5000, certificates: 5, latencyMs: 10 });
  visible = visibleTo(sandbox, 'rao');
});

test.afterAll(async () => {
  await sandbox?.stop();
});

/** The admins an admin may see, as SCM decides: an RAO those holding a role in its organization or a department under it. */
function visibleTo(handle: SandboxHandle, login: string): SandboxAdmin[] {
  const admin = handle.store.adminByLogin(login);
  if (admin === undefined) throw new Error(`the sandbox has no ${login}`);
  const units = new Set<number>();
  for (const credential of admin.credentials) {
    if (credential.orgId === null) continue;
    units.add(credential.orgId);
    for (const department of handle.store.departmentsOf(credential.orgId)) units.add(department.id);
  }
  return [...handle.store.admins.values()].filter((candidate) => candidate.credentials.some((credential) => credential.orgId !== null && units.has(credential.orgId)));
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const count = (value: number): string => value.toLocaleString('en-GB');
const nameOf = (admin: SandboxAdmin): string => `${admin.forename} ${admin.surname}`.trim();
/** The name an admin goes by when SCM has read its details: the login, else the IdP person id, else the email. */
const displayNameOf = (admin: SandboxAdmin): string => admin.login ?? (admin.idpPersonId || admin.email);

/** Sorted as people read, rows without a value last, ties in SCM's order. */
function sortedBy(admins: SandboxAdmin[], value: (admin: SandboxAdmin) => string, desc = false): SandboxAdmin[] {
  return admins
    .map((admin, index) => ({ admin, index, key: value(admin) }))
    .sort((a, b) => {
      if (a.key === '' && b.key !== '') return 1;
      if (b.key === '' && a.key !== '') return -1;
      return (desc ? -1 : 1) * collator.compare(a.key, b.key) || a.index - b.index;
    })
    .map((entry) => entry.admin);
}

/** Whole days from today (UTC) to the day the password expires. */
function daysLeft(expires: number): number {
  const today = new Date();
  const day = Date.parse(`${new Date(expires).toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((day - Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) / 86_400_000);
}

function containsText(admin: SandboxAdmin, text: string): boolean {
  return [admin.login ?? '', nameOf(admin), admin.email, admin.idpPersonId].join('\n').toLowerCase().includes(text.toLowerCase());
}

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Admins' });
}

/** "4,092 in all", or "631 of 4,092" under a filter. */
function tableCount(page: Page): Locator {
  return page.locator('.table-count');
}

/** The row at a place in the table, the first admin being 1. */
function rowAt(page: Page, place: number): Locator {
  return grid(page).locator(`[role="row"][aria-rowindex="${place + 1}"]`);
}

/** What the details panel says for one of its terms. */
function fact(details: Locator, term: string): Locator {
  return details.getByRole('term').filter({ hasText: new RegExp(`^${escapeRegExp(term)}$`) }).locator('xpath=following-sibling::dd[1]');
}

/** The column headers whose words do not fit in their column, each with the widths needed and given. */
function overflowingHeaders(page: Page): Promise<string[]> {
  return page
    .getByRole('grid')
    .getByRole('columnheader')
    .evaluateAll((cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => `${cell.textContent}: ${cell.scrollWidth} px in ${cell.clientWidth}`));
}

function filters(page: Page): Locator {
  return page.getByRole('search');
}

function progress(page: Page): Locator {
  return page.getByRole('group', { name: /^Reading (the list of admins|each admin’s roles, status and password)$/ });
}

/** Opens the Admins page with its address, and waits until the table holds every admin read. */
async function openAdmins(page: Page, address: string, search = ''): Promise<void> {
  await page.goto(`${address}#/admins${search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Admins' })).toBeVisible();
  await expect(tableCount(page)).toHaveText(new RegExp(`${escapeRegExp(count(visible.length))}( in all)?$`));
}

test('reads every admin in scope as a job, with a progress bar that counts, from the navigation', async ({ page, server }) => {
  test.setTimeout(120_000);
  await addProfile(page, await server.address(), sandbox, profileName);
  await signIn(page, await server.address(), profileName);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admins' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Admins' })).toBeVisible();
  // The first visit for a profile reads its admins at once, and says how far it is.
  await expect(progress(page)).toBeVisible();
  await expect(page.getByRole('progressbar', { name: /^Reading .+: [\d,]+ (of [\d,]+|so far)$/ })).toBeVisible();
  await expect(progress(page).getByRole('button', { name: 'Cancel' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Read again from SCM' })).toBeDisabled();
  await expect(page.getByRole('banner').getByText('1 task running')).toBeVisible();

  await expect(tableCount(page)).toHaveText(`${count(visible.length)} in all`, { timeout: 90_000 });
  await expect(progress(page)).toBeHidden({ timeout: 90_000 });
  await expect(page.getByText(/^Read on \S.*\./)).toBeVisible();
  await expect(page.getByText(/still being read/)).toHaveCount(0);
  await expect(page.getByRole('banner').getByText(/tasks? running/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Read again from SCM' })).toBeEnabled();
  // Every admin's details were read: no row waits for its status or password any more.
  await expect(rowAt(page, 1)).toBeVisible();
  await expect(grid(page).getByText('Not read yet')).toHaveCount(0);
  // The RAO sees its organization's admins, not the whole tenant's.
  expect(visible.length).toBeLessThan(sandbox.store.admins.size);
});

test('opens with Alt+4 from another page, the admins already read', async ({ page, server }) => {
  await page.goto(`${await server.address()}#/home`);
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Admins' })).toBeVisible();
  await expect(page).toHaveURL(/#\/admins$/);
  await expect(tableCount(page)).toHaveText(`${count(visible.length)} in all`);
  await expect(progress(page)).toHaveCount(0);
});

test('filters by type and status, keeps the filters in the address, and a pasted address restores them', async ({ page, server }) => {
  await openAdmins(page, await server.address());
  const api = visible.filter((admin) => admin.type === 'API');
  const apiSuspended = api.filter((admin) => admin.activeStatus === 'SUSPENDED');
  expect(apiSuspended.length).toBeGreaterThan(0);

  await filters(page).getByLabel('Type', { exact: true }).selectOption({ label: 'API' });
  await expect(tableCount(page)).toHaveText(`${count(api.length)} of ${count(visible.length)}`);
  await expect(page).toHaveURL(/#\/admins\?type=API$/);
  await filters(page).getByLabel('Status', { exact: true }).selectOption({ label: 'Suspended' });
  await expect(tableCount(page)).toHaveText(`${count(apiSuspended.length)} of ${count(visible.length)}`);
  await expect(page).toHaveURL(/#\/admins\?type=API&status=SUSPENDED$/);
  const first = sortedBy(apiSuspended, nameOf)[0]!;
  await expect(rowAt(page, 1).getByRole('gridcell').first()).toHaveText(nameOf(first));
  await expect(rowAt(page, 1)).toContainText('API');
  await expect(rowAt(page, 1)).toContainText('Suspended');

  // The address is the view: pasted into a new tab, it opens the same.
  const hash = new URL(page.url()).hash;
  expect(hash).toBe('#/admins?type=API&status=SUSPENDED');
  const tab = await page.context().newPage();
  await tab.goto(`${await server.address()}${hash}`);
  await expect(tab.getByRole('heading', { level: 1, name: 'Admins' })).toBeVisible();
  await expect(filters(tab).getByLabel('Type', { exact: true })).toHaveValue('API');
  await expect(filters(tab).getByLabel('Status', { exact: true })).toHaveValue('SUSPENDED');
  await expect(tableCount(tab)).toHaveText(`${count(apiSuspended.length)} of ${count(visible.length)}`);
  await expect(rowAt(tab, 1).getByRole('gridcell').first()).toHaveText(nameOf(first));
  await tab.close();

  await filters(page).getByRole('button', { name: 'Clear the filters' }).click();
  await expect(tableCount(page)).toHaveText(`${count(visible.length)} in all`);
  await expect(page).toHaveURL(/#\/admins$/);
});

test('filters by “password expires within N days”, expired passwords included', async ({ page, server }) => {
  await openAdmins(page, await server.address());
  const within = (days: number) => visible.filter((admin) => admin.type !== 'IDP' && admin.type !== 'SAS' && admin.passwordExpires !== null && daysLeft(admin.passwordExpires) <= days);
  const field = filters(page).getByLabel('Password expires within (days)');
  await field.fill('14');
  await expect(tableCount(page)).toHaveText(`${count(within(14).length)} of ${count(visible.length)}`);
  await expect(page).toHaveURL(/#\/admins\?expiresWithin=14$/);
  expect(within(14).length).toBeGreaterThan(within(0).length);
  await field.fill('0');
  await expect(tableCount(page)).toHaveText(`${count(within(0).length)} of ${count(visible.length)}`);
  // What is not a number of days is said so, and the table keeps the last good filter.
  await field.fill('two weeks');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription('Enter a whole number of days from 0 to 3650.');
  await expect(tableCount(page)).toHaveText(`${count(within(0).length)} of ${count(visible.length)}`);
  await field.fill('');
  await expect(tableCount(page)).toHaveText(`${count(visible.length)} in all`);
});

test('finds admins by free text over name, login, email and IdP person id', async ({ page, server }) => {
  await openAdmins(page, await server.address());
  const search = filters(page).getByLabel('Search', { exact: true });
  for (const text of ['berg', 'api-backup', 'Wilma Nguyen']) {
    const expected = visible.filter((admin) => containsText(admin, text));
    expect(expected.length).toBeGreaterThan(0);
    await search.fill(text);
    await expect(tableCount(page)).toHaveText(`${count(expected.length)} of ${count(visible.length)}`);
    await expect(rowAt(page, 1).getByRole('gridcell').first()).toHaveText(nameOf(sortedBy(expected, nameOf)[0]!));
  }
  await expect(page).toHaveURL(/#\/admins\?q=Wilma(%20|\+)Nguyen$/);
  await search.fill('no such admin anywhere');
  await expect(page.getByText('No admin matches these filters.')).toBeVisible();
  await expect(tableCount(page)).toHaveText(`0 of ${count(visible.length)}`);
});

test('sorts by the column the address names, rows without a value last in both directions', async ({ page, server }) => {
  await openAdmins(page, await server.address());
  const header = (name: string) => grid(page).getByRole('columnheader', { name: new RegExp(`^${name}`) });
  await expect(header('Name')).toHaveAttribute('aria-sort', 'ascending');
  const byName = sortedBy(visible, nameOf);
  for (const place of [1, 2, 3]) await expect(rowAt(page, place).getByRole('gridcell').first()).toHaveText(nameOf(byName[place - 1]!));

  await openAdmins(page, await server.address(), '?sort=login');
  await expect(header('Login')).toHaveAttribute('aria-sort', 'ascending');
  const ascending = sortedBy(visible, (admin) => admin.login ?? '');
  for (const place of [1, 2, 3]) await expect(rowAt(page, place).getByRole('gridcell').nth(1)).toHaveText(ascending[place - 1]!.login!);

  await openAdmins(page, await server.address(), '?sort=login&desc=true');
  await expect(header('Login')).toHaveAttribute('aria-sort', 'descending');
  const descending = sortedBy(visible, (admin) => admin.login ?? '', true);
  for (const place of [1, 2, 3]) await expect(rowAt(page, place).getByRole('gridcell').nth(1)).toHaveText(descending[place - 1]!.login!);
  // The admins without a login come last in either direction.
  expect(ascending.at(-1)!.login).toBeNull();
  expect(descending.at(-1)!.login).toBeNull();
  await grid(page).focus();
  await page.keyboard.press('End');
  await expect(rowAt(page, visible.length).getByRole('gridcell').nth(1)).toHaveText('no login (signs in through an identity provider)');
});

test('sorts by a column when its header is clicked, ascending then descending', async ({ page, server }) => {
  await openAdmins(page, await server.address());
  const header = (name: string) => grid(page).getByRole('columnheader', { name: new RegExp(`^${name}`) });
  await header('Login').getByRole('button').click();
  await expect(header('Login')).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/#\/admins\?sort=login$/);
  const ascending = sortedBy(visible, (admin) => admin.login ?? '');
  for (const place of [1, 2, 3]) await expect(rowAt(page, place).getByRole('gridcell').nth(1)).toHaveText(ascending[place - 1]!.login!);

  await header('Login').getByRole('button').click();
  await expect(header('Login')).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/#\/admins\?sort=login&desc=true$/);
  const descending = sortedBy(visible, (admin) => admin.login ?? '', true);
  for (const place of [1, 2, 3]) await expect(rowAt(page, place).getByRole('gridcell').nth(1)).toHaveText(descending[place - 1]!.login!);
  expect(await overflowingHeaders(page)).toEqual([]);
});

test('works by keyboard alone: arrows and End move, Enter opens the details with privileges in words, Escape closes them', async ({ page, server }) => {
  const text = 'nguyen';
  const expected = sortedBy(
    visible.filter((admin) => containsText(admin, text)),
    nameOf,
  );
  const last = expected.at(-1)!;
  // The seed gives the last of them the right to request SSL certificates.
  expect(last.privileges).toContain('sslRequest');
  await openAdmins(page, await server.address(), `?q=${text}`);
  await expect(tableCount(page)).toHaveText(`${count(expected.length)} of ${count(visible.length)}`);

  const table = grid(page);
  await table.focus();
  await expect(table).toBeFocused();
  await expect(rowAt(page, 1)).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(rowAt(page, 2)).toHaveAttribute('data-active', 'true');
  await expect(page.getByText(`Row 2 of ${count(expected.length)}`)).toBeAttached();
  await page.keyboard.press('End');
  const lastRow = rowAt(page, expected.length);
  await expect(lastRow).toHaveAttribute('data-active', 'true');
  await expect(lastRow.getByRole('gridcell').first()).toHaveText(nameOf(last));
  await expect(table).toHaveAttribute('aria-activedescendant', (await lastRow.getAttribute('id'))!);
  await page.keyboard.press('Enter');

  const details = page.getByRole('complementary', { name: `Admin ${displayNameOf(last)}` });
  await expect(details).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]admin=${last.id}(&|$)`));
  await expect(details.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(details.getByText('Request SSL certificates')).toBeVisible();
  await expect(details.getByText('(in SCM: sslRequest)')).toBeVisible();
  await expect(details.getByRole('listitem').filter({ hasText: /^.+ \(in SCM: \w+\)$/ })).toHaveCount(last.privileges.length);
  expect(await seriousViolations(page)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(page).not.toHaveURL(/admin=/);
});

// A keyboard user closing the details is back on the row they opened, not at the top of the page.
test('gives the focus back to the table, on the same row, when the details close', async ({ page, server }) => {
  const expected = sortedBy(
    visible.filter((admin) => containsText(admin, 'nguyen')),
    nameOf,
  );
  await openAdmins(page, await server.address(), '?q=nguyen');
  await grid(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const details = page.getByRole('complementary', { name: `Admin ${displayNameOf(expected[2]!)}` });
  await expect(details).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(grid(page)).toBeFocused();
  await expect(rowAt(page, 3)).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(rowAt(page, 2)).toHaveAttribute('data-active', 'true');
});

test('shows an IdP admin without a login as such, in the table and in the details', async ({ page, server }) => {
  const eva = visible.find((admin) => admin.type === 'IDP' && admin.login === null && admin.forename === 'Eva' && admin.surname === 'Lindqvist');
  expect(eva).toBeDefined();
  await openAdmins(page, await server.address(), '?q=lindqvist');
  await expect(tableCount(page)).toHaveText(`1 of ${count(visible.length)}`);
  const row = rowAt(page, 1);
  await expect(row.getByRole('gridcell').first()).toHaveText('Eva Lindqvist');
  await expect(row.getByRole('gridcell').nth(1)).toHaveText('no login (signs in through an identity provider)');
  await expect(row).toContainText('IdP');

  await row.dblclick();
  const details = page.getByRole('complementary', { name: `Admin ${eva!.idpPersonId}` });
  await expect(details).toBeVisible();
  await expect(fact(details, 'Login')).toHaveText('no login (signs in through an identity provider)');
  await expect(fact(details, 'IdP person id')).toHaveText(eva!.idpPersonId);
  await expect(fact(details, 'Type')).toHaveText('IdP');
  await expect(fact(details, 'Password')).toHaveText('No password');
  await details.getByRole('button', { name: 'Close the details' }).click();
  await expect(details).toBeHidden();
});

test('exports what the filter shows to CSV, the same admins as the sandbox holds', async ({ page, server }) => {
  await openAdmins(page, await server.address(), '?type=API');
  const api = sortedBy(
    visible.filter((admin) => admin.type === 'API'),
    nameOf,
  );
  await expect(tableCount(page)).toHaveText(`${count(api.length)} of ${count(visible.length)}`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^admins-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(header).toEqual(['id', 'login', 'name', 'email', 'type', 'status', 'roles', 'privileges', 'password state', 'password expires', 'IdP person id']);
  // The same admins, in the table's order, each with its login.
  expect(rows.map((fields) => Number(fields[0]))).toEqual(api.map((admin) => admin.id));
  expect(rows.map((fields) => fields[1])).toEqual(api.map((admin) => admin.login ?? ''));
  expect(new Set(rows.map((fields) => fields[4]))).toEqual(new Set(['API']));
  await expect(page.getByText(`Exported ${count(api.length)} admins to ${download.suggestedFilename()}.`)).toBeVisible();
});

test('shows the Admins page in Swedish when Swedish is chosen in Settings', async ({ page, server }) => {
  await page.goto(`${await server.address()}#/settings`);
  // The choice shows as made once main has saved it.
  const swedish = page.getByRole('radio', { name: /^Svenska/ });
  await swedish.click();
  await expect(swedish).toBeChecked();
  try {
    await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
    await page.keyboard.press('Alt+4');
    await expect(page.getByRole('heading', { level: 1, name: 'Administratörer' })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Administratörer' })).toHaveAttribute('aria-current', 'page');
    await expect(tableCount(page)).toHaveText(new RegExp(`^${count(visible.length).replace(',', '\\s')} totalt$`));
    await expect(page.getByRole('grid', { name: 'Administratörer' }).getByRole('columnheader', { name: /^Inloggningsnamn/ })).toBeVisible();
    await expect(filters(page).getByLabel('Lösenordet går ut inom (dagar)')).toBeVisible();
    expect(await overflowingHeaders(page)).toEqual([]);
    await expect(page.getByRole('button', { name: 'Läs in på nytt från SCM' })).toBeEnabled();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page).toHaveTitle('Administratörer · TCS Admin Console');
  } finally {
    await page.goto(`${await server.address()}#/settings`);
    const english = page.getByRole('radio', { name: /^English/ });
    await english.click();
    await expect(english).toBeChecked();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  }
});

// The status words keep a contrast of 4.5:1 on the highlighted row too, in both themes.
test('has no serious or critical accessibility violation on the Admins page, light and dark', async ({ page, server }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const search of ['?status=ACTIVE', '?status=SUSPENDED']) {
      await openAdmins(page, await server.address(), search);
      await expect(rowAt(page, 1)).toHaveAttribute('data-active', 'true');
      expect(await seriousViolations(page)).toEqual([]);
    }
  }
});

test('has no serious or critical accessibility violation in the admin details and the filters’ errors, light and dark', async ({ page, server }) => {
  // Four full accessibility analyses, each seconds long on a busy machine.
  test.setTimeout(120_000);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await openAdmins(page, await server.address(), '?type=IDP');
    await expect(rowAt(page, 1)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await rowAt(page, 1).dblclick();
    await expect(page.getByRole('complementary', { name: /^Admin / }).getByRole('term').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await filters(page).getByLabel('Password expires within (days)').fill('soon');
    await expect(filters(page).getByText('Enter a whole number of days from 0 to 3650.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  }
});

/**
 * Signs in to another institution, slow enough to answer that reading it takes
 * a while, and opens the Admins page until it reads each admin's details.
 */
async function startSlowLoad(page: Page, server: ConsoleServer, name: string, slowSeed: number): Promise<SandboxHandle> {
  const slow = await startSandbox({ seed: slowSeed, admins: 2000, certificates: 5, latencyMs: 20 });
  await addProfile(page, await server.address(), slow, name);
  await signIn(page, await server.address(), name);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admins' }).click();
  await expect(progress(page)).toHaveAccessibleName('Reading each admin’s roles, status and password', { timeout: 30_000 });
  return slow;
}

test('stops a load when Cancel is pressed, and says the table shows what was read before', async ({ page, server }) => {
  test.setTimeout(90_000);
  const slow = await startSlowLoad(page, server, 'Slow institution', seed + 1);
  try {
    const slowVisible = visibleTo(slow, 'rao');
    // From now on each answer takes a second: the load cannot finish before Cancel.
    slow.faults.latencyMs = 1_000;
    await progress(page).getByRole('button', { name: 'Cancel' }).click();

    // The requests already sent are answered within the second; no other is sent.
    await expect(progress(page)).toBeHidden({ timeout: 15_000 });
    await expect(page.getByText('Reading was stopped: the table shows what was read before.')).toBeVisible();
    await expect(page.getByRole('banner').getByText(/tasks? running/)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Read again from SCM' })).toBeEnabled();
    // The list was read; not every admin's details were.
    await expect(tableCount(page)).toHaveText(`${count(slowVisible.length)} in all`);
    await expect(grid(page).getByText('Not read yet').first()).toBeAttached();
    expect(slow.requestCounts.get('GET /api/admin/v1/{id}') ?? 0).toBeLessThan(slowVisible.length);
  } finally {
    slow.faults.latencyMs = 0;
    await slow.stop();
  }
  await signIn(page, await server.address(), profileName);
});

// Cancel stops the details requests in flight too: a cancelled load does not wait for SCM to answer
// the requests already sent.
test('stops a load at once when Cancel is pressed, even while SCM is slow to answer', async ({ page, server }) => {
  test.setTimeout(90_000);
  const silent = await startSlowLoad(page, server, 'Silent institution', seed + 2);
  try {
    // From now on SCM answers nothing for a minute.
    silent.faults.latencyMs = 60_000;
    await progress(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(progress(page)).toBeHidden();
    await expect(page.getByText('Reading was stopped: the table shows what was read before.')).toBeVisible();
  } finally {
    silent.faults.latencyMs = 0;
    await silent.stop();
  }
  await signIn(page, await server.address(), profileName);
});

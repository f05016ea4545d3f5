import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, testWithoutKeychain as test } from './fixtures';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { Scope } from '../../src/sandbox/scope';
import { parseCsv } from '../support/csv';
import { addProfile, escapeRegExp, seriousViolations, signIn } from './sandboxProfiles';

/**
 * The Certificates page against an institution of 20,000 SSL certificates and
 * the client certificates of its people: a second sandbox on this machine,
 * signed in to as its RAO. Every count the page shows is compared with the
 * sandbox's own records of what that RAO may see. The tests build on each
 * other: the first reads the inventory, the others work with what it read,
 * and the last looks at it again signed out.
 */
test.describe.configure({ mode: 'serial' });

type State = 'requested' | 'approved' | 'applied' | 'issued' | 'expired' | 'revoked' | 'declined' | 'replaced' | 'other';

/** A certificate as the sandbox holds it, reduced to what the page filters and sorts by. */
interface Held {
  key: string;
  commonName: string;
  /** What the free text looks through, in lower case. */
  text: string;
  state: State;
  orgId: number;
  /** Days since the epoch of the end date (UTC); null before issuance. */
  endDay: number | null;
}

const seed = 11;
const profileName = 'Many certificates';
const dayMs = 86_400_000;
let sandbox: SandboxHandle;
/** Set once the last test has taken SCM away. */
let stopped = false;
let held: Held[];

/** SCM's words for states, both kinds' spellings, as the page groups them. */
const states: Record<string, State> = {
  requested: 'requested',
  created: 'requested',
  approved: 'approved',
  saapproved: 'approved',
  applied: 'applied',
  issued: 'issued',
  downloaded: 'issued',
  expired: 'expired',
  revoked: 'revoked',
  pre_revoked: 'revoked',
  declined: 'declined',
  rejected: 'declined',
  replaced: 'replaced',
};

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed, certificates: 20_000 });
});

test.afterAll(async () => {
  if (!stopped) await sandbox?.stop();
});

function today(): number {
  return Math.floor(Date.now() / dayMs);
}

/** What the RAO may see, as the sandbox decides: SSL and client certificates of its organization and the departments under it. */
function heldFor(handle: SandboxHandle, login: string): Held[] {
  const admin = handle.store.adminByLogin(login);
  if (admin === undefined) throw new Error(`the sandbox has no ${login}`);
  const scope = new Scope(admin, handle.store);
  const day = today();
  const shown = (status: string, end: number | null): State => {
    const state = states[status.toLowerCase()] ?? 'other';
    return state === 'issued' && end !== null && end < day ? 'expired' : state;
  };
  const endDay = (expires: number | null) => (expires === null ? null : Math.floor(expires / dayMs));
  return [
    ...[...handle.store.ssl.values()]
      .filter((certificate) => scope.canSee(certificate.orgId, 'ssl'))
      .map((certificate) => ({
        key: `ssl-${certificate.id}`,
        commonName: certificate.commonName,
        text: [certificate.commonName, ...certificate.subjectAlternativeNames, certificate.requester].join('\n').toLowerCase(),
        state: shown(certificate.status, endDay(certificate.expires)),
        orgId: certificate.orgId,
        endDay: endDay(certificate.expires),
      })),
    ...[...handle.store.smime.values()]
      .filter((certificate) => scope.canSee(certificate.orgId, 'smime'))
      .map((certificate) => ({
        key: `smime-${certificate.id}`,
        commonName: certificate.commonName,
        text: [certificate.commonName, certificate.email].join('\n').toLowerCase(),
        state: shown(certificate.state, endDay(certificate.expires)),
        orgId: certificate.orgId,
        endDay: endDay(certificate.expires),
      })),
  ];
}

/** What the page shows with no filter: every certificate but those that ended more than 30 days ago. */
function shownByDefault(certificates: Held[]): Held[] {
  const first = today() - 30;
  return certificates.filter((certificate) => certificate.endDay === null || certificate.endDay >= first);
}

const count = (value: number): string => value.toLocaleString('en-US');

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Certificates' });
}

function tableCount(page: Page): Locator {
  return page.locator('.table-count');
}

function rowAt(page: Page, place: number): Locator {
  return grid(page).locator(`[role="row"][aria-rowindex="${place + 1}"]`);
}

function filters(page: Page): Locator {
  return page.getByRole('search');
}

/** "1,234 of 20,812", or "20,812 in all" when the two are the same. */
function countText(matching: number, total: number): string {
  return matching === total ? `${count(total)} in all` : `${count(matching)} of ${count(total)}`;
}

/** Opens the page at an address and waits until the table counts what the filter there selects. */
async function openCertificates(page: Page, address: string, search: string, expected: Held[]): Promise<void> {
  await page.goto(`${address}#/certificates${search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
  await expect(tableCount(page)).toHaveText(countText(expected.length, held.length));
}

test('reads the inventory as a job with a progress bar, and counts what the RAO may see', async ({ page, server }) => {
  test.setTimeout(120_000);
  await addProfile(page, await server.address(), sandbox, profileName);
  await signIn(page, await server.address(), profileName);
  held = heldFor(sandbox, 'rao');
  // The RAO sees its organization's certificates, not the whole tenant's.
  expect(held.length).toBeLessThan(sandbox.store.ssl.size + sandbox.store.smime.size);
  expect(held.length).toBeGreaterThan(10_000);

  // SCM answering slowly, so the reading is there to be seen.
  sandbox.faults.latencyMs = 1500;
  try {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
    // The first visit for a profile reads its certificates at once, and says how far it is.
    const progress = page.getByRole('group', { name: /^Reading (the certificates|the SSL certificates|the client certificates)$/ });
    await expect(progress).toBeVisible();
    await expect(progress.getByRole('button', { name: 'Cancel' })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeDisabled();
  } finally {
    sandbox.faults.latencyMs = 0;
  }

  await expect(tableCount(page)).toHaveText(countText(shownByDefault(held).length, held.length), { timeout: 60_000 });
  await expect(page.getByRole('group', { name: /^Reading / })).toHaveCount(0);
  await expect(page.getByText(/^Read (just now|\d+ minutes? ago) \(.+\)\. Complete\.$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  await expect(page.getByRole('link', { name: 'Enroll a certificate' })).toHaveAttribute('href', /#\/checklists\/start\/first-certificate$/);
  // With the filter that hides what ended long ago turned off, every certificate shows.
  await filters(page).getByRole('checkbox', { name: 'Hide certificates that ended more than 30 days ago' }).uncheck();
  await expect(page).toHaveURL(/[?&]hideExpiredAfter=off(&|$)/);
  await expect(tableCount(page)).toHaveText(countText(held.length, held.length));
});

test('filters by free text, state and organization, with the counts the sandbox holds', async ({ page, server }) => {
  const address = await server.address();
  await openCertificates(page, address, '', shownByDefault(held));

  const text = 'vpn4';
  const byText = shownByDefault(held).filter((certificate) => certificate.text.includes(text));
  expect(byText.length).toBeGreaterThan(0);
  await filters(page).getByLabel('Search', { exact: true }).fill(text);
  await expect(tableCount(page)).toHaveText(countText(byText.length, held.length));
  await expect(page).toHaveURL(/[?&]q=vpn4(&|$)/);
  await filters(page).getByLabel('Search', { exact: true }).fill('');

  const revoked = shownByDefault(held).filter((certificate) => certificate.state === 'revoked');
  expect(revoked.length).toBeGreaterThan(0);
  await filters(page).getByLabel('State', { exact: true }).selectOption({ label: 'Revoked' });
  await expect(tableCount(page)).toHaveText(countText(revoked.length, held.length));
  await expect(rowAt(page, 1)).toContainText('Revoked');

  const physics = revoked.filter((certificate) => certificate.orgId === 1002);
  expect(physics.length).toBeGreaterThan(0);
  await filters(page).getByLabel('Organization or department', { exact: true }).selectOption({ label: '— Department of Physics' });
  await expect(tableCount(page)).toHaveText(countText(physics.length, held.length));
  await expect(page).toHaveURL(/[?&]state=revoked&org=1002(&|$)/);

  // An organization takes in its departments.
  const university = revoked.filter((certificate) => [1001, 1002, 1003, 1004].includes(certificate.orgId));
  await filters(page).getByLabel('Organization or department', { exact: true }).selectOption({ label: 'Sandbox University' });
  await expect(tableCount(page)).toHaveText(countText(university.length, held.length));

  // The address is the view: the same address opens the same.
  const hash = new URL(page.url()).hash;
  await openCertificates(page, address, hash.slice('#/certificates'.length), university);
  await expect(filters(page).getByLabel('State', { exact: true })).toHaveValue('revoked');

  await filters(page).getByRole('button', { name: 'Clear the filters' }).click();
  await expect(tableCount(page)).toHaveText(countText(shownByDefault(held).length, held.length));
  await expect(page).toHaveURL(/#\/certificates$/);
});

test('sorts by when certificates end, the soonest first, and the other way round', async ({ page, server }) => {
  const issued = held.filter((certificate) => certificate.state === 'issued');
  await openCertificates(page, await server.address(), '?state=issued&sortBy=commonName', issued);
  const header = grid(page).getByRole('columnheader', { name: /^Expires/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/[?&]sortBy=expires(&|$)/);
  const soonest = Math.min(...issued.map((certificate) => certificate.endDay!));
  const first = await rowAt(page, 1).getByRole('gridcell').nth(1).textContent();
  expect(issued.filter((certificate) => certificate.endDay === soonest).map((certificate) => certificate.commonName)).toContain(first);

  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const latest = Math.max(...issued.map((certificate) => certificate.endDay!));
  await expect(rowAt(page, 1)).toBeVisible();
  const last = await rowAt(page, 1).getByRole('gridcell').nth(1).textContent();
  expect(issued.filter((certificate) => certificate.endDay === latest).map((certificate) => certificate.commonName)).toContain(last);
});

test('lists the certificates of a week of the expiry chart, from a bar or from the chart’s table', async ({ page, server }) => {
  await openCertificates(page, await server.address(), '', shownByDefault(held));
  const day = today();
  // The chart's weeks start on the Monday of this week.
  const monday = day - ((day + 3) % 7);
  const inWeek = (start: number) => held.filter((certificate) => certificate.state === 'issued' && certificate.endDay! >= start && certificate.endDay! < start + 7);
  const isoDay = (value: number) => new Date(value * dayMs).toISOString().slice(0, 10);

  // Pointer: a bar chooses its week.
  const chart = page.getByRole('region', { name: 'Certificates ending per week' });
  await chart.locator('.recharts-bar-rectangle').nth(10).click();
  await expect(page).toHaveURL(/[?&]week=\d{4}-\d{2}-\d{2}(&|$)/);
  const clicked = new URL(page.url().replace('#/certificates', '')).searchParams.get('week')!;
  const clickedWeek = Math.floor(Date.parse(`${clicked}T00:00:00Z`) / dayMs);
  await expect(tableCount(page)).toHaveText(countText(inWeek(clickedWeek).length, held.length));
  await filters(page).getByRole('button', { name: 'Remove the week filter' }).click();
  await expect(page).not.toHaveURL(/week=/);

  // Keyboard or screen reader: the same as a table, one button a week.
  const busiest = Array.from({ length: 52 }, (_, week) => monday + week * 7).reduce((best, start) => (inWeek(start).length > inWeek(best).length ? start : best));
  await chart.getByText('Show the chart as a table').click();
  const weekRow = chart.getByRole('row').filter({ has: page.getByRole('button', { name: /^List the week of / }) }).nth((busiest - monday) / 7);
  await expect(weekRow.getByRole('cell').first()).toHaveText(count(inWeek(busiest).length));
  await weekRow.getByRole('button').click();
  await expect(page).toHaveURL(new RegExp(`[?&]week=${isoDay(busiest)}(&|$)`));
  await expect(tableCount(page)).toHaveText(countText(inWeek(busiest).length, held.length));
  await expect(filters(page).getByText(/^Ending in the week of /)).toBeVisible();
});

test('exports what the filter selects to CSV, in parts, the same certificates the sandbox holds', async ({ page, server }) => {
  const expected = shownByDefault(held).filter((certificate) => certificate.state === 'issued' && [1001, 1002, 1003, 1004].includes(certificate.orgId));
  expect(expected.length).toBeGreaterThan(5000);
  await openCertificates(page, await server.address(), '?state=issued&org=1001', expected);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^certificates-.+-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = parseCsv((await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, ''));
  expect(header!.slice(0, 3)).toEqual(['kind', 'id', 'common name']);
  expect(rows).toHaveLength(expected.length);
  expect(new Set(rows.map((fields) => `${fields[0]}-${fields[1]}`))).toEqual(new Set(expected.map((certificate) => certificate.key)));
  // In the table's order: the soonest end first.
  const ends = rows.map((fields) => fields[header!.indexOf('expires')]!.slice(0, 10));
  expect([...ends].sort()).toEqual(ends);
  await expect(page.getByText(`Exported ${count(expected.length)} certificates to ${download.suggestedFilename()}.`)).toBeVisible();
});

test('selects certificates with Space, then all that match, and has no serious accessibility violation', async ({ page, server }) => {
  const revoked = shownByDefault(held).filter((certificate) => certificate.state === 'revoked');
  await openCertificates(page, await server.address(), '?state=revoked', revoked);
  await grid(page).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  const bar = page.getByRole('region', { name: 'Selected certificates' });
  await expect(bar.getByText('2 selected', { exact: true })).toBeVisible();
  await expect(rowAt(page, 1)).toHaveAttribute('aria-selected', 'true');
  await expect(rowAt(page, 2).getByRole('checkbox', { name: /^Select \S+/ })).toBeChecked();
  await expect(rowAt(page, 3).getByRole('checkbox')).not.toBeChecked();
  // Space again lets the row go.
  await page.keyboard.press('Space');
  await expect(bar.getByText('1 selected', { exact: true })).toBeVisible();

  await bar.getByRole('button', { name: `Select all ${count(revoked.length)} that match` }).click();
  await expect(bar.getByText(`All ${count(revoked.length)} that match are selected`)).toBeVisible();
  await expect(rowAt(page, 3).getByRole('checkbox')).toBeChecked();
  expect(await seriousViolations(page)).toEqual([]);
  await bar.getByRole('button', { name: 'Clear the selection' }).click();
  await expect(bar).toHaveCount(0);

  await grid(page).getByRole('checkbox', { name: 'Select all loaded rows' }).check();
  await expect(bar.getByText(/^[\d,]+ selected$/)).toBeVisible();
  // A new filter lets the selection go.
  await filters(page).getByLabel('State', { exact: true }).selectOption({ label: 'Issued' });
  await expect(bar).toHaveCount(0);
});

test('opens the last inventory offline, signed out, without a connection to SCM', async ({ page, server }) => {
  const address = await server.address();
  await page.goto(`${address}#/home`);
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByText('Signed out')).toBeVisible();
  await sandbox.stop();
  stopped = true;
  await page.goto(`${address}#/certificates`);
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
  await page.getByRole('link', { name: new RegExp(`^Open the last inventory of ${escapeRegExp(profileName)}, read `) }).click();
  await expect(page.getByText('Offline: the inventory as last read; sign in to refresh or act.')).toBeVisible();
  await expect(tableCount(page)).toHaveText(countText(shownByDefault(held).length, held.length));
  await expect(page.getByRole('button', { name: 'Refresh' })).toHaveCount(0);
  await expect(grid(page).getByRole('checkbox')).toHaveCount(0);
  const revoked = shownByDefault(held).filter((certificate) => certificate.state === 'revoked');
  await filters(page).getByLabel('State', { exact: true }).selectOption({ label: 'Revoked' });
  await expect(tableCount(page)).toHaveText(countText(revoked.length, held.length));
});

/**
 * How long the Certificates table takes to answer a filter at 100,000
 * certificates against 1,000, as a user sees it: the built browser shell in
 * Chromium, each size a sandbox signed in to as its MRAO (who sees every
 * certificate), the inventory read in full, then (a) text typed into the
 * search field, (b) a state chosen and (c) an organization chosen, each timed
 * in the page from the input event to the table's count changing. The filter
 * runs in main; the time includes the request from the page, the filtering,
 * sorting and chart there, the answer and React's render. Each measurement
 * starts from a view never asked for before (its own "hide what ended more
 * than N days ago"), so no answer kept by the page or by main shortens it;
 * sizes take turns, so a change in the machine's load falls on both.
 *
 * It also times what a user waits for once: the first read of the large
 * inventory, from opening the page (which starts the read) to the count
 * showing, and opening that inventory again from the cache on disk in a new
 * browser shell process on the same data folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from '@playwright/test';
import { startSandbox, type SandboxHandle } from '../src/sandbox';
import { addProfile, goTo, launchBrowser, signIn, startConsole, stopConsole } from './browserShell';

export interface CertificatesFilterBenchOptions {
  /** Measurements per size and kind of filter, after the warm-up. */
  repetitions: number;
  /** SSL certificates of the small and the large institution (client certificates come with them, about one in ten). */
  small: number;
  large: number;
}

/** The goal: filtering the large table takes at most this many times as long as the small one. */
const goalRatio = 2;
/** Measurements of each kind per size before a turn passes to the other size. */
const perTurn = 5;
const warmUp = 2;
/** Reading 100,000 certificates from the sandbox can take a while on a slow machine. */
const readTimeoutMs = 900_000;

type Kind = 'text' | 'state' | 'organization';
const kinds: readonly Kind[] = ['text', 'state', 'organization'];
const kindLabels: Record<Kind, string> = { text: '(a) text typed', state: '(b) state chosen', organization: '(c) organization chosen' };
/** States every seeded inventory holds many of, taken in turn. */
const chosenStates = ['issued', 'revoked'] as const;

/** What the search field looks through, as main builds it, in lower case. */
function haystacks(institution: SandboxHandle): string[] {
  return [
    ...[...institution.store.ssl.values()].map((certificate) => [certificate.commonName, ...certificate.subjectAlternativeNames, certificate.serialNumber ?? '', certificate.requester].join('\n').toLowerCase()),
    ...[...institution.store.smime.values()].map((certificate) => [certificate.commonName, certificate.email, certificate.serialNumber ?? ''].join('\n').toLowerCase()),
  ];
}

/**
 * Two-letter texts that match a good part of each institution's certificates
 * but far from all, so the count changes whichever is typed, in an order that
 * gives both sizes texts of the same kind. Judged on a sample of each.
 */
function searchTexts(institutions: SandboxHandle[], needed: number): string[] {
  const samples = institutions.map((institution) => {
    const all = haystacks(institution);
    const step = Math.max(1, Math.floor(all.length / 5000));
    return all.filter((_, index) => index % step === 0);
  });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const texts: string[] = [];
  for (const first of letters) {
    for (const second of letters) {
      const text = first + second;
      const fits = samples.every((sample) => {
        const share = sample.filter((haystack) => haystack.includes(text)).length / sample.length;
        return share >= 0.01 && share <= 0.6;
      });
      if (fits) texts.push(text);
      if (texts.length >= needed) return texts;
    }
  }
  return texts;
}

const isWindowRequest = (request: Request): boolean => /\/rpc\/certificates(:|%3A)window$/i.test(request.url());

/** Follows the page's questions for a window of the table, so a measurement can wait until none is under way. */
function watchWindowRequests(page: Page): { quiet: () => Promise<void> } {
  const open = new Set<Request>();
  page.on('request', (request) => {
    if (isWindowRequest(request)) open.add(request);
  });
  const done = (request: Request): void => void open.delete(request);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    /** Resolves once no window has been asked for or answered for 150 ms (and so is drawn). */
    async quiet() {
      let since = Date.now();
      const deadline = Date.now() + 120_000;
      while (Date.now() - since < 150) {
        if (Date.now() > deadline) throw new Error('the Certificates page kept asking main for windows');
        await new Promise((resolve) => setTimeout(resolve, 25));
        if (open.size > 0) since = Date.now();
      }
    },
  };
}

/** Every certificate the MRAO sees: all the institution's SSL and client certificates. */
function totalOf(institution: SandboxHandle): number {
  return institution.store.ssl.size + institution.store.smime.size;
}

/**
 * Waits until the profile's inventory is read in full: the count over all its
 * certificates (not the last profile's, which the page may still show), the
 * word "Complete", and no bar.
 */
async function waitForInventory(page: Page, total: number): Promise<string> {
  const all = total.toLocaleString('en-US');
  const count = page.locator('.table-count');
  await count.filter({ hasText: new RegExp(`(^| of )${all}( in all)?$`) }).waitFor({ timeout: readTimeoutMs });
  await page.getByText(/\. Complete\.$/).waitFor({ timeout: readTimeoutMs });
  await page.getByRole('group', { name: /^Reading / }).waitFor({ state: 'detached', timeout: readTimeoutMs });
  return (await count.textContent()) ?? '';
}

/** Signs in to a profile and opens its Certificates page, the inventory read in full (from SCM the first time, from the cache after). */
async function openCertificatesOf(page: Page, name: string, total: number): Promise<void> {
  await signIn(page, name);
  await goTo(page, '#/certificates');
  await waitForInventory(page, total);
}

/**
 * Runs in the page (as text: the benchmarks are compiled for Node, without the
 * DOM's types). Sets a search field's text or a list's choice at once, as a
 * keystroke or a choice does, and resolves with the milliseconds from the
 * event to the table's count changing, and how much of that went to the
 * question to main (from the request leaving to the answer's last byte). The
 * table is drawn anew for every filter, so the panel around it is watched.
 */
const timeFilterInPage = `async ({ selector, value }) => {
  const field = document.querySelector(selector);
  const panel = document.querySelector('.certificates-panel');
  const countText = () => document.querySelector('.table-count')?.textContent ?? null;
  if (field === null || panel === null || countText() === null) throw new Error('the Certificates page has no ' + selector + ' or count');
  const before = countText();
  performance.clearResourceTimings();
  const changed = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the count did not change for ' + selector + ' = ' + value)), 120000);
    const observer = new MutationObserver(() => {
      if (countText() !== before) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      }
    });
    observer.observe(panel, { subtree: true, childList: true, characterData: true });
  });
  const prototype = field instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  const setValue = Object.getOwnPropertyDescriptor(prototype, 'value').set;
  const started = performance.now();
  setValue.call(field, value);
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  const ended = await changed;
  const asked = performance
    .getEntriesByType('resource')
    .filter((entry) => /certificates(:|%3A)window/i.test(entry.name) && entry.startTime >= started && entry.responseEnd <= ended)
    .sort((a, b) => a.startTime - b.startTime)[0];
  return asked === undefined
    ? { total: ended - started, main: null, before: null, after: null }
    : { total: ended - started, main: asked.responseEnd - asked.startTime, before: asked.startTime - started, after: ended - asked.responseEnd };
}`;

interface Timing {
  total: number;
  /** The question to main and its answer, as the page saw it; null where the page kept no timing of it. */
  main: number | null;
  /** From the event to the question leaving the page (the address changing, the view asking anew). */
  before: number | null;
  /** From the answer's last byte to the count changing (reading it and drawing the page). */
  after: number | null;
}

async function fieldSelector(page: Page, label: string): Promise<string> {
  const id = await page.getByRole('search').getByLabel(label, { exact: true }).getAttribute('id');
  if (id === null) throw new Error(`the ${label} field has no id`);
  return `[id="${id}"]`;
}

interface Turn {
  page: Page;
  quiet: () => Promise<void>;
  /** Days after their end that certificates stay shown: a new number gives each measurement a view never asked for before. */
  nextDays: () => number;
}

/** Opens a view never asked for before, waits for its answer and for the page to settle, then times one filter. */
async function timeFilter(turn: Turn, kind: Kind, value: string): Promise<Timing> {
  const { page, quiet } = turn;
  const days = turn.nextDays();
  const answered = page.waitForResponse((response) => isWindowRequest(response.request()) && (response.request().postData() ?? '').includes(`"hideExpiredAfter":${days}`), { timeout: 120_000 });
  await goTo(page, `#/certificates?hideExpiredAfter=${days}`);
  await answered;
  await quiet();
  const label = kind === 'text' ? 'Search' : kind === 'state' ? 'State' : 'Organization or department';
  const selector = await fieldSelector(page, label);
  const timing = (await page.evaluate(`(${timeFilterInPage})(${JSON.stringify({ selector, value })})`)) as Timing;
  await quiet();
  return timing;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

type Times = Record<Kind, Timing[]>;

export async function benchCertificatesFilter({ repetitions, small, large }: CertificatesFilterBenchOptions): Promise<void> {
  console.log(
    `\nCertificates table filter, ${large.toLocaleString('en')} SSL certificates against ${small.toLocaleString('en')} (and their client certificates): Chromium through the browser shell, input to the count changing`,
  );
  const started = Date.now();
  const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-bench-'));
  const emptyTimes = (): Times => ({ text: [], state: [], organization: [] });
  const sizes = [
    { name: 'Small institution', certificates: small, handle: await startSandbox({ seed: 21, certificates: small }), times: emptyTimes(), firstRead: 0, count: '' },
    { name: 'Large institution', certificates: large, handle: await startSandbox({ seed: 22, certificates: large }), times: emptyTimes(), firstRead: 0, count: '' },
  ];
  const [smallSize, largeSize] = sizes as [(typeof sizes)[0], (typeof sizes)[0]];
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(48)} ${value}`);
  let consoleProcess = await startConsole(userDataDir);
  let browser = await launchBrowser();
  let largeCacheLink: string | null | undefined;
  try {
    const page = await browser.newPage();
    const { quiet } = watchWindowRequests(page);
    await page.goto(consoleProcess.address);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    for (const size of sizes) await addProfile(page, size.handle, size.name);

    // The first read of each inventory: opening the page for a profile starts it at once.
    for (const size of sizes) {
      await signIn(page, size.name);
      const reading = Date.now();
      await goTo(page, '#/certificates');
      size.count = await waitForInventory(page, totalOf(size.handle));
      size.firstRead = Date.now() - reading;
    }

    const turnsPerSize = Math.ceil(repetitions / perTurn);
    const texts = searchTexts(
      sizes.map((size) => size.handle),
      sizes.length * (repetitions + warmUp * turnsPerSize),
    );
    const needed = sizes.length * (repetitions + warmUp * turnsPerSize);
    if (texts.length < needed) throw new Error(`only ${texts.length} search texts fit both institutions; ${needed} are needed`);
    let nextText = 0;
    let days = 30;
    let choice = 0;
    const turn: Turn = { page, quiet, nextDays: () => ++days };
    const done = (size: (typeof sizes)[0]) => kinds.every((kind) => size.times[kind].length >= repetitions);
    while (sizes.some((size) => !done(size))) {
      for (const size of sizes) {
        if (done(size)) continue;
        await openCertificatesOf(page, size.name, totalOf(size.handle));
        const organizations = (await page.getByRole('search').getByLabel('Organization or department', { exact: true }).locator('option').evaluateAll((options) => options.map((option) => (option as unknown as { value: string }).value))).filter(
          (value) => value !== '',
        );
        if (organizations.length === 0) throw new Error(`${size.name} has no organization to choose`);
        for (const kind of kinds) {
          const value = (): string =>
            kind === 'text' ? texts[nextText++]! : kind === 'state' ? chosenStates[choice++ % chosenStates.length]! : organizations[choice++ % organizations.length]!;
          for (let n = 0; n < warmUp; n++) await timeFilter(turn, kind, value());
          for (let n = 0; n < perTurn && size.times[kind].length < repetitions; n++) size.times[kind].push(await timeFilter(turn, kind, value()));
        }
      }
    }

    // The large inventory's cache, as a person signed out finds it.
    await goTo(page, '#/home');
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('banner').getByText('Signed out').waitFor();
    await goTo(page, '#/certificates');
    const link = page.getByRole('link', { name: /^Open the last inventory of Large institution, read / });
    await link.waitFor();
    largeCacheLink = await link.getAttribute('href');

    console.log(`  (${smallSize.name}: ${smallSize.count}; ${largeSize.name}: ${largeSize.count})`);
    const spread = (times: number[]) => `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms`;
    for (const kind of kinds) {
      const medians = sizes.map((size) => {
        const totals = size.times[kind].map((timing) => timing.total);
        const part = (key: 'before' | 'main' | 'after'): string => {
          const values = size.times[kind].flatMap((timing) => (timing[key] === null ? [] : [timing[key]]));
          return values.length === 0 ? '?' : median(values).toFixed(1);
        };
        const total = median(totals);
        const main = `; to the request ${part('before')}, main ${part('main')}, answer to count ${part('after')} ms`;
        line(`${kindLabels[kind]}, ${size.certificates.toLocaleString('en')}, median of ${totals.length}`, `${total.toFixed(1)} ms   (${spread(totals)}${main})`);
        return total;
      });
      const ratio = medians[1]! / medians[0]!;
      line(`${kindLabels[kind]}, ${large.toLocaleString('en')} ÷ ${small.toLocaleString('en')}`, `${ratio.toFixed(2)}×   (goal: within ${goalRatio}×; ${ratio <= goalRatio ? 'met' : 'NOT met'})`);
    }
    for (const size of sizes) line(`First read, ${size.certificates.toLocaleString('en')}`, `${(size.firstRead / 1000).toFixed(1)} s   (opening the page to the count, read in full)`);
  } finally {
    await browser.close();
    await stopConsole(consoleProcess);
  }

  try {
    // Opening the cache: a new browser shell on the same data folder, signed out, straight to the large inventory's address.
    if (largeCacheLink === null || largeCacheLink === undefined) throw new Error('no link to the large inventory’s cache');
    consoleProcess = await startConsole(userDataDir);
    browser = await launchBrowser();
    const page = await browser.newPage();
    const opening = Date.now();
    await page.goto(`${consoleProcess.address}${largeCacheLink.slice(largeCacheLink.indexOf('#'))}`);
    await page.getByRole('heading', { level: 1, name: 'Certificates' }).waitFor();
    const shell = Date.now() - opening;
    await page.locator('.table-count').waitFor({ timeout: 120_000 });
    const opened = Date.now() - opening;
    // Main's part: the first window asked for, which opens the cache file.
    const firstWindow = Number(
      await page.evaluate(`(() => {
        const asked = performance.getEntriesByType('resource').filter((entry) => /certificates(:|%3A)window/i.test(entry.name)).sort((a, b) => a.startTime - b.startTime)[0];
        return asked === undefined ? NaN : asked.responseEnd - asked.startTime;
      })()`),
    );
    const mainPart = Number.isNaN(firstWindow) ? '' : `, main's first answer ${(firstWindow / 1000).toFixed(2)} s`;
    line(`Opening the cache, ${large.toLocaleString('en')}, new process`, `${(opened / 1000).toFixed(2)} s   (navigation to the count; the page itself after ${(shell / 1000).toFixed(2)} s${mainPart})`);
  } finally {
    await browser.close();
    await stopConsole(consoleProcess);
    await Promise.all(sizes.map((size) => size.handle.stop()));
    await rm(userDataDir, { recursive: true, force: true });
  }
  line('Run time', `${((Date.now() - started) / 1000).toFixed(0)} s`);
}

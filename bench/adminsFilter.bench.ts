/**
 * How long the Admins table takes to answer a filter at 5,000 admins against
 * 100, as a user sees it: the built browser shell in Chromium, each size a
 * sandbox signed in to as its MRAO (who sees every admin), the admins read in
 * full, then text typed into the search field and timed in the page from the
 * input event to the table's count changing. The filter runs in main; the time
 * includes the request from the page, the filtering and sorting there, the
 * answer and React's render. Each measurement types a text never typed before,
 * so no cached answer shortens it; sizes take turns, so a change in the
 * machine's load falls on both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSandbox, type SandboxHandle } from '../src/sandbox';
import { addProfile, goTo, launchBrowser, signIn, startConsole } from './browserShell';

export interface AdminsFilterBenchOptions {
  /** Measurements per size, after the warm-up. */
  repetitions: number;
  /** Admins of the small and the large institution. */
  small: number;
  large: number;
}

/** The goal: filtering the large table takes at most this many times as long as the small one. */
const goalRatio = 2;
/** Measurements per size before a turn passes to the other size. */
const perTurn = 5;
const warmUp = 2;

type SandboxAdmin = SandboxHandle['store']['admins'] extends Map<number, infer Admin> ? Admin : never;

function haystack(admin: SandboxAdmin): string {
  return [admin.login ?? '', `${admin.forename} ${admin.surname}`.trim(), admin.email, admin.idpPersonId].join('\n').toLowerCase();
}

/**
 * Two-letter texts that match some admins of each institution but not all, so
 * the count changes whichever is typed, in an order that gives both sizes
 * texts of the same kind.
 */
function searchTexts(institutions: SandboxHandle[]): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const texts: string[] = [];
  for (const first of letters) {
    for (const second of letters) {
      const text = first + second;
      const fits = institutions.every((institution) => {
        const admins = [...institution.store.admins.values()];
        const matching = admins.filter((admin) => haystack(admin).includes(text)).length;
        return matching > 0 && matching < admins.length;
      });
      if (fits) texts.push(text);
    }
  }
  return texts;
}

/** Signs in to a profile and opens the Admins page, with every admin read in full. */
async function openAdminsOf(page: Page, name: string, admins: number): Promise<void> {
  await signIn(page, name);
  await goTo(page, '#/admins');
  // Every admin listed, and every admin's details read: no bar, and no word of a partial read.
  await page.locator('.table-count').getByText(`${admins.toLocaleString('en-GB')} in all`, { exact: true }).waitFor({ timeout: 300_000 });
  await page.locator('.progress-bar').waitFor({ state: 'detached', timeout: 300_000 });
  await page.getByText(/still being read/).waitFor({ state: 'detached', timeout: 300_000 });
}

/**
 * Runs in the page (as text: the benchmarks are compiled for Node, without the
 * DOM's types). Types the text into the search field at once, as a keystroke
 * does, and resolves with the milliseconds from the input event to the
 * table's count changing.
 */
const timeFilterInPage = `async (typed) => {
  const input = document.querySelector('form[role="search"] input[type="search"]');
  const count = document.querySelector('.table-count');
  if (input === null || count === null) throw new Error('the Admins page has no search field or count');
  const before = count.textContent;
  const changed = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the count did not change for ' + typed)), 60000);
    const observer = new MutationObserver(() => {
      if (count.textContent !== before) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      }
    });
    observer.observe(count, { subtree: true, childList: true, characterData: true });
  });
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const started = performance.now();
  setValue.call(input, typed);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return (await changed) - started;
}`;

/** Times one filter, then clears it and waits for the whole table again. */
async function timeFilter(page: Page, text: string): Promise<number> {
  const elapsed = Number(await page.evaluate(`(${timeFilterInPage})(${JSON.stringify(text)})`));
  await page.getByRole('search').getByLabel('Search', { exact: true }).fill('');
  await page.locator('.table-count').getByText(/ in all$/).waitFor();
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function benchAdminsFilter({ repetitions, small, large }: AdminsFilterBenchOptions): Promise<void> {
  console.log(`\nAdmins table filter, ${large.toLocaleString('en')} admins against ${small.toLocaleString('en')}: Chromium through the browser shell, typing to the count changing`);
  const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-bench-'));
  const sizes = [
    { name: 'Small institution', admins: small, handle: await startSandbox({ seed: 11, admins: small, certificates: 5 }), times: [] as number[] },
    { name: 'Large institution', admins: large, handle: await startSandbox({ seed: 12, admins: large, certificates: 5 }), times: [] as number[] },
  ];
  const consoleProcess = await startConsole(userDataDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(consoleProcess.address);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    for (const size of sizes) await addProfile(page, size.handle, size.name);

    const texts = searchTexts(sizes.map((size) => size.handle));
    const needed = sizes.length * (repetitions + warmUp * Math.ceil(repetitions / perTurn));
    if (texts.length < needed) throw new Error(`only ${texts.length} search texts fit both institutions; ${needed} are needed`);
    let next = 0;
    while (sizes.some((size) => size.times.length < repetitions)) {
      for (const size of sizes) {
        if (size.times.length >= repetitions) continue;
        await openAdminsOf(page, size.name, size.admins);
        for (let n = 0; n < warmUp; n++) await timeFilter(page, texts[next++]!);
        for (let n = 0; n < perTurn && size.times.length < repetitions; n++) size.times.push(await timeFilter(page, texts[next++]!));
      }
    }
    const [smallSize, largeSize] = sizes as [(typeof sizes)[0], (typeof sizes)[0]];
    const smallMedian = median(smallSize.times);
    const largeMedian = median(largeSize.times);
    const ratio = largeMedian / smallMedian;
    const spread = (times: number[]) => `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms`;
    const line = (label: string, value: string) => console.log(`  ${label.padEnd(32)} ${value}`);
    line(`${small.toLocaleString('en')} admins, median of ${smallSize.times.length}`, `${smallMedian.toFixed(1)} ms   (${spread(smallSize.times)})`);
    line(`${large.toLocaleString('en')} admins, median of ${largeSize.times.length}`, `${largeMedian.toFixed(1)} ms   (${spread(largeSize.times)})`);
    line(`${large.toLocaleString('en')} ÷ ${small.toLocaleString('en')}`, `${ratio.toFixed(2)}×   (goal: within ${goalRatio}×; ${ratio <= goalRatio ? 'met' : 'NOT met'})`);
  } finally {
    await browser.close();
    // The console saves the built-in sandbox as it stops; the folder goes once it has.
    const exited = new Promise((resolve) => consoleProcess.child.once('exit', resolve));
    consoleProcess.child.kill();
    await exited;
    await Promise.all(sizes.map((size) => size.handle.stop()));
    await rm(userDataDir, { recursive: true, force: true });
  }
}

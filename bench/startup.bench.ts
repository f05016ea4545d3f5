/**
 * The console's start in Chromium through the browser shell, against a blank
 * React page built by the same toolchain (Vite, its React plugin, React 19:
 * bench/blank) and served the same way: over http on 127.0.0.1 by the browser
 * shell's static code, each by a process started for the run, each opened in
 * a fresh browser context, taking turns so that a change in the machine's
 * load falls on all. A second baseline, a page on the console's libraries set
 * up as the console sets them up (bench/stack), splits the difference into
 * what the stack costs and what the console's own start adds.
 *
 * The console starts with a fresh data folder each time, as on a first start,
 * and is timed to the first page it shows. Times are measured in the page, the
 * same way for both, from the start of navigation:
 * - heading: the first frame in which the page's first `h1` is shown;
 * - interactive: the main thread quiet after that: the end of the last long
 *   task (50 ms or more, from the Long Tasks API) before a full second without
 *   one, or the heading's moment if none came later, confirmed by an idle
 *   callback. This is Time to Interactive as Lighthouse defines it, with the
 *   heading for the first paint and a quiet second instead of five.
 *
 * It also lists the scripts the console loaded by then, checks that no
 * handbook chunk is among them, and opens the handbook to see its chunks come.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { build } from 'vite';
import { baselinePage, type BaselinePage } from './blank/vite.config';
import { launchBrowser, startConsole, stopConsole } from './browserShell';

export interface StartupBenchOptions {
  /** Measured runs of each page, after one warm-up each. */
  runs: number;
}

/** The goal: the console interactive within this many times the blank page. */
export const startupGoalRatio = 1.5;
/** How long the main thread must be free of long tasks for the page to count as interactive. */
const quietMs = 1000;
const runTimeoutMs = 60_000;

const root = fileURLToPath(new URL('../', import.meta.url));
const rendererDir = join(root, 'out', 'renderer');
/** Where bench/blank/vite.config.ts builds each baseline page. */
const baselineDir = (name: BaselinePage): string => join(root, 'out', `bench-${name}`);
const blankServer = join(root, 'bench', 'blank', 'server.ts');

interface ScriptLoad {
  /** The URL's path, `/assets/…`. */
  path: string;
  /** As it came over the wire (compressed or not), and as the page read it. */
  encodedBytes: number;
  decodedBytes: number;
}

interface Startup {
  headingMs: number;
  headingText: string;
  interactiveMs: number;
  longTasks: number;
  /** The scripts requested up to the interactive moment. */
  scripts: ScriptLoad[];
  /** Content-Encoding of each script's answer, by path. */
  encodings: Map<string, string>;
}

/**
 * Runs in the page before its own scripts (as text: the benchmarks are
 * compiled for Node, without the DOM's types), and leaves `window.__startup`,
 * a promise of the page's times.
 */
const probeScript = `(() => {
  const longTaskEnds = [];
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTaskEnds.push(entry.startTime + entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: true });
  } catch {}
  const flush = () => {
    if (observer !== null) for (const entry of observer.takeRecords()) longTaskEnds.push(entry.startTime + entry.duration);
  };
  const lastBusy = (heading) => Math.max(heading.at, ...longTaskEnds);
  const scriptsUpTo = (moment) =>
    performance.getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname.endsWith('.js') && entry.startTime <= moment)
      .map((entry) => ({ path: new URL(entry.name).pathname, encodedBytes: entry.encodedBodySize, decodedBytes: entry.decodedBodySize }));
  window.__startup = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const shown = document.body === null ? '' : document.body.innerText.slice(0, 300);
      reject(new Error('no heading and quiet moment within ${runTimeoutMs / 1000} s; the page shows: ' + shown));
    }, ${runTimeoutMs});
    const waitForQuiet = (heading) => {
      flush();
      const last = lastBusy(heading);
      const quietFor = performance.now() - last;
      if (quietFor < ${quietMs}) {
        setTimeout(() => waitForQuiet(heading), ${quietMs} - quietFor);
        return;
      }
      requestIdleCallback(() => {
        flush();
        if (lastBusy(heading) !== last) {
          waitForQuiet(heading);
          return;
        }
        clearTimeout(timer);
        resolve({ headingMs: heading.at, headingText: heading.text, interactiveMs: last, longTasks: longTaskEnds.length, scripts: scriptsUpTo(last) });
      });
    };
    const lookForHeading = () => {
      const heading = document.querySelector('h1');
      const text = heading === null ? '' : heading.textContent.trim();
      if (heading !== null && text !== '' && heading.checkVisibility() && heading.getBoundingClientRect().height > 0) {
        waitForQuiet({ at: performance.now(), text });
      } else {
        requestAnimationFrame(lookForHeading);
      }
    };
    requestAnimationFrame(lookForHeading);
  });
})();`;

/** Opens an address in a fresh browser context and waits for the page's times; `then` may go on in the page before it closes. */
async function openOnce(browser: Browser, address: string, then?: (page: Page) => Promise<void>): Promise<Startup> {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: probeScript });
    const page = await context.newPage();
    const encodings = new Map<string, string>();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.endsWith('.js')) encodings.set(path, response.headers()['content-encoding'] ?? 'identity');
    });
    await page.goto(address, { timeout: runTimeoutMs });
    const startup = (await page.evaluate('window.__startup')) as Omit<Startup, 'encodings'>;
    await then?.(page);
    return { ...startup, encodings };
  } finally {
    await context.close();
  }
}

/** The console on a fresh data folder, as on a first start; its own start is not timed, only the page's. */
async function openConsole(browser: Browser, then?: (page: Page) => Promise<void>): Promise<Startup> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-bench-startup-'));
  const consoleProcess = await startConsole(userDataDir);
  try {
    return await openOnce(browser, consoleProcess.address, then);
  } finally {
    await stopConsole(consoleProcess);
    await rm(userDataDir, { recursive: true, force: true });
  }
}

type Serving = 'compressed' | 'as-is';

async function startBlankServer(name: BaselinePage, serving: Serving): Promise<{ address: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', blankServer, baselineDir(name), serving], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(printed);
      if (found !== null) resolve(found[0]);
    });
    child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the blank page's server exited with ${code}:\n${printed}`)));
  });
  return { address, child };
}

async function openBlank(browser: Browser, serving: Serving, name: BaselinePage = 'blank'): Promise<Startup> {
  const server = await startBlankServer(name, serving);
  try {
    return await openOnce(browser, server.address);
  } finally {
    if (server.child.exitCode === null) {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill();
      await exited;
    }
  }
}

/** The handbook's data as the build writes it: a module whose default export starts `{language:"en",pages:[`. */
const handbookBundle = /["']?language["']?\s*:\s*["'`][a-z]{2}["'`]\s*,\s*["']?pages["']?\s*:\s*\[/;

/** Whether a built script is the handbook's: by its name, or by holding the handbook's pages. */
async function isHandbookChunk(path: string): Promise<boolean> {
  if (/handbook/i.test(basename(path))) return true;
  try {
    return handbookBundle.test(await readFile(join(rendererDir, path), 'utf8'));
  } catch {
    return false;
  }
}

/** The scripts the page has loaded so far. */
async function scriptsLoaded(page: Page): Promise<ScriptLoad[]> {
  return (await page.evaluate(`performance.getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
    .map((entry) => ({ path: new URL(entry.name).pathname, encodedBytes: entry.encodedBodySize, decodedBytes: entry.decodedBodySize }))`)) as ScriptLoad[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const ms = (value: number): string => `${Math.round(value)} ms`;
const kb = (bytes: number): string => `${(bytes / 1024).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KB`;
const files = (scripts: ScriptLoad[]): string => scripts.map((script) => basename(script.path)).join(', ');
const decodedOf = (scripts: ScriptLoad[]): number => scripts.reduce((sum, script) => sum + script.decodedBytes, 0);
const encodedOf = (scripts: ScriptLoad[]): number => scripts.reduce((sum, script) => sum + script.encodedBytes, 0);

export async function benchStartup({ runs }: StartupBenchOptions): Promise<void> {
  console.log(`\nStart-up in Chromium through the browser shell, against a blank React page built by the same toolchain: median of ${runs} runs each, taking turns, a fresh browser context each`);
  await build({ configFile: false, ...baselinePage('blank') });
  await build({ configFile: false, ...baselinePage('stack') });
  const browser = await launchBrowser();
  try {
    // The warm-up also shows how the console's shell sends its scripts; the blank page is then sent the same way.
    const warmUp = await openConsole(browser);
    const serving: Serving = [...warmUp.encodings.values()].some((encoding) => encoding !== 'identity') ? 'compressed' : 'as-is';
    await openBlank(browser, serving);
    await openBlank(browser, serving, 'stack');

    const consoleRuns: Startup[] = [];
    const blankRuns: Startup[] = [];
    const stackRuns: Startup[] = [];
    let handbookLoads: ScriptLoad[] = [];
    for (let run = 0; run < runs; run += 1) {
      const last = run === runs - 1;
      // In the last run, the handbook is opened once the first page is interactive, to see which scripts it brings.
      const openHandbook = async (page: Page): Promise<void> => {
        const before = new Set((await scriptsLoaded(page)).map((script) => script.path));
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Handbook' }).click();
        await page.getByRole('heading', { level: 1, name: 'Start here' }).waitFor({ timeout: runTimeoutMs });
        handbookLoads = (await scriptsLoaded(page)).filter((script) => !before.has(script.path));
      };
      // Each in turn first, so that a change in the machine's load falls on all three.
      const turns = [
        async () => blankRuns.push(await openBlank(browser, serving)),
        async () => stackRuns.push(await openBlank(browser, serving, 'stack')),
        async () => consoleRuns.push(await openConsole(browser, last ? openHandbook : undefined)),
      ];
      for (let turn = 0; turn < turns.length; turn += 1) await turns[(run + turn) % turns.length]!();
    }

    const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
    const summary = (startups: Startup[]) => {
      const interactive = startups.map((startup) => startup.interactiveMs);
      return {
        heading: median(startups.map((startup) => startup.headingMs)),
        interactive: median(interactive),
        spread: `${ms(Math.min(...interactive))}–${ms(Math.max(...interactive))}`,
        longTasks: median(startups.map((startup) => startup.longTasks)),
      };
    };
    const blank = summary(blankRuns);
    const stack = summary(stackRuns);
    const consoleStart = summary(consoleRuns);
    const pages = new Set(consoleRuns.map((startup) => startup.headingText));
    const encodingsOf = (startups: Startup[]) => [...new Set(startups.flatMap((startup) => [...startup.encodings.values()]))].join(', ');
    line('interactive', `first heading shown, then the end of the last long task before a quiet ${quietMs / 1000} s`);
    line('scripts sent', `console ${encodingsOf(consoleRuns)}; blank page ${encodingsOf(blankRuns)} (Chromium accepts br and gzip)`);
    line('first page the console shows', [...pages].map((text) => `"${text}"`).join(', '));
    line(`blank React page (baseline)`, `heading ${ms(blank.heading).padStart(7)}, interactive ${ms(blank.interactive).padStart(7)}   (${blank.spread}; long tasks ${blank.longTasks})`);
    line(`React page on the console's libraries`, `heading ${ms(stack.heading).padStart(7)}, interactive ${ms(stack.interactive).padStart(7)}   (${stack.spread}; long tasks ${stack.longTasks})`);
    line(`console, fresh data folder`, `heading ${ms(consoleStart.heading).padStart(7)}, interactive ${ms(consoleStart.interactive).padStart(7)}   (${consoleStart.spread}; long tasks ${consoleStart.longTasks})`);
    const ratio = consoleStart.interactive / blank.interactive;
    line('console ÷ blank page, interactive', `${ratio.toFixed(2)}×   (goal: within ${startupGoalRatio}×; ${ratio <= startupGoalRatio ? 'met' : 'NOT met'})`);
    line('console ÷ blank page, heading', `${(consoleStart.heading / blank.heading).toFixed(2)}×`);
    line("libraries' page ÷ blank page, interactive", `${(stack.interactive / blank.interactive).toFixed(2)}×   (what the stack alone costs: router, query cache, i18next, zod)`);
    line("console ÷ libraries' page, interactive", `${(consoleStart.interactive / stack.interactive).toFixed(2)}×   (what the console's own start adds)`);

    const lastConsole = consoleRuns.at(-1)!;
    const lastBlank = blankRuns.at(-1)!;
    line('scripts at start, blank page', `${lastBlank.scripts.length}, ${kb(decodedOf(lastBlank.scripts))} (${kb(encodedOf(lastBlank.scripts))} over the wire)`);
    const lastStack = stackRuns.at(-1)!;
    line("scripts at start, libraries' page", `${lastStack.scripts.length}, ${kb(decodedOf(lastStack.scripts))} (${kb(encodedOf(lastStack.scripts))} over the wire)`);
    line('scripts at start, console', `${lastConsole.scripts.length}, ${kb(decodedOf(lastConsole.scripts))} (${kb(encodedOf(lastConsole.scripts))} over the wire)`);
    for (const script of [...lastConsole.scripts].sort((a, b) => b.decodedBytes - a.decodedBytes)) {
      line(`  ${basename(script.path)}`, `${kb(script.decodedBytes).padStart(10)}  (${kb(script.encodedBytes)} ${lastConsole.encodings.get(script.path) ?? 'identity'})`);
    }
    const handbookAtStart: ScriptLoad[] = [];
    for (const script of lastConsole.scripts) if (await isHandbookChunk(script.path)) handbookAtStart.push(script);
    line('handbook among the scripts at start', handbookAtStart.length === 0 ? 'no' : `YES: ${files(handbookAtStart)}`);
    const handbookData: ScriptLoad[] = [];
    for (const script of handbookLoads) if (await isHandbookChunk(script.path)) handbookData.push(script);
    line(
      'then opening the handbook loaded',
      handbookLoads.length === 0
        ? 'no script: the handbook came with the start'
        : `${handbookLoads.length} scripts, ${kb(decodedOf(handbookLoads))} (${kb(encodedOf(handbookLoads))} over the wire): ${files(handbookLoads)}`,
    );
    if (handbookLoads.length > 0 && handbookData.length === 0) line('', 'none of them recognised as the handbook: check the chunk names');
  } finally {
    await browser.close();
  }
}

/**
 * What the renderer makes a window download and parse before the first page
 * shows: every script `out/renderer/index.html` loads or preloads, and every
 * chunk those import statically, gzipped. Chunks loaded with `import()` (the
 * pages, the handbook) are not counted: they come when a page is opened.
 */
import { access, readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const renderer = fileURLToPath(new URL('../out/renderer/', import.meta.url));

/** The goal for the initial JavaScript, gzipped. */
export const initialScriptGoalKb = 300;

export interface ScriptSize {
  /** Relative to `out/renderer`. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface InitialScriptReport {
  initial: ScriptSize[];
  /** The Home page's own chunks, which the first start opens right after. */
  home: ScriptSize[];
  /** Every other chunk in the build, loaded on demand. */
  lazy: ScriptSize[];
}

/** The scripts and module preloads the page's HTML names. */
export function scriptsNamedBy(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/g)) found.push(match[1]!);
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const href = /\bhref=["']([^"']+)["']/.exec(tag)?.[1];
    if (href !== undefined && /\brel=["']modulepreload["']/.test(tag)) found.push(href);
  }
  return found;
}

/**
 * The chunks a module imports statically (`import … from "./x.js"`, `import "./x.js"`,
 * `export … from "./x.js"`), which load with it; `import("./x.js")` is left out.
 */
export function staticImportsOf(code: string): string[] {
  const found = new Set<string>();
  const statement = /(?:^|[;\s}])(?:import|export)\s*(?:(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s*[\w$]+|\*|\{[^}]*\})?\s*from\s*)?(["'`])([^"'`]+?\.js)\1/g;
  for (const match of code.matchAll(statement)) found.add(match[2]!);
  return [...found];
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function sizeOf(path: string): Promise<ScriptSize> {
  const content = await readFile(path);
  return { file: relative(renderer, path), bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** The modules `roots` load, with everything they import statically, less those in `seen` (which it adds to). */
async function withStaticImports(roots: string[], seen: Set<string>): Promise<ScriptSize[]> {
  const queue = [...roots];
  const found: ScriptSize[] = [];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    found.push(await sizeOf(path));
    const code = await readFile(path, 'utf8');
    for (const imported of staticImportsOf(code)) {
      const target = join(dirname(path), imported);
      // A module's text may quote an import (in a string, say); only the build's own files count.
      if (imported.startsWith('.') && (await exists(target))) queue.push(target);
    }
  }
  return found;
}

/** Measures the initial JavaScript of the built renderer, following static imports from the page's own scripts. */
export async function measureInitialScript(): Promise<InitialScriptReport> {
  const html = await readFile(join(renderer, 'index.html'), 'utf8');
  const roots = scriptsNamedBy(html)
    .filter((source) => !/^[a-z]+:/i.test(source))
    .map((source) => join(renderer, source));
  const seen = new Set<string>();
  const initial = await withStaticImports(roots, seen);
  const assets = join(renderer, 'assets');
  const names = (await readdir(assets)).sort();
  const home = await withStaticImports(
    names.filter((name) => /^HomePage-.*\.js$/.test(name)).map((name) => join(assets, name)),
    seen,
  );
  const lazy: ScriptSize[] = [];
  for (const name of names) {
    const path = join(assets, name);
    if (name.endsWith('.js') && !seen.has(path)) lazy.push(await sizeOf(path));
  }
  return { initial, home, lazy };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchInitialScript(): Promise<void> {
  console.log('\nInitial renderer JavaScript: the scripts and module preloads of out/renderer/index.html, and what they import statically (gzip -9)');
  const { initial, home, lazy } = await measureInitialScript();
  const gzipOf = (scripts: ScriptSize[]) => scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
  for (const script of initial) line(script.file, `${kb(script.bytes)} → ${kb(script.gzipBytes)} gzip`);
  const total = gzipOf(initial);
  line('total at start', `${kb(total)} gzip   (goal: at most ${initialScriptGoalKb} KB; ${total / 1024 <= initialScriptGoalKb ? 'met' : 'NOT met'})`);
  line('then the Home page, the first one opened', `${kb(gzipOf(home))} gzip   (${home.map((script) => script.file).join(', ')})`);
  for (const script of lazy.filter((chunk) => /handbook/i.test(chunk.file))) line(`handbook chunk ${script.file}`, `${kb(script.bytes)} → ${kb(script.gzipBytes)} gzip, on demand`);
  const handbookAtStart = initial.filter((script) => /handbook/i.test(script.file));
  line('handbook among the initial scripts', handbookAtStart.length === 0 ? 'no' : `YES: ${handbookAtStart.map((script) => script.file).join(', ')}`);
  line('other chunks loaded on demand', `${lazy.length}, ${kb(gzipOf(lazy))} gzip in all`);
}

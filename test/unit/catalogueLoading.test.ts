import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/** What the tests use of `lib/i18n.ts`, imported by a specifier built at run time so that the node-side type check does not walk into the DOM's types. */
interface I18nModule {
  startI18n(): unknown;
  switchLanguage(choice: 'system' | 'en' | 'sv' | undefined): Promise<void>;
  loadCatalogue(language: 'en' | 'sv'): Promise<void>;
  currentLanguage(): 'en' | 'sv';
  i18next: { language: string; t(key: string): string; hasResourceBundle(language: string, namespace: string): boolean };
}

/**
 * The console starts with its English strings and loads the Swedish catalogue
 * only for someone who reads Swedish; a switch of language waits for the
 * strings, so that no page shows English first or a mix of both.
 */

const rendererSrc = resolve(__dirname, '../../src/renderer/src');
const rendererLib = join(rendererSrc, 'lib');
const checklistTexts = resolve(__dirname, '../../src/shared/checklists');

/** The modules a module imports statically and at run time (not `import type`, not `import()`), resolved to files. */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gm)) {
    const base = join(dirname(file), match[1]!);
    const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
    const hit = candidates.find((candidate) => {
      try {
        return readFileSync(candidate) !== undefined && /\.tsx?$/.test(candidate);
      } catch {
        return false;
      }
    });
    if (hit !== undefined) found.push(hit);
  }
  return found;
}

/** Every module reached from a file through static imports. */
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const next of staticImports(file)) reachable(next, seen);
  return seen;
}

describe('what the console loads at start', () => {
  it('leaves the Swedish catalogue out of what the interface needs to start', () => {
    const atStart = reachable(join(rendererLib, 'i18n.ts'));
    expect(atStart).toContain(join(rendererLib, 'catalogue.ts'));
    expect(atStart).not.toContain(join(rendererLib, 'catalogues.ts'));
    expect([...atStart].some((file) => file.endsWith(join('checklists', 'text.sv.ts')))).toBe(false);
  });

  it('still loads the Swedish catalogue, on demand', () => {
    expect(readFileSync(join(rendererLib, 'i18n.ts'), 'utf8')).toMatch(/import\('\.\/catalogues'\)/);
  });
});

/** Whether a module exports words in a language, as the messages modules name them: `commonEn`, `commonSv`. */
function exportsWords(file: string, language: 'En' | 'Sv'): boolean {
  const source = readFileSync(file, 'utf8');
  return new RegExp(`^export\\s+const\\s+\\w+${language}\\b`, 'm').test(source) || new RegExp(`^export\\s*\\{[^}]*\\w${language}\\b`, 'm').test(source);
}

/** Every module of Swedish words: the renderer's and the checklists' `.sv.ts` files. */
function swedishModules(): string[] {
  return [rendererSrc, checklistTexts].flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.sv.ts'))
      .map((name) => join(folder, name)),
  );
}

describe('the English and the Swedish words, in modules of their own', () => {
  const english = reachable(join(rendererLib, 'catalogue.ts'));
  const swedish = reachable(join(rendererLib, 'catalogues.ts'));
  swedish.delete(join(rendererLib, 'catalogues.ts'));

  it('gives each messages module a Swedish sibling, part of the Swedish catalogue', () => {
    const modules = swedishModules();
    expect(modules.length).toBeGreaterThanOrEqual(20);
    for (const file of modules) {
      expect(swedish, file).toContain(file);
      expect(english, file).toContain(file.replace(/\.sv\.ts$/, '.ts'));
    }
  });

  it('brings no Swedish with the English catalogue, which comes with the first script', () => {
    expect([...english].filter((file) => file.endsWith('.sv.ts'))).toEqual([]);
    expect([...english].filter((file) => exportsWords(file, 'Sv'))).toEqual([]);
  });

  it('builds the Swedish catalogue from Swedish modules only, taking no more than the English shape', () => {
    expect(swedish).not.toContain(join(rendererLib, 'catalogue.ts'));
    expect([...swedish].filter((file) => exportsWords(file, 'En'))).toEqual([]);
    expect([...swedish].filter((file) => exportsWords(file, 'Sv') && !file.endsWith('.sv.ts'))).toEqual([]);
  });
});

describe('the interface’s language', () => {
  let i18n: I18nModule;
  let systemLanguages: string[];
  const page = { documentElement: {} as { lang?: string } };

  beforeAll(() => {
    vi.stubGlobal('document', page);
    vi.stubGlobal('navigator', {
      get languages() {
        return systemLanguages;
      },
      get language() {
        return systemLanguages[0];
      },
    });
  });

  afterAll(() => {
    vi.unstubAllGlobals();
  });

  beforeEach(async () => {
    systemLanguages = ['en-GB'];
    vi.resetModules();
    const specifier = '../../src/renderer/src/lib/i18n.ts';
    i18n = (await import(/* @vite-ignore */ specifier)) as I18nModule;
    i18n.startI18n();
  });

  it('starts in English, without the Swedish strings', () => {
    expect(i18n.i18next.language).toBe('en');
    expect(i18n.i18next.t('app.nav.settings')).toBe('Settings');
    expect(i18n.i18next.hasResourceBundle('sv', 'translation')).toBe(false);
  });

  it('switches to Swedish only once its strings are there', async () => {
    const switched = i18n.switchLanguage('sv');
    // Until the catalogue has arrived, the page keeps speaking English.
    expect(i18n.i18next.language).toBe('en');
    await switched;
    expect(i18n.i18next.language).toBe('sv');
    expect(i18n.i18next.t('app.nav.settings')).toBe('Inställningar');
    expect(page.documentElement.lang).toBe('sv');
  });

  it('follows a system that reads Swedish when Settings leave the language to the system', async () => {
    systemLanguages = ['sv-SE', 'en-US'];
    await i18n.switchLanguage('system');
    expect(i18n.currentLanguage()).toBe('sv');
    await i18n.switchLanguage(undefined);
    expect(i18n.currentLanguage()).toBe('sv');
  });

  it('keeps the choice made last when an earlier one’s catalogue arrives after it', async () => {
    const toSwedish = i18n.switchLanguage('sv');
    const backToEnglish = i18n.switchLanguage('en');
    await Promise.all([toSwedish, backToEnglish]);
    expect(i18n.i18next.language).toBe('en');
    expect(i18n.i18next.t('app.nav.settings')).toBe('Settings');
  });

  it('fetches the Swedish catalogue once however often it is asked for', async () => {
    const first = i18n.loadCatalogue('sv');
    expect(i18n.loadCatalogue('sv')).toBe(first);
    await first;
    await i18n.switchLanguage('sv');
    await i18n.switchLanguage('en');
    await i18n.switchLanguage('sv');
    expect(i18n.i18next.t('app.nav.settings')).toBe('Inställningar');
  });
});

import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/src/lib/catalogue';
import { sv } from '../../src/renderer/src/lib/catalogues';

/**
 * The interface speaks English and Swedish from two catalogues. The type
 * system checks that Swedish has English's keys; these tests check what it
 * cannot: that no string is missing at run time, that every placeholder is
 * filled in both languages, and that plurals come in pairs.
 */

type Tree = { readonly [key: string]: string | Tree };

/** Every string of a catalogue by its dotted key, depth first. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') found.set(path, value);
    else for (const [inner, text] of leaves(value, path)) found.set(inner, text);
  }
  return found;
}

/** Every branch (an object of keys) by its dotted key, the root as ''. */
function branches(tree: Tree, prefix = ''): Map<string, string[]> {
  const found = new Map<string, string[]>([[prefix, Object.keys(tree).sort()]]);
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value !== 'string') for (const [inner, keys] of branches(value, prefix === '' ? key : `${prefix}.${key}`)) found.set(inner, keys);
  }
  return found;
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((match) => match[1]!))].sort();
}

const english = leaves(en);
const swedish = leaves(sv);

describe('the English and Swedish catalogues', () => {
  it('hold strings, and a good number of them', () => {
    expect(english.size).toBeGreaterThan(100);
  });

  it('have exactly the same keys at every depth', () => {
    const englishBranches = branches(en);
    const swedishBranches = branches(sv);
    expect([...swedishBranches.keys()].sort()).toEqual([...englishBranches.keys()].sort());
    for (const [branch, keys] of englishBranches) expect(swedishBranches.get(branch), `the keys under “${branch}”`).toEqual(keys);
    expect([...swedish.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('have no empty string', () => {
    const empty = [...english, ...swedish].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('fill the same placeholders in each language', () => {
    const differing: string[] = [];
    for (const [key, text] of english) {
      const other = swedish.get(key);
      if (other !== undefined && placeholders(other).join() !== placeholders(text).join()) differing.push(`${key}: ${placeholders(text).join()} / ${placeholders(other).join()}`);
    }
    expect(differing).toEqual([]);
  });

  it('give every singular its plural', () => {
    for (const catalogue of [english, swedish]) {
      const lonely = [...catalogue.keys()].filter((key) => key.endsWith('_one') && !catalogue.has(`${key.slice(0, -'_one'.length)}_other`));
      expect(lonely).toEqual([]);
    }
    // The plurals are there at all, so the check above checks something.
    expect([...english.keys()].some((key) => key.endsWith('_one'))).toBe(true);
  });

  it('count with {{count}} in every plural form for many', () => {
    // A singular may say "this field" instead of "1 field"; the plural must say how many.
    const uncounted = [...english, ...swedish].filter(([key, text]) => key.endsWith('_other') && !placeholders(text).includes('count')).map(([key]) => key);
    expect(uncounted).toEqual([]);
  });
});

describe('the placeholder reader the checks rely on', () => {
  it('finds each name once, with or without a format', () => {
    expect(placeholders('{{done}} of {{total}}, {{ done }} again, {{when, datetime}}')).toEqual(['done', 'total', 'when']);
    expect(placeholders('no placeholder here')).toEqual([]);
  });
});

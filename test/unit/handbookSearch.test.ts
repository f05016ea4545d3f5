import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileHandbook, compileTranslation } from '../../src/handbook/compile';
import type { HandbookLanguage } from '../../src/shared/handbook';
import { loadHandbookIndex, searchHandbook, type HandbookSearcher } from '../../src/shared/handbookSearch';

const docs = join(fileURLToPath(new URL('../../', import.meta.url)), 'resources', 'docs');
const searchers = {} as Record<HandbookLanguage, HandbookSearcher>;

beforeAll(async () => {
  const english = await compileHandbook(docs);
  const swedish = await compileTranslation(docs, 'sv', english);
  searchers.en = loadHandbookIndex(english.bundle.searchIndex, 'en');
  searchers.sv = loadHandbookIndex(swedish.handbook.bundle.searchIndex, 'sv');
});

const top = (language: HandbookLanguage, query: string, count = 3) =>
  searchHandbook(searchers[language], query)
    .slice(0, count)
    .map((hit) => (hit.anchor === '' ? hit.page : `${hit.page}#${hit.anchor}`));

/**
 * Questions as RAOs, DRAOs and support staff type them, each with the
 * passages that answer it: one of them must be among the first three results.
 */
const english: [string, RegExp][] = [
  ['secret key', /^procedure-rest-api-org#secret-key$|^procedure-api-admin/],
  ['password expired', /^(connecting#sign-in-expired-password|errors#kind-expired-password|connecting#password-expiry)$/],
  ['wildcard', /^domains-dcv#wildcards$/],
  ['revoke reason', /^certificates#revoke-reasons$/],
  ['unknown user', /^errors#scm-16$/],
  ['customerUri', /^connecting#customer-uri$/],
  ['CAA', /^(domains-dcv#caa|procedure-domain-dcv#step-check-caa)$/],
  ['hardware token', /^code-signing#hardware-tokens$/],
  ['what does error -16 mean', /^errors#scm-16$/],
  ['x509CO', /^certificates#collect-formats$/],
];

describe('handbook search in English', () => {
  it.each(english)('answers “%s” in its first three results', (query, expected) => {
    expect(top('en', query), query).toContainEqual(expect.stringMatching(expected));
  });

  it('forgives a typo and matches the start of a word', () => {
    expect(top('en', 'wildcrd').some((hit) => hit.startsWith('domains-dcv'))).toBe(true);
    expect(top('en', 'notif').some((hit) => hit.startsWith('notifications') || hit.startsWith('procedure-notifications'))).toBe(true);
  });

  it('leaves out words that carry no meaning, and a question of only those finds nothing', () => {
    expect(top('en', 'what does it mean')).toEqual([]);
    expect(top('en', 'x')).toEqual([]);
  });

  it('does not let one letter match every word that starts with it', () => {
    // "S/MIME" is one word (with its synonym, client certificates); "s" alone would match nearly every passage.
    const hits = searchHandbook(searchers.en, 'S/MIME').slice(0, 8);
    expect(hits.length).toBe(8);
    expect(hits.every((hit) => /s\/mime|client|e-?mail certificate/i.test(`${hit.heading} ${hit.text}`))).toBe(true);
  });

  it('keeps an SCM code whole: -16 is not -160 or 16 characters', () => {
    const hits = searchHandbook(searchers.en, '-16');
    expect(hits[0]?.anchor).toBe('scm-16');
    expect(hits.every((hit) => /(^|[^\p{L}\p{N}])-16(?!\d)/u.test(`${hit.heading} ${hit.text}`))).toBe(true);
  });

  it('finds SSL passages for TLS, and the other way round', () => {
    expect(searchHandbook(searchers.en, 'TLS').some((hit) => /\bSSL\b/.test(hit.text) && !/\bTLS\b/.test(hit.text))).toBe(true);
  });
});

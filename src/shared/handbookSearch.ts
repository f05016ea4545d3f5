import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemSwedish } from '@orama/stemmers/swedish';
import { eng, swe } from 'stopword';
import { handbookSearchFields, handbookStoredFields, maxQueryLength, type HandbookLanguage } from './handbook';

export interface HandbookHit {
  page: string;
  anchor: string;
  pageTitle: string;
  heading: string;
  text: string;
  /** The words of the passage that matched, for highlighting. */
  terms: string[];
}

/**
 * Words as people type them. An SCM code keeps its minus (`-16`, found also as
 * `16`), `S/MIME` is one word, and an API name like `customerUri` is found both
 * whole and as "customer" and "uri".
 */
const wordPattern = /(?<![\p{L}\p{N}])-\d+|s\/mime|[\p{L}\p{N}]+/giu;

function words(text: string): string[] {
  return Array.from(text.matchAll(wordPattern), (match) => match[0]);
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const word of words(text)) {
    if (word.startsWith('-')) {
      tokens.push(word, word.slice(1));
      continue;
    }
    tokens.push(word);
    const parts = word.split(/(?<=\p{Ll})(?=\p{Lu})/u);
    if (parts.length > 1) tokens.push(...parts);
  }
  return tokens;
}

/**
 * Words that carry no meaning in a question. The lists are stopword's, less the
 * words that mean something in this handbook: Swedish "dagar" (DCV lasts so many
 * days), "gäller" (is valid), "första" (the first certificate), "nummer".
 */
const meaningful = new Set(['dag', 'dagar', 'dagarna', 'dagen', 'beslut', 'beslutat', 'beslutit', 'gälla', 'gäller', 'gällt', 'första', 'sista', 'senast', 'nummer', 'nr', 'kr', 'ny', 'nya', 'bort', 'ut', 'in']);
const stopWords: Record<HandbookLanguage, ReadonlySet<string>> = {
  en: new Set([...eng, 'does', 'mean', 'means', 'meaning', 'whats', 'please']),
  sv: new Set([...swe.filter((word) => !meaningful.has(word)), 'betyder', 'innebär', 'jag', 'gör']),
};
const stemmers: Record<HandbookLanguage, (word: string) => string> = { en: stemEnglish, sv: stemSwedish };

/**
 * One word as the index keeps it: lower case, stemmed, and nothing for a stop
 * word or a single letter. Codes and names with digits (`-16`, `x509CO`) are kept whole.
 */
function termProcessor(language: HandbookLanguage): (term: string) => string | null {
  const stop = stopWords[language];
  const stem = stemmers[language];
  return (term) => {
    const lower = term.toLowerCase();
    if (lower === 's/mime') return 'smime';
    if (/\d/.test(lower)) return lower;
    if (lower.length < 2 || stop.has(lower)) return null;
    return stem(lower);
  };
}

/**
 * Words the handbook uses for the same thing. A query word or phrase from a
 * group also finds the others: people say TLS where SCM says SSL.
 */
const synonyms: Record<HandbookLanguage, string[][]> = {
  en: [
    ['tls', 'ssl'],
    ['s/mime', 'client certificate', 'email certificate'],
    ['temporary password', 'initial password', 'one-time password'],
    ['fullchain', 'full chain', 'chain'],
    ['revoke', 'revocation'],
    ['pending', 'awaiting', 'waiting'],
    ['locked', 'lockout', 'blocked'],
    ['dcv', 'domain control validation', 'domain validation'],
    ['idp', 'identity provider'],
    ['delete', 'remove'],
    ['notification', 'alert'],
    ['stored', 'kept', 'saved'],
    ['organization', 'institution'],
  ],
  sv: [
    ['tls', 'ssl'],
    ['s/mime', 'klientcertifikat', 'e-postcertifikat'],
    ['tillfälligt lösenord', 'initialt lösenord', 'engångslösenord'],
    ['fullchain', 'full chain', 'certifikatkedja', 'kedja'],
    ['återkalla', 'återkallelse', 'spärra'],
    ['väntar', 'väntande', 'pending'],
    ['låst', 'spärrat', 'blockerat'],
    ['dcv', 'domänvalidering'],
    ['idp', 'identitetsleverantör', 'inloggningstjänst'],
    ['ta bort', 'radera'],
    ['avisering', 'notifiering', 'notifikation'],
    ['sparas', 'lagras', 'förvaras'],
    ['grundnivå', 'grunduppsättning', 'baslinje', 'baseline'],
    ['wildcard', 'jokertecken'],
    ['organisation', 'lärosäte'],
  ],
};

interface Searcher {
  language: HandbookLanguage;
  index: MiniSearch;
  process: (term: string) => string | null;
  /** Each synonym group as phrases of processed terms. */
  groups: string[][][];
}

/** What a text becomes for the index: its processed terms, stop words left out. */
function terms(process: (term: string) => string | null, text: string): string[] {
  return tokenize(text)
    .filter((token) => !/^\d+$/.test(token) || !text.includes(`-${token}`))
    .map(process)
    .filter((term): term is string => term !== null);
}

/** The index's options for a language; the build and the viewer must use the same ones. */
export function handbookIndexOptions(language: HandbookLanguage) {
  return {
    fields: [...handbookSearchFields],
    storeFields: [...handbookStoredFields],
    tokenize,
    processTerm: termProcessor(language),
  };
}

export function loadHandbookIndex(serialised: string, language: HandbookLanguage): Searcher {
  const process = termProcessor(language);
  const groups = synonyms[language].map((group) => group.map((phrase) => terms(process, phrase)).filter((phrase) => phrase.length > 0));
  return { language, index: MiniSearch.loadJSON(serialised, handbookIndexOptions(language)), process, groups };
}

export type HandbookSearcher = Searcher;

/**
 * The query's words as units to match: a word alone, or a word or phrase with
 * its synonyms as alternatives (`tls` → `tls` or `ssl`).
 */
function queryUnits(searcher: Searcher, query: string): Query[] {
  const processed = terms(searcher.process, query);
  const units: Query[] = [];
  for (let at = 0; at < processed.length; ) {
    let best: { length: number; group: string[][] } | null = null;
    for (const group of searcher.groups) {
      for (const phrase of group) {
        if (phrase.length <= (best?.length ?? 0) || at + phrase.length > processed.length) continue;
        if (phrase.every((term, offset) => processed[at + offset] === term)) best = { length: phrase.length, group };
      }
    }
    if (best === null) {
      units.push(processed[at]!);
      at += 1;
      continue;
    }
    const alternatives = best.group.map((phrase): Query => (phrase.length === 1 ? phrase[0]! : { combineWith: 'AND', queries: phrase }));
    units.push({ combineWith: 'OR', queries: alternatives });
    at += best.length;
  }
  return units;
}

/** Every term a unit of the query can match with. */
function termsOf(query: Query): string[] {
  if (typeof query === 'string') return [query];
  return typeof query === 'object' && 'queries' in query ? query.queries.flatMap(termsOf) : [];
}

// Every passage carries its page's title, so the title weighs less than the passage's own heading.
const weights = { pageTitle: 0.5, heading: 2 };
const isCode = (term: string) => /\d/.test(term);

/**
 * The handbook's passages for a question, best first. Stop words are left out,
 * words are stemmed, synonyms count as the word, and a word of three letters or
 * more also matches the start of longer ones (and, from five, a near miss).
 * Passages with every word come first, then those with some.
 */
export function searchHandbook(searcher: Searcher, query: string, limit = 12): HandbookHit[] {
  const units = queryUnits(searcher, query.slice(0, maxQueryLength));
  if (units.length === 0) return [];
  // A passage whose own heading is just what was asked for ("DRAO", "Wildcards") is the definition: it goes first.
  const unitTerms = units.map((unit) => new Set(termsOf(unit)));
  const asked = new Set(units.flatMap(termsOf));
  const definitions = new Map<string, boolean>();
  const isDefinition = (id: string, heading: string) => {
    let known = definitions.get(id);
    if (known === undefined) {
      const own = terms(searcher.process, heading.split(' › ').at(-1) ?? heading);
      known = own.length > 0 && own.every((term) => asked.has(term)) && unitTerms.every((unit) => own.some((term) => unit.has(term)));
      definitions.set(id, known);
    }
    return known;
  };
  const options = {
    boostDocument: (id: unknown, _term: string, stored?: Record<string, unknown>) => (isDefinition(String(id), String(stored?.heading ?? '')) ? 3 : 1),
    // The units are processed terms already.
    tokenize: (text: string) => [text],
    processTerm: (term: string) => term,
    prefix: (term: string) => term.length >= 3 && !isCode(term),
    // A near miss costs time with the word's length: one letter off from five letters, two from ten, none past twenty-four.
    fuzzy: (term: string) => (term.length >= 5 && term.length <= 24 && !isCode(term) ? (term.length >= 10 ? 2 : 1) : false),
    // A longer word that starts with the stem is most often the same word inflected (Swedish "grundnivån"), so it counts nearly as much.
    weights: { prefix: 0.7, fuzzy: 0.45 },
    boost: weights,
  };
  const all = searcher.index.search({ combineWith: 'AND', queries: units }, options);
  // Of the passages with only some of the words, those with more of them first.
  const covered = (result: SearchResult) => unitTerms.filter((unit) => result.queryTerms.some((term) => unit.has(term))).length;
  const some = units.length > 1 ? searcher.index.search({ combineWith: 'OR', queries: units }, options).map((result) => ({ result, covered: covered(result) })) : [];
  some.sort((a, b) => b.covered - a.covered || b.result.score - a.result.score);
  const seen = new Set<string>();
  const results: SearchResult[] = [];
  for (const result of [...all, ...some.map((entry) => entry.result)]) {
    if (seen.has(result.id as string)) continue;
    seen.add(result.id as string);
    results.push(result);
    if (results.length === limit) break;
  }
  return results.map((result) => ({
    page: result.page as string,
    anchor: result.anchor as string,
    pageTitle: result.pageTitle as string,
    heading: result.heading as string,
    text: result.text as string,
    terms: result.terms,
  }));
}

import MiniSearch, { type SearchResult } from 'minisearch';
import { handbookSearchFields, handbookStoredFields } from './handbook';

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
 * Words as people type them: split on spaces and punctuation, and an API name
 * like `customerUri` is found both whole and as "customer" and "uri".
 */
function tokenize(text: string): string[] {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  const tokens: string[] = [];
  for (const word of words) {
    tokens.push(word);
    const parts = word.split(/(?<=\p{Ll})(?=\p{Lu})/u);
    if (parts.length > 1) tokens.push(...parts);
  }
  return tokens;
}

/** The index's options; the build and the viewer must use the same ones. */
export const handbookIndexOptions = {
  fields: [...handbookSearchFields],
  storeFields: [...handbookStoredFields],
  tokenize,
};

export function loadHandbookIndex(serialised: string): MiniSearch {
  return MiniSearch.loadJSON(serialised, handbookIndexOptions);
}

const weights = { pageTitle: 3, heading: 2 };

/**
 * Prefix and fuzzy search over the handbook's passages, titles and headings
 * weighing more. Every word must match where possible; if nothing does, any word may.
 */
export function searchHandbook(index: MiniSearch, query: string, limit = 12): HandbookHit[] {
  if (query.trim() === '') return [];
  const fuzzy = (term: string) => (term.length > 3 ? 0.2 : false);
  let results: SearchResult[] = index.search(query, { prefix: true, fuzzy, combineWith: 'AND', boost: weights });
  if (results.length === 0) results = index.search(query, { prefix: true, fuzzy, boost: weights });
  return results.slice(0, limit).map((result) => ({
    page: result.page as string,
    anchor: result.anchor as string,
    pageTitle: result.pageTitle as string,
    heading: result.heading as string,
    text: result.text as string,
    terms: result.terms,
  }));
}

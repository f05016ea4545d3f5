import type { ReactNode } from 'react';

/**
 * The part of a passage around the first matched word, with every matched word
 * marked whole (the index matches stems: "revok" marks "revoked"); built as
 * React elements, never as HTML.
 */
export function highlightPassage(text: string, terms: readonly string[], width = 180): ReactNode[] {
  const words = terms.filter((term) => term.length > 0).map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return [text.slice(0, width)];
  const pattern = new RegExp(`((?<![\\p{L}\\p{N}])(?:${words.join('|')})[\\p{L}\\p{N}]*)`, 'giu');
  const first = text.search(pattern);
  const start = Math.max(0, first - Math.floor(width / 3));
  const excerpt = `${start > 0 ? '…' : ''}${text.slice(start, start + width)}${start + width < text.length ? '…' : ''}`;
  return excerpt.split(pattern).map((part, index) => (index % 2 === 1 ? <mark key={index}>{part}</mark> : part));
}

/** The handbook as the build makes it and the viewer shows it. */

/** The languages the handbook is written in; English is the original, Swedish follows it page for page. */
export const handbookLanguages = ['en', 'sv'] as const;
export type HandbookLanguage = (typeof handbookLanguages)[number];

export interface HandbookHeading {
  /** The anchor: explicit (`{#id}` in the source) or made from the text. */
  id: string;
  /** More anchors that lead to the same heading (`{#scm-10 #scm-11}`): grouped error codes. */
  aliases?: string[];
  text: string;
  level: number;
}

export interface HandbookPage {
  /** The file name without `.md`; pages link to each other by it. */
  id: string;
  title: string;
  section: string;
  order: number;
  summary: string;
  /** The language the page is written in: a page not yet translated is shown in English. */
  language: HandbookLanguage;
  /** Rendered at build time from Markdown with raw HTML off. */
  html: string;
  headings: HandbookHeading[];
}

/** One searchable passage: a page's text under one heading. */
export interface HandbookPassage {
  /** `page#anchor`, unique. */
  id: string;
  page: string;
  anchor: string;
  pageTitle: string;
  heading: string;
  text: string;
}

export interface HandbookBundle {
  language: HandbookLanguage;
  pages: HandbookPage[];
  /** The order of the table of contents. */
  sections: string[];
  /** A MiniSearch index over the passages, serialised with `JSON.stringify`. */
  searchIndex: string;
}

/** Options the index is built with; the viewer must load it with the same ones. */
export const handbookSearchFields = ['pageTitle', 'heading', 'text'] as const;
export const handbookStoredFields = ['page', 'anchor', 'pageTitle', 'heading', 'text'] as const;

export const handbookSectionOrder = ['Getting started', 'Procedures', 'Topics', 'Reference'] as const;
export type HandbookSection = (typeof handbookSectionOrder)[number];

/** A handbook location in the form code uses: `page` or `page#anchor`. */
export function splitHandbookRef(ref: string): { page: string; anchor: string | undefined } {
  const [page = '', anchor] = ref.split('#', 2);
  return { page, anchor: anchor === '' ? undefined : anchor };
}

/** The longest question search takes; the search field stops there, and search reads no further. */
export const maxQueryLength = 200;

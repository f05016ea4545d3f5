import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import MiniSearch from 'minisearch';
import type Token from 'markdown-it/lib/token.mjs';
import { checklistIds } from '../shared/checklists/model';
import { handbookIndexOptions } from '../shared/handbookSearch';
import {
  handbookSectionOrder,
  type HandbookLanguage,
  type HandbookBundle,
  type HandbookHeading,
  type HandbookPage,
  type HandbookPassage,
} from '../shared/handbook';

/**
 * Turns the Markdown pages in resources/docs into what the viewer shows:
 * HTML with stable anchors, a table of contents and a search index, all made at
 * build time so the handbook needs no network and no parsing at run time.
 */

interface Source {
  id: string;
  title: string;
  section: string;
  order: number;
  summary: string;
  body: string;
}

export class HandbookError extends Error {}

/** `{#id}` at a heading's end, or `{#id #alias …}`: more anchors that lead to the same heading. */
const explicitAnchor = /\s*\{(#[a-z0-9][a-z0-9-]*(?:\s+#[a-z0-9][a-z0-9-]*)*)\}\s*$/;

function parseFrontMatter(id: string, text: string): Source {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (match === null) throw new HandbookError(`${id}.md: missing front matter (--- title/section/order/summary ---)`);
  const fields = new Map<string, string>();
  for (const line of match[1]!.split('\n')) {
    const separator = line.indexOf(':');
    if (separator > 0) fields.set(line.slice(0, separator).trim(), line.slice(separator + 1).trim());
  }
  const required = (name: string) => {
    const value = fields.get(name);
    if (value === undefined || value === '') throw new HandbookError(`${id}.md: front matter lacks "${name}"`);
    return value;
  };
  const section = required('section');
  if (!(handbookSectionOrder as readonly string[]).includes(section)) {
    throw new HandbookError(`${id}.md: section "${section}" is not one of ${handbookSectionOrder.join(', ')}`);
  }
  const order = Number(required('order'));
  if (!Number.isFinite(order)) throw new HandbookError(`${id}.md: order must be a number`);
  return { id, title: required('title'), section, order, summary: required('summary'), body: text.slice(match[0].length) };
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The links each page makes, for the link check: `[{ from, target }]` with
 * target `page#anchor`, `page`, or `checklist:<id>` for a link that starts a checklist.
 */
export interface PageLink {
  from: string;
  target: string;
}

function createRenderer() {
  const markdown = new MarkdownIt({ html: false, linkify: false, typographer: true });

  // Headings get their anchors here: an explicit `{#id}` wins, else a slug of the text.
  markdown.core.ruler.push('heading_anchors', (state) => {
    const used = new Set<string>();
    const tokens = state.tokens;
    for (let index = 0; index < tokens.length; index++) {
      const open = tokens[index]!;
      if (open.type !== 'heading_open') continue;
      const inline = tokens[index + 1]!;
      let id: string;
      let aliases: string[] = [];
      const match = explicitAnchor.exec(inline.content);
      if (match !== null) {
        [id, ...aliases] = match[1]!.split(/\s+/).map((anchor) => anchor.slice(1)) as [string, ...string[]];
        inline.content = inline.content.replace(explicitAnchor, '');
        const last = inline.children?.at(-1);
        if (last !== undefined && last.type === 'text') last.content = last.content.replace(explicitAnchor, '');
        // An alias is an empty element inside the heading, so a link to it lands on the heading.
        if (aliases.length > 0 && inline.children !== null) {
          const marks = aliases.map((alias) => {
            const mark = new state.Token('html_inline', '', 0);
            mark.content = `<span id="${alias}" class="anchor-alias"></span>`;
            return mark;
          });
          inline.children.unshift(...marks);
        }
      } else {
        id = slugify(inline.content);
        let candidate = id;
        for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
        id = candidate;
      }
      for (const anchor of [id, ...aliases]) {
        if (used.has(anchor)) throw new HandbookError(`${state.env.page as string}.md: anchor "${anchor}" is used twice`);
        used.add(anchor);
      }
      open.attrSet('id', id);
      const heading: HandbookHeading = { id, text: inline.content.trim(), level: Number(open.tag.slice(1)) };
      if (aliases.length > 0) heading.aliases = aliases;
      (state.env.headings as HandbookHeading[]).push(heading);
    }
  });

  // Links between pages become viewer routes; `checklist:<id>` becomes the checklist's start form,
  // shown as a button; https links are marked for the system browser.
  const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  markdown.renderer.rules.link_open = (tokens, index, options, env: { page: string; links: PageLink[] }, self) => {
    const token = tokens[index]!;
    const href = token.attrGet('href') ?? '';
    const internal = /^([a-z0-9-]+)\.md(?:#([a-z0-9-]+))?$/.exec(href);
    const sameAnchor = /^#([a-z0-9-]+)$/.exec(href);
    const checklist = /^checklist:([a-z0-9-]+)$/.exec(href);
    if (internal !== null) {
      const [, page, anchor] = internal as unknown as [string, string, string | undefined];
      env.links.push({ from: env.page, target: anchor === undefined ? page : `${page}#${anchor}` });
      token.attrSet('href', `#/handbook/${page}${anchor === undefined ? '' : `/${anchor}`}`);
      token.attrSet('data-handbook', anchor === undefined ? page : `${page}#${anchor}`);
    } else if (sameAnchor !== null) {
      env.links.push({ from: env.page, target: `${env.page}#${sameAnchor[1]}` });
      token.attrSet('href', `#/handbook/${env.page}/${sameAnchor[1]}`);
      token.attrSet('data-handbook', `${env.page}#${sameAnchor[1]}`);
    } else if (checklist !== null) {
      const id = checklist[1]!;
      env.links.push({ from: env.page, target: `checklist:${id}` });
      token.attrSet('href', `#/checklists/start/${id}`);
      token.attrSet('class', 'start-checklist');
      token.attrSet('data-checklist', id);
    } else if (href.startsWith('https://')) {
      token.attrSet('data-external', 'true');
      token.attrSet('rel', 'noopener noreferrer');
    } else {
      throw new HandbookError(`${env.page}.md: link "${href}" is neither another page (page.md#anchor) nor an https address nor checklist:<id>`);
    }
    return defaultLinkOpen(tokens, index, options, env, self);
  };

  // Code blocks carry a copy button; the viewer wires it up.
  markdown.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index]!;
    const language = token.info.trim().split(/\s+/)[0] ?? '';
    const label = language === '' ? 'Code' : language;
    return `<div class="code-block"><div class="code-bar"><span class="code-language">${escapeHtml(label)}</span><button type="button" class="copy-code" aria-label="Copy this ${escapeHtml(label)} block">Copy</button></div><pre><code${language === '' ? '' : ` class="language-${escapeHtml(language)}"`}>${escapeHtml(token.content)}</code></pre></div>\n`;
  };
  // Tables scroll sideways on narrow windows instead of overflowing the page.
  markdown.renderer.rules.table_open = () => '<div class="table-scroll"><table>\n';
  markdown.renderer.rules.table_close = () => '</table></div>\n';
  return markdown;
}

/** What a reader sees of an inline run: its text without the Markdown marks. */
function plainText(inline: Token): string {
  return (inline.children ?? [])
    .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : ''))
    .join('');
}

/** The plain text of a page, cut into passages at its headings, for search. */
function passagesOf(page: HandbookPage, tokens: Token[]): HandbookPassage[] {
  const passages: HandbookPassage[] = [];
  let current: HandbookPassage = { id: page.id, page: page.id, anchor: '', pageTitle: page.title, heading: page.title, text: '' };
  let section = '';
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.type === 'heading_open') {
      const heading = tokens[index + 1]!.content.trim();
      index += 2;
      if (token.tag === 'h1') {
        current.heading = heading;
        continue;
      }
      passages.push(current);
      const id = token.attrGet('id') ?? '';
      // A subsection is found, and shown, with its section: "Revoke › Reason codes".
      if (token.tag === 'h2') section = heading;
      const label = token.tag === 'h2' || section === '' ? heading : `${section} › ${heading}`;
      current = { id: `${page.id}#${id}`, page: page.id, anchor: id, pageTitle: page.title, heading: label, text: '' };
      continue;
    }
    if (token.type === 'inline') current.text += `${plainText(token)} `;
    else if (token.type === 'fence' || token.type === 'code_block') current.text += `${token.content} `;
  }
  passages.push(current);
  return passages
    .filter((passage, position) => position === 0 || passage.text.trim() !== '')
    .map((passage) => ({ ...passage, text: passage.text.replace(/\s+/g, ' ').trim() }));
}

export interface CompiledHandbook {
  bundle: HandbookBundle;
  passages: HandbookPassage[];
  links: PageLink[];
  /** Every `page#anchor` and `page` that exists, and `checklist:<id>` for every checklist the console has. */
  targets: Set<string>;
}

async function readSources(folder: string): Promise<Source[]> {
  const files = (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => entry.name).sort();
  return Promise.all(files.map(async (name) => parseFrontMatter(name.slice(0, -3), await readFile(join(folder, name), 'utf8'))));
}

function compileSources(language: HandbookLanguage, sources: readonly { source: Source; language: HandbookLanguage }[]): CompiledHandbook {
  const markdown = createRenderer();
  const pages: HandbookPage[] = [];
  const passages: HandbookPassage[] = [];
  const links: PageLink[] = [];
  for (const { source, language: written } of sources) {
    const env = { page: source.id, headings: [] as HandbookHeading[], links };
    const tokens = markdown.parse(source.body, env);
    const html = markdown.renderer.render(tokens, markdown.options, env);
    const page: HandbookPage = { id: source.id, title: source.title, section: source.section, order: source.order, summary: source.summary, language: written, html, headings: env.headings };
    pages.push(page);
    passages.push(...passagesOf(page, tokens));
  }
  const sectionRank = (section: string) => (handbookSectionOrder as readonly string[]).indexOf(section);
  pages.sort((a, b) => sectionRank(a.section) - sectionRank(b.section) || a.order - b.order || a.title.localeCompare(b.title, language));

  const search = new MiniSearch<HandbookPassage>(handbookIndexOptions(language));
  search.addAll(passages);

  const targets = new Set<string>(checklistIds.map((id) => `checklist:${id}`));
  for (const page of pages) {
    targets.add(page.id);
    for (const heading of page.headings) for (const anchor of [heading.id, ...(heading.aliases ?? [])]) targets.add(`${page.id}#${anchor}`);
  }
  return {
    bundle: { language, pages, sections: handbookSectionOrder.filter((section) => pages.some((page) => page.section === section)), searchIndex: JSON.stringify(search) },
    passages,
    links,
    targets,
  };
}

/** The English handbook: the pages in `docsDir`. */
export async function compileHandbook(docsDir: string): Promise<CompiledHandbook> {
  return compileSources('en', (await readSources(docsDir)).map((source) => ({ source, language: 'en' as const })));
}

/** The folder of a translation, beside the English pages. */
export const translationFolder = (docsDir: string, language: Exclude<HandbookLanguage, 'en'>) => join(docsDir, language);

export interface TranslatedHandbook {
  handbook: CompiledHandbook;
  /** Pages shown in English because the translation has none yet. */
  untranslated: string[];
  /** Where a translated page does not match its English page: front matter, anchors, links. */
  problems: string[];
}

/** A page's anchors in order, aliases after their heading's. */
const anchorsOf = (page: HandbookPage) => page.headings.flatMap((heading) => [heading.id, ...(heading.aliases ?? [])]);

/**
 * A translation: each page in `docsDir/<language>` in place of its English
 * page, which stands in where there is none. A translated page must keep its
 * English page's section, order, anchors (in order) and link targets, so that
 * every link from the interface and from other pages works in both languages.
 */
export async function compileTranslation(docsDir: string, language: Exclude<HandbookLanguage, 'en'>, english: CompiledHandbook): Promise<TranslatedHandbook> {
  let translated: Source[] = [];
  try {
    translated = await readSources(translationFolder(docsDir, language));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const byId = new Map(translated.map((source) => [source.id, source]));
  const englishSources = await readSources(docsDir);
  const problems: string[] = [];
  for (const source of translated) {
    if (!englishSources.some((candidate) => candidate.id === source.id)) problems.push(`${language}/${source.id}.md has no English page ${source.id}.md`);
  }
  const untranslated = englishSources.filter((source) => !byId.has(source.id)).map((source) => source.id);
  const handbook = compileSources(
    language,
    englishSources.map((source) => {
      const translation = byId.get(source.id);
      return translation === undefined ? { source, language: 'en' as const } : { source: translation, language };
    }),
  );
  for (const page of handbook.bundle.pages) {
    if (page.language !== language) continue;
    const original = english.bundle.pages.find((candidate) => candidate.id === page.id)!;
    const where = `${language}/${page.id}.md`;
    if (page.section !== original.section) problems.push(`${where}: section "${page.section}" is not the English page's "${original.section}"`);
    if (page.order !== original.order) problems.push(`${where}: order ${page.order} is not the English page's ${original.order}`);
    const ours = anchorsOf(page);
    const theirs = anchorsOf(original);
    const missing = theirs.filter((anchor) => !ours.includes(anchor));
    const extra = ours.filter((anchor) => !theirs.includes(anchor));
    if (missing.length > 0) problems.push(`${where}: lacks the anchors ${missing.map((anchor) => `{#${anchor}}`).join(' ')} of the English page`);
    if (extra.length > 0) problems.push(`${where}: has anchors the English page lacks: ${extra.map((anchor) => `{#${anchor}}`).join(' ')} (every heading needs the English heading's explicit anchor)`);
    if (missing.length === 0 && extra.length === 0 && ours.join(' ') !== theirs.join(' ')) {
      const at = ours.findIndex((anchor, position) => anchor !== theirs[position]);
      problems.push(`${where}: headings are not in the English page's order: {#${ours[at]}} stands where the English page has {#${theirs[at]}}`);
    }
    const targetsOf = (links: readonly PageLink[]) => links.filter((link) => link.from === page.id).map((link) => link.target).sort();
    const ourLinks = targetsOf(handbook.links);
    const theirLinks = targetsOf(english.links);
    const lost = theirLinks.filter((target) => !ourLinks.includes(target));
    const added = ourLinks.filter((target) => !theirLinks.includes(target));
    if (lost.length > 0 || added.length > 0) {
      problems.push(`${where}: links differ from the English page's${lost.length > 0 ? `; missing ${[...new Set(lost)].join(', ')}` : ''}${added.length > 0 ? `; not in English ${[...new Set(added)].join(', ')}` : ''}`);
    }
  }
  return { handbook, untranslated, problems };
}

/**
 * Every handbook location the pages and the code refer to that does not exist,
 * and every checklist a page would start that the console does not have.
 * `codeRefs` are the `page#anchor` strings the code uses (error kinds, SCM
 * codes, checklist steps).
 */
export function brokenReferences(handbook: CompiledHandbook, codeRefs: readonly { from: string; target: string }[]): string[] {
  const problems: string[] = [];
  for (const link of [...handbook.links, ...codeRefs]) {
    if (handbook.targets.has(link.target)) continue;
    const checklist = /^checklist:(.*)$/.exec(link.target)?.[1];
    if (checklist === undefined) problems.push(`${link.from} refers to ${link.target}, which does not exist`);
    else problems.push(`${link.from} starts the checklist "${checklist}", which does not exist (the checklists are ${checklistIds.join(', ')})`);
  }
  return problems;
}

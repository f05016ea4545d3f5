import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenReferences, compileHandbook, compileTranslation, type CompiledHandbook, type TranslatedHandbook } from '../../src/handbook/compile';
import { collectCodeReferences } from '../../src/handbook/references';
import { handbookPlugin } from '../../src/handbook/vitePlugin';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = join(root, 'resources', 'docs');
let english: CompiledHandbook;
let swedish: TranslatedHandbook;

beforeAll(async () => {
  english = await compileHandbook(docs);
  swedish = await compileTranslation(docs, 'sv', english);
});

describe('the Swedish handbook', () => {
  it('matches the English one page for page: section, order, anchors in order, links', () => {
    expect(swedish.problems).toEqual([]);
  });

  it('has no link or anchor, from a page or from the code, that leads nowhere', async () => {
    const references = await collectCodeReferences(join(root, 'src'), new Set(english.bundle.pages.map((page) => page.id)));
    expect(brokenReferences(swedish.handbook, references)).toEqual([]);
  });

  it('has every page in Swedish', () => {
    expect(swedish.untranslated).toEqual([]);
    expect(swedish.handbook.bundle.pages.every((page) => page.language === 'sv')).toBe(true);
    expect(swedish.handbook.bundle.language).toBe('sv');
  });
});

const page = (title: string, body: string, order = 1) => `---\ntitle: ${title}\nsection: Reference\norder: ${order}\nsummary: A page.\n---\n# ${title} {#top}\n\n${body}\n`;

async function fixture(english: Record<string, string>, swedish: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'handbook-sv-'));
  await mkdir(join(folder, 'sv'));
  for (const [name, body] of Object.entries(english)) await writeFile(join(folder, `${name}.md`), body);
  for (const [name, body] of Object.entries(swedish)) await writeFile(join(folder, 'sv', `${name}.md`), body);
  return folder;
}

async function translate(folder: string) {
  return compileTranslation(folder, 'sv', await compileHandbook(folder));
}

describe('a translation', () => {
  const one = page('One', '## First {#first}\n\nSee [two](two.md#here).\n\n## Second {#second}\n\nText.');
  const two = page('Two', '## Here {#here}\n\nText.', 2);

  it('stands in English where a page is not translated, and says so', async () => {
    const result = await translate(await fixture({ one, two }, { one: page('Ett', '## Första {#first}\n\nSe [två](two.md#here).\n\n## Andra {#second}\n\nText.') }));
    expect(result.problems).toEqual([]);
    expect(result.untranslated).toEqual(['two']);
    expect(result.handbook.bundle.pages.map((candidate) => [candidate.id, candidate.title, candidate.language])).toEqual([
      ['one', 'Ett', 'sv'],
      ['two', 'Two', 'en'],
    ]);
  });

  it('reports anchors lost, added or out of order, and links that differ', async () => {
    const result = await translate(
      await fixture(
        { one, two },
        {
          one: page('Ett', '## Andra {#second}\n\nText.\n\n## Första {#first}\n\nSe [två](two.md).'),
          two: page('Två', '## Här\n\nText.', 3),
        },
      ),
    );
    expect(result.problems).toEqual([
      'sv/one.md: headings are not in the English page\'s order: {#second} stands where the English page has {#first}',
      'sv/one.md: links differ from the English page\'s; missing two#here; not in English two',
      'sv/two.md: order 3 is not the English page\'s 2',
      'sv/two.md: lacks the anchors {#here} of the English page',
      'sv/two.md: has anchors the English page lacks: {#har} (every heading needs the English heading\'s explicit anchor)',
    ]);
  });

  it('reports a page with no English original', async () => {
    const result = await translate(await fixture({ one: page('One', 'Text.') }, { one: page('Ett', 'Text.'), extra: page('Extra', 'Text.') }));
    expect(result.problems).toEqual(['sv/extra.md has no English page extra.md']);
  });

  it('fails the build of the Swedish handbook on a mismatch', async () => {
    const projectRoot = await mkdtemp(join(tmpdir(), 'handbook-build-'));
    await mkdir(join(projectRoot, 'src'));
    const folder = await fixture({ one }, { one: page('Ett', '## Första\n\nText.') });
    await mkdir(join(projectRoot, 'resources'));
    const { cp } = await import('node:fs/promises');
    await cp(folder, join(projectRoot, 'resources', 'docs'), { recursive: true });
    const load = handbookPlugin(projectRoot).load as (this: unknown, id: string) => Promise<string | undefined>;
    const build = { addWatchFile: () => undefined, error: (message: string): never => { throw new Error(message); } };
    await expect(load.call(build, '\0virtual:handbook/sv')).rejects.toThrow('sv/one.md: lacks the anchors {#first} {#second}');
    await expect(load.call(build, '\0virtual:handbook/en')).rejects.toThrow('one refers to two#here');
  });
});

describe('grouped anchors', () => {
  it('lead to the same heading, in links and in the targets', async () => {
    const folder = await fixture({ one: page('One', '### -10, -11: the CSR was refused {#scm-10 #scm-11}\n\nText.'), two: page('Two', 'See [-11](one.md#scm-11).', 2) }, {});
    const compiled = await compileHandbook(folder);
    expect(brokenReferences(compiled, [{ from: 'code', target: 'one#scm-10' }])).toEqual([]);
    const html = compiled.bundle.pages.find((candidate) => candidate.id === 'one')!.html;
    expect(html).toContain('<h3 id="scm-10"><span id="scm-11" class="anchor-alias"></span>-10, -11: the CSR was refused</h3>');
    expect(compiled.bundle.pages.find((candidate) => candidate.id === 'one')!.headings[1]).toEqual({ id: 'scm-10', aliases: ['scm-11'], text: '-10, -11: the CSR was refused', level: 3 });
  });

  it('refuses an anchor used twice, alias or not', async () => {
    await expect(compileHandbook(await fixture({ one: page('One', '## A {#a #b}\n\n## B {#b}') }, {}))).rejects.toThrow('anchor "b" is used twice');
  });
});

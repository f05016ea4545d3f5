import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenReferences, compileHandbook, HandbookError, type CompiledHandbook } from '../../src/handbook/compile';
import { collectCodeReferences } from '../../src/handbook/references';
import { handbookPlugin } from '../../src/handbook/vitePlugin';
import { isAllowedExternalUrl } from '../../src/shared/externalLinks';
import { errorKinds } from '../../src/shared/result';
import { scmCodeAnchor, scmErrorCatalogue } from '../../src/shared/scmErrors';
import { checklistIds } from '../../src/shared/checklists';
import { checklistDefinitions, checklistSourceFiles } from '../../src/main/services/checklists/registry';

const root = fileURLToPath(new URL('../../', import.meta.url));
let handbook: CompiledHandbook;

beforeAll(async () => {
  handbook = await compileHandbook(join(root, 'resources', 'docs'));
});

async function fixture(pages: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'handbook-'));
  for (const [name, body] of Object.entries(pages)) await writeFile(join(folder, `${name}.md`), body);
  return folder;
}

const page = (title: string, body: string) => `---\ntitle: ${title}\nsection: Reference\norder: 1\nsummary: A page.\n---\n# ${title}\n\n${body}\n`;

describe('the handbook build', () => {
  it('has no link or anchor, from a page or from the code, that leads nowhere', async () => {
    const pageIds = new Set(handbook.bundle.pages.map((candidate) => candidate.id));
    const references = await collectCodeReferences(join(root, 'src'), pageIds);
    expect(brokenReferences(handbook, references)).toEqual([]);
  });

  it('reports a link to a missing anchor and a missing page', async () => {
    const compiled = await compileHandbook(await fixture({ one: page('One', 'See [two](two.md#nowhere) and [three](three.md).'), two: page('Two', '## Here {#here}') }));
    expect(brokenReferences(compiled, [{ from: 'code', target: 'two#gone' }])).toEqual([
      'one refers to two#nowhere, which does not exist',
      'one refers to three, which does not exist',
      'code refers to two#gone, which does not exist',
    ]);
  });

  it('makes a checklist: link a button to the checklist\'s start form', async () => {
    const compiled = await compileHandbook(await fixture({ one: page('One', '[Start the checklist](checklist:api-admin)') }));
    expect(compiled.bundle.pages[0]!.html).toContain('<a href="#/checklists/start/api-admin" class="start-checklist" data-checklist="api-admin">Start the checklist</a>');
    expect(brokenReferences(compiled, [])).toEqual([]);
  });

  it('fails the build for a checklist: link to a checklist the console does not have', async () => {
    const compiled = await compileHandbook(await fixture({ one: page('One', '[Start](checklist:api-admins) and [start](checklist:api-admin).') }));
    expect(brokenReferences(compiled, [])).toEqual([`one starts the checklist "api-admins", which does not exist (the checklists are ${checklistIds.join(', ')})`]);

    // The build itself: the handbook module is refused, naming the link.
    const projectRoot = await mkdtemp(join(tmpdir(), 'handbook-build-'));
    await mkdir(join(projectRoot, 'src'));
    await cp(await fixture({ one: page('One', '[Start](checklist:api-admins)') }), join(projectRoot, 'resources', 'docs'), { recursive: true });
    const load = handbookPlugin(projectRoot).load as (this: unknown, id: string) => Promise<string | undefined>;
    const build = { addWatchFile: () => undefined, error: (message: string): never => { throw new Error(message); } };
    await expect(load.call(build, '\0virtual:handbook/en')).rejects.toThrow('one starts the checklist "api-admins"');
  });

  it('refuses a link that is neither a handbook page nor https', async () => {
    await expect(compileHandbook(await fixture({ one: page('One', 'See [this](http://example.org/).') }))).rejects.toBeInstanceOf(HandbookError);
  });

  it('keeps explicit anchors and makes stable ones from heading text', async () => {
    const compiled = await compileHandbook(await fixture({ one: page('One', '## Step one: create it {#step-create}\n\ntext\n\n## What can go wrong?\n\ntext') }));
    expect(compiled.bundle.pages[0]!.headings.filter((heading) => heading.level === 2).map((heading) => heading.id)).toEqual(['step-create', 'what-can-go-wrong']);
    expect(compiled.bundle.pages[0]!.html).toContain('<h2 id="step-create">Step one: create it</h2>');
  });

  it('renders raw HTML in a page as text, never as markup', async () => {
    const compiled = await compileHandbook(await fixture({ one: page('One', '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>') }));
    const html = compiled.bundle.pages[0]!.html;
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('gives code blocks a copy button and keeps their text', async () => {
    const compiled = await compileHandbook(await fixture({ one: page('One', '```sh\ntcs-admin doctor --profile x\n```') }));
    expect(compiled.bundle.pages[0]!.html).toContain('class="copy-code"');
    expect(compiled.bundle.pages[0]!.html).toContain('tcs-admin doctor --profile x');
  });

  it('explains every kind of error the console reports', () => {
    for (const kind of errorKinds) expect(handbook.targets.has(`errors#kind-${kind}`), kind).toBe(true);
  });

  it('has an entry for every SCM error code in the catalogue', () => {
    const missing = Object.keys(scmErrorCatalogue).filter((code) => !handbook.targets.has(scmCodeAnchor(Number(code))));
    expect(Object.keys(scmErrorCatalogue).length).toBeGreaterThan(80);
    expect(missing).toEqual([]);
  });

  it('has an entry for every SCM error code the sandbox can answer with', async () => {
    const codes = new Set<number>();
    const folder = join(root, 'src', 'sandbox');
    const files = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.ts'));
    for (const file of files) {
      const text = await readFile(join(folder, file), 'utf8');
      for (const match of text.matchAll(/ScmError\(\s*\d+,\s*(-?\d+)/g)) codes.add(Math.abs(Number(match[1])));
    }
    expect(codes.size).toBeGreaterThan(10);
    const missing = [...codes].filter((code) => !handbook.targets.has(`errors#scm-${code}`));
    expect(missing).toEqual([]);
  });

  it('links outside only to sites the console will open', () => {
    const external = handbook.bundle.pages.flatMap((candidate) => [...candidate.html.matchAll(/<a href="([^"]+)" data-external="true"/g)].map((match) => match[1]!));
    expect(external.length).toBeGreaterThan(0);
    expect(external.filter((url) => !isAllowedExternalUrl(url.replace(/&amp;/g, '&')))).toEqual([]);
  });

  it('gives every numbered step of every procedure an anchor of its own', async () => {
    for (const procedure of handbook.bundle.pages.filter((candidate) => candidate.section === 'Procedures')) {
      const text = await readFile(join(root, 'resources', 'docs', `${procedure.id}.md`), 'utf8');
      const steps = [...text.matchAll(/^##+ \d+\. .*$/gm)].map((match) => match[0]);
      expect(steps.length, procedure.id).toBeGreaterThanOrEqual(4);
      expect(steps.filter((heading) => !/\{#[a-z0-9-]+\}$/.test(heading)), procedure.id).toEqual([]);
    }
  });
});

/**
 * The `page#anchor` each `new StepProblem(…)` in a checklist file passes as its
 * third argument, with the file's `const anchor = '…'` filled in: these are
 * template strings, which the code-reference scan of quoted literals misses.
 */
function stepProblemAnchors(source: string): string[] {
  const page = /const anchor = '([a-z0-9-]+)'/.exec(source)?.[1];
  const anchors: string[] = [];
  for (const call of source.matchAll(/new StepProblem\(/g)) {
    const args = topLevelArguments(source, call.index + call[0].length);
    const third = args[2];
    if (third === undefined) continue;
    const found = [
      ...[...third.matchAll(/'([a-z0-9-]+(?:#[a-z0-9-]+)?)'/g)].map((match) => match[1]!),
      ...[...third.matchAll(/`\$\{anchor\}(#[a-z0-9-]+)?`|\banchor\b(?![`#])/g)].map((match) => `${page}${match[1] ?? ''}`),
    ];
    expect(found.length, `StepProblem with the anchor argument ${third}`).toBeGreaterThan(0);
    anchors.push(...found);
  }
  return anchors;
}

/** The arguments of a call, as text, from just after its opening parenthesis. */
function topLevelArguments(source: string, start: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let index = start; index < source.length; index++) {
    const character = source[index]!;
    if (character === "'" || character === '`') {
      const end = source.indexOf(character, index + 1);
      current += source.slice(index, end + 1);
      index = end;
      continue;
    }
    if ('([{'.includes(character)) depth++;
    if (')]}'.includes(character)) {
      if (depth === 0) {
        args.push(current.trim());
        return args;
      }
      depth--;
    }
    if (character === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
    } else current += character;
  }
  throw new Error('a StepProblem call without its closing parenthesis');
}

describe('the checklists in the handbook', () => {
  const checklists = Object.values(checklistDefinitions);

  it('knows every checklist the console has', () => {
    expect(checklists.map((checklist) => checklist.id).sort()).toEqual([...checklistIds].sort());
  });

  it('has the page of every checklist and the section of every step', () => {
    for (const checklist of checklists) {
      expect(handbook.targets.has(checklist.anchor), `${checklist.id}: ${checklist.anchor}`).toBe(true);
      for (const step of checklist.steps) {
        expect(step.anchor, `${checklist.id}/${step.id}`).toMatch(/^[a-z0-9-]+#[a-z0-9-]+$/);
        expect(handbook.targets.has(step.anchor), `${checklist.id}/${step.id}: ${step.anchor}`).toBe(true);
      }
    }
  });

  /** The checklists a page's start links open, in the order they appear in `html`. */
  const startLinks = (html: string) =>
    [...html.matchAll(/<a href="#\/checklists\/start\/([a-z0-9-]+)" class="start-checklist" data-checklist="([a-z0-9-]+)">/g)].map((match) => {
      expect(match[2]).toBe(match[1]);
      return match[1]!;
    });

  it('starts, from the checklist section of each procedure page, the checklist the page describes, and every checklist from its own page', async () => {
    const startedFrom = new Map<string, string[]>();
    const procedures = handbook.bundle.pages.filter((candidate) => candidate.section === 'Procedures' && candidate.headings.some((heading) => heading.id === 'checklist'));
    expect(procedures.length).toBeGreaterThanOrEqual(checklistIds.length);
    for (const procedure of procedures) {
      // The checklist the page describes: the one its checklist section runs from the command line.
      const text = await readFile(join(root, 'resources', 'docs', `${procedure.id}.md`), 'utf8');
      const section = text.slice(text.indexOf('{#checklist}')).split(/\n## /)[0]!;
      const described = [...new Set([...section.matchAll(/tcs-admin checklist run ([a-z0-9-]+)/g)].map((match) => match[1]!))];
      expect(described, procedure.id).toHaveLength(1);
      // Its start link, in that section near the top, and nowhere else on the page.
      const start = procedure.html.indexOf('<h2 id="checklist">');
      const end = procedure.html.indexOf('<h2 ', start + 1);
      expect(startLinks(procedure.html.slice(start, end === -1 ? undefined : end)), procedure.id).toEqual(described);
      expect(startLinks(procedure.html), procedure.id).toEqual(described);
      startedFrom.set(described[0]!, [...(startedFrom.get(described[0]!) ?? []), procedure.id]);
    }
    for (const checklist of checklists) {
      const ownPage = checklist.anchor.split('#')[0]!;
      const pages = startedFrom.get(checklist.id) ?? [];
      expect(pages, checklist.id).toHaveLength(1);
      // Where the checklist's handbook page is a procedure page, that page is the one that starts it.
      if (handbook.bundle.pages.find((candidate) => candidate.id === ownPage)?.section === 'Procedures') expect(pages, checklist.id).toEqual([ownPage]);
    }
  });

  it('has the section every problem of a step links to', async () => {
    const folder = join(root, 'src', 'main', 'services', 'checklists');
    const anchors: string[] = [];
    for (const file of checklistSourceFiles) anchors.push(...stepProblemAnchors(await readFile(join(folder, file), 'utf8')));
    expect(anchors.length).toBeGreaterThan(5);
    expect(anchors.filter((anchor) => !handbook.targets.has(anchor))).toEqual([]);
  });
});

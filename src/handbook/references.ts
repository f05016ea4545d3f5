import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { errorKinds, kindAnchor } from '../shared/result';
import { scmCodeAnchor, scmErrorCatalogue } from '../shared/scmErrors';

export interface CodeReference {
  from: string;
  target: string;
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return Promise.resolve(/\.(ts|tsx)$/.test(entry.name) ? [path] : []);
    }),
  );
  return nested.flat();
}

/**
 * The handbook locations the code points at: one per error kind (every error
 * links to its kind) and per SCM code in the catalogue, plus every quoted
 * `page#anchor` literal whose page is a handbook page.
 */
export async function collectCodeReferences(sourceDir: string, pageIds: ReadonlySet<string>): Promise<CodeReference[]> {
  const references: CodeReference[] = [
    ...errorKinds.map((kind) => ({ from: `error kind ${kind}`, target: kindAnchor(kind) })),
    ...Object.keys(scmErrorCatalogue).map((code) => ({ from: `SCM error catalogue, code ${code}`, target: scmCodeAnchor(Number(code)) })),
  ];
  for (const file of await sourceFiles(sourceDir)) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/['"`]([a-z0-9-]+)#([a-z0-9-]+)['"`]/g)) {
      if (pageIds.has(match[1]!)) references.push({ from: relative(sourceDir, file), target: `${match[1]}#${match[2]}` });
    }
  }
  return references;
}

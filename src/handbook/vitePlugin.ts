import { join } from 'node:path';
import type { Plugin } from 'vite';
import { brokenReferences, compileHandbook } from './compile';
import { collectCodeReferences } from './references';

const virtualId = 'virtual:handbook';
const resolvedId = `\0${virtualId}`;

/**
 * Serves `virtual:handbook`: the handbook compiled at build time. The build
 * fails when a page or the code links to a page or anchor that does not exist.
 */
export function handbookPlugin(root: string): Plugin {
  const docsDir = join(root, 'resources', 'docs');
  const sourceDir = join(root, 'src');
  return {
    name: 'tcs-handbook',
    resolveId: (id) => (id === virtualId ? resolvedId : undefined),
    async load(id) {
      if (id !== resolvedId) return undefined;
      const handbook = await compileHandbook(docsDir);
      this.addWatchFile(docsDir);
      const pageIds = new Set(handbook.bundle.pages.map((page) => page.id));
      const problems = brokenReferences(handbook, await collectCodeReferences(sourceDir, pageIds));
      if (problems.length > 0) this.error(`The handbook has broken links:\n  ${problems.join('\n  ')}`);
      return `export default ${JSON.stringify(handbook.bundle)};`;
    },
  };
}

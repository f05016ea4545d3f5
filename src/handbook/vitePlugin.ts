import { join } from 'node:path';
import type { Plugin } from 'vite';
import { handbookLanguages, type HandbookLanguage } from '../shared/handbook';
import { brokenReferences, compileHandbook, compileTranslation } from './compile';
import { collectCodeReferences } from './references';

const virtualPrefix = 'virtual:handbook/';

/**
 * Serves `virtual:handbook/en` and `virtual:handbook/sv`: the handbook in each
 * language, compiled at build time. The build fails when a page or the code
 * links to a page or anchor that does not exist in either language, or when a
 * translated page's anchors, links or place differ from its English page's.
 */
export function handbookPlugin(root: string): Plugin {
  const docsDir = join(root, 'resources', 'docs');
  const sourceDir = join(root, 'src');
  return {
    name: 'tcs-handbook',
    resolveId: (id) => (id.startsWith(virtualPrefix) && (handbookLanguages as readonly string[]).includes(id.slice(virtualPrefix.length)) ? `\0${id}` : undefined),
    async load(id) {
      if (!id.startsWith(`\0${virtualPrefix}`)) return undefined;
      const language = id.slice(virtualPrefix.length + 1) as HandbookLanguage;
      this.addWatchFile(docsDir);
      const english = await compileHandbook(docsDir);
      const pageIds = new Set(english.bundle.pages.map((page) => page.id));
      const codeRefs = await collectCodeReferences(sourceDir, pageIds);
      if (language === 'en') {
        const problems = brokenReferences(english, codeRefs);
        if (problems.length > 0) this.error(`The handbook has broken links:\n  ${problems.join('\n  ')}`);
        return `export default ${JSON.stringify(english.bundle)};`;
      }
      const translation = await compileTranslation(docsDir, language, english);
      const problems = [...translation.problems, ...brokenReferences(translation.handbook, codeRefs)];
      if (problems.length > 0) this.error(`The handbook in "${language}" does not match the English one:\n  ${problems.join('\n  ')}`);
      return `export default ${JSON.stringify(translation.handbook.bundle)};`;
    },
  };
}

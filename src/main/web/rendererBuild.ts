import type { Plugin } from 'vite';
import { precompressRendererFiles } from './static';

/*
 * What the build does to the renderer for the way it is served: Vite plugins,
 * used by electron.vite.config.ts and by the start-up benchmark's blank page.
 */

/**
 * Compresses the built renderer's text files beside themselves, so that the
 * browser shell sends its first page compressed without compressing it first.
 */
export function precompressRenderer(outDir: string): Plugin {
  return {
    name: 'precompress-renderer',
    apply: 'build',
    async closeBundle() {
      await precompressRendererFiles(outDir);
    },
  };
}

/**
 * Links from index.html, with `modulepreload`, the chunks a start runs after
 * the first script: the console's own (loaded by the first script once the tab
 * has started connecting) and the page a start opens (Home), each with every
 * chunk it imports. The browser then fetches and compiles them beside the
 * first script instead of after it has run; they stay chunks of their own,
 * loaded as before.
 */
export function preloadAtStart(modules: readonly string[]): Plugin {
  return {
    name: 'preload-at-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (bundle === undefined) return [];
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const entries = new Set(chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName));
        const files: string[] = [];
        const visit = (fileName: string): void => {
          if (entries.has(fileName) || files.includes(fileName)) return;
          files.push(fileName);
          for (const imported of bundle[fileName]?.type === 'chunk' ? bundle[fileName].imports : []) visit(imported);
        };
        for (const module of modules) {
          const built = chunks.find((chunk) => chunk.facadeModuleId !== null && chunk.facadeModuleId.replaceAll('\\', '/').endsWith(module));
          if (built === undefined) throw new Error(`no chunk is built from ${module}, which a start runs`);
          visit(built.fileName);
        }
        return files.map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${fileName}` }, injectTo: 'head' as const }));
      },
    },
  };
}

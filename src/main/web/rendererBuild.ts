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
 * Links the code of the page a start opens (Home) from index.html with
 * `modulepreload`, so that the browser fetches and compiles it beside the
 * first script instead of after it has run. The page stays a chunk of its own,
 * loaded by the router as every page is.
 */
export function preloadFirstPage(pageModule: string): Plugin {
  return {
    name: 'preload-first-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (bundle === undefined) return [];
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const page = chunks.find((chunk) => chunk.facadeModuleId !== null && chunk.facadeModuleId.replaceAll('\\', '/').endsWith(pageModule));
        if (page === undefined) throw new Error(`no chunk is built from ${pageModule}, the page a start opens`);
        const entries = new Set(chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName));
        const files: string[] = [];
        const visit = (fileName: string): void => {
          if (entries.has(fileName) || files.includes(fileName)) return;
          files.push(fileName);
          for (const imported of bundle[fileName]?.type === 'chunk' ? bundle[fileName].imports : []) visit(imported);
        };
        visit(page.fileName);
        return files.map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${fileName}` }, injectTo: 'head' as const }));
      },
    },
  };
}

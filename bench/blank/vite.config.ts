import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import { precompressRenderer } from '../../src/main/web/rendererBuild';

/** The start-up benchmark's baselines: a blank React page (bench/blank), and one on the console's libraries (bench/stack). */
export type BaselinePage = 'blank' | 'stack';

/**
 * A baseline page built as electron-vite builds the renderer: Vite with the
 * React plugin, minified, relative asset paths, no module-preload polyfill,
 * its files compressed ahead as the console's are. Built into
 * out/bench-NAME, beside the console.
 */
export function baselinePage(name: BaselinePage): UserConfig {
  const outDir = fileURLToPath(new URL(`../../out/bench-${name}`, import.meta.url));
  return {
    root: fileURLToPath(new URL(`../${name}`, import.meta.url)),
    base: './',
    logLevel: 'warn',
    plugins: [react(), precompressRenderer(outDir)],
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
  };
}

export default defineConfig(baselinePage('blank'));

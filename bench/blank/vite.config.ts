import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompressRenderer } from '../../src/main/web/rendererBuild';

/**
 * The start-up benchmark's baseline page, built as electron-vite builds the
 * renderer: Vite with the React plugin, minified, relative asset paths, no
 * module-preload polyfill, its files compressed ahead as the console's are.
 * Built into out/bench-blank, beside the console.
 */
const outDir = fileURLToPath(new URL('../../out/bench-blank', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
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
});

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The start-up benchmark's baseline page, built as electron-vite builds the
 * renderer: Vite with the React plugin, minified, relative asset paths, no
 * module-preload polyfill. Built into out/bench-blank, beside the console.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../out/bench-blank', import.meta.url)),
    emptyOutDir: true,
    minify: true,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});

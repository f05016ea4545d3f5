import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { handbookPlugin } from './src/handbook/vitePlugin';
import { precompressRenderer, preloadAtStart } from './src/main/web/rendererBuild';

/**
 * The dev server needs inline scripts and a websocket for hot reload; the built
 * page keeps the strict policy written in index.html.
 */
function relaxPolicyWhileDeveloping(): Plugin {
  return {
    name: 'relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws:")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          web: resolve('src/main/webShell.ts'),
          sandbox: resolve('src/sandbox/cli.ts'),
          cli: resolve('src/cli/index.ts'),
        },
        // The command line runs as a program of its own (`tcs-admin`).
        output: { banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads must be one CommonJS file that requires nothing but electron.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
    plugins: [
      react(),
      relaxPolicyWhileDeveloping(),
      handbookPlugin(resolve('.')),
      preloadAtStart(['src/renderer/src/start.tsx', 'src/renderer/src/features/home/HomePage.tsx']),
      precompressRenderer(resolve('out/renderer')),
    ],
  },
});

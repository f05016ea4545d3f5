#!/usr/bin/env node
// Retakes docs/screenshot.png, the README's picture, from the browser shell.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = spawnSync(join(root, 'node_modules', '.bin', 'playwright'), ['test', '--project', 'browser-shell', '--grep', 'screenshot for the README'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, UPDATE_SCREENSHOT: '1' },
  shell: process.platform === 'win32',
});
process.exit(run.status ?? 1);

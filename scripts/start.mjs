#!/usr/bin/env node
// `npm start`: the desktop window where Electron's binary is installed; where it
// is not, one line saying so, and the same console in the browser instead.
// `--no-build` starts what was built last; the browser shell's own options
// (`--port N`, `--user-data DIR`) pass through to it.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';
import { nodeSupport } from './node-version.mjs';

const support = nodeSupport(process.versions.node);
if (support.message !== null) process.stderr.write(`${support.message}\n`);
if (!support.ok) process.exit(1);

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const passOn = args.filter((argument) => argument !== '--no-build');

/** Runs to the end, exiting with the child's status when it fails. */
function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, shell: process.platform === 'win32', ...options });
  if (result.status !== 0) {
    if (options.stdio === 'pipe') process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    process.exit(result.status ?? 1);
  }
}

const binary = findElectronBinary(root);
if ('path' in binary) {
  const child = spawn(bin('electron-vite'), ['preview', ...(skipBuild ? ['--skipBuild'] : [])], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  process.stdout.write(
    `No desktop window: Electron's binary is not installed here (${binary.missing.replace(/\(|\)/g, '')}), so the console opens in your browser instead. Where npm skipped Electron's download, \`npm install-scripts approve electron && npm rebuild electron\` fetches it.\n`,
  );
  if (!skipBuild) run(bin('electron-vite'), ['build'], { stdio: 'pipe', encoding: 'utf8' });
  const shell = spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), '--open', ...passOn], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => shell.kill(signal));
  shell.on('exit', (code) => process.exit(code ?? 0));
}

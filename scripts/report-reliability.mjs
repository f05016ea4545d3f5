#!/usr/bin/env node
// `npm run report:reliability`: runs the reliability suites at full size and
// prints the table of figures. With --readme it also writes the table into
// README.md between its reliability markers. CI runs the same suites at a
// smaller size as part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figuresPath, figuresTable, readFigures, unmet } from './reliability-table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const writeReadme = process.argv.includes('--readme');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const env = { ...process.env, TCS_RELIABILITY: 'full' };

rmSync(figuresPath(root), { force: true });
const started = Date.now();
const steps = [
  ['build', [bin('electron-vite'), 'build']],
  ['reliability suites (vitest)', [process.execPath, join(root, 'scripts', 'keyring-session.mjs'), '--', bin('vitest'), 'run', 'test/reliability']],
  ['reliability suites (Playwright)', [process.execPath, join(root, 'scripts', 'keyring-session.mjs'), '--', bin('playwright'), 'test', '--project=browser-shell', 'test/e2e/reliability-']],
];
const failed = [];
for (const [name, command] of steps) {
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(command[0], command.slice(1), { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) failed.push(name);
}

const figures = readFigures(root);
const table = figuresTable(figures);
const minutes = ((Date.now() - started) / 60000).toFixed(0);
const stamp = `Full size, ${new Date().toISOString().slice(0, 10)}, ${minutes} min on this machine (${process.platform}, Node ${process.versions.node}).`;
console.log(`\n=== reliability figures ===\n${stamp}\n\n${table}`);
for (const figure of unmet(figures)) console.log(`not met: ${figure.suite}: ${figure.name} = ${figure.value} (goal ${figure.goal})`);
for (const name of failed) console.log(`failed: ${name}`);

if (writeReadme) {
  const readme = join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- reliability:start -->';
  const end = '<!-- reliability:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) {
    console.log(`README.md has no ${start} … ${end} markers; not written.`);
  } else {
    writeFileSync(readme, `${text.slice(0, from + start.length)}\n${stamp}\n\n${table}\n${text.slice(to)}`);
    console.log('README.md: the table was written.');
  }
}
process.exit(failed.length === 0 && unmet(figures).length === 0 && figures.length > 0 ? 0 : 1);

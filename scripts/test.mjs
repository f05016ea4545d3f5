#!/usr/bin/env node
// Every check and test of the project, in order, with one summary at the end.
// `npm test` runs this; CI runs `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figuresTable, readFigures, unmet } from './reliability-table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// The keychain tests and the end-to-end runs need a Secret Service. On Linux,
// run everything inside a private D-Bus session with an unlocked GNOME Keyring
// (never the user's own); elsewhere the system keychain is used as it is.
const canMakeKeyring =
  process.platform === 'linux' && ['dbus-run-session', 'gnome-keyring-daemon', 'dbus-send'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
if (process.env.TCS_KEYRING_SESSION === undefined && canMakeKeyring) {
  const inner = spawnSync(process.execPath, [join(root, 'scripts', 'keyring-session.mjs'), '--', process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(inner.status ?? 1);
}
if (process.env.TCS_KEYRING_SESSION === undefined && process.platform === 'linux') {
  console.log('No dbus-run-session or gnome-keyring-daemon here: the keychain tests will be skipped (Debian: apt-get install dbus gnome-keyring).');
}
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

/**
 * The suites run again on a second supported Node release, from the npm
 * registry's `node` package: 24, or 22 where this one is 24.
 * `TCS_SECOND_NODE=22` picks another, `TCS_SECOND_NODE=none` skips it.
 */
const ownMajor = Number(process.versions.node.split('.')[0]);
const secondNode = process.env.TCS_SECOND_NODE ?? (ownMajor === 24 ? '22' : '24');
let secondNodeBinary = null;
/** The second Node's executable, fetched once through npm; null with the reason printed when it cannot be had. */
function findSecondNode() {
  if (secondNodeBinary !== null) return secondNodeBinary;
  const found = spawnSync('npm', ['exec', '--yes', `--package=node@${secondNode}`, '--', 'node', '-p', 'process.execPath + " " + process.version'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  const [path, version] = (found.stdout ?? '').trim().split('\n').at(-1)?.split(' ') ?? [];
  if (found.status !== 0 || path === undefined || version === undefined || !existsSync(path)) {
    console.log(`Node ${secondNode} could not be fetched from the npm registry (npm exec --package=node@${secondNode}):\n${found.stderr ?? ''}`);
    return null;
  }
  console.log(`Node ${version} at ${path}`);
  secondNodeBinary = path;
  return path;
}
/** A command run by the second Node, or one that fails saying why. */
const onSecondNode = (script, ...args) => () => {
  const node = findSecondNode();
  return node === null ? [process.execPath, '-e', 'process.exit(1)'] : [node, script, ...args];
};

const steps = [
  { name: 'typecheck (Node side)', command: [bin('tsc'), '-p', 'tsconfig.node.json'] },
  { name: 'typecheck (web side)', command: [bin('tsc'), '-p', 'tsconfig.web.json'] },
  { name: 'typecheck (browser tests)', command: [bin('tsc'), '-p', 'tsconfig.playwright.json'] },
  { name: 'lint', command: [bin('eslint'), '.', '--max-warnings', '0'] },
  { name: 'build', command: [bin('electron-vite'), 'build'] },
  {
    name: 'unit and integration tests (vitest)',
    command: [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'vitest.json')}`],
    counts: () => vitestCounts(join(results, 'vitest.json')),
  },
  { name: 'security scan (Electronegativity)', command: [process.execPath, join(root, 'scripts', 'electronegativity-gate.mjs')] },
  {
    name: 'end-to-end and Electron tests (Playwright)',
    command: [bin('playwright'), 'test'],
    counts: () => playwrightCounts(join(results, 'playwright.json')),
  },
  ...(secondNode === 'none'
    ? []
    : [
        {
          name: `unit and integration tests on Node ${secondNode} (vitest)`,
          command: onSecondNode(join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, `vitest-node${secondNode}.json`)}`),
          counts: () => vitestCounts(join(results, `vitest-node${secondNode}.json`)),
        },
        {
          name: `end-to-end tests on Node ${secondNode} (Playwright, browser shell)`,
          command: onSecondNode(join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--project=browser-shell'),
          counts: () => playwrightCounts(join(results, 'playwright.json')),
        },
      ]),
];

function vitestCounts(path) {
  if (!existsSync(path)) return null;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts(path) {
  if (!existsSync(path)) return null;
  const { stats } = JSON.parse(readFileSync(path, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let failedStep = null;
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const command = typeof step.command === 'function' ? step.command() : step.command;
  const run = spawnSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = step.counts?.() ?? null;
  if (counts) {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  const ok = run.status === 0;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${step.name} (${seconds} s)${counts ? `: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` : ''}`);
  if (!ok) {
    failedStep = step.name;
    break;
  }
}

// The reliability suites ran at CI size among the others; their figures, as every run recomputes them.
const figures = readFigures(root);
if (figures.length > 0) {
  console.log(`\n=== reliability figures (CI size; npm run report:reliability for full size) ===\n${figuresTable(figures)}`);
  for (const figure of unmet(figures)) lines.push(`FAIL reliability figure not met: ${figure.suite}: ${figure.name} = ${figure.value} (goal ${figure.goal})`);
  if (unmet(figures).length > 0 && failedStep === null) failedStep = 'reliability figures';
}

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
if (failedStep !== null) {
  console.log(`stopped at: ${failedStep}`);
  if (total.failed === 0) total.failed = 1;
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedStep === null ? 0 : 1);

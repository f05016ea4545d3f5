#!/usr/bin/env node
// Scans the built app with Electronegativity and fails on any finding above "note".
// Electronegativity itself always exits 0, so its SARIF report is read here instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Findings whose SARIF level is worse than "note". */
export function findingsAboveNote(sarif) {
  const runs = Array.isArray(sarif?.runs) ? sarif.runs : [];
  return runs.flatMap((run) => (Array.isArray(run.results) ? run.results : [])).filter((result) => (result.level ?? 'warning') !== 'note' && result.level !== 'none');
}

function describe(result) {
  const location = result.locations?.[0]?.physicalLocation;
  const where = location ? `${location.artifactLocation?.uri}:${location.region?.startLine ?? '?'}` : 'unknown place';
  return `${result.level ?? 'warning'} ${result.ruleId} at ${where}: ${result.message?.text ?? ''}`;
}

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = join(root, 'out');
  for (const required of ['main/index.js', 'preload/index.cjs', 'renderer/index.html']) {
    if (!existsSync(join(out, required))) {
      console.error(`electronegativity: out/${required} is missing; run \`npm run build\` first.`);
      process.exit(2);
    }
  }
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const folder = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  const report = join(folder, 'report.sarif');
  try {
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', out, '-o', report, '-r', '-e', electronVersion],
      { encoding: 'utf8', timeout: 300_000 },
    );
    if (!existsSync(report)) {
      console.error(`electronegativity: no report was written.\n${run.stdout}\n${run.stderr}`);
      process.exit(2);
    }
    const sarif = JSON.parse(readFileSync(report, 'utf8'));
    const all = sarif.runs.flatMap((r) => r.results ?? []);
    const failing = findingsAboveNote(sarif);
    for (const result of all) console.log(`  ${describe(result)}`);
    if (failing.length > 0) {
      console.error(`electronegativity: ${failing.length} finding(s) above "note"; fix them or explain them away in code.`);
      process.exit(1);
    }
    console.log(`electronegativity: ${all.length} note(s), nothing above "note".`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsoleCore } from '../../src/main/console';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { cacheFolderName, cachePath, readCache, writeCache, type CacheContents } from '../../src/main/services/certificates/cache';
import type { Unit } from '../../src/main/services/certificates/query';
import { stateOf, type StoredRow } from '../../src/main/services/certificates/rows';
import { removeAbandonedTemporaryFiles } from '../../src/main/storage';
import { seededRandom } from '../support/reliability';

/*
 * A writer killed at any moment leaves the old cache or the new one, each
 * whole, or none before its first write finished; never a file that cannot be
 * read. A child process writes caches of 20,000 certificates one after another
 * and is killed with SIGKILL at moments drawn from a fixed seed, and a few
 * times the instant its temporary file appears, so that some kills land in
 * the middle of a write. The temporary files killed writers leave are cleared
 * as the console clears them when it starts.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const cacheModule = pathToFileURL(join(root, 'src/main/services/certificates/cache.ts')).href;
const certificates = 20_000;
/** Each generation leaves out a different number of the last rows, so its count tells it apart. */
const generationSpread = 97;
/** Writers killed side by side, each lane this many times, the last of each the instant its temporary file appears. */
const lanes = 4;
const roundsPerLane = 5;
const killsWhileWritingPerLane = 1;

const units: Unit[] = [
  { id: 1001, name: 'Umeå universitet', parentId: null },
  { id: 1002, name: 'Institutionen för datavetenskap', parentId: 1001 },
  { id: 1101, name: 'Lunds universitet', parentId: null },
];

function inventory(): StoredRow[] {
  const random = seededRandom(7);
  const rows: StoredRow[] = [];
  for (let n = 0; n < certificates; n += 1) {
    const ssl = n % 3 !== 0;
    const id = 10_000 + n;
    const status = ssl ? (['Issued', 'Expired', 'Requested', 'Revoked'] as const)[n % 4]! : (['issued', 'expired', 'revoked'] as const)[n % 3]!;
    const unit = units[n % units.length]!;
    const day = 20_000 + Math.floor(random() * 2000);
    const expires = new Date((day + 365) * 86_400_000).toISOString().slice(0, 10);
    rows.push({
      key: `${ssl ? 'ssl' : 'smime'}-${id}`,
      kind: ssl ? 'ssl' : 'smime',
      id,
      backendCertId: ssl ? null : String(500_000 + n),
      commonName: ssl ? `host${n}.example.se` : `Åsa Öberg ${n}`,
      names: ssl ? [`host${n}.example.se`, `www.host${n}.example.se`] : [`asa.oberg${n}@example.se`],
      status,
      baseState: stateOf(ssl ? 'ssl' : 'smime', status),
      orgId: unit.id,
      orgName: unit.name,
      profileName: ssl ? 'OV Multi-Domain' : 'GÉANT Personal email signing and encryption',
      term: ssl ? 365 : null,
      requested: ssl ? new Date(day * 86_400_000 - 3_600_000).toISOString() : null,
      issued: status === 'Requested' ? null : new Date(day * 86_400_000).toISOString().slice(0, 10),
      expires: status === 'Requested' ? null : expires,
      requester: ssl ? 'anna.berg@example.se' : null,
      serialNumber: status === 'Requested' ? null : Math.floor(random() * 2 ** 48).toString(16).toUpperCase(),
    });
  }
  return rows;
}

/** The writer: one cache after another, each generation's number printed once it is on disk. */
const writer = `
import { readFileSync } from 'node:fs';
const { writeCache } = await import(process.env.CACHE_MODULE);
const { units, rows } = JSON.parse(readFileSync(process.env.ROWS_FILE, 'utf8'));
process.stdout.write('ready\\n');
for (let generation = 1; ; generation += 1) {
  await writeCache(process.env.TARGET, {
    profileId: 'crash',
    profileName: 'Round ' + process.env.ROUND + ', generation ' + generation,
    savedAt: new Date(Date.UTC(2026, 0, 1) + generation * 1000).toISOString(),
    sources: ['report'],
    complete: generation % 2 === 0,
    units,
    rows: rows.slice(0, rows.length - (generation % ${generationSpread})),
  });
  process.stdout.write(generation + '\\n');
}
`;

interface Writer {
  child: ChildProcess;
  /** The last generation the writer said was on disk. */
  written: () => number;
  exited: Promise<void>;
  ready: () => Promise<void>;
  firstWritten: () => Promise<void>;
}

function startWriter(rowsFile: string, target: string, round: number): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer], {
    cwd: root,
    env: { ...process.env, CACHE_MODULE: cacheModule, ROWS_FILE: rowsFile, TARGET: target, ROUND: String(round) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  let errors = '';
  let written = 0;
  let signalReady: () => void = () => undefined;
  let signalWritten: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  const firstWritten = new Promise<void>((resolve) => (signalWritten = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
    const lines = printed.split('\n');
    printed = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') signalReady();
      else {
        written = Number(line);
        signalWritten();
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve, reject) => {
    child.once('close', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer stopped by itself (${code ?? signal}):\n${errors}`))));
  });
  // A writer that fails before it is ready fails the wait for it too.
  // Waiting for the writer fails if it stops by itself first.
  const orFailed = (awaited: Promise<void>) => () => Promise.race([awaited, exited.then(() => Promise.reject(new Error(`the writer was killed before it got there`)))]);
  exited.catch(() => undefined);
  return { child, written: () => written, exited, ready: orFailed(ready), firstWritten: orFailed(firstWritten) };
}

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once a temporary file is in the folder, looking every millisecond. */
async function temporaryFileAppears(folder: string): Promise<void> {
  for (;;) {
    const names = await readdir(folder).catch(() => [] as string[]);
    if (names.some((name) => name.endsWith('.tmp'))) return;
    await sleep(1);
  }
}

interface Tally {
  missing: number;
  earlier: number;
  previous: number;
  next: number;
  leftTemporary: number;
}

/**
 * One lane of kills: writers one after another on the same data folder, each
 * killed and its cache checked, the last ones the instant their temporary
 * file appears.
 */
async function lane(number: number, rounds: number, rowsFile: string, rows: readonly StoredRow[], writeMs: number, tally: Tally): Promise<string> {
  const userDataDir = await mkdtemp(join(tmpdir(), `tcs-cache-crash-${number}-`));
  folders.push(userDataDir);
  const folder = join(userDataDir, cacheFolderName);
  const target = cachePath(userDataDir, 'crash');
  const keys = rows.map((row) => row.key).join();
  const random = seededRandom(2026 + number);
  /** The cache the last round left. */
  let onDisk: { round: number; generation: number } | null = null;
  for (let round = 0; round < rounds; round += 1) {
    const writer = startWriter(rowsFile, target, round);
    await writer.ready();
    if (round >= rounds - killsWhileWritingPerLane) await temporaryFileAppears(folder);
    else if (round === 0) await sleep(Math.floor(random() * writeMs));
    else {
      // After its first write, at a moment somewhere in the next two or three.
      await writer.firstWritten();
      await sleep(Math.floor(random() * writeMs * 2.5));
    }
    writer.child.kill('SIGKILL');
    await writer.exited;

    const written = writer.written();
    const outcome = await readCache(target);
    const where = `lane ${number}, round ${round}`;
    expect(outcome.status, `${where}: ${outcome.status === 'unreadable' ? outcome.reason : ''}`).not.toBe('unreadable');
    if (outcome.status === 'missing') {
      // Only before any write finished, in this round or before.
      expect(written, where).toBe(0);
      expect(onDisk, where).toBeNull();
      tally.missing += 1;
    } else if (outcome.status === 'ok') {
      const [, inRound, inGeneration] = /^Round (\d+), generation (\d+)$/.exec(outcome.contents.profileName) ?? [];
      const found = { round: Number(inRound), generation: Number(inGeneration) };
      // What the writer said it wrote, or the write after it, renamed in place just before the kill; before its first, what the last round left.
      expect([{ round, generation: written + 1 }, written > 0 ? { round, generation: written } : onDisk], where).toContainEqual(found);
      if (found.round !== round) tally.earlier += 1;
      else if (found.generation === written) tally.previous += 1;
      else tally.next += 1;
      onDisk = found;
      const count = certificates - (found.generation % generationSpread);
      expect(outcome.contents.rows, where).toHaveLength(count);
      expect(outcome.contents.rows.map((row) => row.key).join(), where).toBe(keys.split(',').slice(0, count).join());
      expect(outcome.contents.rows.at(-1), where).toEqual(rows[count - 1]);
      expect(outcome.contents.units, where).toEqual(units);
      expect(outcome.contents.complete, where).toBe(found.generation % 2 === 0);
    }

    // A killed write leaves its temporary file; clearing the folder as the console does at start removes it, and only it.
    const before = await readdir(folder).catch(() => [] as string[]);
    const temporary = before.filter((name) => name.endsWith('.tmp'));
    for (const name of temporary) expect(name, where).toMatch(new RegExp(`^\\.crash\\.cache\\.${writer.child.pid}\\.[0-9a-f]{12}\\.tmp$`));
    tally.leftTemporary += temporary.length;
    expect(await removeAbandonedTemporaryFiles(folder), where).toBe(temporary.length);
    expect(await readdir(folder).catch(() => [] as string[]), where).toEqual(before.filter((name) => !name.endsWith('.tmp')));
  }
  return userDataDir;
}

describe('the certificate cache, its writer killed at any moment', () => {
  it('is the old or the new inventory, whole, or none yet; never unreadable; and killed writes leave nothing behind', { timeout: 120_000 }, async () => {
    const shared = await mkdtemp(join(tmpdir(), 'tcs-cache-crash-rows-'));
    folders.push(shared);
    const rows = inventory();
    const rowsFile = join(shared, 'rows.json');
    await writeFile(rowsFile, JSON.stringify({ units, rows }));

    // How long one write takes here, to spread the kills over a few writes.
    const contents: CacheContents = { profileId: 'probe', profileName: 'Probe', savedAt: new Date(0).toISOString(), sources: ['report'], complete: true, units, rows };
    await writeCache(join(shared, 'probe', 'warm-up.cache'), contents);
    const started = performance.now();
    await writeCache(join(shared, 'probe', 'probe.cache'), contents);
    const writeMs = performance.now() - started;

    // Lanes side by side: a writer's start-up is most of a round's time.
    const tally: Tally = { missing: 0, earlier: 0, previous: 0, next: 0, leftTemporary: 0 };
    const dataDirs = await Promise.all(Array.from({ length: lanes }, (_, number) => lane(number, roundsPerLane, rowsFile, rows, writeMs, tally)));
    console.info(
      `certificate cache crash test: ${lanes * roundsPerLane} kills of a writer of ${certificates.toLocaleString('en')} certificates (one write ${writeMs.toFixed(0)} ms); ` +
        `the cache then: none yet ${tally.missing}, the last round's ${tally.earlier}, the writer's last ${tally.previous}, the write under way ${tally.next}; temporary files left ${tally.leftTemporary}`,
    );
    // Those killed the instant a temporary file appeared were in the middle of a write.
    expect(tally.leftTemporary).toBeGreaterThan(0);

    // The console itself, started on the folder, clears what one more killed writer left.
    const userDataDir = dataDirs[0]!;
    const folder = join(userDataDir, cacheFolderName);
    const last = startWriter(rowsFile, cachePath(userDataDir, 'crash'), roundsPerLane);
    await last.ready();
    await temporaryFileAppears(folder);
    last.child.kill('SIGKILL');
    await last.exited;
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).not.toEqual([]);
    const core = await createConsoleCore({ userDataDir, shell: 'browser', openInSystemBrowser: null, credentials: new MemoryCredentialStore() });
    await core.close();
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await readCache(cachePath(userDataDir, 'crash'))).status).toBe('ok');
  });
});

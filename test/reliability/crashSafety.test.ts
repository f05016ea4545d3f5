import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../src/main/console';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { cacheFolderName, readCache, writeCache, type CacheContents } from '../../src/main/services/certificates/cache';
import type { Unit } from '../../src/main/services/certificates/query';
import { stateOf, type StoredRow } from '../../src/main/services/certificates/rows';
import { checklistsFolderName } from '../../src/main/services/checklists';
import { Notices } from '../../src/main/services/notices';
import { ProfileService } from '../../src/main/services/profiles';
import { ManualClock, startSandbox, type SandboxHandle } from '../../src/sandbox';
import type { ArgsOf, Channel, ValueOf } from '../../src/shared/contract';
import { atSize, recordFigure, seededRandom } from '../support/reliability';
import { actionFor, FileKeychain, type WriterSetup } from './crashWriter';
import { jobEnded } from '../support/jobs';

/*
 * The console killed at any moment while it writes: a child process
 * (crashWriter.ts) steps checklist runs against a tenant, changes settings and
 * profiles, appends to the audit log and writes certificate caches, one write
 * after another, and says after each write returned what it wrote. It is
 * killed with SIGKILL at a moment drawn from a fixed seed: after some of its
 * writes and a part of the next, around its first, the instant a write's
 * temporary file appears, or partway through a large cache write. Then the
 * console starts on its folder as the app does (clearing what killed writes
 * left) and everything is read with the console's own readers: every file
 * must parse, every unfinished checklist run must take its next step, every
 * audit record the writer said was written must be in the log, and no
 * temporary file may remain. The next writer goes on from there, so each
 * kill lands on what the kills before it left.
 */

const suite = 'Crash safety';
const kills = atSize(30, 200);
const lanes = 2;
const seed = 20_260_311;
const root = fileURLToPath(new URL('../..', import.meta.url));
const writerScript = fileURLToPath(new URL('./crashWriter.ts', import.meta.url));

/** The large cache: as many certificates as a big institution has. */
const bigInventory = 20_000;
const units: Unit[] = [
  { id: 1001, name: 'Umeå universitet', parentId: null },
  { id: 1002, name: 'Institutionen för datavetenskap', parentId: 1001 },
];

function inventory(): StoredRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: bigInventory }, (_, n): StoredRow => {
    const ssl = n % 3 !== 0;
    const id = 10_000 + n;
    const status = ssl ? (['Issued', 'Expired', 'Revoked'] as const)[n % 3]! : (['issued', 'expired', 'revoked'] as const)[n % 3]!;
    const unit = units[n % units.length]!;
    const day = 20_000 + Math.floor(random() * 2000);
    return {
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
      issued: new Date(day * 86_400_000).toISOString().slice(0, 10),
      expires: new Date((day + 365) * 86_400_000).toISOString().slice(0, 10),
      requester: ssl ? 'anna.berg@example.se' : null,
      serialNumber: Math.floor(random() * 2 ** 48).toString(16).toUpperCase(),
    };
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The tenant's front door. A request a writer sent just before it was killed
 * may still be under way at the tenant; a person starting the app again finds
 * it long done. The console starts again only once every connection the
 * killed writer opened has closed and every request that came in on one has
 * been answered, so what is tested is what the files hold, not a race with SCM.
 */
interface Doorway {
  url: string;
  /** Names the connections opened from now on. */
  tag(name: string): void;
  /** Resolves once the connections named `name` are closed and no request is under way. */
  settled(name: string): Promise<void>;
  close(): Promise<void>;
}

async function startDoorway(target: string): Promise<Doorway> {
  const upstream = new URL(target);
  let tag = '';
  let underWay = 0;
  const open = new Map<Socket, string>();
  let waiters: (() => void)[] = [];
  const changed = () => {
    const ready = waiters;
    waiters = [];
    for (const waiter of ready) waiter();
  };
  const server = createServer((request, response) => {
    underWay += 1;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      underWay -= 1;
      changed();
    };
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('close', () => {
      if (!request.complete) finish();
    });
    request.on('end', () => {
      const headers: IncomingHttpHeaders = { ...request.headers, host: upstream.host };
      const forwarded = httpRequest({ host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => body.push(chunk));
        answer.on('end', () => {
          finish();
          if (!response.destroyed) {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(Buffer.concat(body));
          }
        });
        answer.on('error', () => {
          finish();
          response.destroy();
        });
      });
      forwarded.on('error', () => {
        finish();
        response.destroy();
      });
      forwarded.end(Buffer.concat(chunks));
    });
  });
  server.on('connection', (socket: Socket) => {
    open.set(socket, tag);
    socket.on('close', () => {
      open.delete(socket);
      changed();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const isSettled = (name: string) => underWay === 0 && ![...open.values()].includes(name);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tag: (name) => void (tag = name),
    settled: (name) =>
      new Promise<void>((resolve) => {
        const check = () => (isSettled(name) ? resolve() : waiters.push(check));
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open.keys()) socket.destroy();
      }),
  };
}

/** Resolves once a temporary file is in one of the folders, looking every millisecond. */
async function temporaryFileAppears(folders: readonly string[]): Promise<void> {
  for (;;) {
    for (const folder of folders) {
      const names = await readdir(folder).catch(() => [] as string[]);
      if (names.some((name) => name.endsWith('.tmp'))) return;
    }
    await sleep(1);
  }
}

/**
 * Where a kill lands: after some writes and a part of the next; around the
 * first; the moment a write's temporary file appears (inside a write); or
 * partway through a large cache write.
 */
type KillPlan =
  | { mode: 'after-writes'; writes: number; into: number }
  | { mode: 'first-write'; into: number }
  | { mode: 'in-a-write'; writes: number }
  | { mode: 'big-cache'; at: number; into: number };

function killPlan(random: () => number): KillPlan {
  const draw = random();
  if (draw < 0.08) return { mode: 'first-write', into: random() };
  if (draw < 0.2) return { mode: 'big-cache', at: Math.floor(random() * 6), into: random() };
  if (draw < 0.4) return { mode: 'in-a-write', writes: Math.floor(random() * 16) };
  return { mode: 'after-writes', writes: 1 + Math.floor(random() * 30), into: random() };
}

interface Writer {
  child: ChildProcess;
  /** Lines the writer printed, in order, and when each arrived (on the performance clock). */
  lines: string[];
  times: number[];
  /** Resolves once `predicate` holds for a line printed; fails if the writer stops first. */
  line(predicate: (line: string) => boolean): Promise<void>;
  /** Gives the loaded writer its setup: it starts writing. */
  begin(setup: WriterSetup): void;
  /** Resolves when it was killed; fails if it stopped by itself. */
  exited: Promise<void>;
}

/**
 * Starts a writer loading; it waits for its setup. The next writer loads
 * while the console checks what the last one left, which hides most of a
 * writer's start.
 */
function spawnWriter(script: string): Writer {
  const child = spawn(process.execPath, [script], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const times: number[] = [];
  const waiting: { predicate: (line: string) => boolean; resolve: () => void }[] = [];
  let partial = '';
  let errors = '';
  let label = 'not begun';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      times.push(performance.now());
      for (const waiter of [...waiting]) {
        if (waiter.predicate(line)) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  // A writer killed before it read its setup closes its stdin under the parent.
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<void>((resolve, reject) => {
    child.once('close', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer ${label} stopped by itself (${code ?? signal}):\n${errors.slice(-4000)}`))));
  });
  exited.catch(() => undefined);
  return {
    child,
    lines,
    times,
    exited,
    begin(setup) {
      label = setup.label;
      child.stdin!.write(`${JSON.stringify(setup)}\n`);
    },
    line: (predicate) =>
      Promise.race([
        new Promise<void>((resolve) => {
          if (lines.some((line) => predicate(line))) resolve();
          else waiting.push({ predicate, resolve });
        }),
        exited.then(() => Promise.reject(new Error(`the writer ${label} was killed before it got there`))),
      ]),
  };
}

/** Lines that say a write returned. */
const isWrite = (line: string) => line.startsWith('audit ') || line.startsWith('wrote ') || line.startsWith('step ');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const isTemporary = (path: string) => path.endsWith('.tmp');

async function call<C extends Channel>(core: ConsoleCore, channel: C, args: ArgsOf<C>): Promise<ValueOf<C>> {
  const result = await core.dispatch(channel, args);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value as ValueOf<C>;
}


interface Tally {
  kills: number;
  /** Files that did not parse as they lay on disk, or that a reader set aside. */
  corrupt: Map<string, string>;
  /** Audit markers the writer acknowledged that the log lacks. */
  lost: Map<string, string>;
  /** Runs that could not be loaded or take their next step. */
  notResumable: Map<string, string>;
  /** Temporary files still there once the console started and read everything. */
  leftBehind: Map<string, string>;
  /** Temporary files the kills left, before start-up cleared them. */
  killedMidWrite: number;
  /** Unfinished runs taken up after a kill. */
  resumed: number;
  /** The last thing each writer said before it was killed. */
  lastSaid: Map<string, number>;
  /** Time spent starting writers, and starting the console after them, in ms. */
  startingMs: number;
  restartingMs: number;
}

/** Notes a problem once per thing it is about (a file, a marker, a run), keeping where it was first found and why. */
function note(problems: Map<string, string>, about: string, message: string): void {
  if (!problems.has(about)) problems.set(about, message);
}

interface Lane {
  number: number;
  userDataDir: string;
  keychain: FileKeychain;
  keychainFile: string;
  profileId: string;
  /** Every audit marker a writer of this lane acknowledged. */
  acknowledged: Set<string>;
}

let tenant: SandboxHandle;
let doorway: Doorway;
const folders: string[] = [];
let inventoryFile: string;
let bigWriteMs: number;
let writerBundle: string;

/**
 * The writer and the console code it runs, as one file: node starts that in
 * a fraction of the time it takes to load the sources one by one, and each
 * kill starts a writer. Kept under the project, where its packages are found.
 */
async function bundleWriter(): Promise<string> {
  const outDir = join(root, 'test-results', 'reliability', `crash-writer-${process.pid}`);
  folders.push(outDir);
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: { ssr: writerScript, outDir, emptyOutDir: true, copyPublicDir: false, target: 'node20', minify: false, rolldownOptions: { output: { format: 'es', entryFileNames: 'crashWriter.mjs' } } },
  });
  return join(outDir, 'crashWriter.mjs');
}

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function openLane(number: number): Promise<Lane> {
  const userDataDir = await mkdtemp(join(tmpdir(), `tcs-crash-${number}-`));
  const outside = await mkdtemp(join(tmpdir(), `tcs-crash-keychain-${number}-`));
  folders.push(userDataDir, outside);
  const keychainFile = join(outside, 'keychain.json');
  const keychain = new FileKeychain(keychainFile);
  const profiles = new ProfileService({ userDataDir, credentials: keychain, notices: new Notices() });
  const created = await profiles.create({ name: 'rao at the tenant', host: doorway.url, customerUri: tenant.customerUri, login: 'rao', authKind: 'password' }, tenant.seededPassword('rao')!);
  return { number, userDataDir, keychain, keychainFile, profileId: created.id, acknowledged: new Set() };
}

/** The files as the kill left them: each must parse, as the console would read it. */
async function checkOnDisk(lane: Lane, tally: Tally, where: string): Promise<void> {
  for (const path of await filesUnder(lane.userDataDir)) {
    const name = relative(lane.userDataDir, path);
    if (isTemporary(path)) {
      tally.killedMidWrite += 1;
      continue;
    }
    if (name.includes('.unreadable-')) {
      note(tally.corrupt, name, `${where}: ${name} was set aside as unreadable`);
      continue;
    }
    if (name.endsWith('.json')) {
      try {
        JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        note(tally.corrupt, name, `${where}: ${name}: ${(error as Error).message}`);
      }
    } else if (name === 'audit.jsonl') {
      const lines = (await readFile(path, 'utf8')).split('\n');
      if (lines.at(-1) !== '') note(tally.corrupt, name, `${where}: the audit log ends in a torn line`);
      lines.forEach((line, index) => {
        if (line === '') return;
        try {
          JSON.parse(line);
        } catch {
          note(tally.corrupt, name, `${where}: audit log line ${index + 1} is not JSON`);
        }
      });
    }
  }
}

/** The console started on the folder, as after the kill: everything read back, every unfinished run taken a step further. */
async function restart(lane: Lane, tally: Tally, where: string): Promise<void> {
  const log: string[] = [];
  const core = await createConsoleCore({ userDataDir: lane.userDataDir, shell: 'browser', openInSystemBrowser: null, credentials: lane.keychain, log: (line) => log.push(line) });
  try {
    await core.settings.get();
    const { profiles } = await core.profiles.list();
    expect(profiles.map((profile) => profile.id), where).toContain(lane.profileId);
    await core.session.signIn(lane.profileId);

    for (const summary of await call(core, 'checklists:runs', {})) {
      try {
        const run = await call(core, 'checklists:get', { runId: summary.id });
        if (run.status === 'done') continue;
        const plan = await call(core, 'checklists:plan', { runId: run.id });
        const job = await jobEnded(core.jobs, await call(core, 'jobs:start', { kind: 'checklists:step', runId: run.id, stepId: plan.stepId, action: actionFor(plan.kind) }));
        const after = await call(core, 'checklists:get', { runId: run.id });
        const step = after.steps.find((candidate) => candidate.id === plan.stepId)!;
        if (job.state !== 'done' || step.state === 'failed' || step.state === 'running' || step.state === 'pending') {
          note(tally.notResumable, run.id, `${where}: run ${run.id} at ${plan.stepId}: job ${job.state}, step ${step.state}: ${step.error?.message ?? job.error?.message ?? step.outcome?.text ?? ''}`);
        } else tally.resumed += 1;
      } catch (error) {
        note(tally.notResumable, summary.id, `${where}: run ${summary.id}: ${(error as Error).message}`);
      }
    }

    const cacheFolder = join(lane.userDataDir, cacheFolderName);
    for (const name of await readdir(cacheFolder).catch(() => [] as string[])) {
      if (!name.endsWith('.cache')) continue;
      const outcome = await readCache(join(cacheFolder, name));
      if (outcome.status === 'unreadable') note(tally.corrupt, `${cacheFolderName}/${name}`, `${where}: ${cacheFolderName}/${name}: ${outcome.reason}`);
    }

    const logged = new Set<string>();
    for (let offset = 0; ; offset += 500) {
      const page = await core.audit.list({ filter: { operation: 'crash test ' }, offset, limit: 500 });
      for (const record of page.rows) logged.add(record.operation.slice('crash test '.length));
      if (offset + 500 >= page.total) break;
    }
    for (const marker of lane.acknowledged) if (!logged.has(marker)) note(tally.lost, marker, `${where}: audit record ${marker}`);

    for (const notice of core.notices.list()) if (/could not be read/.test(notice.text)) note(tally.corrupt, notice.text, `${where}: ${notice.text}`);
  } finally {
    await core.close();
  }
  for (const path of await filesUnder(lane.userDataDir)) {
    const name = relative(lane.userDataDir, path);
    if (isTemporary(path)) note(tally.leftBehind, name, `${where}: ${name}`);
    if (name.includes('.unreadable-')) note(tally.corrupt, name, `${where}: a reader set ${name} aside`);
  }
  expect(log.filter((line) => line.startsWith('internal error')), where).toEqual([]);
}

async function runLane(number: number, rounds: number, script: string, tally: Tally): Promise<void> {
  let next = spawnWriter(script);
  const lane = await openLane(number);
  const random = seededRandom(seed + number);
  const watched = [lane.userDataDir, join(lane.userDataDir, checklistsFolderName), join(lane.userDataDir, cacheFolderName)];
  try {
    for (let round = 0; round < rounds; round += 1) {
      const where = `seed ${seed}, lane ${number}, kill ${round + 1}`;
      const plan = killPlan(random);
      const label = `k${number}r${round}`;
      const writer = next;
      await writer.line((line) => line === 'loaded');
      const begun = performance.now();
      doorway.tag(label);
      writer.begin({
        userDataDir: lane.userDataDir,
        keychainFile: lane.keychainFile,
        profileId: lane.profileId,
        inventoryFile,
        label,
        seed: Math.floor(random() * 2 ** 31),
        bigCacheAt: plan.mode === 'big-cache' ? plan.at : null,
      });
      await writer.line((line) => line === 'ready');
      const ready = writer.times[writer.lines.indexOf('ready')]!;
      tally.startingMs += ready - begun;
      let writes = 0;
      if (plan.mode === 'first-write') await sleep(plan.into * 20);
      else if (plan.mode === 'big-cache') {
        await writer.line((line) => line === 'cache-begin big');
        await temporaryFileAppears(watched.slice(2));
        await sleep(plan.into * bigWriteMs * 0.5);
      } else if (plan.mode === 'in-a-write') {
        if (plan.writes > 0) await writer.line((line) => isWrite(line) && ++writes >= plan.writes);
        await temporaryFileAppears(watched);
      } else {
        // After that many writes, somewhere in the time one or two more take here.
        await writer.line((line) => isWrite(line) && ++writes >= plan.writes);
        const perWrite = (writer.times.at(-1)! - ready) / writes;
        await sleep(plan.into * perWrite * 2);
      }
      writer.child.kill('SIGKILL');
      await writer.exited;
      if (round + 1 < rounds) next = spawnWriter(script);
      await doorway.settled(label);
      tally.kills += 1;
      for (const line of writer.lines) if (line.startsWith('audit ')) lane.acknowledged.add(line.slice('audit '.length));
      const last = writer.lines.at(-1)?.split(' ')[0] ?? 'nothing';
      tally.lastSaid.set(last, (tally.lastSaid.get(last) ?? 0) + 1);

      const restarting = performance.now();
      await checkOnDisk(lane, tally, where);
      await restart(lane, tally, where);
      tally.restartingMs += performance.now() - restarting;
    }
  } finally {
    next.child.kill('SIGKILL');
    await next.exited.catch(() => undefined);
  }
}

describe('the console killed at any moment while it writes', () => {
  beforeAll(async () => {
    tenant = await startSandbox({ certificates: 20, seed: 11, now: new ManualClock(Date.now() - 60 * 60_000).now });
    doorway = await startDoorway(tenant.url);
    writerBundle = await bundleWriter();
    const shared = await mkdtemp(join(tmpdir(), 'tcs-crash-shared-'));
    folders.push(shared);
    const rows = inventory();
    inventoryFile = join(shared, 'inventory.json');
    await writeFile(inventoryFile, JSON.stringify({ units, rows }));
    // How long one large cache write takes here, to spread kills over it.
    const contents: CacheContents = { profileId: 'probe', profileName: 'Probe', savedAt: new Date(0).toISOString(), sources: ['report'], complete: true, units, rows };
    await writeCache(join(shared, 'probe', 'warm-up.cache'), contents);
    const started = performance.now();
    await writeCache(join(shared, 'probe', 'probe.cache'), contents);
    bigWriteMs = performance.now() - started;
  }, 120_000);

  afterAll(async () => {
    await doorway?.close();
    await tenant?.stop();
  });

  it(
    'leaves every file readable, every run resumable, every acknowledged audit record and no temporary file',
    async () => {
      const tally: Tally = { kills: 0, corrupt: new Map(), lost: new Map(), notResumable: new Map(), leftBehind: new Map(), killedMidWrite: 0, resumed: 0, lastSaid: new Map(), startingMs: 0, restartingMs: 0 };
      const started = performance.now();
      await Promise.all(Array.from({ length: lanes }, (_, number) => runLane(number, Math.floor(kills / lanes) + (number < kills % lanes ? 1 : 0), writerBundle, tally)));
      console.info(
        `crash safety (seed ${seed}): ${tally.kills} kills in ${((performance.now() - started) / 1000).toFixed(0)} s (a large cache write ${bigWriteMs.toFixed(0)} ms); ` +
          `writers started in ${(tally.startingMs / tally.kills).toFixed(0)} ms, the console after a kill in ${(tally.restartingMs / tally.kills).toFixed(0)} ms on average; ` +
          `temporary files left by kills ${tally.killedMidWrite}; unfinished runs taken up ${tally.resumed}; last said before the kill: ${[...tally.lastSaid].map(([said, count]) => `${said} ${count}`).join(', ')}; ` +
          `corrupt files ${tally.corrupt.size}, acknowledged audit lines lost ${tally.lost.size}, runs not resumable ${tally.notResumable.size}, temporary files left ${tally.leftBehind.size}`,
      );
      expect(tally.kills).toBe(kills);
      expect([...tally.corrupt.values()], `seed ${seed}`).toEqual([]);
      expect([...tally.lost.values()], `seed ${seed}`).toEqual([]);
      expect([...tally.notResumable.values()], `seed ${seed}`).toEqual([]);
      expect([...tally.leftBehind.values()], `seed ${seed}`).toEqual([]);
      // Some kills landed inside a write, or the test proves less than it says.
      expect(tally.killedMidWrite).toBeGreaterThan(0);

      recordFigure({ suite, name: 'kills survived', value: tally.kills, unit: 'kills' });
      recordFigure({ suite, name: 'corrupt files', value: tally.corrupt.size, goal: '0', met: tally.corrupt.size === 0 });
      recordFigure({ suite, name: 'acknowledged audit lines lost', value: tally.lost.size, goal: '0', met: tally.lost.size === 0 });
      recordFigure({ suite, name: 'runs not resumable', value: tally.notResumable.size, goal: '0', met: tally.notResumable.size === 0 });
      recordFigure({ suite, name: 'temporary files left', value: tally.leftBehind.size, goal: '0', met: tally.leftBehind.size === 0 });
    },
    atSize(420_000, 3_600_000),
  );
});

/** The id of a process that has ended. */
function endedPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('the temporary files killed writes leave in the data folder', () => {
  it('are cleared from its folders too when the console starts, and nothing another program keeps there', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-crash-start-'));
    folders.push(userDataDir);
    const dead = endedPid();
    const runs = join(userDataDir, checklistsFolderName);
    const electron = join(userDataDir, 'GPUCache');
    await Promise.all([mkdir(runs), mkdir(electron)]);
    // A run file's write killed midway, and one a running console is writing now.
    await writeFile(join(runs, `.0123456789abcdef.json.${dead}.a1b2c3d4e5f6.tmp`), '{"version":1,"ru');
    const underWay = `.fedcba9876543210.json.${process.pid}.0123456789ab.tmp`;
    await writeFile(join(runs, underWay), '{');
    // Files another program keeps beside the console's, even named like a temporary file.
    const foreign = ['index', `data.${dead}.tmp`, `.data.${dead}.tmp`];
    await Promise.all(foreign.map((name) => writeFile(join(electron, name), 'x')));

    const core = await createConsoleCore({ userDataDir, shell: 'browser', openInSystemBrowser: null, credentials: new MemoryCredentialStore() });
    await core.close();
    expect(await readdir(runs)).toEqual([underWay]);
    expect((await readdir(electron)).sort()).toEqual([...foreign].sort());
  });
});

/**
 * The certificate inventory in main, at 100,000 certificates against 1,000:
 * how long the page's questions take (a filter and sort, then the window of
 * 200 rows it shows), how long the cache takes to open against the same rows
 * as one plain JSON file, and how much memory the inventory holds once open.
 * The rows are synthetic, drawn from a fixed seed, and "now" is a fixed
 * moment, so every run asks the same questions of the same data. Sizes take
 * turns, so a change in the machine's load falls on both.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { certificateSortColumns, type CertificateFilter, type CertificateSort } from '../src/shared/certificates';
import { signedOut } from '../src/shared/session';
import { cachePath, decodeCache, readCache, writeCache, type CacheContents } from '../src/main/services/certificates/cache';
import { InventoryIndex, type Unit } from '../src/main/services/certificates/query';
import { stateOf, type StoredRow } from '../src/main/services/certificates/rows';
import { CertificatesService } from '../src/main/services/certificates/service';
import type { JobService } from '../src/main/services/jobs';
import type { SessionService } from '../src/main/services/session';

export interface CertificateBenchOptions {
  /** Certificates in the large inventory and the small one. */
  large: number;
  small: number;
  /** Measurements per size and question, after the warm-up. */
  repetitions: number;
}

/** The goals: a question at the large size within this many times the small one; the large cache opened in under this many ms. */
const goalRatio = 2;
const goalOpenMs = 1000;
const warmUp = 3;
const windowRows = 200;
const dayMs = 86_400_000;
const hourMs = 3_600_000;
/** The moment every question is asked at: a Monday, mid-morning UTC. */
export const benchNow = Date.parse('2026-06-15T09:30:00Z');

// ---------------------------------------------------------------------------
// Synthetic inventory

/** A small, fast generator (mulberry32): the same seed gives the same numbers everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface UnitSeed extends Unit {
  domain: string;
  /** How many of the inventory's certificates are the unit's, relatively. */
  weight: number;
}

/** Five organizations with two departments each: fifteen units, of very different sizes. */
const unitSeeds: UnitSeed[] = [
  { id: 1001, name: 'Umeå universitet', parentId: null, domain: 'umu.se', weight: 30 },
  { id: 1002, name: 'Institutionen för datavetenskap', parentId: 1001, domain: 'cs.umu.se', weight: 12 },
  { id: 1003, name: 'Universitetsbiblioteket', parentId: 1001, domain: 'ub.umu.se', weight: 4 },
  { id: 1101, name: 'Lunds universitet', parentId: null, domain: 'lu.se', weight: 25 },
  { id: 1102, name: 'Medicinska fakulteten', parentId: 1101, domain: 'med.lu.se', weight: 10 },
  { id: 1103, name: 'Lunarc', parentId: 1101, domain: 'lunarc.lu.se', weight: 3 },
  { id: 1201, name: 'Kungliga Tekniska högskolan', parentId: null, domain: 'kth.se', weight: 20 },
  { id: 1202, name: 'IT-avdelningen', parentId: 1201, domain: 'ita.kth.se', weight: 8 },
  { id: 1203, name: 'Skolan för teknikvetenskap', parentId: 1201, domain: 'sci.kth.se', weight: 5 },
  { id: 1301, name: 'Göteborgs universitet', parentId: null, domain: 'gu.se', weight: 18 },
  { id: 1302, name: 'Sahlgrenska akademin', parentId: 1301, domain: 'sahlgrenska.gu.se', weight: 6 },
  { id: 1303, name: 'IT-enheten', parentId: 1301, domain: 'it.gu.se', weight: 7 },
  { id: 1401, name: 'Stockholms universitet', parentId: null, domain: 'su.se', weight: 15 },
  { id: 1402, name: 'Fysikum', parentId: 1401, domain: 'fysik.su.se', weight: 4 },
  { id: 1403, name: 'Matematiska institutionen', parentId: 1401, domain: 'math.su.se', weight: 2 },
];

const sslProfiles = ['OV Multi-Domain', 'OV Multi-Domain', 'OV Multi-Domain', 'OV SSL', 'OV SSL', 'OV Wildcard', 'EV Multi-Domain', 'EV SSL', 'IGTF Multi Domain'];
const smimeProfiles = ['GÉANT Personal email signing and encryption', 'GÉANT Personal email signing and encryption', 'GÉANT Personal Authentication', 'GÉANT IGTF-MICS Personal'];
const hostWords = ['www', 'mail', 'vpn', 'portal', 'api', 'idp', 'lms', 'wiki', 'git', 'jira', 'ldap', 'print', 'backup', 'monitor', 'webb', 'bibliotek', 'canvas', 'kurs', 'student', 'intranat', 'forskning', 'hpc', 'eduroam', 'login'];
const requesters = ['anna.berg', 'erik.lindqvist', 'maria.holm', 'johan.nyström', 'sara.åkesson', 'lars.öberg', 'karin.dahl', 'mikael.wu'];
const firstNames = ['Anna', 'Erik', 'Maria', 'Johan', 'Åsa', 'Lars', 'Karin', 'Mikael', 'Ingrid', 'Björn', 'Fatima', 'Ali', 'Sofia', 'Oskar', 'Linnéa', 'Jürgen', 'Zoë'];
const lastNames = ['Berg', 'Lindqvist', 'Holm', 'Nyström', 'Åkesson', 'Öberg', 'Dahl', 'Wu', 'Karlsson', 'Nilsson', 'Hassan', 'Eriksson', 'Sjöberg', 'Müller', 'Ó Briain'];

const ascii = (text: string) => text.normalize('NFD').replace(/[^a-zA-Z0-9]/g, '').toLowerCase();
const isoDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

/**
 * An inventory as an institution of universities would have it: fifteen
 * organizations and departments, SSL certificates (70%) with several names
 * each and client certificates (30%), issued over the last six years, most
 * of what ended expired and a few still Issued past their end, some revoked
 * or replaced, and some requests pending, a few of them for days.
 */
export function syntheticInventory(count: number, now: number = benchNow, seed = 1): { units: Unit[]; rows: StoredRow[] } {
  const random = seededRandom(seed);
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const totalWeight = unitSeeds.reduce((sum, unit) => sum + unit.weight, 0);
  const pickUnit = (): UnitSeed => {
    let left = random() * totalWeight;
    for (const unit of unitSeeds) if ((left -= unit.weight) < 0) return unit;
    return unitSeeds[0]!;
  };
  const serial = () => Array.from({ length: 32 }, () => '0123456789ABCDEF'[int(0, 15)]).join('');
  const today = Math.floor(now / dayMs);
  const rows: StoredRow[] = [];
  let sslId = 10_000;
  let smimeId = 60_000;
  for (let n = 0; n < count; n += 1) {
    const unit = pickUnit();
    const orgless = random() < 0.004;
    const organization = unitSeeds.find((candidate) => candidate.id === (unit.parentId ?? unit.id))!;
    const pending = random() < 0.06;
    const issuedDay = today - int(1, 6 * 365);
    if (random() < 0.7) {
      const profileName = pick(sslProfiles);
      const wildcard = profileName === 'OV Wildcard';
      const host = `${pick(hostWords)}${random() < 0.4 ? int(1, 40) : ''}`;
      const commonName = wildcard ? `*.${unit.domain}` : `${host}.${unit.domain}`;
      const names = [commonName];
      if (!wildcard && random() < 0.5) names.push(`www.${commonName}`);
      for (let extra = int(0, profileName.includes('Multi') ? 5 : 0); extra > 0; extra -= 1) names.push(`${pick(hostWords)}${int(1, 99)}.${unit.domain}`);
      const requester = `${pick(requesters)}@${organization.domain}`;
      sslId += int(1, 3);
      let status: string;
      let requested: string;
      let issued: string | null = null;
      let expires: string | null = null;
      let term: number | null = 365;
      if (pending) {
        status = pick(['Requested', 'Requested', 'Requested', 'Approved', 'Applied', 'Applied', 'Declined', 'Rejected', 'Init']);
        requested = new Date(now - int(1, 24 * 45) * hourMs - int(0, 3_599_999)).toISOString();
      } else {
        term = issuedDay < today - 4 * 365 ? pick([730, 365]) : profileName.startsWith('EV') ? 395 : 365;
        const endDay = issuedDay + term;
        status = endDay < today ? pick(['Expired', 'Expired', 'Expired', 'Expired', 'Expired', 'Expired', 'Expired', 'Expired', 'Expired', 'Expired', 'Issued', 'Revoked', 'Replaced']) : pick(['Issued', 'Issued', 'Issued', 'Issued', 'Issued', 'Issued', 'Issued', 'Revoked', 'Replaced']);
        requested = new Date(issuedDay * dayMs - int(0, 3) * dayMs - int(0, dayMs - 1)).toISOString();
        issued = isoDay(issuedDay);
        expires = isoDay(endDay);
      }
      rows.push({
        key: `ssl-${sslId}`,
        kind: 'ssl',
        id: sslId,
        backendCertId: null,
        commonName,
        names,
        status,
        baseState: stateOf('ssl', status),
        orgId: orgless ? null : unit.id,
        orgName: orgless ? null : unit.name,
        profileName,
        term,
        requested,
        issued,
        expires,
        requester,
        serialNumber: issued === null && status !== 'Applied' ? null : serial(),
      });
    } else {
      const first = pick(firstNames);
      const last = pick(lastNames);
      const email = `${ascii(first)}.${ascii(last)}${random() < 0.3 ? int(1, 9) : ''}@${organization.domain}`;
      smimeId += int(1, 2);
      let status: string;
      let issued: string | null = null;
      let expires: string | null = null;
      if (pending) {
        status = pick(['requested', 'requested', 'rejected']);
      } else {
        const endDay = issuedDay + pick([365, 730, 1095]);
        status = endDay < today ? pick(['expired', 'expired', 'expired', 'expired', 'expired', 'expired', 'issued', 'revoked']) : pick(['issued', 'issued', 'issued', 'downloaded', 'downloaded', 'revoked']);
        issued = `${isoDay(issuedDay)}T${String(int(7, 18)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00.000Z`;
        expires = `${isoDay(endDay)}T23:59:59.000Z`;
      }
      rows.push({
        key: `smime-${smimeId}`,
        kind: 'smime',
        id: smimeId,
        backendCertId: String(int(100_000, 9_999_999)),
        commonName: `${first} ${last}`,
        names: [email],
        status,
        baseState: stateOf('smime', status),
        orgId: orgless ? null : unit.id,
        orgName: orgless ? null : unit.name,
        profileName: pick(smimeProfiles),
        term: null,
        requested: null,
        issued,
        expires,
        requester: null,
        serialNumber: issued === null ? null : serial(),
      });
    }
  }
  return { units: unitSeeds.map(({ id, name, parentId }) => ({ id, name, parentId })), rows };
}

function contentsOf(profileId: string, inventory: { units: Unit[]; rows: StoredRow[] }): CacheContents {
  return { profileId, profileName: `Bench ${profileId}`, savedAt: new Date(benchNow).toISOString(), sources: ['report'], complete: true, units: inventory.units, rows: inventory.rows };
}

// ---------------------------------------------------------------------------
// Measuring

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

async function timedAsync(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Node's collector: the one `--expose-gc` gives, else switched on now (the benchmarks run without the flag). */
function garbageCollector(): { collect: () => void; how: string } {
  if (typeof globalThis.gc === 'function') {
    const gc = globalThis.gc;
    return { collect: () => void gc(), how: 'global.gc' };
  }
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') return { collect: () => void (gc as () => void)(), how: 'gc exposed at run time' };
  return { collect: () => undefined, how: 'no collector: figures include garbage' };
}

const ms = (value: number) => (value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(value < 10 ? 2 : 1)} ms`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

/** One question of the page: a filter and sort, and where in the answer the window starts. */
interface Question {
  filter: CertificateFilter;
  sort: CertificateSort;
  /** The window's first row, as a share of the rows selected (scrolling). */
  at?: number;
}

interface Scenario {
  name: string;
  /** Asked first, untimed: what was typed before the letter timed. */
  before?: Question[];
  /** Asked one after another and timed together, as typing a word asks once per letter. */
  questions: Question[];
  /** Asked of a new index each time, so nothing is remembered: a column's order is worked out afresh. */
  fresh?: boolean;
  /** Fewer measurements for a slow one. */
  repetitions?: number;
}

/** The page's default view: sorted by when certificates end, without those that ended over 30 days ago. */
const defaultFilter: CertificateFilter = { hideExpiredAfter: 30 };
const byExpiry: CertificateSort = { column: 'expires', desc: false };
const typed = 'vpn.kth';
const typing: Question[] = [...typed].map((_, n) => ({ filter: { q: typed.slice(0, n + 1), hideExpiredAfter: 30 }, sort: byExpiry }));

const scenarios: Scenario[] = [
  { name: 'state: issued', questions: [{ filter: { state: 'issued', hideExpiredAfter: 30 }, sort: byExpiry }] },
  { name: 'organization with its departments', questions: [{ filter: { org: 1101, hideExpiredAfter: 30 }, sort: byExpiry }] },
  { name: 'profile', questions: [{ filter: { profile: 'OV Multi-Domain', hideExpiredAfter: 30 }, sort: byExpiry }] },
  { name: 'expiring within 30 days', questions: [{ filter: { expiresWithin: 30, hideExpiredAfter: 30 }, sort: byExpiry }] },
  { name: `search "${typed}" typed, ${typed.length} answers`, questions: typing },
  { name: 'search: its first letter', questions: typing.slice(0, 1) },
  { name: `search: its last letter`, before: typing.slice(0, -1), questions: typing.slice(-1) },
  { name: 'sort by common name, first time', questions: [{ filter: defaultFilter, sort: { column: 'commonName', desc: false } }], fresh: true, repetitions: 5 },
  { name: 'sort by common name, again (desc)', questions: [{ filter: defaultFilter, sort: { column: 'commonName', desc: true } }] },
  { name: 'scroll to the middle', questions: [{ filter: defaultFilter, sort: byExpiry, at: 0.5 }] },
];

interface Size {
  label: string;
  count: number;
  inventory: { units: Unit[]; rows: StoredRow[] };
  index: InventoryIndex;
  service: CertificatesService;
  profileId: string;
  /** Where a scrolled window starts. */
  offsets: Map<Question, number>;
  engine: Map<string, number[]>;
  window: Map<string, number[]>;
}

function engineAnswer(size: Size, index: InventoryIndex, question: Question): number {
  const selected = index.select(question.filter, question.sort, benchNow);
  return index.rowsAt(selected, size.offsets.get(question) ?? 0, windowRows, benchNow).length;
}

async function windowAnswer(size: Size, service: CertificatesService, question: Question): Promise<number> {
  const answer = await service.window({ profileId: size.profileId, filter: question.filter, sort: question.sort, offset: size.offsets.get(question) ?? 0, limit: windowRows });
  return answer.rows.length;
}

function newService(userDataDir: string): CertificatesService {
  // Signed out: the window is the cache's, read-only, as when the page shows another profile's inventory.
  const session = { state: () => signedOut } as unknown as SessionService;
  return new CertificatesService({ userDataDir, session, jobs: {} as JobService, profileName: async (id) => id, now: () => benchNow });
}

/** One measurement of a scenario at one size: the page's default view first (untimed), then the questions. */
async function measure(size: Size, scenario: Scenario, userDataDir: string): Promise<void> {
  // The engine: select, then the rows of the window.
  let index = size.index;
  if (scenario.fresh === true) index = new InventoryIndex(size.inventory.rows, size.inventory.units);
  index.select(defaultFilter, byExpiry, benchNow);
  for (const question of scenario.before ?? []) engineAnswer(size, index, question);
  const engineMs = timed(() => {
    for (const question of scenario.questions) engineAnswer(size, index, question);
  });
  (size.engine.get(scenario.name) ?? size.engine.set(scenario.name, []).get(scenario.name)!).push(engineMs);

  // The whole window answer the page receives: also the attention counts, the profiles and the chart.
  let service = size.service;
  if (scenario.fresh === true) {
    service = newService(userDataDir);
    await service.open(size.profileId);
  }
  await windowAnswer(size, service, { filter: defaultFilter, sort: byExpiry });
  for (const question of scenario.before ?? []) await windowAnswer(size, service, question);
  const windowMs = await timedAsync(async () => {
    for (const question of scenario.questions) await windowAnswer(size, service, question);
  });
  (size.window.get(scenario.name) ?? size.window.set(scenario.name, []).get(scenario.name)!).push(windowMs);
}

function printTable(title: string, sizes: [Size, Size], pick: (size: Size) => Map<string, number[]>): void {
  const [small, large] = sizes;
  console.log(`  ${title}`);
  console.log(`    ${''.padEnd(38)} ${small.label.padStart(9)} ${large.label.padStart(9)}   ${'ratio'.padStart(7)}`);
  for (const scenario of scenarios) {
    const smallMedian = median(pick(small).get(scenario.name)!);
    const largeMedian = median(pick(large).get(scenario.name)!);
    const ratio = largeMedian / smallMedian;
    console.log(`    ${scenario.name.padEnd(38)} ${ms(smallMedian).padStart(9)} ${ms(largeMedian).padStart(9)}   ${`${ratio.toFixed(1)}×`.padStart(7)}   (goal: within ${goalRatio}×; ${verdict(ratio <= goalRatio)})`);
  }
}

// ---------------------------------------------------------------------------
// The benchmark

export async function benchCertificates({ large, small, repetitions }: CertificateBenchOptions): Promise<void> {
  const fmtCount = (count: number) => count.toLocaleString('en');
  console.log(`\nCertificate inventory in main, ${fmtCount(large)} certificates against ${fmtCount(small)}: synthetic rows (seed 1), now fixed at ${new Date(benchNow).toISOString()}`);
  const gc = garbageCollector();
  const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-bench-certificates-'));
  try {
    const largeInventory = syntheticInventory(large);
    const smallInventory = syntheticInventory(small);
    await writeCache(cachePath(userDataDir, 'large'), contentsOf('large', largeInventory));
    await writeCache(cachePath(userDataDir, 'small'), contentsOf('small', smallInventory));

    // c) Memory first, while little else is held: the cache read and decoded, then the index built on it.
    {
      const usage = () => {
        for (let pass = 0; pass < 3; pass += 1) gc.collect();
        const { heapUsed, arrayBuffers } = process.memoryUsage();
        return { heap: heapUsed, buffers: arrayBuffers };
      };
      const before = usage();
      const outcome = await readCache(cachePath(userDataDir, 'large'));
      if (outcome.status !== 'ok') throw new Error(`the cache did not open: ${outcome.status}`);
      const decoded = usage();
      const index = new InventoryIndex(outcome.contents.rows, outcome.contents.units);
      const indexed = usage();
      for (const column of certificateSortColumns) index.select(defaultFilter, { column, desc: false }, benchNow);
      index.attention(benchNow);
      index.chart(defaultFilter, benchNow);
      const sorted = usage();
      const per = (bytes: number) => `${(bytes / index.size).toFixed(0)} bytes per certificate`;
      const line = (label: string, from: { heap: number; buffers: number }, to: { heap: number; buffers: number }) => {
        const heap = to.heap - from.heap;
        const buffers = to.buffers - from.buffers;
        console.log(`    ${label.padEnd(44)} heap ${mb(heap).padStart(8)}  + buffers ${mb(buffers).padStart(7)}  = ${mb(heap + buffers).padStart(8)}   (${per(heap + buffers)})`);
      };
      console.log(`  Memory in main with ${fmtCount(index.size)} certificates cached (heap used after collection; ${gc.how})`);
      line('rows decoded from the cache', before, decoded);
      line('index built on them', decoded, indexed);
      line(`every column's order, attention, chart`, indexed, sorted);
      line('in all', before, sorted);
    }

    // b) Opening the cache, against the same rows as one plain JSON file of objects.
    {
      const cacheFile = cachePath(userDataDir, 'large');
      const plainFile = join(userDataDir, 'plain.json');
      await writeFile(plainFile, JSON.stringify(largeInventory.rows));
      const cacheTimes: number[] = [];
      const plainTimes: number[] = [];
      const parts = { read: [] as number[], checksum: [] as number[], parse: [] as number[], decode: [] as number[] };
      for (let round = 0; round < 1 + 5; round += 1) {
        gc.collect();
        const plainMs = await timedAsync(async () => {
          const rows = JSON.parse(await readFile(plainFile, 'utf8')) as StoredRow[];
          if (rows.length !== large) throw new Error('the plain file lost rows');
        });
        gc.collect();
        const cacheMs = await timedAsync(async () => {
          const outcome = await readCache(cacheFile);
          if (outcome.status !== 'ok' || outcome.contents.rows.length !== large) throw new Error('the cache did not open whole');
        });
        gc.collect();
        // Where the cache's time goes.
        let text = '';
        const readMs = await timedAsync(async () => (text = await readFile(cacheFile, 'utf8')));
        const body = text.slice(text.indexOf('\n') + 1);
        const checksumMs = timed(() => createHash('sha256').update(body).digest('hex'));
        const parseMs = timed(() => JSON.parse(body));
        gc.collect();
        const decodeMs = timed(() => decodeCache(text));
        if (round < 1) continue;
        plainTimes.push(plainMs);
        cacheTimes.push(cacheMs);
        parts.read.push(readMs);
        parts.checksum.push(checksumMs);
        parts.parse.push(parseMs);
        parts.decode.push(decodeMs);
      }
      const cacheSize = (await stat(cacheFile)).size;
      const plainSize = (await stat(plainFile)).size;
      const cacheMedian = median(cacheTimes);
      const plainMedian = median(plainTimes);
      const decodeMedian = median(parts.decode);
      console.log(`  Opening the cache of ${fmtCount(large)} certificates (median of ${cacheTimes.length})`);
      console.log(`    plain JSON of objects (baseline), ${mb(plainSize).padStart(8)}   ${ms(plainMedian).padStart(9)}   (read + JSON.parse)`);
      console.log(`    the console's cache,              ${mb(cacheSize).padStart(8)}   ${ms(cacheMedian).padStart(9)}   (readCache: read, checksum, parse, check, rows)`);
      console.log(`    cache ÷ plain JSON                            ${`${(cacheMedian / plainMedian).toFixed(2)}×`.padStart(9)}   (size ${(cacheSize / plainSize).toFixed(2)}×)`);
      console.log(`    the cache's time                              ${ms(cacheMedian).padStart(9)}   (goal: under ${goalOpenMs / 1000} s; ${verdict(cacheMedian < goalOpenMs)})`);
      console.log(`      of which: read ${ms(median(parts.read))}, decode ${ms(decodeMedian)} (SHA-256 ${ms(median(parts.checksum))}, JSON.parse ${ms(median(parts.parse))}, schema check and rows ${ms(Math.max(0, decodeMedian - median(parts.checksum) - median(parts.parse)))})`);
    }

    // a) The page's questions at both sizes.
    {
      const sizes = [
        { label: fmtCount(small), count: small, inventory: smallInventory, profileId: 'small' },
        { label: fmtCount(large), count: large, inventory: largeInventory, profileId: 'large' },
      ].map((size): Size => {
        const service = newService(userDataDir);
        const index = new InventoryIndex(size.inventory.rows, size.inventory.units);
        const offsets = new Map<Question, number>();
        for (const scenario of scenarios) {
          for (const question of scenario.questions) if (question.at !== undefined) offsets.set(question, Math.floor(question.at * index.select(question.filter, question.sort, benchNow).length));
        }
        return { ...size, index, service, offsets, engine: new Map(), window: new Map() };
      }) as [Size, Size];
      for (const size of sizes) await size.service.open(size.profileId);
      const matching = (size: Size, scenario: Scenario) => size.index.select(scenario.questions.at(-1)!.filter, scenario.questions.at(-1)!.sort, benchNow).length;
      for (const scenario of scenarios) {
        const skipped = scenario.fresh === true ? 1 : warmUp;
        for (let round = 0; round < skipped + (scenario.repetitions ?? repetitions); round += 1) {
          for (const size of sizes) await measure(size, scenario, userDataDir);
        }
        for (const size of sizes) {
          size.engine.set(scenario.name, size.engine.get(scenario.name)!.slice(skipped));
          size.window.set(scenario.name, size.window.get(scenario.name)!.slice(skipped));
        }
      }
      console.log(`  Answering the page (median of ${repetitions}, of 5 for a first sort; each from the default view, ${windowRows} rows shown)`);
      console.log(`    rows selected at ${sizes[1].label}: ${scenarios.filter((scenario) => scenario.questions.length === 1 && scenario.questions[0]!.at === undefined).map((scenario) => `${scenario.name} ${fmtCount(matching(sizes[1], scenario))}`).join('; ')}`);
      printTable('select + rowsAt (the index alone)', sizes, (size) => size.engine);
      printTable('the window answer (also attention counts, profiles and chart, as CertificatesService.window)', sizes, (size) => size.window);

      // What the window answer adds to the index's answer, at the large size, when it is not remembered.
      const index = sizes[1].index;
      const parts = { attention: [] as number[], chart: [] as number[] };
      for (let round = 0; round < warmUp + repetitions; round += 1) {
        // The counts are kept for a minute: each round a minute later.
        const attentionMs = timed(() => index.attention(benchNow + (round + 1) * 60_000));
        // A filter the chart has not just answered, as each letter typed is.
        const chartMs = timed(() => index.chart({ q: typed.slice(0, 2 + (round % 2)), hideExpiredAfter: 30 }, benchNow));
        if (round < warmUp) continue;
        parts.attention.push(attentionMs);
        parts.chart.push(chartMs);
      }
      console.log(`    of a window answer at ${sizes[1].label}: attention counts ${ms(median(parts.attention))} (once a minute), chart ${ms(median(parts.chart))} (each new filter: every letter typed)`);
    }
  } finally {
    await rm(userDataDir, { recursive: true, force: true });
  }
}

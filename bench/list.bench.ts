/**
 * How fast the console lists and inventories certificates, against baselines
 * measured in the same run (the way existing SCM libraries and integrations do
 * it), on a sandbox with 100,000 certificates and 50 ms of latency per request.
 * Prints times and ratios; it is not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ScmClient } from '../src/main/scm/client';
import { collectAll, listAll } from '../src/main/scm/paging';
import { sslInventory } from '../src/main/scm/reports';
import { SslApi } from '../src/main/scm/ssl';

export interface ListBenchOptions {
  certificates: number;
  latencyMs: number;
  concurrency: number;
  inventorySize: number;
  baselineSample: number;
}

const pageSize = 200;

interface Sandbox {
  url: string;
  customerUri: string;
  password: string;
  child: ChildProcess;
}

/** The sandbox in a process of its own, so the memory measured is the client's. */
async function startSandbox(count: number, latencyMs: number): Promise<Sandbox> {
  const cli = fileURLToPath(new URL('../out/main/sandbox.js', import.meta.url));
  const child = spawn(process.execPath, [cli, '--port', '0', '--certificates', String(count), '--latency', String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes('Stop with Ctrl+C')) resolve();
    });
    child.once('exit', () => reject(new Error(`the sandbox stopped:\n${printed}`)));
  });
  return {
    url: /running at (\S+)/.exec(printed)![1]!,
    customerUri: /customerUri\s+(\S+)/.exec(printed)![1]!,
    password: /^\s+mrao\s+(\S+)/m.exec(printed)![1]!,
    child,
  };
}

function clientFor(sandbox: Sandbox, connections: number): ScmClient {
  return new ScmClient({ baseUrl: sandbox.url, connections, auth: { kind: 'password', login: 'mrao', customerUri: sandbox.customerUri, password: async () => sandbox.password } });
}

async function time<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** Peak heap and RSS while `run` runs, sampled every 20 ms. */
async function withPeakMemory<T>(run: () => Promise<T>): Promise<{ value: T; peakHeapMb: number; peakRssMb: number }> {
  global.gc?.();
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  };
  const timer = setInterval(sample, 20);
  try {
    const value = await run();
    sample();
    return { value, peakHeapMb: peakHeap / 2 ** 20, peakRssMb: peakRss / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const identity = z.looseObject({ sslId: z.number() });

/** The way existing libraries page: one page after another until a short page. */
async function sequentialPager(sandbox: Sandbox): Promise<number> {
  let rows = 0;
  for (let position = 0; ; position += pageSize) {
    const response = await fetch(`${sandbox.url}/api/ssl/v1?position=${position}&size=${pageSize}`, {
      headers: { login: 'mrao', password: sandbox.password, customerUri: sandbox.customerUri },
    });
    const page = (await response.json()) as unknown[];
    rows += page.length;
    if (page.length < pageSize) return rows;
  }
}

/** One round trip to the sandbox, the unit of the ideal time. */
async function roundTrip(client: ScmClient): Promise<number> {
  const samples: number[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    const { ms } = await time(() => client.call({ method: 'GET', path: '/api/ssl/v1', query: { position: 0, size: pageSize }, operation: 'measure a round trip' }));
    samples.push(ms);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function benchListing({ certificates, latencyMs, concurrency }: ListBenchOptions): Promise<void> {
  console.log(`\nListing ${certificates.toLocaleString('en')} certificates, ${latencyMs} ms latency, pages of ${pageSize}`);
  const sandbox = await startSandbox(certificates, latencyMs);
  const client = clientFor(sandbox, concurrency);
  try {
    const rtt = await roundTrip(client);
    const pages = Math.ceil(certificates / pageSize);
    const concurrent = await withPeakMemory(() => time(() => collectAll(listAll(client, { path: '/api/ssl/v1', operation: 'list' }, identity, { concurrency }))));
    if (concurrent.value.value.length !== certificates) throw new Error(`listed ${concurrent.value.value.length} rows, expected ${certificates}`);
    const sequential = await time(() => sequentialPager(sandbox));
    if (sequential.value !== certificates) throw new Error(`the sequential pager listed ${sequential.value} rows`);
    const ideal = (pages * rtt) / concurrency;
    console.log(`  round trip (median)              ${rtt.toFixed(1)} ms`);
    console.log(`  sequential pager (baseline)      ${fmt(sequential.ms)}`);
    console.log(`  console client, ${concurrency} in flight     ${fmt(concurrent.value.ms)}`);
    console.log(`  speed-up over the baseline       ${(sequential.ms / concurrent.value.ms).toFixed(2)}×   (goal: at least 6×)`);
    console.log(`  ideal (pages × round trip ÷ ${concurrency})   ${fmt(ideal)}`);
    console.log(`  time ÷ ideal                     ${(concurrent.value.ms / ideal).toFixed(2)}×   (goal: within 1.3×)`);
    console.log(`  peak memory while listing        heap ${concurrent.peakHeapMb.toFixed(0)} MB, RSS ${concurrent.peakRssMb.toFixed(0)} MB`);
  } finally {
    await client.close();
    sandbox.child.kill();
  }
}

export async function benchInventory({ inventorySize, latencyMs, concurrency, baselineSample }: ListBenchOptions): Promise<void> {
  console.log(`\nInventory with status and expiry of ${inventorySize.toLocaleString('en')} certificates, ${latencyMs} ms latency`);
  const sandbox = await startSandbox(inventorySize, latencyMs);
  const client = clientFor(sandbox, concurrency);
  const sequentialClient = clientFor(sandbox, 1);
  try {
    const ssl = new SslApi(client);
    const ours = await time(() => sslInventory(client, ssl));
    if (ours.value.rows.length !== inventorySize) throw new Error(`the inventory has ${ours.value.rows.length} rows`);
    // The baseline: list every id, then one details call after another.
    const baselineSsl = new SslApi(sequentialClient);
    const listed = await time(() => collectAll(baselineSsl.list({}, { concurrency: 1 })));
    const sample = listed.value.slice(0, Math.min(baselineSample, listed.value.length));
    const details = await time(async () => {
      for (const row of sample) await baselineSsl.get(row.id);
    });
    const perDetails = details.ms / sample.length;
    const baseline = listed.ms + perDetails * listed.value.length;
    const measured = sample.length === listed.value.length;
    console.log(`  console (${ours.value.source}, one request)        ${fmt(ours.ms)}`);
    console.log(`  list then details one by one     ${fmt(baseline)}${measured ? '' : `   (details measured on ${sample.length.toLocaleString('en')} and scaled to ${listed.value.length.toLocaleString('en')}: ${perDetails.toFixed(1)} ms each)`}`);
    console.log(`  speed-up                         ${(baseline / ours.ms).toFixed(1)}×`);
  } finally {
    await client.close();
    await sequentialClient.close();
    sandbox.child.kill();
  }
}

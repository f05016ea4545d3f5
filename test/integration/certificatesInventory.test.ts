import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../src/main/console';
import { MemoryCredentialStore } from '../../src/main/credentials';
import type { CertificateFilter, CertificateSort } from '../../src/shared/certificates';
import type { ArgsOf, Channel, ValueOf } from '../../src/shared/contract';
import type { Job } from '../../src/shared/jobs';
import { jobEnded } from '../support/jobs';

const cores: ConsoleCore[] = [];

afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

async function consoleCore(userDataDir?: string): Promise<ConsoleCore> {
  const core = await createConsoleCore({
    userDataDir: userDataDir ?? (await mkdtemp(join(tmpdir(), 'tcs-certificates-'))),
    shell: 'browser',
    openInSystemBrowser: null,
    credentials: new MemoryCredentialStore(),
    sandbox: { certificates: 400, issueDelaySeconds: 0 },
  });
  cores.push(core);
  return core;
}


/** A channel's answer through the dispatcher, as the renderer gets it; a failure throws. */
async function call<C extends Channel>(core: ConsoleCore, channel: C, args: ArgsOf<C>): Promise<ValueOf<C>> {
  const result = await core.dispatch(channel, args);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as ValueOf<C>;
}

const byName: CertificateSort = { column: 'commonName', desc: false };

async function load(core: ConsoleCore, mode: 'full' | 'changes' = 'full'): Promise<Job> {
  const job = await call(core, 'jobs:start', { kind: 'certificates:load', mode });
  return jobEnded(core.jobs, job);
}

describe('the certificate inventory', () => {
  it('reads SSL and client certificates into a cache that opens again without SCM', async () => {
    const core = await consoleCore();
    await core.session.signIn('sandbox');
    const first = await call(core, 'certificates:window', { filter: {}, sort: byName, offset: 0, limit: 50 });
    expect(first.savedAt).toBeNull();
    expect((await load(core)).state).toBe('done');
    const all = await call(core, 'certificates:window', { filter: {}, sort: byName, offset: 0, limit: 500 });
    expect(all.total).toBeGreaterThan(100);
    expect(all.rows.some((row) => row.kind === 'smime')).toBe(true);
    expect(all.sources).toContain('report');
    expect(all.chart.weeks).toHaveLength(52);
    const names = all.rows.map((row) => row.commonName.toLowerCase());
    expect(names.filter((name) => name !== '')).toEqual([...names.filter((name) => name !== '')].sort());

    const filter: CertificateFilter = { state: 'issued', kind: 'ssl' };
    const issued = await call(core, 'certificates:window', { filter, sort: { column: 'expires', desc: false }, offset: 0, limit: 500 });
    expect(issued.rows.every((row) => row.state === 'issued' && row.kind === 'ssl')).toBe(true);
    const days = issued.rows.map((row) => row.daysLeft!);
    expect(days).toEqual([...days].sort((a, b) => a - b));

    const exported = await call(core, 'certificates:export', { filter, sort: byName });
    expect(exported.rows).toBe(issued.matching);
    const part = await call(core, 'certificates:exportPart', { exportId: exported.exportId, part: 0 });
    expect(part.text.trim().split('\r\n')).toHaveLength(issued.matching + 1);

    await core.session.signOut();
    const caches = await call(core, 'certificates:caches', undefined);
    expect(caches).toEqual([expect.objectContaining({ profileId: 'sandbox', count: all.total })]);
  });

  it('reopens the cache in a new process, and moves a damaged one aside', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tcs-certificates-'));
    const core = await consoleCore(folder);
    await core.session.signIn('sandbox');
    await load(core);
    const total = (await call(core, 'certificates:window', { filter: {}, sort: byName, offset: 0, limit: 1 })).total;
    await core.close();
    cores.splice(0);

    const again = await consoleCore(folder);
    const offline = await call(again, 'certificates:window', { profileId: 'sandbox', filter: {}, sort: byName, offset: 0, limit: 10 });
    expect(offline).toMatchObject({ live: false, total });
    await again.close();
    cores.splice(0);

    const path = join(folder, 'certificates', 'sandbox.cache');
    const file = await readFile(path, 'utf8');
    await writeFile(path, file.slice(0, file.length - 100));
    const third = await consoleCore(folder);
    const damaged = await call(third, 'certificates:window', { profileId: 'sandbox', filter: {}, sort: byName, offset: 0, limit: 10 });
    expect(damaged.total).toBe(0);
    expect(damaged.cacheProblem).toMatch(/could not be read/);
    expect((await readdir(join(folder, 'certificates'))).some((name) => name.includes('unreadable'))).toBe(true);
  });

  it('refreshes what changed since the last read', async () => {
    const core = await consoleCore();
    await core.session.signIn('sandbox');
    await load(core);
    const requested = await call(core, 'certificates:window', { filter: { attention: 'approval' }, sort: byName, offset: 0, limit: 5 });
    expect(requested.matching).toBeGreaterThan(0);
    const target = requested.rows[0]!;
    await call(core, 'certificates:act', { action: 'approve', key: target.key, message: 'Approved for the test' });
    expect((await load(core, 'changes')).state).toBe('done');
    const after = await call(core, 'certificates:window', { filter: { q: target.commonName }, sort: byName, offset: 0, limit: 500 });
    expect(after.rows.find((row) => row.key === target.key)?.state).not.toBe('requested');
  });
});

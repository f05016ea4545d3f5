import { existsSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachePath, decodeCache, encodeCache, listCaches, readCache, readCacheHeader, writeCache, type CacheContents } from '../../src/main/services/certificates/cache';
import type { Unit } from '../../src/main/services/certificates/query';
import { stateOf, type StoredRow } from '../../src/main/services/certificates/rows';
import { seededRandom } from '../support/reliability';

/** What the header read takes from the disk: bytes through file handles, and whole files read. */
const disk = vi.hoisted(() => ({ bytesRead: 0, wholeFiles: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    const read = handle.read.bind(handle) as (...readArgs: unknown[]) => Promise<{ bytesRead: number }>;
    Object.defineProperty(handle, 'read', {
      value: async (...readArgs: unknown[]) => {
        const result = await read(...readArgs);
        disk.bytesRead += result.bytesRead;
        return result;
      },
    });
    return handle;
  };
  const readFile = ((...args: Parameters<typeof actual.readFile>) => {
    disk.wholeFiles += 1;
    return actual.readFile(...args);
  }) as typeof actual.readFile;
  return { ...actual, open, readFile, default: { ...actual, open, readFile } };
});

const now = Date.parse('2026-06-15T09:30:00Z');
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function dataDir(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tcs-cert-cache-'));
  folders.push(folder);
  await mkdir(join(folder, 'certificates'));
  return folder;
}

beforeEach(() => {
  disk.bytesRead = 0;
  disk.wholeFiles = 0;
});

const units: Unit[] = [
  { id: 1001, name: 'Umeå universitet', parentId: null },
  { id: 1002, name: 'Institutionen för datavetenskap', parentId: 1001 },
  { id: 2001, name: '', parentId: null },
];

function row(kind: StoredRow['kind'], id: number, fields: Partial<StoredRow> = {}): StoredRow {
  const status = fields.status ?? (kind === 'ssl' ? 'Issued' : 'issued');
  return {
    key: `${kind}-${id}`,
    kind,
    id,
    backendCertId: kind === 'smime' ? `${id}00` : null,
    commonName: `cn-${id}.example.se`,
    names: [`cn-${id}.example.se`],
    orgId: 1001,
    orgName: 'Umeå universitet',
    profileName: 'OV Multi-Domain',
    term: 365,
    requested: '2025-06-01T08:00:00.000Z',
    issued: '2025-06-02',
    expires: '2026-06-02',
    requester: 'anna.berg@umu.se',
    serialNumber: '0A1B2C',
    ...fields,
    status,
    baseState: stateOf(kind, status),
  };
}

function contents(rows: StoredRow[], fields: Partial<CacheContents> = {}): CacheContents {
  return { profileId: 'umu', profileName: 'Umeå (prod)', savedAt: '2026-06-15T09:00:00.000Z', sources: ['report', 'details'], complete: true, units, rows, ...fields };
}

/** Rows that reach every corner of the format: nulls everywhere they may be, empty texts, unicode, both kinds. */
const awkwardRows: StoredRow[] = [
  row('ssl', 1),
  row('ssl', 2, { backendCertId: null, names: [], orgId: null, orgName: null, profileName: null, term: null, requested: null, issued: null, expires: null, requester: null, serialNumber: null, status: 'Requested' }),
  row('ssl', 3, { commonName: '', names: ['a.example.se', 'b.example.se', '*.example.se', 'xn--rksmrgs-5wao1o.se'], status: '' }),
  row('smime', 4, { commonName: 'Åsa Öberg-Ó Briain 🐧 李小龍 مرحبا', names: ['åsa.öberg@umu.se'], orgName: 'Umeå "universitet" \\ \n\t', term: null, requested: null, requester: null, status: 'downloaded' }),
  row('smime', 5, { backendCertId: null, names: [], status: 'pre_revoked', expires: '2027-01-01T23:59:59.000Z' }),
  row('ssl', 999_999_999_999_999, { status: 'SAApproved', orgId: 2001, orgName: '', profileName: '', requester: '', serialNumber: '' }),
  row('ssl', 7, { status: 'Some state SCM adds later', names: ['only.example.se', ''] }),
];

describe('the certificate cache format', () => {
  it('reads back what it wrote: nulls, empty names, unicode, both kinds, every state word', () => {
    const written = contents(awkwardRows);
    const text = encodeCache(written);
    expect(decodeCache(text)).toEqual(written);
    // The header is one line of JSON, the body another.
    const [header, body, ...more] = text.split('\n');
    expect(more).toEqual([]);
    expect(JSON.parse(header!)).toMatchObject({ format: 'tcs-console-certificates', version: 1, profileId: 'umu', count: awkwardRows.length });
    expect(() => JSON.parse(body!)).not.toThrow();
  });

  it('keeps an empty inventory, and one with thousands of different words', () => {
    expect(decodeCache(encodeCache(contents([])))).toEqual(contents([]));
    const many = Array.from({ length: 5000 }, (_, n) => row(n % 2 === 0 ? 'ssl' : 'smime', n + 1, { orgName: `Enhet ${n} — ${'ä'.repeat(n % 7)}`, profileName: `Profil ${n % 1500}`, requester: `person${n}@example.se`, status: `Status ${n % 40}` }));
    const text = encodeCache(contents(many));
    expect(decodeCache(text)).toEqual(contents(many));
    // Each word once in the table, however many rows use it.
    const body = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { words: string[] };
    expect(new Set(body.words).size).toBe(body.words.length);
    expect(body.words).toContain('Profil 1499');
  });

  it('takes a fraction of the space of the same rows as objects', () => {
    const many = Array.from({ length: 2000 }, (_, n) => row('ssl', n + 1));
    expect(encodeCache(contents(many)).length).toBeLessThan(JSON.stringify(many).length * 0.6);
  });

  it('reads back random inventories whole (seeded)', () => {
    const random = seededRandom(4711);
    const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
    const alphabet = ['a', 'Z', '0', ' ', '.', '-', '"', '\\', '/', 'å', 'Ö', 'ß', '€', '😀', '\u0000', '\t', '\u2028', '\ud800', 'ﬀ', '\u0301'];
    const text = (max: number) => Array.from({ length: int(0, max) }, () => alphabet[int(0, alphabet.length - 1)]).join('');
    const maybe = <T>(value: () => T): T | null => (random() < 0.25 ? null : value());
    const words = Array.from({ length: 30 }, () => text(12));
    const statuses = ['Issued', 'Expired', 'Requested', 'Applied', 'SAApproved', 'issued', 'downloaded', 'pre_revoked', 'rejected', '', 'Whatever'];
    for (let inventory = 0; inventory < 150; inventory += 1) {
      const rows = Array.from({ length: int(0, 40) }, (_, n): StoredRow => {
        const kind = random() < 0.5 ? 'ssl' : 'smime';
        const id = int(1, 2 ** 40);
        const status = statuses[int(0, statuses.length - 1)]!;
        return {
          key: `${kind}-${id}`,
          kind,
          id,
          backendCertId: maybe(() => text(10)),
          commonName: text(30),
          // A name is never empty nor holds a line break (SCM's names are host names and addresses).
          names: Array.from({ length: int(0, 6) }, () => `${text(20).replace(/\n/g, '')}x`),
          status,
          baseState: stateOf(kind, status),
          orgId: maybe(() => int(1, 100_000)),
          orgName: maybe(() => words[int(0, words.length - 1)]!),
          profileName: maybe(() => words[int(0, words.length - 1)]!),
          term: maybe(() => int(0, 3650)),
          requested: maybe(() => new Date(int(0, 2 ** 41)).toISOString()),
          issued: maybe(() => new Date(int(0, 2 ** 41)).toISOString().slice(0, 10)),
          expires: maybe(() => (n % 2 === 0 ? new Date(int(0, 2 ** 41)).toISOString() : text(10))),
          requester: maybe(() => words[int(0, words.length - 1)]!),
          serialNumber: maybe(() => text(40)),
        };
      });
      const written = contents(rows, { profileName: text(20), profileId: `p${inventory}`, complete: random() < 0.5, sources: random() < 0.5 ? ['report'] : ['list', 'details'] });
      expect(decodeCache(encodeCache(written)), `inventory ${inventory}`).toEqual(written);
    }
  });
});

describe('a cache on disk', () => {
  it('opens again as written, and is missing where none was written', async () => {
    const folder = await dataDir();
    const path = cachePath(folder, 'umu');
    expect(await readCache(path)).toEqual({ status: 'missing' });
    await writeCache(path, contents(awkwardRows));
    expect(await readCache(path)).toEqual({ status: 'ok', contents: contents(awkwardRows) });
    // Written whole, then renamed: no temporary file stays.
    expect((await listCaches(folder)).map((header) => [header.profileId, header.count])).toEqual([['umu', awkwardRows.length]]);
  });

  it('with any byte of its body changed is unreadable, and is moved aside as it was', async () => {
    const folder = await dataDir();
    const path = cachePath(folder, 'umu');
    await writeCache(path, contents(Array.from({ length: 300 }, (_, n) => row('ssl', n + 1))));
    const original = await readFile(path);
    const bodyStart = original.indexOf(0x0a) + 1;
    const random = seededRandom(99);
    for (let attempt = 0; attempt < 15; attempt += 1) {
      const damaged = Buffer.from(original);
      const position = bodyStart + Math.floor(random() * (damaged.length - bodyStart));
      // A digit stays a digit and a letter a letter: the JSON stays valid, only the checksum can tell.
      damaged[position] = damaged[position]! ^ 0x01;
      await writeFile(path, damaged);
      const at = now + attempt * 1000;
      const outcome = await readCache(path, () => at);
      expect(outcome, `byte ${position}`).toMatchObject({ status: 'unreadable', reason: expect.any(String) as string });
      if (outcome.status !== 'unreadable') continue;
      expect(outcome.keptAs).toBe(`${path}.unreadable-${new Date(at).toISOString().replace(/[:.]/g, '-')}`);
      expect(existsSync(path)).toBe(false);
      expect(await readFile(outcome.keptAs)).toEqual(damaged);
      expect(await readCache(path)).toEqual({ status: 'missing' });
    }
  });

  // Known gap: the checksum covers the body alone, so a changed name, profile or date in the header reads as whole.
  it('with any byte of its header changed is unreadable, or reads as it was', () => {
    const written = contents(awkwardRows, { profileId: 'umu-prod' });
    const original = Buffer.from(encodeCache(written));
    const newline = original.indexOf(0x0a);
    const misread: string[] = [];
    for (let position = 0; position < newline; position += 1) {
      const damaged = Buffer.from(original);
      damaged[position] = damaged[position]! ^ 0x01;
      try {
        const read = decodeCache(damaged.toString('utf8'));
        if (!isDeepStrictEqual(read, written)) misread.push(`${position}: ${read.profileId} ${read.profileName} ${read.savedAt}`);
      } catch {
        // Unreadable: as it should be.
      }
    }
    expect(misread).toEqual([]);
  });

  it('says why: the checksum, the header, the JSON', async () => {
    const folder = await dataDir();
    const path = cachePath(folder, 'umu');
    const text = encodeCache(contents(awkwardRows));
    const newline = text.indexOf('\n');
    const cases: [string, string, RegExp][] = [
      ['a body changed', `${text} `, /checksum/],
      ['no header', text.slice(0, newline), /no header/],
      ['a header that is not JSON', `{${text.slice(newline)}`, /not valid JSON/],
      ['a header that is not a cache header', `{"format":"something else"}${text.slice(newline)}`, /not what the console expects/],
    ];
    for (const [label, damaged, reason] of cases) {
      await writeFile(path, damaged);
      const outcome = await readCache(path, () => now);
      expect(outcome, label).toMatchObject({ status: 'unreadable', reason: expect.stringMatching(reason) as string });
    }
  });

  it('cut short anywhere is unreadable', async () => {
    const folder = await dataDir();
    const path = cachePath(folder, 'umu');
    const whole = Buffer.from(encodeCache(contents(Array.from({ length: 200 }, (_, n) => row(n % 3 === 0 ? 'smime' : 'ssl', n + 1)))));
    const newline = whole.indexOf(0x0a);
    for (const length of [0, 1, newline - 1, newline, newline + 1, newline + 2, Math.floor(whole.length / 2), whole.length - 2, whole.length - 1]) {
      await writeFile(path, whole.subarray(0, length));
      expect((await readCache(path, () => now + length)).status, `${length} of ${whole.length} bytes`).toBe('unreadable');
    }
  });

  it('of another format or another version is unreadable', async () => {
    const folder = await dataDir();
    const path = cachePath(folder, 'umu');
    const text = encodeCache(contents(awkwardRows));
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    const body = text.slice(newline);
    const others = [
      { ...header, format: 'tcs-admin-console-profiles' },
      { ...header, version: 2 },
      { ...header, count: -1 },
      { ...header, sha256: 'not a checksum' },
      { ...header, sources: ['telepathy'] },
      { format: 'tcs-admin-console-profiles', version: 1, profiles: [] },
    ];
    for (const other of others) {
      await writeFile(path, `${JSON.stringify(other)}${body}`);
      expect((await readCache(path, () => now)).status, JSON.stringify(other)).toBe('unreadable');
    }
    // A whole other file: the profiles export, pretty-printed.
    await writeFile(path, `${JSON.stringify({ format: 'tcs-admin-console-profiles', version: 1, profiles: [] }, null, 2)}\n`);
    expect((await readCache(path, () => now)).status).toBe('unreadable');
  });

  it('that says it holds more certificates than it does is unreadable, checksum or not', async () => {
    const folder = await dataDir();
    const path = cachePath(folder, 'umu');
    const text = encodeCache(contents(awkwardRows));
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    await writeFile(path, `${JSON.stringify({ ...header, count: awkwardRows.length + 1 })}${text.slice(newline)}`);
    expect(await readCache(path, () => now)).toMatchObject({ status: 'unreadable', reason: expect.stringMatching(/checksum|fewer certificates/) as string });
  });
});

describe('the header alone', () => {
  it('is read from the start of a big cache, without the rest', async () => {
    const folder = await dataDir();
    const path = cachePath(folder, 'big');
    const many = Array.from({ length: 20_000 }, (_, n) => row(n % 4 === 0 ? 'smime' : 'ssl', n + 1, { names: [`host${n}.example.se`, `www.host${n}.example.se`] }));
    await writeCache(path, contents(many, { profileId: 'big' }));
    const size = (await stat(path)).size;
    expect(size).toBeGreaterThan(1_000_000);
    disk.bytesRead = 0;
    disk.wholeFiles = 0;
    const header = await readCacheHeader(path);
    expect(header).toMatchObject({ format: 'tcs-console-certificates', profileId: 'big', profileName: 'Umeå (prod)', count: 20_000, complete: true });
    expect(disk.wholeFiles).toBe(0);
    expect(disk.bytesRead).toBeGreaterThan(0);
    expect(disk.bytesRead).toBeLessThanOrEqual(4096);
  });

  it('is read even when the body is damaged, and is nothing for a file that is not a cache', async () => {
    const folder = await dataDir();
    const path = cachePath(folder, 'umu');
    const text = encodeCache(contents(awkwardRows));
    await writeFile(path, `${text.slice(0, text.indexOf('\n') + 1)}garbage`);
    expect(await readCacheHeader(path)).toMatchObject({ profileId: 'umu', count: awkwardRows.length });
    await writeFile(path, '{"format":"tcs-admin-console-profiles","version":1}\n[]');
    expect(await readCacheHeader(path)).toBeUndefined();
    await writeFile(path, 'no newline at all');
    expect(await readCacheHeader(path)).toBeUndefined();
    expect(await readCacheHeader(join(folder, 'certificates', 'none.cache'))).toBeUndefined();
  });
});

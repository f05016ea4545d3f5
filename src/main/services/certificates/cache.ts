import { createHash } from 'node:crypto';
import { open, readFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { certificateKinds, inventorySources } from '../../../shared/certificates';
import { writeFileAtomic } from '../../storage';
import type { Unit } from './query';
import { stateOf, type StoredRow } from './rows';

/**
 * The inventory cache: one file per profile, `<data>/certificates/<profileId>.cache`.
 *
 * Its first line is a small JSON header (who, when, how many, and the body's
 * SHA-256); the rest is the body, JSON with the rows as arrays and their
 * repeated words (status, organization, profile, requester) given once in a
 * table. That reads several times faster than the same rows as objects and
 * takes a fraction of the space. It is written whole to a temporary file,
 * flushed and renamed over the old one, so a killed process leaves the old
 * cache or the new, and the checksum catches any other damage: a file that
 * does not match is moved aside and the inventory read again.
 */

export const cacheFolderName = 'certificates';
const format = 'tcs-console-certificates';
const version = 1;

const headerSchema = z.object({
  format: z.literal(format),
  version: z.literal(version),
  profileId: z.string(),
  profileName: z.string(),
  savedAt: z.iso.datetime(),
  sources: z.array(z.enum(inventorySources)),
  complete: z.boolean(),
  count: z.number().int().nonnegative(),
  /** Of the header's other fields and the body together: damage anywhere is caught. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CacheHeader = z.infer<typeof headerSchema>;

/** The checksum over the header's fields (without the checksum) and the body. */
function checksum(header: Omit<CacheHeader, 'sha256'>, body: string): string {
  const { format: f, version: v, profileId, profileName, savedAt, sources, complete, count } = header;
  return createHash('sha256').update(JSON.stringify([f, v, profileId, profileName, savedAt, sources, complete, count])).update('\n').update(body).digest('hex');
}

export interface CacheContents {
  profileId: string;
  profileName: string;
  savedAt: string;
  sources: CacheHeader['sources'];
  complete: boolean;
  units: Unit[];
  rows: StoredRow[];
}

type Cell = string | number | null;

const unitsSchema = z.array(z.object({ id: z.number(), name: z.string(), parentId: z.number().nullable() }));
const wordsSchema = z.array(z.string());
const rowCells = 15;

/** The rows' shape, checked by hand: a schema library takes longer over a million cells than reading them. */
function checkRows(rows: unknown): Cell[][] {
  if (!Array.isArray(rows)) throw new Error('its rows are not a list');
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row) || row.length !== rowCells) throw new Error('a row is not what the console expects');
    for (const cell of row as unknown[]) if (cell !== null && typeof cell !== 'string' && typeof cell !== 'number') throw new Error('a row is not what the console expects');
  }
  return rows as Cell[][];
}

export function cachePath(userDataDir: string, profileId: string): string {
  return join(userDataDir, cacheFolderName, `${profileId}.cache`);
}

/** The file's text: header line, then body. */
export function encodeCache(contents: CacheContents): string {
  const words: string[] = [];
  const wordIndex = new Map<string, number>();
  const word = (value: string | null): number | null => {
    if (value === null) return null;
    let index = wordIndex.get(value);
    if (index === undefined) {
      index = words.length;
      words.push(value);
      wordIndex.set(value, index);
    }
    return index;
  };
  const rows: Cell[][] = contents.rows.map((row) => [
    row.kind === 'ssl' ? 0 : 1,
    row.id,
    row.backendCertId,
    row.commonName,
    row.names.join('\n'),
    word(row.status),
    row.orgId,
    word(row.orgName),
    word(row.profileName),
    row.term,
    row.requested,
    row.issued,
    row.expires,
    word(row.requester),
    row.serialNumber,
  ]);
  const body = JSON.stringify({ units: contents.units, words, rows });
  const fields: Omit<CacheHeader, 'sha256'> = {
    format,
    version,
    profileId: contents.profileId,
    profileName: contents.profileName,
    savedAt: contents.savedAt,
    sources: contents.sources,
    complete: contents.complete,
    count: contents.rows.length,
  };
  return `${JSON.stringify({ ...fields, sha256: checksum(fields, body) })}\n${body}`;
}

const text = (cell: Cell | undefined): string | null => (typeof cell === 'string' ? cell : null);
const whole = (cell: Cell | undefined): number | null => (typeof cell === 'number' && Number.isInteger(cell) ? cell : null);

/** Reads what `encodeCache` wrote; throws when the file is not whole or not ours. */
export function decodeCache(file: string): CacheContents {
  const end = file.indexOf('\n');
  if (end < 0) throw new Error('it has no header');
  const header = headerSchema.parse(JSON.parse(file.slice(0, end)));
  const body = file.slice(end + 1);
  const { sha256, ...fields } = header;
  if (checksum(fields, body) !== sha256) throw new Error('its contents do not match their checksum');
  const data = JSON.parse(body) as { units?: unknown; words?: unknown; rows?: unknown };
  const parsed = { units: unitsSchema.parse(data.units), words: wordsSchema.parse(data.words), rows: checkRows(data.rows) };
  const wordAt = (cell: Cell | undefined): string | null => {
    const index = whole(cell);
    return index === null ? null : (parsed.words[index] ?? null);
  };
  const rows = parsed.rows.map((cells): StoredRow => {
    const kind = certificateKinds[whole(cells[0]) ?? 0] ?? 'ssl';
    const id = whole(cells[1]) ?? 0;
    const status = wordAt(cells[5]) ?? '';
    const names = text(cells[4]);
    return {
      key: `${kind}-${id}`,
      kind,
      id,
      backendCertId: text(cells[2]),
      commonName: text(cells[3]) ?? '',
      names: names === null || names === '' ? [] : names.split('\n'),
      status,
      baseState: stateOf(kind, status),
      orgId: whole(cells[6]),
      orgName: wordAt(cells[7]),
      profileName: wordAt(cells[8]),
      term: whole(cells[9]),
      requested: text(cells[10]),
      issued: text(cells[11]),
      expires: text(cells[12]),
      requester: wordAt(cells[13]),
      serialNumber: text(cells[14]),
    };
  });
  if (rows.length !== header.count) throw new Error('it holds fewer certificates than it says');
  return { profileId: header.profileId, profileName: header.profileName, savedAt: header.savedAt, sources: header.sources, complete: header.complete, units: parsed.units, rows };
}

export async function writeCache(path: string, contents: CacheContents): Promise<void> {
  await writeFileAtomic(path, encodeCache(contents));
}

export type CacheReadOutcome = { status: 'missing' } | { status: 'ok'; contents: CacheContents } | { status: 'unreadable'; keptAs: string; reason: string };

/** Reads a cache; one that cannot be read is moved aside (a cache can always be read again from SCM). */
export async function readCache(path: string, now: () => number = Date.now, profileId?: string): Promise<CacheReadOutcome> {
  let file: string;
  try {
    file = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  try {
    const contents = decodeCache(file);
    if (profileId !== undefined && contents.profileId !== profileId) throw new Error('it belongs to another profile');
    return { status: 'ok', contents };
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'it is not valid JSON' : error instanceof z.ZodError ? 'its contents are not what the console expects' : error instanceof Error ? error.message : 'it could not be read';
    const keptAs = `${path}.unreadable-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    await rename(path, keptAs).catch(() => undefined);
    return { status: 'unreadable', keptAs, reason };
  }
}

/** The header alone, read from the start of the file: for the list of caches, without reading every row. */
export async function readCacheHeader(path: string): Promise<CacheHeader | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const start = buffer.subarray(0, bytesRead).toString('utf8');
    const end = start.indexOf('\n');
    if (end < 0) return undefined;
    const parsed = headerSchema.safeParse(JSON.parse(start.slice(0, end)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Every cache file's header in the folder. */
export async function listCaches(userDataDir: string): Promise<CacheHeader[]> {
  const folder = join(userDataDir, cacheFolderName);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const files = names.filter((name) => /^[a-z0-9-]{1,64}\.cache$/.test(name));
  const headers = await Promise.all(files.map((name) => readCacheHeader(join(folder, name))));
  // A header that names another profile than its file is not believed: the full read would refuse it.
  return headers.filter((header, index): header is CacheHeader => header !== undefined && `${header.profileId}.cache` === files[index]);
}

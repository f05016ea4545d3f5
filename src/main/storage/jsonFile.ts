import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes JSON so that a crash or power cut leaves either the old file or the new
 * one, never half of each: a temporary file beside the target, flushed to disk,
 * renamed over it, and the folder flushed so the rename itself survives.
 */
export async function writeJsonAtomic(path: string, data: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`);
}

/** Writes a file the same way: the old contents or the new, never half of each. */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Flushes a folder, so that a file just created or renamed in it survives a power cut. */
export async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for flushing; its rename is durable enough there.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type JsonReadOutcome<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  | { status: 'unreadable'; keptAs: string; reason: string };

/**
 * Reads a JSON state file. A file that does not parse, or does not match what
 * `parse` expects, is moved aside (never overwritten) and reported, so the user
 * can recover it by hand.
 */
export async function readJsonFile<T>(path: string, parse: (data: unknown) => T): Promise<JsonReadOutcome<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  let reason: string;
  try {
    return { status: 'ok', value: parse(JSON.parse(text)) };
  } catch (error) {
    reason = error instanceof SyntaxError ? 'it is not valid JSON' : 'its contents are not what the console expects';
  }
  const keptAs = `${path}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, keptAs);
  return { status: 'unreadable', keptAs, reason };
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

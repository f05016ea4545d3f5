import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** An interrupted write is never this old: its file can go even if its process id was reused. */
const abandonedAfterMs = 60 * 60_000;

/** The name `writeFileAtomic` gives its temporary file: `.<file>.<pid>.<12 hex digits>.tmp`. */
const atomicWriteTemporary = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

/**
 * The process that wrote a temporary file, read from its name: atomic writes
 * name theirs `.<file>.<pid>.<random>.tmp` (or `<file>.<pid>.tmp`).
 */
export function writerOf(name: string): number | undefined {
  const match = /\.(\d+)(?:\.[0-9a-f]+)?\.tmp$/.exec(name);
  return match === null ? undefined : Number(match[1]);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the file if it is a temporary file no running write will finish; says whether it did. */
async function removeIfAbandoned(path: string, name: string, now: number): Promise<boolean> {
  const pid = writerOf(name);
  if (pid === undefined) return false;
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    if (isRunning(pid) && now - info.mtimeMs < abandonedAfterMs) return false;
    await unlink(path);
    return true;
  } catch {
    // Gone already, or not ours to remove.
    return false;
  }
}

/**
 * Removes the temporary files that writes interrupted by a crash or a kill
 * left in a folder: those whose process has gone, or that are too old to be
 * a write in progress. A file another running console is still writing stays.
 * The folder's own subfolders are looked in too (the checklist runs, the
 * certificate caches), for files named as `writeFileAtomic` names them and
 * nothing else: they may be another program's (Electron keeps its caches
 * beside the console's data). Returns how many were removed.
 */
export async function removeAbandonedTemporaryFiles(folder: string, now = Date.now()): Promise<number> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isFile()) {
      if (await removeIfAbandoned(path, entry.name, now)) removed += 1;
      continue;
    }
    if (!entry.isDirectory()) continue;
    const names = await readdir(path).catch(() => [] as string[]);
    for (const name of names) {
      if (atomicWriteTemporary.test(name) && (await removeIfAbandoned(join(path, name), name, now))) removed += 1;
    }
  }
  return removed;
}

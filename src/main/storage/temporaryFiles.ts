import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** An interrupted write is never this old: its file can go even if its process id was reused. */
const abandonedAfterMs = 60 * 60_000;

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

/**
 * Removes the temporary files that writes interrupted by a crash or a kill
 * left in a folder: those whose process has gone, or that are too old to be
 * a write in progress. A file another running console is still writing stays.
 * Returns how many were removed.
 */
export async function removeAbandonedTemporaryFiles(folder: string, now = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = writerOf(name);
    if (pid === undefined) continue;
    const path = join(folder, name);
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      if (isRunning(pid) && now - info.mtimeMs < abandonedAfterMs) continue;
      await unlink(path);
      removed += 1;
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

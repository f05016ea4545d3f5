import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncFolder } from './jsonFile';

const newline = 0x0a;

/** What a read from some offset found: the complete lines' values, and where the next read starts. */
export interface LogChunk {
  entries: unknown[];
  /** The offset just after the last complete line; a torn last line is left for no one. */
  next: number;
  /** The file was shorter than the offset asked for (replaced or cut), so it was read from the start. */
  restarted: boolean;
}

/**
 * The audit log's file: append-only, one JSON value per line (JSON Lines),
 * never rewritten. Each append is one write of a whole line, flushed to disk
 * before it counts. A crash mid-line leaves a torn last line: reading ignores
 * it, and the next append closes it first, so it cannot swallow the next entry.
 */
export class AuditLog {
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  /** Appends one value as a line; appends from this process run one after another. */
  append(entry: unknown): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const next = this.#queue.then(() => this.#write(line));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #write(line: string): Promise<void> {
    const folder = dirname(this.path);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const handle = await open(this.path, 'a+', 0o600);
    let created: boolean;
    try {
      const { size } = await handle.stat();
      created = size === 0;
      let text = line;
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== newline) text = `\n${line}`;
      }
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (created) await syncFolder(folder);
  }

  /**
   * The values of the complete lines from `offset` on. A line that is not JSON
   * (a torn line, closed by a later append) is skipped.
   */
  async readFrom(offset: number): Promise<LogChunk> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], next: 0, restarted: offset > 0 };
      throw error;
    }
    try {
      const { size } = await handle.stat();
      const restarted = size < offset;
      const start = restarted ? 0 : offset;
      const bytes = Buffer.alloc(size - start);
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      const complete = bytes.lastIndexOf(newline, filled - 1);
      const entries: unknown[] = [];
      let from = 0;
      while (from <= complete) {
        const end = bytes.indexOf(newline, from);
        const text = bytes.toString('utf8', from, end).trim();
        from = end + 1;
        if (text === '') continue;
        try {
          entries.push(JSON.parse(text));
        } catch {
          // A line torn by a crash, closed later by the next append: it holds no whole entry.
        }
      }
      return { entries, next: start + complete + 1, restarted };
    } finally {
      await handle.close();
    }
  }
}

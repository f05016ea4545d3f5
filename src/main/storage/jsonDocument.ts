import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from './jsonFile';

/** A file that could not be read: where it was kept, and why in words. */
export interface UnreadableFile {
  keptAs: string;
  reason: string;
}

export interface JsonDocumentOptions<T> {
  path: string;
  /** What the file must hold; checked when it is read and before every write. */
  schema: z.ZodType<T>;
  /** The value before the file exists, or after it was found unreadable. */
  initial: () => T;
  /** Told when the file could not be read; it was moved aside, never overwritten. */
  onUnreadable?: (problem: UnreadableFile) => void;
  /**
   * Brings a value just loaded up to date in place (fills in what an older
   * file lacks) and says whether it changed anything, which is then saved at once.
   */
  repair?: (value: T) => boolean;
}

/** Records what a change did outside the file, to be undone if the change fails. */
export type UndoStep = (step: () => Promise<void>) => void;

/**
 * One JSON file of the console's state: loaded once and then kept in memory,
 * changed one change at a time, each change written atomically before it
 * counts. A change that fails, or whose write fails, leaves both the file and
 * the value in memory as they were. Another process may write the file too
 * (the command line beside the app): when the file changed since this one
 * last read or wrote it, it is read again before it is used or changed, so
 * neither overwrites what the other saved.
 */
export class JsonDocument<T> {
  readonly path: string;
  readonly #options: JsonDocumentOptions<T>;
  #value: Promise<T> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** When the file was last changed as this process last saw it: read or written. Undefined while it does not exist. */
  #seen: number | undefined;

  constructor(options: JsonDocumentOptions<T>) {
    this.path = options.path;
    this.#options = options;
  }

  /** When the file was last changed. Something other than a file in its place is no other process's save: the next write says what is wrong. */
  async #modified(): Promise<number | undefined> {
    return stat(this.path).then(
      (found) => (found.isFile() ? found.mtimeMs : this.#seen),
      () => undefined,
    );
  }

  /** The current value, read again first when another process changed the file. Callers must not change it: changes go through `change`. */
  async read(): Promise<T> {
    if (this.#value !== undefined && (await this.#modified()) !== this.#seen) this.#value = undefined;
    return this.#cached();
  }

  #cached(): Promise<T> {
    if (this.#value === undefined) {
      const loading = this.#load();
      this.#value = loading;
      // A read that failed (the disk, not the contents) is tried again next time.
      loading.catch(() => {
        if (this.#value === loading) this.#value = undefined;
      });
    }
    return this.#value;
  }

  async #load(): Promise<T> {
    const { schema, initial, onUnreadable, repair } = this.#options;
    // Noted before reading: a write by another process in between is then seen as a change next time.
    this.#seen = await this.#modified();
    const outcome = await readJsonFile(this.path, (data) => schema.parse(data));
    if (outcome.status === 'unreadable') onUnreadable?.({ keptAs: outcome.keptAs, reason: outcome.reason });
    const value = outcome.status === 'ok' ? outcome.value : initial();
    if (repair?.(value) === true) return this.#write(value);
    return value;
  }

  async #write(value: T): Promise<T> {
    const checked = this.#options.schema.parse(value);
    await writeJsonAtomic(this.path, checked);
    this.#seen = await this.#modified();
    return checked;
  }

  /**
   * Reads the file again at its turn, after the changes already asked for:
   * for a file another process (the command line beside the app) may have written.
   */
  reload(): Promise<T> {
    const next = this.#queue.then(() => {
      this.#value = undefined;
      return this.read();
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Applies `apply` to a copy of the value and saves the copy. Changes queue up
   * and run in the order they were asked for. What `apply` did elsewhere (a
   * secret stored, say) it registers with `undo`; when the change or its write
   * fails, those steps run in reverse order and the error is passed on.
   */
  change<R>(apply: (draft: T, undo: UndoStep) => Promise<R> | R): Promise<R> {
    const next = this.#queue.then(async () => {
      const draft = structuredClone(await this.read());
      const steps: (() => Promise<void>)[] = [];
      try {
        const result = await apply(draft, (step) => steps.push(step));
        this.#value = Promise.resolve(await this.#write(draft));
        return result;
      } catch (error) {
        for (const step of steps.reverse()) await step().catch(() => undefined);
        throw error;
      }
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonDocument, type UnreadableFile } from '../../src/main/storage';

const counterSchema = z.object({ version: z.literal(1), entries: z.array(z.number().int()) });
type Counter = z.infer<typeof counterSchema>;

let folder: string;
let path: string;
let unreadable: UnreadableFile[];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tcs-document-'));
  path = join(folder, 'counter.json');
  unreadable = [];
});

function open(repair?: (value: Counter) => boolean): JsonDocument<Counter> {
  return new JsonDocument<Counter>({
    path,
    schema: counterSchema,
    initial: () => ({ version: 1, entries: [] }),
    onUnreadable: (problem) => unreadable.push(problem),
    ...(repair === undefined ? {} : { repair }),
  });
}

async function onDisk(): Promise<Counter> {
  return counterSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

describe('a JSON document', () => {
  it('reads the file again when another process changed it, so neither overwrites what the other saved', async () => {
    // Two handles on one file: the app and the command line beside it.
    const app = open();
    const cli = open();
    await app.change((draft) => void draft.entries.push(1));
    expect(await cli.read()).toEqual({ version: 1, entries: [1] });
    await cli.change((draft) => void draft.entries.push(2));
    expect(await app.read()).toEqual({ version: 1, entries: [1, 2] });
    await app.change((draft) => void draft.entries.push(3));
    await cli.change((draft) => void draft.entries.push(4));
    expect(await onDisk()).toEqual({ version: 1, entries: [1, 2, 3, 4] });
    expect(await app.read()).toEqual({ version: 1, entries: [1, 2, 3, 4] });
  });

  it('starts from its initial value and writes nothing until it changes', async () => {
    expect(await open().read()).toEqual({ version: 1, entries: [] });
    expect(await readdir(folder)).toEqual([]);
  });

  it('applies many concurrent changes, all of them, in the order they were asked for, and the file always parses', async () => {
    const document = open();
    const seen: number[][] = [];
    const changes = Array.from({ length: 200 }, (_, n) =>
      document.change(async (draft) => {
        draft.entries.push(n);
        // Each change sees the file as the one before it left it.
        seen.push((await onDisk().catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return { entries: [] };
          throw error;
        })).entries);
        return n;
      }),
    );
    expect(await Promise.all(changes)).toEqual(Array.from({ length: 200 }, (_, n) => n));
    expect((await onDisk()).entries).toEqual(Array.from({ length: 200 }, (_, n) => n));
    expect(seen.map((entries) => entries.length)).toEqual(Array.from({ length: 200 }, (_, n) => n));
    expect((await open().read()).entries).toHaveLength(200);
    expect(await readdir(folder)).toEqual(['counter.json']);
  });

  it('leaves the file and the value in memory untouched when a change fails, and undoes its steps in reverse', async () => {
    const document = open();
    await document.change((draft) => void draft.entries.push(1));
    const undone: string[] = [];
    await expect(
      document.change((draft, undo) => {
        draft.entries.push(2);
        undo(async () => void undone.push('first'));
        undo(async () => void undone.push('second'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(undone).toEqual(['second', 'first']);
    expect(await document.read()).toEqual({ version: 1, entries: [1] });
    expect(await onDisk()).toEqual({ version: 1, entries: [1] });
    // The queue goes on after a failure.
    await document.change((draft) => void draft.entries.push(3));
    expect((await onDisk()).entries).toEqual([1, 3]);
  });

  it('refuses a change that breaks the schema, and keeps the last good value', async () => {
    const document = open();
    await document.change((draft) => void draft.entries.push(1));
    await expect(document.change((draft) => void draft.entries.push(1.5))).rejects.toThrow();
    expect(await document.read()).toEqual({ version: 1, entries: [1] });
    expect(await onDisk()).toEqual({ version: 1, entries: [1] });
  });

  it('undoes a change whose write fails, and keeps the value it had', async () => {
    const document = open();
    await document.change((draft) => void draft.entries.push(1));
    await rm(path);
    await mkdir(join(path, 'blocked'), { recursive: true });
    let undone = false;
    await expect(
      document.change((draft, undo) => {
        draft.entries.push(2);
        undo(async () => void (undone = true));
      }),
    ).rejects.toThrow();
    expect(undone).toBe(true);
    expect(await document.read()).toEqual({ version: 1, entries: [1] });
  });

  it('sets a file that does not parse aside, reports it, and starts from the initial value', async () => {
    await writeFile(path, '{"version": 1, "entries": [');
    expect(await open().read()).toEqual({ version: 1, entries: [] });
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]!.reason).toBe('it is not valid JSON');
    expect(await readFile(unreadable[0]!.keptAs, 'utf8')).toBe('{"version": 1, "entries": [');
  });

  it('sets a file that does not match the schema aside, with its own reason', async () => {
    await writeFile(path, JSON.stringify({ version: 2, entries: [] }));
    expect(await open().read()).toEqual({ version: 1, entries: [] });
    expect(unreadable.map((problem) => problem.reason)).toEqual(['its contents are not what the console expects']);
  });

  it('saves what a repair on loading changed, and only then', async () => {
    await writeFile(path, JSON.stringify({ version: 1, entries: [5] }));
    expect(await open(() => false).read()).toEqual({ version: 1, entries: [5] });
    expect(await readFile(path, 'utf8')).toBe(JSON.stringify({ version: 1, entries: [5] }));
    const repaired = await open((value) => {
      value.entries.unshift(0);
      return true;
    }).read();
    expect(repaired.entries).toEqual([0, 5]);
    expect((await onDisk()).entries).toEqual([0, 5]);
  });
});

import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Notices, createSettingsService } from '../../src/main/services';
import { readJsonFile, writeJsonAtomic } from '../../src/main/storage';
import { defaultSettings } from '../../src/shared/settings';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tcs-settings-'));
});

describe('atomic JSON files', () => {
  it('replaces a file whole and leaves no temporary file behind', async () => {
    const path = join(folder, 'state.json');
    await writeJsonAtomic(path, { a: 1 });
    await writeJsonAtomic(path, { a: 2 });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ a: 2 });
    expect(await readdir(folder)).toEqual(['state.json']);
  });

  it('creates the folder it writes into', async () => {
    const path = join(folder, 'deeper', 'state.json');
    await writeJsonAtomic(path, { ok: true });
    expect(await readJsonFile(path, (data) => data)).toEqual({ status: 'ok', value: { ok: true } });
  });

  it('keeps a file that does not parse aside instead of replacing it', async () => {
    const path = join(folder, 'state.json');
    await writeFile(path, '{"half": ');
    const outcome = await readJsonFile(path, (data) => data);
    expect(outcome.status).toBe('unreadable');
    if (outcome.status !== 'unreadable') return;
    expect(await readFile(outcome.keptAs, 'utf8')).toBe('{"half": ');
    expect(await readJsonFile(path, (data) => data)).toEqual({ status: 'missing' });
  });
});

describe('the settings service', () => {
  it('starts from the defaults', async () => {
    expect(await createSettingsService(folder, new Notices()).get()).toEqual(defaultSettings);
  });

  it('keeps a chosen theme across a restart', async () => {
    await createSettingsService(folder, new Notices()).update({ theme: 'dark' });
    expect(await createSettingsService(folder, new Notices()).get()).toEqual({ ...defaultSettings, theme: 'dark' });
  });

  it('applies quick successive changes in order', async () => {
    const settings = createSettingsService(folder, new Notices());
    await Promise.all([settings.update({ theme: 'dark' }), settings.update({ theme: 'light' })]);
    expect(await createSettingsService(folder, new Notices()).get()).toEqual({ ...defaultSettings, theme: 'light' });
  });

  it('tells listeners about saved changes', async () => {
    const settings = createSettingsService(folder, new Notices());
    const seen: string[] = [];
    settings.onChange((value) => seen.push(value.theme));
    await settings.update({ theme: 'light' });
    expect(seen).toEqual(['light']);
  });

  it('reports an unreadable settings file, keeps it, and runs on defaults', async () => {
    await writeFile(join(folder, 'settings.json'), 'not json at all');
    const notices = new Notices();
    expect(await createSettingsService(folder, notices).get()).toEqual(defaultSettings);
    expect(notices.list()).toHaveLength(1);
    expect(notices.list()[0]).toMatchObject({ key: 'settingsUnreadable', text: expect.stringMatching(/kept as .*settings\.json\.unreadable-/) });
    const files = await readdir(folder);
    expect(files.some((name) => name.startsWith('settings.json.unreadable-'))).toBe(true);
  });

  it('reads a file with a value it does not know as unreadable, not as a crash', async () => {
    await writeFile(join(folder, 'settings.json'), JSON.stringify({ theme: 'sepia' }));
    const notices = new Notices();
    expect(await createSettingsService(folder, notices).get()).toEqual(defaultSettings);
    expect(notices.list()).toHaveLength(1);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { createConsoleCore } from '../../src/main/console';
import { removeAbandonedTemporaryFiles, writeJsonAtomic } from '../../src/main/storage';

/** The id of a process that has ended. */
function endedPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('abandoned temporary files', () => {
  it('removes what interrupted writes left, and keeps what a running process is writing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tcs-tmp-'));
    const dead = endedPid();
    await writeFile(join(folder, `.profiles.json.${dead}.a1b2c3d4e5f6.tmp`), '{"half":');
    await writeFile(join(folder, `state.json.${dead}.tmp`), '{');
    await writeFile(join(folder, `.settings.json.${process.pid}.0123456789ab.tmp`), '{');
    const old = join(folder, `.settings.json.${process.pid}.ffffffffffff.tmp`);
    await writeFile(old, '{');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await writeJsonAtomic(join(folder, 'profiles.json'), { kept: true });

    expect(await removeAbandonedTemporaryFiles(folder)).toBe(3);
    expect((await readdir(folder)).sort()).toEqual([`.settings.json.${process.pid}.0123456789ab.tmp`, 'profiles.json']);
  });

  it('does nothing where there is no folder', async () => {
    expect(await removeAbandonedTemporaryFiles(join(tmpdir(), 'tcs-no-such-folder-here'))).toBe(0);
  });

  it('are cleared from the data folder and the sandbox folder when the console starts', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'tcs-tmp-start-'));
    await mkdir(join(userDataDir, 'sandbox'));
    const dead = endedPid();
    await writeFile(join(userDataDir, `.profiles.json.${dead}.a1b2c3d4e5f6.tmp`), '{');
    await writeFile(join(userDataDir, 'sandbox', `state.json.${dead}.tmp`), '{');
    const core = await createConsoleCore({ userDataDir, shell: 'browser', openInSystemBrowser: null, credentials: new MemoryCredentialStore() });
    await core.close();
    expect((await readdir(userDataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await readdir(join(userDataDir, 'sandbox'))).toEqual([]);
  });
});

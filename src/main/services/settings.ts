import { join } from 'node:path';
import { defaultSettings, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings';
import { readJsonFile, writeJsonAtomic } from '../storage';
import type { Notices } from './notices';

export const settingsFileName = 'settings.json';

export interface SettingsService {
  get(): Promise<Settings>;
  update(patch: SettingsPatch): Promise<Settings>;
  /** Called after each saved change. */
  onChange(listener: (settings: Settings) => void): void;
}

/**
 * The user's preferences, in `settings.json` in the user-data folder. Values the
 * file lacks take their defaults, so a file from an older version still loads.
 */
export function createSettingsService(userDataDir: string, notices: Notices): SettingsService {
  const path = join(userDataDir, settingsFileName);
  let current: Promise<Settings> | undefined;
  // Updates run one after another, so two quick changes cannot interleave their writes.
  let queue: Promise<unknown> = Promise.resolve();
  const listeners: ((settings: Settings) => void)[] = [];

  const parse = (data: unknown): Settings =>
    settingsSchema.parse({ ...defaultSettings, ...(typeof data === 'object' && data !== null ? data : {}) });

  async function load(): Promise<Settings> {
    const outcome = await readJsonFile(path, parse);
    switch (outcome.status) {
      case 'ok':
        return outcome.value;
      case 'missing':
        return { ...defaultSettings };
      case 'unreadable':
        notices.add(
          `Your settings could not be read because ${outcome.reason}. The file was kept as ${outcome.keptAs} and the defaults are in use.`,
        );
        return { ...defaultSettings };
    }
  }

  function get(): Promise<Settings> {
    current ??= load();
    return current;
  }

  function update(patch: SettingsPatch): Promise<Settings> {
    const next = queue.then(async () => {
      const updated = settingsSchema.parse({ ...(await get()), ...patch });
      await writeJsonAtomic(path, updated);
      current = Promise.resolve(updated);
      for (const listener of listeners) listener(updated);
      return updated;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return { get, update, onChange: (listener) => listeners.push(listener) };
}

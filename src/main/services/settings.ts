import { join } from 'node:path';
import { z } from 'zod';
import { defaultSettings, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings';
import { JsonDocument } from '../storage';
import type { Notices } from './notices';

export const settingsFileName = 'settings.json';

export interface SettingsService {
  get(): Promise<Settings>;
  update(patch: SettingsPatch): Promise<Settings>;
  /** Called after each saved change. */
  onChange(listener: (settings: Settings) => void): void;
}

/** Values a file from an older version lacks take their defaults, so it still loads. */
const settingsFileSchema = z.preprocess(
  (data) => ({ ...defaultSettings, ...(typeof data === 'object' && data !== null ? data : {}) }),
  settingsSchema,
);

/** The user's preferences, in `settings.json` in the user-data folder. */
export function createSettingsService(userDataDir: string, notices: Notices): SettingsService {
  const listeners: ((settings: Settings) => void)[] = [];
  const document = new JsonDocument<Settings>({
    path: join(userDataDir, settingsFileName),
    schema: settingsFileSchema,
    initial: () => ({ ...defaultSettings }),
    onUnreadable: ({ keptAs, reason }) =>
      notices.add(`Your settings could not be read because ${reason}. The file was kept as ${keptAs} and the defaults are in use.`, 'settingsUnreadable', { keptAs }),
  });

  async function update(patch: SettingsPatch): Promise<Settings> {
    const updated = await document.change((draft) => Object.assign(draft, patch));
    for (const listener of listeners) listener(updated);
    return updated;
  }

  return { get: () => document.read(), update, onChange: (listener) => listeners.push(listener) };
}

import { z } from 'zod';

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export const settingsSchema = z.object({
  theme: z.enum(themes),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { theme: 'system' };

/** A change to some settings; keys left out keep their value. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

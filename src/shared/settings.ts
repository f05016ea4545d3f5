import { z } from 'zod';

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** The interface's language: the system's (Swedish or English), or one chosen. */
export const languageChoices = ['system', 'en', 'sv'] as const;
export type LanguageChoice = (typeof languageChoices)[number];

export const settingsSchema = z.object({
  theme: z.enum(themes),
  language: z.enum(languageChoices),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { theme: 'system', language: 'system' };

/** A change to some settings; keys left out keep their value. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

import { z } from 'zod';
import { messageParamsSchema } from './result';

/** What the interface words itself, by key: the notices main can give. */
export const noticeKeys = ['keychainMissing', 'settingsUnreadable', 'profilesUnreadable'] as const;

export const noticeSchema = z.object({
  /** In English, for the log and as the fallback. */
  text: z.string(),
  key: z.enum(noticeKeys).optional(),
  params: messageParamsSchema.optional(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which shell the interface runs in. */
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
  arch: z.string(),
  versions: z.object({
    node: z.string(),
    electron: z.string().optional(),
    chromium: z.string().optional(),
  }),
  userDataDir: z.string(),
  /** Problems met at start-up that the user should know of (a state file kept aside, say). */
  notices: z.array(noticeSchema),
});

export type AppInfo = z.infer<typeof appInfoSchema>;

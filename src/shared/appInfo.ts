import { z } from 'zod';

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
  notices: z.array(z.string()),
});

export type AppInfo = z.infer<typeof appInfoSchema>;

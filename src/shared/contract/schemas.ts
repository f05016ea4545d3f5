import { z } from 'zod';
import { appInfoSchema } from '../appInfo';
import { settingsPatchSchema, settingsSchema } from '../settings';
import type { Channel } from './channels';

const noArguments = z.undefined();

/**
 * One schema pair per channel: what the renderer may send, and what main answers
 * when it succeeds. Main parses arguments with `args` before a handler runs, and
 * parses every answer with `result` before it leaves, so nothing unlisted (a
 * secret included) can travel back by accident.
 */
export const contract = {
  'app:info': {
    args: noArguments,
    result: appInfoSchema,
  },
  'settings:get': {
    args: noArguments,
    result: settingsSchema,
  },
  'settings:update': {
    args: settingsPatchSchema,
    result: settingsSchema,
  },
  'shell:openExternal': {
    args: z.object({ url: z.string().max(2048) }).strict(),
    result: z.object({
      /** False where the shell cannot open the system browser itself (the browser shell). */
      opened: z.boolean(),
    }),
  },
} as const satisfies Record<Channel, { args: z.ZodType; result: z.ZodType }>;

export type Contract = typeof contract;

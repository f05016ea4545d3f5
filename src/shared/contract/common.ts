import { z } from 'zod';

/** A channel that takes nothing. */
export const noArguments = z.undefined();

/** What a channel accepts from the renderer, and what it answers on success. */
export interface ChannelSchemas {
  args: z.ZodType;
  result: z.ZodType;
}

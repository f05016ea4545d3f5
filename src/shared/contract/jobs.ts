import { z } from 'zod';
import { jobSchema, jobStartSchema } from '../jobs';
import type { Channel } from './channels';
import { noArguments, type ChannelSchemas } from './common';

/**
 * Long work: started here, followed through the event stream (`jobs:event`),
 * stopped with `jobs:cancel`; its result stays in main and is read in windows
 * by the area that asked for it.
 */
export const jobsContract = {
  'jobs:start': { args: jobStartSchema, result: jobSchema },
  'jobs:list': { args: noArguments, result: z.array(jobSchema) },
  'jobs:cancel': { args: z.object({ id: z.string().max(64) }).strict(), result: jobSchema },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

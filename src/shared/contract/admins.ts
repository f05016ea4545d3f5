import { z } from 'zod';
import { adminFilterSchema, adminRowSchema, adminSortSchema, adminsWindowArgsSchema, adminsWindowSchema } from '../admins';
import type { Channel } from './channels';
import type { ChannelSchemas } from './common';

/**
 * The admins in the signed-in admin's scope. They are read by a job
 * (`jobs:start` with `admins:load`) and kept in main; the page asks for
 * windows of them, filtered and sorted there.
 */
export const adminsContract = {
  'admins:window': { args: adminsWindowArgsSchema, result: adminsWindowSchema },
  /** One admin, read afresh from SCM. */
  'admins:details': { args: z.object({ id: z.number().int().positive() }).strict(), result: adminRowSchema },
  /** What the filter selects, in the order shown, as CSV. */
  'admins:export': {
    args: z.object({ filter: adminFilterSchema, sort: adminSortSchema }).strict(),
    result: z.object({ fileName: z.string(), text: z.string(), rows: z.number().int() }),
  },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

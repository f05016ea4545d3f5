import { z } from 'zod';
import { adminDraftSchema } from '../adminRules';
import { adminFilterSchema, adminOptionsSchema, adminRowSchema, adminSortSchema, adminsWindowArgsSchema, adminsWindowSchema, passwordHandOverSchema } from '../admins';
import type { Channel } from './channels';
import type { ChannelSchemas } from './common';

const id = z.number().int().positive().max(2 ** 31);

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
  /** Who is acting and what SCM offers, for the create and edit forms and for what is shown disabled. */
  'admins:options': { args: z.object({}).strict(), result: adminOptionsSchema },
  /** Creates an admin after SCM's rules are checked; a temporary password, if one was made, waits to be shown once. */
  'admins:create': { args: z.object({ draft: adminDraftSchema }).strict(), result: z.object({ row: adminRowSchema, handOver: passwordHandOverSchema.nullable() }) },
  /** Changes an admin to the draft; only what changed is sent. */
  'admins:update': { args: z.object({ id, draft: adminDraftSchema }).strict(), result: adminRowSchema },
  'admins:setStatus': { args: z.object({ id, status: z.enum(['ACTIVE', 'SUSPENDED']) }).strict(), result: adminRowSchema },
  /** A new temporary password, which its owner changes at the first sign-in; it waits to be shown once. */
  'admins:resetPassword': { args: z.object({ id }).strict(), result: z.object({ row: adminRowSchema, handOver: passwordHandOverSchema }) },
  /** The temporary password, once, on the person's request; then forgotten. */
  'admins:reveal': { args: passwordHandOverSchema.pick({ revealId: true }).strict(), result: z.object({ login: z.string(), password: z.string().max(200) }) },
  /** Deletes an admin once its name is repeated; its certificates may pass to another admin. */
  'admins:delete': {
    args: z.object({ id, confirmName: z.string().max(300), replacingRequesterId: id.optional() }).strict(),
    result: z.object({ name: z.string() }),
  },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

import { z } from 'zod';
import { unitDependentsSchema, unitDraftSchema, unitRowSchema, unitTreeSchema } from '../organizations';
import type { Channel } from './channels';
import type { ChannelSchemas } from './common';

const id = z.number().int().positive().max(2 ** 31);

/**
 * Organizations and departments in the signed-in admin's scope, read afresh
 * from SCM, and the changes SCM allows, each checked in main first.
 */
export const organizationsContract = {
  'organizations:tree': { args: z.object({}).strict(), result: unitTreeSchema },
  'organizations:unit': { args: z.object({ id }).strict(), result: unitRowSchema },
  'organizations:createDepartment': { args: z.object({ parentId: id, draft: unitDraftSchema }).strict(), result: unitRowSchema },
  'organizations:update': { args: z.object({ id, draft: unitDraftSchema }).strict(), result: unitRowSchema },
  /** What still depends on a unit, before a delete is offered. */
  'organizations:dependents': { args: z.object({ id }).strict(), result: unitDependentsSchema },
  'organizations:delete': { args: z.object({ id, confirmName: z.string().max(300) }).strict(), result: z.object({ name: z.string() }) },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

import { z } from 'zod';
import { notificationDraftSchema, notificationListSchema, notificationRowSchema } from '../notifications';
import type { Channel } from './channels';
import type { ChannelSchemas } from './common';

const id = z.number().int().positive().max(2 ** 31);

/** Notification rules in the signed-in admin's scope, read afresh, and their changes, each checked in main first. */
export const notificationsContract = {
  'notifications:list': { args: z.object({}).strict(), result: notificationListSchema },
  'notifications:create': { args: z.object({ draft: notificationDraftSchema }).strict(), result: notificationRowSchema },
  'notifications:update': { args: z.object({ id, draft: notificationDraftSchema }).strict(), result: notificationRowSchema },
  'notifications:setActive': { args: z.object({ id, active: z.boolean() }).strict(), result: notificationRowSchema },
  'notifications:delete': { args: z.object({ id, confirmDescription: z.string().max(300) }).strict(), result: z.object({ description: z.string() }) },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

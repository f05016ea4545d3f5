import { z } from 'zod';
import { lazily } from '../../lib/lazily';

/** The Notifications page's address: `#/notifications?rule=42` opens that rule; `org` is the baseline's organization. */
export const notificationsSearchSchema = lazily(() =>
  z.object({
    rule: z.coerce.number().int().positive().optional().catch(undefined),
    org: z.coerce.number().int().positive().optional().catch(undefined),
  }),
);

export type NotificationsSearch = z.infer<ReturnType<typeof notificationsSearchSchema>>;

import { z } from 'zod';
import type { Channel } from './channels';
import type { ChannelSchemas } from './common';

export const personRowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  organizationId: z.number().int().nullable(),
  organizationName: z.string().nullable(),
});
export type PersonRow = z.infer<typeof personRowSchema>;

/** Persons (client-certificate holders) in the signed-in admin's scope, found by email or name. */
export const personsContract = {
  'persons:find': {
    args: z.object({ query: z.string().trim().min(2, 'Enter at least 2 characters.').max(200) }).strict(),
    result: z.object({ persons: z.array(personRowSchema), total: z.number().int(), by: z.enum(['email', 'name']) }),
  },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

import { z } from 'zod';
import { lazily } from '../../lib/lazily';

/** The Organizations page's address: `#/organizations?unit=1002` opens that unit's details. */
export const organizationsSearchSchema = lazily(() =>
  z.object({
    unit: z.coerce.number().int().positive().optional().catch(undefined),
  }),
);

export type OrganizationsSearch = z.infer<ReturnType<typeof organizationsSearchSchema>>;

import { z } from 'zod';

/** The Organizations page's address: `#/organizations?unit=1002` opens that unit's details. */
export const organizationsSearchSchema = z.object({
  unit: z.coerce.number().int().positive().optional().catch(undefined),
});

export type OrganizationsSearch = z.infer<typeof organizationsSearchSchema>;

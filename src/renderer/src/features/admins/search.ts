import { z } from 'zod';
import { lazily } from '../../lib/lazily';

export const adminTypes = ['STANDARD', 'API', 'IDP', 'SAS'] as const;
export const adminStatuses = ['ACTIVE', 'SUSPENDED'] as const;
export const adminSortColumns = ['name', 'login', 'email', 'type', 'status', 'passwordExpires'] as const;

/** A search value that is wrong is left out, never an error: a pasted link always opens the page. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/**
 * The Admins page's address: `#/admins?type=API&status=ACTIVE&expiresWithin=14`
 * is a view anyone can paste. Everything is optional.
 */
export const adminsSearchSchema = lazily(() =>
  z.object({
    type: lenient(z.enum(adminTypes)),
    status: lenient(z.enum(adminStatuses)),
    role: lenient(z.string().regex(/^[A-Z_]{2,40}$/)),
    org: lenient(z.coerce.number().int().positive()),
    expiresWithin: lenient(z.coerce.number().int().min(0).max(3650)),
    q: lenient(z.string().max(200)),
    sort: lenient(z.enum(adminSortColumns)),
    desc: lenient(z.boolean()),
    admin: lenient(z.coerce.number().int().positive()),
    /** Only admins with a warning. */
    warned: lenient(z.literal(true)),
  }),
);

export type AdminsSearch = z.infer<ReturnType<typeof adminsSearchSchema>>;

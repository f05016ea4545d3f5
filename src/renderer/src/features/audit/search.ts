import { z } from 'zod';
import { auditResults } from '../../../../shared/audit';

function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The audit log's address: `#/audit?result=failed&from=2026-11-01` is a view anyone can paste. */
export const auditSearchSchema = z.object({
  q: lenient(z.string().max(200)),
  operation: lenient(z.string().max(200)),
  result: lenient(z.enum(auditResults)),
  from: lenient(day),
  to: lenient(day),
});

export type AuditSearch = z.infer<typeof auditSearchSchema>;

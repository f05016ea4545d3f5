import { z } from 'zod';
import { auditResults } from '../../../../shared/auditResults';
import { isoDayPattern } from '../../../../shared/certificateValues';
import { lazily } from '../../lib/lazily';

function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/** The audit log's address: `#/audit?result=failed&from=2026-11-01` is a view anyone can paste. */
export const auditSearchSchema = lazily(() =>
  z.object({
    q: lenient(z.string().max(200)),
    operation: lenient(z.string().max(200)),
    result: lenient(z.enum(auditResults)),
    from: lenient(z.string().regex(isoDayPattern)),
    to: lenient(z.string().regex(isoDayPattern)),
  }),
);

export type AuditSearch = z.infer<ReturnType<typeof auditSearchSchema>>;

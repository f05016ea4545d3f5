import { z } from 'zod';
import { auditExportSchema, auditFilterSchema, auditPageSchema, auditQuerySchema } from '../audit';
import type { Channel } from './channels';
import type { ChannelSchemas } from './common';

/**
 * The audit log: every change the console sent to SCM, read in windows
 * (newest first, at most 500 rows an answer) and exported as CSV.
 */
export const auditContract = {
  'audit:list': { args: auditQuerySchema, result: auditPageSchema },
  'audit:export': { args: z.object({ filter: auditFilterSchema.optional() }).strict(), result: auditExportSchema },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

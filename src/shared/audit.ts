import { z } from 'zod';
import { auditResults } from './auditResults';

export { auditResults, type AuditResult } from './auditResults';

export const auditMethods = ['POST', 'PUT', 'DELETE'] as const;

/**
 * One line of `audit.jsonl`: a change the console sent to SCM. It holds no
 * secret and no request body; the path has no query string.
 */
export const auditRecordSchema = z.object({
  /** When the request was sent, ISO 8601. */
  time: z.string().max(40),
  /** The admin's login, or the OAuth2 client ID, that SCM saw. */
  who: z.string().max(256),
  /** The profile it was sent for; null for a connection given on the command line. */
  profileId: z.string().max(64).nullable(),
  profileName: z.string().max(200).nullable(),
  /** `customerUri @ host`, or "built-in sandbox". */
  tenant: z.string().max(400),
  /** What the console was doing, in words: "change the password". */
  operation: z.string().max(500),
  method: z.enum(auditMethods),
  path: z.string().max(2048),
  /** The ids of the objects concerned: those in the path, and the one SCM made (from its Location header). */
  objectIds: z.array(z.number().int()).max(20),
  result: z.enum(auditResults),
  /** SCM's HTTP status; null when no answer came. */
  status: z.number().int().nullable(),
  /** SCM's own error code, when it gave one. */
  scmCode: z.number().int().nullable(),
  durationMs: z.number().int().nonnegative(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

/** The most rows one answer of the audit log carries. */
export const maxAuditWindow = 500;
/** The most rows an export of the audit log holds: the newest of those the filter selects. */
export const maxAuditExportRows = 50_000;

const instant = z.iso.datetime({ offset: true });

/** Which records to show; every condition given must hold. */
export const auditFilterSchema = z
  .object({
    /** Found in any field, in any case. */
    text: z.string().max(200).optional(),
    /** Found in the operation, in any case: "delete admin" finds every admin deleted. */
    operation: z.string().max(200).optional(),
    result: z.enum(auditResults).optional(),
    profileId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
    /** The earliest time included, ISO 8601 with its offset. */
    from: instant.optional(),
    /** The first time no longer included, ISO 8601 with its offset: the start of the day after, for a whole day. */
    to: instant.optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = z
  .object({
    filter: auditFilterSchema.optional(),
    offset: z.number().int().nonnegative().max(10_000_000),
    limit: z.number().int().min(1).max(maxAuditWindow),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** A window of the records the filter selects, newest first, and how many it selects in all. */
export const auditPageSchema = z.object({
  rows: z.array(auditRecordSchema).max(maxAuditWindow),
  total: z.number().int().nonnegative(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditExportSchema = z.object({
  fileName: z.string(),
  /** CSV, one header line and a line per record, newest first. */
  text: z.string(),
  /** Records in the file; fewer than `total` when the selection was larger than an export holds. */
  count: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type AuditExport = z.infer<typeof auditExportSchema>;

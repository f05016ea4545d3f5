import { z } from 'zod';
import {
  bulkPlanArgsSchema,
  bulkPlanSchema,
  certificateActionArgsSchema,
  certificateActionResultSchema,
  certificateCacheSchema,
  certificateDetailsSchema,
  certificateFilterSchema,
  certificateKeySchema,
  certificateSortSchema,
  certificatesWindowArgsSchema,
  certificatesWindowSchema,
  codeSigningRowSchema,
  profileIdSchema,
  revocationReasonCodeSchema,
} from '../certificates';
import type { Channel } from './channels';
import { noArguments, type ChannelSchemas } from './common';

const planId = z.string().regex(/^[a-f0-9]{16}$/);
const exportId = z.string().regex(/^[a-f0-9]{16}$/);

/**
 * SSL and client certificates. The inventory is read by a job
 * (`jobs:start` with `certificates:load`) into a cache in main, per profile;
 * the page asks for windows of it. Bulk actions are planned here and run by a
 * job (`certificates:bulk`).
 */
export const certificatesContract = {
  'certificates:window': { args: certificatesWindowArgsSchema, result: certificatesWindowSchema },
  /** The profiles whose inventory is cached on this computer, to open offline. */
  'certificates:caches': { args: noArguments, result: z.array(certificateCacheSchema) },
  /** One certificate, read afresh from SCM, parsed, with its history and what can be done to it. */
  /** With another profile than the signed-in one: that profile's cached row alone, nothing read from SCM. */
  'certificates:details': { args: z.object({ key: certificateKeySchema, profileId: profileIdSchema.optional() }).strict(), result: certificateDetailsSchema },
  'certificates:act': { args: certificateActionArgsSchema, result: certificateActionResultSchema },
  /** A CSV of what the filter selects, in the order shown: prepared in main, then fetched in parts. */
  'certificates:export': {
    args: z.object({ profileId: profileIdSchema.optional(), filter: certificateFilterSchema, sort: certificateSortSchema }).strict(),
    result: z.object({ exportId, fileName: z.string(), rows: z.number().int(), parts: z.number().int() }),
  },
  'certificates:exportPart': { args: z.object({ exportId, part: z.number().int().min(0).max(100_000) }).strict(), result: z.object({ text: z.string() }) },
  /** What a bulk action would do to each certificate, before anything is sent. */
  'certificates:plan': { args: bulkPlanArgsSchema, result: bulkPlanSchema },
  /** A plan as it stands: planned, running, or finished with each result. */
  'certificates:bulkGet': { args: z.object({ planId }).strict(), result: bulkPlanSchema },
  /** A bulk action's summary (CSV), or the certificates a bulk collect gathered (zip, base64). */
  'certificates:bulkFile': {
    args: z.object({ planId, kind: z.enum(['summary', 'certificates']) }).strict(),
    result: z.object({ fileName: z.string(), mediaType: z.string(), text: z.string().optional(), base64: z.string().optional() }),
  },
  'certificates:codeSigning': { args: noArguments, result: z.object({ rows: z.array(codeSigningRowSchema) }) },
  /** Records in SCM that a code-signing certificate was revoked at the CA by hand. */
  'certificates:codeSigningRevoke': {
    args: z.object({ id: z.number().int().positive(), reasonCode: revocationReasonCodeSchema, reason: z.string().max(512), confirm: z.string().max(256) }).strict(),
    result: z.object({ message: z.string() }),
  },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

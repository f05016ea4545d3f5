import { z } from 'zod';
import { dcvInstructionsSchema, dcvMethodValues, dcvStatusSchema, domainCertTypeValues, domainListSchema } from '../domains';
import type { Channel } from './channels';
import type { ChannelSchemas } from './common';

const id = z.number().int().positive().max(2 ** 31);
const domainName = z.string().trim().min(4).max(253);
const certTypes = z.array(z.enum(domainCertTypeValues)).min(1, 'Choose at least one certificate type.').max(2);

/** Domains and their validation in the signed-in admin's scope, and the changes checked in main first. */
export const domainsContract = {
  'domains:list': { args: z.object({}).strict(), result: domainListSchema },
  'domains:add': {
    args: z.object({ name: domainName, wildcard: z.boolean(), orgIds: z.array(id).min(1, 'Choose at least one organization or department.').max(50), certTypes }).strict(),
    result: z.array(z.object({ name: z.string(), id: z.number().int(), created: z.boolean() })),
  },
  'domains:delegate': { args: z.object({ id, orgId: id, certTypes }).strict(), result: z.object({ done: z.literal(true) }) },
  /** An approver's answer to a delegation that waits. */
  'domains:answer': { args: z.object({ id, orgId: id, approve: z.boolean() }).strict(), result: z.object({ done: z.literal(true) }) },
  'dcv:start': { args: z.object({ domain: domainName, method: z.enum(dcvMethodValues) }).strict(), result: dcvInstructionsSchema },
  'dcv:submit': {
    args: z.object({ domain: domainName, method: z.enum(dcvMethodValues), email: z.string().trim().max(254).optional() }).strict(),
    result: z.object({ status: z.string(), orderStatus: z.string() }),
  },
  'dcv:status': { args: z.object({ domain: domainName }).strict(), result: dcvStatusSchema },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

import { z } from 'zod';
import {
  checklistDescriptorSchema,
  checklistIds,
  checklistPreparationSchema,
  checklistRunSchema,
  exportFormats,
  runSummarySchema,
  secretRevealSchema,
  stepPlanSchema,
} from '../checklists';
import type { Channel } from './channels';
import { noArguments, type ChannelSchemas } from './common';

const runId = z.string().regex(/^[a-z0-9-]{1,80}$/);

/**
 * A form's values as JSON, bounded before any checklist sees them: each
 * checklist's own schema then says what is wrong on which field. Four levels
 * hold every form (a list of custom fields, each a name and a value).
 */
function formValue(levels: number): z.ZodType {
  const plain = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
  if (levels === 0) return plain;
  const inner = formValue(levels - 1);
  return z.union([plain, z.array(inner).max(1_000), formValues(inner)]);
}

function formValues(value: z.ZodType) {
  return z.record(z.string().max(64), value).refine((values) => Object.keys(values).length <= 100, 'At most 100 values.');
}

/**
 * The guided checklists. A step is run through `jobs:start` (`checklists:step`)
 * so its progress can be followed and cancelled; what it did is read back with
 * `checklists:get`.
 */
export const checklistsContract = {
  /** Every checklist, with its inputs as JSON Schema. */
  'checklists:list': { args: noArguments, result: z.array(checklistDescriptorSchema) },
  /** The form's choices and proposals, read from SCM as the signed-in admin. */
  'checklists:prepare': { args: z.object({ checklistId: z.enum(checklistIds) }).strict(), result: checklistPreparationSchema },
  /** Starts a run once its inputs hold; each problem comes back on its field. */
  'checklists:start': {
    args: z.object({ checklistId: z.enum(checklistIds), inputs: formValues(formValue(4)) }).strict(),
    result: checklistRunSchema,
  },
  /** The runs kept here, newest first: of one profile, or all. */
  'checklists:runs': { args: z.object({ profileId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional() }).strict(), result: z.array(runSummarySchema) },
  'checklists:get': { args: z.object({ runId }).strict(), result: checklistRunSchema },
  /** What a step (the current one unless named) will do now, and what stops it. */
  'checklists:plan': { args: z.object({ runId, stepId: z.string().max(64).optional() }).strict(), result: stepPlanSchema },
  'checklists:export': {
    args: z.object({ runId, format: z.enum(exportFormats), language: z.enum(['en', 'sv']) }).strict(),
    result: z.object({ fileName: z.string().max(200), text: z.string() }),
  },
  /** The new admin's password, once and on purpose; the run notes when and to whom. */
  'checklists:reveal': { args: z.object({ runId }).strict(), result: secretRevealSchema },
  /** A random value for an older SCM's Secret Key field: made now, kept nowhere. */
  'checklists:secretKey': { args: z.object({ runId }).strict(), result: z.object({ value: z.string().max(200) }) },
  /** A secret a step asked for (a key's passphrase): held in main's memory for that run only, never answered back. */
  'checklists:secret': { args: z.object({ runId, value: z.string().min(1).max(1024) }).strict(), result: z.object({ held: z.literal(true) }) },
  'checklists:delete': { args: z.object({ runId }).strict(), result: z.object({ deleted: z.literal(true) }) },
} as const satisfies Partial<Record<Channel, ChannelSchemas>>;

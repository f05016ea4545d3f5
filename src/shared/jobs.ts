import { z } from 'zod';
import { stepActions } from './checklists/model';
import { appErrorSchema } from './result';

/** Long work the console does in main, that the interface follows and can stop. */
export const jobKinds = ['admins:load', 'checklists:step', 'checklists:verify', 'certificates:load', 'certificates:bulk'] as const;
export type JobKind = (typeof jobKinds)[number];

export const jobStates = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

export const jobProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  /** Null while the total is not known yet. */
  total: z.number().int().nonnegative().nullable(),
  /** Which part of the work, for the words under the bar: a key the interface translates. */
  phase: z.string().max(64).optional(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobSchema = z.object({
  id: z.string().max(64),
  kind: z.enum(jobKinds),
  /** The profile the work is for, when it is for one. */
  profileId: z.string().max(64).nullable(),
  /** What the work is about within its kind: a checklist run's id, say. */
  subject: z.string().max(120).nullable(),
  state: z.enum(jobStates),
  progress: jobProgressSchema,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  error: appErrorSchema.nullable(),
});
export type Job = z.infer<typeof jobSchema>;

/** What starts a job: its kind and what it needs. */
export const jobStartSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('admins:load') }).strict(),
  /** Runs, verifies, confirms, skips or marks as read one step of a checklist run. */
  z.object({ kind: z.literal('checklists:step'), runId: z.string().regex(/^[a-z0-9-]{1,80}$/), stepId: z.string().max(64), action: z.enum(stepActions) }).strict(),
  /** Checks every finished step of a run against SCM now. */
  z.object({ kind: z.literal('checklists:verify'), runId: z.string().regex(/^[a-z0-9-]{1,80}$/) }).strict(),
  /** Reads the signed-in profile's certificates: everything, or (`changes`) what changed since the last read, where SCM can say. */
  z.object({ kind: z.literal('certificates:load'), mode: z.enum(['full', 'changes']).optional() }).strict(),
  /** Carries out a bulk plan made with `certificates:plan`. */
  z.object({ kind: z.literal('certificates:bulk'), planId: z.string().regex(/^[a-f0-9]{16}$/) }).strict(),
]);
export type JobStart = z.infer<typeof jobStartSchema>;

/** The event stream's one message: a job's state as it is now. */
export const jobEventSchema = jobSchema;

import { z } from 'zod';
import { appErrorSchema } from './result';

/** Long work the console does in main, that the interface follows and can stop. */
export const jobKinds = ['admins:load'] as const;
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
]);
export type JobStart = z.infer<typeof jobStartSchema>;

/** The event stream's one message: a job's state as it is now. */
export const jobEventSchema = jobSchema;

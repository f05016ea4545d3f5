import { z } from 'zod';
import { errorKinds } from './errorKinds';

export { errorKinds, kindAnchor, type ErrorKind } from './errorKinds';


/**
 * Values for a message the interface words itself: names, counts, SCM's
 * code and text. Never a secret.
 */
export const messageParamsSchema = z.record(z.string().max(64), z.union([z.string().max(2000), z.number()]));
export type MessageParams = z.infer<typeof messageParamsSchema>;

/** One field's problem, worded as what to do ("Enter at most 80 characters."). */
export const fieldErrorSchema = z.object({
  /** The field's name in the form, `profile.name` style for nested ones. */
  field: z.string().max(128),
  /** In English, for the command line and as the fallback. */
  message: z.string().max(1000),
  /** The same in the interface's catalogue (`validation.<key>`), with its values. */
  key: z.string().max(128).optional(),
  params: messageParamsSchema.optional(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const appErrorSchema = z.object({
  kind: z.enum(errorKinds),
  /** The SCM error code when SCM gave one. */
  code: z.number().int().optional(),
  /** What failed, in a sentence a person can act on. */
  message: z.string(),
  /** What to do next. */
  hint: z.string().optional(),
  /** A handbook location, `page#anchor`. */
  anchor: z.string().optional(),
  /** The form field the error is about, when it is about one. */
  field: z.string().max(64).optional(),
  /** Every field that needs correcting, when there are several: forms show each on its field. */
  fields: z.array(fieldErrorSchema).max(100).optional(),
  /**
   * The message as a code with values, which the interface words in the
   * user's language (`errors.<key>`); `message` and `hint` are the English
   * wording, for the command line and where the interface has no entry.
   */
  key: z.string().max(128).optional(),
  params: messageParamsSchema.optional(),
});

export type AppError = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(error: AppError): { ok: false; error: AppError } {
  return { ok: false, error };
}

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

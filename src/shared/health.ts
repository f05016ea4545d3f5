import { z } from 'zod';

/** As a monitoring plugin says it: all is well, something needs attention soon, something is wrong now. */
export const healthVerdicts = ['OK', 'WARN', 'FAIL'] as const;
export type HealthVerdict = (typeof healthVerdicts)[number];

/** The checks, in the order they run. */
export const healthCheckIds = ['connection', 'password', 'rest-api', 'writable', 'dcv', 'certificates', 'notifications'] as const;
export type HealthCheckId = (typeof healthCheckIds)[number];

/** The most items one check lists in an answer; `itemCount` says how many there are. */
export const maxHealthItems = 100;

export const healthCheckSchema = z.object({
  id: z.enum(healthCheckIds),
  verdict: z.enum(healthVerdicts),
  /** What is checked, in a few words: "Password expiry". */
  title: z.string().max(120),
  /** What was found, in a sentence. */
  detail: z.string().max(2000),
  /** What needs attention, one line each: "physics.example.org ends 2026-01-31". */
  items: z.array(z.string().max(500)).max(maxHealthItems),
  itemCount: z.number().int().nonnegative(),
  /** Where the handbook explains what to do, `page#anchor`. */
  anchor: z.string().max(200).optional(),
});
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const healthReportSchema = z.object({
  /** The worst verdict of the checks. */
  verdict: z.enum(healthVerdicts),
  /** When the checks ran, ISO 8601. */
  checkedAt: z.string(),
  checks: z.array(healthCheckSchema).max(healthCheckIds.length),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** FAIL if any check failed, else WARN if any warned, else OK. */
export function worstVerdict(verdicts: readonly HealthVerdict[]): HealthVerdict {
  if (verdicts.includes('FAIL')) return 'FAIL';
  if (verdicts.includes('WARN')) return 'WARN';
  return 'OK';
}

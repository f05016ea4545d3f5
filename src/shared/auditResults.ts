/*
 * A module without schemas, so that the audit page's route search, read by the
 * router at every start, does not build those of `audit.ts`.
 */

/**
 * How a change sent to SCM ended: it took effect, SCM refused it, or the
 * answer was lost after it was sent, so it may or may not have taken effect.
 */
export const auditResults = ['ok', 'failed', 'outcome-unknown'] as const;
export type AuditResult = (typeof auditResults)[number];

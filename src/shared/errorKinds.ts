/*
 * The error kinds without the schemas of `result.ts` (which re-exports them):
 * the renderer's first work, connecting to the browser shell, names them
 * before anything else is set up.
 */

/**
 * What went wrong, sorted so that the interface can say what to do next.
 * SCM failures use the SCM kinds; `internal` is a fault of the console itself,
 * `cancelled` is work the user stopped.
 */
export const errorKinds = [
  'auth',
  'expired-password',
  'permission',
  'validation',
  'not-found',
  'pending',
  'api-disabled',
  'read-only-tenant',
  'rate-limited',
  'unavailable',
  'network',
  'timeout',
  'protocol',
  'internal',
  'cancelled',
] as const;

export type ErrorKind = (typeof errorKinds)[number];

/** The handbook anchor that explains an error kind. */
export function kindAnchor(kind: ErrorKind): string {
  return `errors#kind-${kind}`;
}

/**
 * The certificates' vocabulary without any schema: the kinds, states, sort
 * columns and key pattern that the route searches and the pages name. A module
 * of its own, so that what reads only these (the router, at every start) does
 * not build the schemas of `certificates.ts`, which re-exports all of it.
 */

export const certificateKinds = ['ssl', 'smime'] as const;
export type CertificateKind = (typeof certificateKinds)[number];

/**
 * One state across both kinds, for filters, counts and the chart. SCM's own word
 * stays in `status`: SSL says `Issued`, S/MIME says `issued`; an issued
 * certificate past its end date counts as expired whatever SCM says yet.
 */
export const certificateStates = ['requested', 'approved', 'applied', 'issued', 'expired', 'revoked', 'declined', 'replaced', 'other'] as const;
export type CertificateState = (typeof certificateStates)[number];

/** A certificate's key in the console: its kind and SCM's id, `ssl-1234` or `smime-6001`. */
export const certificateKeyPattern = /^(ssl|smime)-[1-9]\d{0,14}$/;

export const certificateSortColumns = ['commonName', 'names', 'status', 'org', 'profile', 'term', 'requested', 'issued', 'expires', 'requester', 'serialNumber'] as const;
export type CertificateSortColumn = (typeof certificateSortColumns)[number];

/** What needs attention: expiring within 30 days, stuck over a day in Requested or Applied, awaiting approval. */
export const attentionKinds = ['expiring', 'stuck', 'approval'] as const;
export type AttentionKind = (typeof attentionKinds)[number];

/** A calendar day, `2026-12-03`. */
export const isoDayPattern = /^\d{4}-\d{2}-\d{2}$/;

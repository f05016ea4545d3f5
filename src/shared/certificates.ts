import { z } from 'zod';
import { profileIdPattern } from './profileIds';
import { attentionKinds, certificateKeyPattern, certificateKinds, certificateSortColumns, certificateStates, isoDayPattern, type CertificateKind } from './certificateValues';

export * from './certificateValues';

/**
 * The Certificates workspace's model: SSL and client (S/MIME) certificates of
 * every organization and department in the admin's scope, read into main by a
 * job, kept there in a cache per profile and served to the page in filtered,
 * sorted windows. Shared by main, the page and the command line.
 */

export const certificateKeySchema = z.string().regex(certificateKeyPattern);

export function certificateKey(kind: CertificateKind, id: number): string {
  return `${kind}-${id}`;
}

export function parseCertificateKey(key: string): { kind: CertificateKind; id: number } {
  const [kind, id] = key.split('-') as [CertificateKind, string];
  return { kind, id: Number(id) };
}

export const certificateRowSchema = z.object({
  key: z.string(),
  kind: z.enum(certificateKinds),
  id: z.number().int(),
  /** The order number client certificates are collected, renewed and revoked by; null for SSL. */
  backendCertId: z.string().nullable(),
  commonName: z.string(),
  /** Subject alternative names for SSL; the email address for a client certificate. */
  names: z.array(z.string()),
  /** SCM's word for the state. */
  status: z.string(),
  state: z.enum(certificateStates),
  orgId: z.number().int().nullable(),
  /** The organization or department's name, as the admin's scope names it. */
  orgName: z.string().nullable(),
  profileName: z.string().nullable(),
  /** Days. */
  term: z.number().int().nullable(),
  /** ISO dates or timestamps. */
  requested: z.string().nullable(),
  issued: z.string().nullable(),
  expires: z.string().nullable(),
  /** Whole days from today to `expires`; negative once expired. */
  daysLeft: z.number().int().nullable(),
  requester: z.string().nullable(),
  serialNumber: z.string().nullable(),
});
export type CertificateRow = z.infer<typeof certificateRowSchema>;

export const isoDaySchema = z.string().regex(isoDayPattern);

export const certificateFilterSchema = z
  .object({
    kind: z.enum(certificateKinds).optional(),
    state: z.enum(certificateStates).optional(),
    /** An organization or department; an organization includes its departments. */
    org: z.number().int().positive().optional(),
    /** A profile's name, as SCM gives it. */
    profile: z.string().min(1).max(200).optional(),
    /** Issued certificates that end within this many days from today. */
    expiresWithin: z.number().int().min(0).max(3650).optional(),
    /** Free text over the common name, names, serial number and requester. */
    q: z.string().max(200).optional(),
    /** Leaves out certificates that ended more than this many days ago; absent shows them all. */
    hideExpiredAfter: z.number().int().min(0).max(36500).optional(),
    /** Certificates that end in the week starting on this Monday (a bar of the chart). */
    week: isoDaySchema.optional(),
    attention: z.enum(attentionKinds).optional(),
  })
  .strict();
export type CertificateFilter = z.infer<typeof certificateFilterSchema>;

export const certificateSortSchema = z.object({ column: z.enum(certificateSortColumns), desc: z.boolean() }).strict();
export type CertificateSort = z.infer<typeof certificateSortSchema>;

export const profileIdSchema = z.string().regex(profileIdPattern);

export const certificatesWindowArgsSchema = z
  .object({
    /** Whose inventory: the signed-in profile unless another profile's cache is asked for (offline). */
    profileId: profileIdSchema.optional(),
    filter: certificateFilterSchema,
    sort: certificateSortSchema,
    offset: z.number().int().min(0).max(10_000_000),
    limit: z.number().int().min(1).max(500),
  })
  .strict();
export type CertificatesWindowArgs = z.infer<typeof certificatesWindowArgsSchema>;

export const inventorySources = ['report', 'details', 'list'] as const;

/** Certificates ending per week for the next 52 weeks, by organization or department. */
export const expiryChartSchema = z.object({
  /** The units stacked, biggest first; the last may be `null` for the rest together. */
  units: z.array(z.object({ id: z.number().nullable(), name: z.string() })),
  weeks: z.array(
    z.object({
      /** The Monday the week starts (ISO day). */
      start: isoDaySchema,
      /** Per unit, in the order of `units`. */
      counts: z.array(z.number().int()),
      total: z.number().int(),
    }),
  ),
});
export type ExpiryChart = z.infer<typeof expiryChartSchema>;

export const certificatesWindowSchema = z.object({
  /** The profile the inventory belongs to; null when there is none to show. */
  profileId: z.string().nullable(),
  /** Whether the inventory can be refreshed and acted on now (signed in as this profile), or is the cache alone. */
  live: z.boolean(),
  offset: z.number().int(),
  rows: z.array(certificateRowSchema),
  matching: z.number().int(),
  total: z.number().int(),
  /** When the inventory was last read from SCM; null before the first read. */
  savedAt: z.string().nullable(),
  /** How it was read: the report, or the lists and details where the report is refused. */
  sources: z.array(z.enum(inventorySources)),
  /** False while a read is under way or stopped part way: some certificates may be missing or old. */
  complete: z.boolean(),
  /** The read under way or last run, to follow its progress. */
  jobId: z.string().nullable(),
  /** Choices for the filters, from the inventory itself. */
  organizations: z.array(z.object({ id: z.number(), name: z.string(), parentId: z.number().nullable() })),
  profiles: z.array(z.string()),
  attention: z.object({ expiring: z.number().int(), stuck: z.number().int(), approval: z.number().int() }),
  /** Over what the filter selects, leaving out its week. */
  chart: expiryChartSchema,
  /** A cache that could not be read, and where it was moved. */
  cacheProblem: z.string().nullable(),
});
export type CertificatesWindow = z.infer<typeof certificatesWindowSchema>;

export const certificateCacheSchema = z.object({ profileId: z.string(), profileName: z.string(), savedAt: z.string(), count: z.number().int() });
export type CertificateCacheInfo = z.infer<typeof certificateCacheSchema>;

/** The formats SCM collects in; `chain` is the console's own: PEM, leaf to root, repaired. */
export const collectFormatValues = ['chain', 'x509', 'x509CO', 'base64', 'bin', 'x509IO', 'x509IOR', 'pem', 'pemco', 'pemia', 'x509R'] as const;
export type CollectFormat = (typeof collectFormatValues)[number];

/** RFC 5280 reasons SCM accepts: unspecified, key compromise, affiliation changed, superseded, cessation of operation. */
export const revocationReasonCodes = [0, 1, 3, 4, 5] as const;
export type RevocationReasonCode = (typeof revocationReasonCodes)[number];
export const revocationReasonCodeSchema = z.union([z.literal(0), z.literal(1), z.literal(3), z.literal(4), z.literal(5)]);

export const certificateActions = ['collect', 'pkcs12', 'renew', 'replace', 'revoke', 'approve', 'decline'] as const;
export type CertificateAction = (typeof certificateActions)[number];
export const bulkActions = ['renew', 'revoke', 'approve', 'collect'] as const;
export type BulkAction = (typeof bulkActions)[number];

/** Key types the console makes, named as the first-certificate checklist names them. */
export const keyTypeValues = ['RSA-2048', 'RSA-3072', 'RSA-4096', 'EC-P-256', 'EC-P-384'] as const;

/** A passphrase or password typed for a key file: sent once, never answered back. */
const typedSecret = z.string().min(1).max(1024);

/** Where the CSR for a renewal or a replacement comes from. */
export const csrSourceSchema = z.discriminatedUnion('mode', [
  /** SCM reuses the certificate's key (renewal only). */
  z.object({ mode: z.literal('same') }).strict(),
  z.object({ mode: z.literal('paste'), csr: z.string().min(1).max(32_767) }).strict(),
  /** A new key made on this computer, encrypted with the passphrase and handed back as a file. */
  z.object({ mode: z.literal('generate'), keyType: z.enum(keyTypeValues), passphrase: typedSecret }).strict(),
]);
export type CsrSource = z.infer<typeof csrSourceSchema>;

const reasonText = z.string().max(512);
const message = z.string().trim().min(1).max(512);

export const certificateActionArgsSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('collect'), key: certificateKeySchema, format: z.enum(collectFormatValues) }).strict(),
  z
    .object({
      action: z.literal('pkcs12'),
      key: certificateKeySchema,
      /** The private key file, PEM (PKCS#8, encrypted or not, or PKCS#1). */
      keyFile: z.string().min(1).max(64 * 1024),
      keyPassphrase: typedSecret.optional(),
      /** The password the PKCS#12 file is protected with. */
      password: typedSecret,
    })
    .strict(),
  z.object({ action: z.literal('renew'), key: certificateKeySchema, csr: csrSourceSchema }).strict(),
  z.object({ action: z.literal('replace'), key: certificateKeySchema, csr: csrSourceSchema, reason: reasonText.trim().min(1) }).strict(),
  z
    .object({
      action: z.literal('revoke'),
      key: certificateKeySchema,
      reasonCode: revocationReasonCodeSchema,
      reason: reasonText,
      /** The common name typed again, to confirm. */
      confirm: z.string().max(256),
    })
    .strict(),
  z.object({ action: z.literal('approve'), key: certificateKeySchema, message }).strict(),
  z.object({ action: z.literal('decline'), key: certificateKeySchema, message }).strict(),
]);
export type CertificateActionArgs = z.infer<typeof certificateActionArgsSchema>;

/** A file for the user to save: text, or base64 for binary formats. */
export const savedFileSchema = z.object({ fileName: z.string(), mediaType: z.string(), text: z.string().optional(), base64: z.string().optional() });
export type SavedFile = z.infer<typeof savedFileSchema>;

export const certificateActionResultSchema = z.object({
  /** In English, for the command line; the page words it from `outcome`. */
  message: z.string(),
  outcome: z.enum(['collected', 'pkcs12', 'renewed', 'replaced', 'revoked', 'approved', 'declined', 'pending']),
  /** The new certificate a renewal ordered. */
  newKey: z.string().nullable(),
  /** The certificate file, the PKCS#12 file, or the new encrypted private key. */
  files: z.array(savedFileSchema),
});
export type CertificateActionResult = z.infer<typeof certificateActionResultSchema>;

export const parsedCertificateSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  names: z.array(z.string()),
  serialNumber: z.string(),
  /** "RSA 2048", "EC P-256". */
  key: z.string(),
  signatureAlgorithm: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha1: z.string(),
  sha256: z.string(),
  /** Leaf first, root last. */
  chain: z.array(z.object({ subject: z.string(), issuer: z.string(), notAfter: z.string() })),
});
export type ParsedCertificate = z.infer<typeof parsedCertificateSchema>;

export const historyRelations = ['renewedFrom', 'renewedTo', 'replacedBy', 'replaces'] as const;

export const certificateDetailsSchema = z.object({
  row: certificateRowSchema,
  /** Everything SCM's details answer held, flattened to names and values. */
  fields: z.array(z.object({ name: z.string(), value: z.string() })),
  parsed: parsedCertificateSchema.nullable(),
  /** Why there is no parsed certificate (not issued yet, or collecting failed). */
  parsedNote: z.string().nullable(),
  history: z.array(
    z.object({
      relation: z.enum(historyRelations),
      key: z.string().nullable(),
      commonName: z.string(),
      date: z.string().nullable(),
      /** False where the link is inferred (same name and organization, ordered that day), not recorded. */
      certain: z.boolean(),
    }),
  ),
  /** Each action, whether it is possible now, and why not. */
  actions: z.array(z.object({ action: z.enum(certificateActions), allowed: z.boolean(), reason: z.string().nullable() })),
});
export type CertificateDetails = z.infer<typeof certificateDetailsSchema>;

/** Which certificates a bulk action is for: those listed, or every one the filter selects. */
export const bulkSelectionSchema = z.union([
  z.object({ keys: z.array(certificateKeySchema).min(1).max(5000) }).strict(),
  z.object({ filter: certificateFilterSchema }).strict(),
]);

export const bulkOptionsSchema = z
  .object({
    reasonCode: revocationReasonCodeSchema.optional(),
    reason: reasonText.optional(),
    message: z.string().max(512).optional(),
    format: z.enum(collectFormatValues).optional(),
  })
  .strict();
export type BulkOptions = z.infer<typeof bulkOptionsSchema>;

export const bulkPlanArgsSchema = z.object({ action: z.enum(bulkActions), selection: bulkSelectionSchema, options: bulkOptionsSchema }).strict();
export type BulkPlanArgs = z.infer<typeof bulkPlanArgsSchema>;

/** The most certificates one bulk action takes. */
export const maxBulkItems = 5000;

export const bulkOutcomes = ['planned', 'skipped', 'done', 'failed', 'unknown'] as const;
export type BulkOutcome = (typeof bulkOutcomes)[number];

export const bulkItemSchema = z.object({
  key: z.string(),
  commonName: z.string(),
  status: z.string(),
  outcome: z.enum(bulkOutcomes),
  /** Why it is skipped, what failed, or what was done (the new certificate's key for a renewal). */
  note: z.string().nullable(),
  newKey: z.string().nullable(),
});
export type BulkItem = z.infer<typeof bulkItemSchema>;

export const bulkPlanSchema = z.object({
  planId: z.string(),
  action: z.enum(bulkActions),
  options: bulkOptionsSchema,
  profileId: z.string(),
  createdAt: z.string(),
  items: z.array(bulkItemSchema),
  counts: z.object({ planned: z.number().int(), skipped: z.number().int(), done: z.number().int(), failed: z.number().int(), unknown: z.number().int() }),
  /** The job that runs it, once started. */
  jobId: z.string().nullable(),
  state: z.enum(['planned', 'running', 'finished']),
});
export type BulkPlan = z.infer<typeof bulkPlanSchema>;

export const codeSigningRowSchema = z.object({
  id: z.number().int(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  commonName: z.string(),
  subject: z.string(),
  serialNumber: z.string(),
  status: z.string(),
  issued: z.string().nullable(),
  expires: z.string().nullable(),
  revoked: z.string().nullable(),
  owner: z.string(),
});
export type CodeSigningRow = z.infer<typeof codeSigningRowSchema>;

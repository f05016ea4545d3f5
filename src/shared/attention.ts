import { z } from 'zod';
import { passwordWarnDays } from './admins';
import { certificateKeySchema, certificateKinds } from './certificates';
import { checklistIds, runStatuses } from './checklists';
import { appErrorSchema } from './result';

/**
 * What needs attention for the signed-in profile, as the Home page shows it
 * on start: certificates and domain validations ending soon, passwords about
 * to expire, checklist runs left open. Each part says what it found, or that
 * it could not be read, and where in the console it is dealt with.
 */

/** Certificates that end within this many days need attention: the Certificates page's "expiring" filter. */
export const certificateWindowDays = 30;
/** Domain validations that end within this many days need attention: the Domains page's "ending soon" filter. */
export const dcvWindowDays = 30;
/** Passwords that expire within this many days need attention, as on the Admins page. */
export const passwordWindowDays = passwordWarnDays;
/** How long SCM may take over a part of the summary before that part is given up as unavailable, so the rest shows at once. */
export const attentionDeadlineMs = 4000;
/** The soonest certificates, domains or admins a part names; its count says how many there are. */
export const attentionListed = 3;
/** The open checklist runs the summary lists; its count says how many there are. */
export const attentionRunsListed = 10;

const count = z.number().int().nonnegative();
const windowDays = z.number().int().positive();
const isoDay = z.string().max(40);
const runId = z.string().regex(/^[a-z0-9-]{1,80}$/);

/** Where each part is dealt with: a page of the console and its filter, as the router spells them. */
export const certificatesLinkSchema = z.object({ to: z.literal('/certificates'), search: z.object({ attention: z.literal('expiring') }).strict() }).strict();
export const domainsLinkSchema = z.object({ to: z.literal('/domains'), search: z.object({ expiring: z.literal(true) }).strict() }).strict();
/** The Admins page under its attention filter, which also lists admins with other warnings. */
export const adminsLinkSchema = z.object({ to: z.literal('/admins'), search: z.object({ warned: z.literal(true) }).strict() }).strict();
/** The Home page's own password change. */
export const passwordLinkSchema = z.object({ to: z.literal('/home'), action: z.literal('change-password') }).strict();
export const checklistsLinkSchema = z.object({ to: z.literal('/checklists') }).strict();
export const runLinkSchema = z.object({ to: z.literal('/checklists/runs/$runId'), params: z.object({ runId }).strict() }).strict();

/** A part that could not be read in time, or at all: why, and where it would be dealt with. */
function unavailable<Link extends z.ZodType>(link: Link) {
  return z.object({ state: z.literal('unavailable'), error: appErrorSchema, link }).strict();
}

export const expiringCertificateSchema = z
  .object({
    key: certificateKeySchema,
    kind: z.enum(certificateKinds),
    commonName: z.string().max(500),
    /** ISO day. */
    expires: isoDay,
    daysLeft: z.number().int(),
  })
  .strict();
export type ExpiringCertificate = z.infer<typeof expiringCertificateSchema>;

/** Issued SSL and client certificates ending within the window, from the inventory kept on this computer: SCM is not asked. */
export const certificatesAttentionSchema = z.discriminatedUnion('state', [
  z
    .object({
      state: z.literal('ready'),
      windowDays,
      count,
      /** The soonest to end, soonest first. */
      soonest: z.array(expiringCertificateSchema).max(attentionListed),
      /** When the inventory was last read from SCM. */
      savedAt: z.string(),
      link: certificatesLinkSchema,
    })
    .strict(),
  /** The inventory was never read on this computer for this profile (or its file could not be read, and was kept aside). */
  z.object({ state: z.literal('not-read'), unreadable: z.boolean(), link: certificatesLinkSchema }).strict(),
  unavailable(certificatesLinkSchema),
]);
export type CertificatesAttention = z.infer<typeof certificatesAttentionSchema>;

export const endingValidationSchema = z
  .object({
    domain: z.string().max(300),
    /** ISO day or timestamp; null where SCM gives none. */
    expires: z.string().max(40).nullable(),
    daysLeft: z.number().int().nullable(),
    /** Ended already: SCM says so, or its end has passed. */
    expired: z.boolean(),
  })
  .strict();
export type EndingValidation = z.infer<typeof endingValidationSchema>;

/** Domain validations ending within the window or ended, read from SCM once. */
export const dcvAttentionSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready'), windowDays, count, soonest: z.array(endingValidationSchema).max(attentionListed), link: domainsLinkSchema }).strict(),
  unavailable(domainsLinkSchema),
]);
export type DcvAttention = z.infer<typeof dcvAttentionSchema>;

/** The signed-in admin's own password, as read at sign-in, its days counted today. */
export const passwordAttentionSchema = z.discriminatedUnion('state', [
  z
    .object({
      state: z.literal('ready'),
      windowDays,
      /** Null when the password does not expire within the window. */
      due: z.object({ expires: isoDay.nullable(), daysLeft: z.number().int().nullable(), expired: z.boolean() }).strict().nullable(),
      link: passwordLinkSchema,
    })
    .strict(),
  /** The profile signs in with a client certificate or OAuth2: there is no password to expire. */
  z.object({ state: z.literal('no-password') }).strict(),
]);
export type PasswordAttention = z.infer<typeof passwordAttentionSchema>;

export const expiringAdminSchema = z
  .object({
    id: z.number().int(),
    displayName: z.string().max(300),
    /** ISO day; null where SCM gave none. */
    passwordExpires: isoDay.nullable(),
    daysLeft: z.number().int().nullable(),
    expired: z.boolean(),
  })
  .strict();
export type ExpiringAdmin = z.infer<typeof expiringAdminSchema>;

/**
 * The other admins in scope whose passwords expire within the window or have
 * expired: only as the Admins page last read them in this run of the console.
 * The summary does not read every admin from SCM itself.
 */
export const adminsAttentionSchema = z.discriminatedUnion('state', [
  z
    .object({
      state: z.literal('ready'),
      windowDays,
      count,
      soonest: z.array(expiringAdminSchema).max(attentionListed),
      /** When the admins were read. */
      loadedAt: z.string(),
      /** False while (or when) not every admin's details were read: the count may grow. */
      complete: z.boolean(),
      link: adminsLinkSchema,
    })
    .strict(),
  z.object({ state: z.literal('not-read'), link: adminsLinkSchema }).strict(),
]);
export type AdminsAttention = z.infer<typeof adminsAttentionSchema>;

export const openRunSchema = z
  .object({
    runId,
    checklistId: z.enum(checklistIds),
    /** What the run is about: an organization, a department or an admin. */
    targetName: z.string().max(200),
    status: z.enum(runStatuses),
    /** The step it is at (the first not finished), numbered from 1; null when every step is finished. */
    step: z.object({ id: z.string().max(64), number: z.number().int().positive() }).strict().nullable(),
    stepCount: count,
    updatedAt: z.string(),
    link: runLinkSchema,
  })
  .strict();
export type OpenRun = z.infer<typeof openRunSchema>;

/** The checklist runs of this profile not done yet, kept on this computer. */
export const checklistsAttentionSchema = z.discriminatedUnion('state', [
  z
    .object({
      state: z.literal('ready'),
      count,
      /** The most recently changed first. */
      runs: z.array(openRunSchema).max(attentionRunsListed),
      link: checklistsLinkSchema,
    })
    .strict(),
  unavailable(checklistsLinkSchema),
]);
export type ChecklistsAttention = z.infer<typeof checklistsAttentionSchema>;

export const attentionSummarySchema = z
  .object({
    profileId: z.string().max(64),
    /** When the summary was made, ISO 8601. */
    checkedAt: z.string(),
    certificates: certificatesAttentionSchema,
    dcv: dcvAttentionSchema,
    password: passwordAttentionSchema,
    admins: adminsAttentionSchema,
    checklists: checklistsAttentionSchema,
  })
  .strict();
export type AttentionSummary = z.infer<typeof attentionSummarySchema>;

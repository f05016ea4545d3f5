import { z } from 'zod';
import { adminRoleValues } from '../admins';
import { profileNameProblem } from '../profiles';
import { apiFlagValues, distinct, emailAddress, grantablePrivileges, personName, scmLogin } from './fields';
import { domainDcvInputSchema } from './inputs.domainDcv';
import { firstCertificateInputSchema } from './inputs.firstCertificate';
import { idpInputSchema } from './inputs.idp';
import { newDepartmentInputSchema } from './inputs.newDepartment';

/**
 * What each checklist asks for before it starts. The interface builds its form
 * from these schemas and checks it with them; main checks again, against SCM,
 * before anything is sent. Messages say what to do, in English; the interface
 * words them in the user's language by the keys in `src/shared/fieldErrors.ts`.
 */

const unitId = z.number({ error: 'Choose an organization or department.' }).int().positive('Choose an organization or department.');

/** A name for the profile the console makes, under the same rules as a profile typed by hand. */
const profileName = z
  .string()
  .transform((value) => value.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'Give the profile a name.')
      .max(80, 'Keep the name to 80 characters or fewer.')
      .superRefine((value, context) => {
        const problem = profileNameProblem(value);
        if (problem !== null) context.addIssue({ code: 'custom', message: problem });
      }),
  );

/** The roles an API admin can hold: RAO ones for an organization, DRAO ones for a department. */
export const apiAdminRoles = adminRoleValues.filter((role) => role !== 'MRAO');

export const apiAdminInputSchema = z
  .object({
    login: scmLogin,
    forename: personName,
    surname: personName,
    email: emailAddress,
    /** The organization (RAO roles) or department (DRAO roles) the admin works for. */
    orgId: unitId,
    roles: distinct(z.enum(apiAdminRoles, { error: 'Choose roles from the list.' })).min(1, 'Choose at least one role.').max(4, 'Choose at most 4 roles.'),
    privileges: distinct(z.enum(grantablePrivileges, { error: 'Choose privileges from the list.' })).max(grantablePrivileges.length),
    /** The profile the console makes for the new admin, with its password in the keychain; “<login> (API)” when left out. */
    profileName: profileName.optional(),
  })
  .strict()
  .superRefine((input, context) => {
    const levels = new Set(input.roles.map((role) => role.split('_')[0]));
    if (levels.size > 1) context.addIssue({ code: 'custom', path: ['roles'], message: 'Choose RAO roles or DRAO roles, not both: SCM keeps an admin’s roles on one level.' });
  });

export type ApiAdminInput = z.output<typeof apiAdminInputSchema>;

/** The name of the new admin's profile when none was given. */
export function defaultApiProfileName(login: string): string {
  return `${login} (API)`.slice(0, 80);
}

/** The least an automation that orders and renews certificates needs, by the kind of certificate its roles are for. */
export const leastPrivileges: Record<'SSL' | 'SMIME' | 'CS' | 'DEVICE', readonly string[]> = {
  SSL: ['sslRequest', 'sslRenew', 'sslReplace', 'sslRevoke'],
  SMIME: ['clientCertRequest', 'clientCertRevoke'],
  CS: ['csRequest', 'csRevoke'],
  DEVICE: ['deviceRequest', 'deviceRenew', 'deviceReplace', 'deviceRevoke'],
};


export const restApiInputSchema = z
  .object({
    orgId: unitId,
    flags: distinct(z.enum(apiFlagValues, { error: 'Choose SSL or client certificates.' })).min(1, 'Choose at least one kind of certificate.'),
    /**
     * The API admin to try the API as, once it is on: a profile's id, or
     * `sandbox:<login>` for an admin of the built-in sandbox. Left out, the
     * last check is skipped.
     */
    probeAs: z.string().trim().max(200).optional(),
  })
  .strict();

export type RestApiInput = z.output<typeof restApiInputSchema>;

/** Who SCM can notify by role (`recipientData.notifyRoles`). */
export const notifyRoleValues = [
  'APPROVER', 'REQUESTER', 'MRAO', 'SSL_RAO', 'SSL_DRAO', 'SMIME_RAO', 'SMIME_DRAO', 'CS_RAO', 'CS_DRAO', 'DEVICE_RAO', 'DEVICE_DRAO', 'EXTERNAL_REQUESTER', 'ORGANIZATION_CONTACT',
] as const;
export type NotifyRole = (typeof notifyRoleValues)[number];

/** The types whose notification is sent a number of days before something ends. */
export const expiryNotificationTypes = ['SSLExpiration', 'ClientCertExpiration', 'DCVExpiration', 'CSCertExpiration', 'DeviceExpiration'] as const;

export const notificationRuleInputSchema = z
  .object({
    /** SCM's type code, e.g. `SSLExpiration`; only those SCM offers this admin are accepted. */
    type: z.string().trim().regex(/^[A-Za-z0-9]{1,64}$/, 'Choose a notification type from the list.'),
    roles: distinct(z.enum(notifyRoleValues, { error: 'Choose recipients from the list.' })).max(notifyRoleValues.length),
    emails: distinct(emailAddress).max(20, 'Give at most 20 addresses.'),
    /** Days before the end, for the expiry types; left out for the others. */
    days: z.number().int('Enter whole days.').min(1, 'Enter 1 to 365 days.').max(365, 'Enter 1 to 365 days.').optional(),
  })
  .strict()
  .superRefine((rule, context) => {
    if (rule.roles.length === 0 && rule.emails.length === 0) context.addIssue({ code: 'custom', path: ['roles'], message: 'Choose at least one recipient: a role or an address.' });
    const expiring = (expiryNotificationTypes as readonly string[]).includes(rule.type);
    if (expiring && rule.days === undefined) context.addIssue({ code: 'custom', path: ['days'], message: 'Enter 1 to 365 days.' });
  });

export type NotificationRuleInput = z.output<typeof notificationRuleInputSchema>;

export const notificationsInputSchema = z
  .object({
    /** The organization the notifications cover, with its departments. */
    orgId: unitId,
    rules: z
      .array(notificationRuleInputSchema)
      .min(1, 'Keep at least one notification.')
      .max(30, 'Give at most 30 notifications.')
      .refine((rules) => new Set(rules.map((rule) => rule.type)).size === rules.length, 'Give each type only once.'),
  })
  .strict();

export type NotificationsInput = z.output<typeof notificationsInputSchema>;

export const checklistInputSchemas = {
  'domain-dcv': domainDcvInputSchema,
  'api-admin': apiAdminInputSchema,
  'rest-api': restApiInputSchema,
  notifications: notificationsInputSchema,
  'new-department': newDepartmentInputSchema,
  idp: idpInputSchema,
  'first-certificate': firstCertificateInputSchema,
} as const;

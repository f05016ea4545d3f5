import { z } from 'zod';
import { baselineNotificationTypes, expiryNotificationTypes, notifyRoleValues, type NotifyRole } from './checklists';
import type { FieldError } from './result';
import type { NotificationRule } from './scm/types';

/**
 * Notification rules as the Notifications page shows and changes them, what
 * SCM needs of one, and the baseline an institution is advised to have.
 */

export const recipientTypeValues = ['EMAIL', 'SLACK', 'TEAMS', 'WEBHOOK'] as const;
export const orgScopeValues = ['ANY', 'ANYDEPT', 'SELECTED'] as const;

export const notificationRowSchema = z.object({
  id: z.number().int(),
  description: z.string(),
  type: z.string(),
  active: z.boolean(),
  selectedOrgType: z.string().nullable(),
  orgIds: z.array(z.number().int()),
  notifyRoles: z.array(z.string()),
  recipients: z.array(z.object({ type: z.string(), value: z.string() })),
  days: z.number().int().nullable(),
});
export type NotificationRow = z.infer<typeof notificationRowSchema>;

export const notificationListSchema = z.object({
  profileId: z.string().nullable(),
  rules: z.array(notificationRowSchema),
  /** The types this admin may create, as SCM lists them. */
  types: z.array(z.string()),
  readAt: z.string(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationDraftSchema = z
  .object({
    description: z.string().trim().min(3, 'Enter at least 3 characters.').max(256),
    type: z.string().trim().regex(/^[A-Za-z][A-Za-z ]{1,79}$/, 'Choose a notification type from the list.'),
    active: z.boolean(),
    selectedOrgType: z.enum(orgScopeValues),
    orgIds: z.array(z.number().int().positive()).max(200),
    notifyRoles: z.array(z.enum(notifyRoleValues)).max(notifyRoleValues.length),
    recipients: z.array(z.object({ type: z.enum(recipientTypeValues), value: z.string().trim().max(512) }).strict()).max(50),
    days: z.number().int().min(0).max(365).nullable(),
  })
  .strict();
export type NotificationDraft = z.infer<typeof notificationDraftSchema>;

export function isExpiryType(type: string): boolean {
  return (expiryNotificationTypes as readonly string[]).includes(type) || /expiration$/i.test(type);
}

function problem(field: string, key: string, message: string): FieldError {
  return { field, key: `notification.${key}`, message };
}

/** What SCM needs of a rule beyond its shape: someone to tell, addresses that work, days for an expiry. */
export function notificationDraftProblems(draft: NotificationDraft): FieldError[] {
  const problems: FieldError[] = [];
  if (draft.notifyRoles.length === 0 && draft.recipients.length === 0) problems.push(problem('recipients', 'recipient', 'Choose at least one recipient: a role or an address.'));
  const badEmail = draft.recipients.filter((recipient) => recipient.type === 'EMAIL' && !/^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/.test(recipient.value));
  if (badEmail.length > 0) problems.push(problem('recipients', 'email', `Enter each email address as name@example.org; check ${badEmail.slice(0, 3).map((recipient) => recipient.value || '(empty)').join(', ')}.`));
  const badUrl = draft.recipients.filter((recipient) => recipient.type !== 'EMAIL' && !/^https:\/\/[^\s/]+\.[^\s/]+(\/\S*)?$/.test(recipient.value));
  if (badUrl.length > 0) problems.push(problem('recipients', 'url', 'Enter each Slack, Teams or webhook recipient as an https:// address.'));
  if (isExpiryType(draft.type) && (draft.days === null || draft.days < 1)) problems.push(problem('days', 'days', 'Enter 1 to 365 days: how long before expiry SCM writes.'));
  if (draft.selectedOrgType === 'SELECTED' && draft.orgIds.length === 0) problems.push(problem('orgIds', 'orgIds', 'Choose at least one organization or department, or another scope.'));
  return problems;
}

/**
 * The names the newer API documentation gives the baseline types, which a
 * server may answer with instead of the codes: a rule is matched by either.
 */
export const baselineDisplayNames: Readonly<Record<string, string>> = {
  SSLExpiration: 'SSL Certificate Expiration',
  ClientCertExpiration: 'Client Certificate Expiration',
  DCVExpiration: 'DCV Expiration',
  SSLAwaitingApproval: 'SSL Awaiting Approval',
  DomainAwaitingApproval: 'Domain Awaiting Approval',
  AdminCreation: 'Admin Created',
};

/** Who each baseline notification goes to, as the context of TCS proposes it. */
export const baselineRoles: Readonly<Record<string, readonly NotifyRole[]>> = {
  SSLExpiration: ['REQUESTER', 'ORGANIZATION_CONTACT'],
  ClientCertExpiration: ['REQUESTER', 'ORGANIZATION_CONTACT'],
  DCVExpiration: ['SSL_RAO', 'ORGANIZATION_CONTACT'],
  SSLAwaitingApproval: ['SSL_RAO', 'SSL_DRAO'],
  DomainAwaitingApproval: ['SSL_RAO'],
  AdminCreation: ['SSL_RAO'],
};

/** Days before expiry the baseline's expiry notifications write. */
export const baselineDays = 30;

export function sameType(rule: Pick<NotificationRule, 'type'>, code: string): boolean {
  const type = rule.type.trim().toLowerCase();
  return type === code.toLowerCase() || type === (baselineDisplayNames[code] ?? '').toLowerCase();
}

/** Whether a rule covers an organization: every one, it and its departments, or it by name. */
export function covers(rule: Pick<NotificationRule, 'selectedOrgType' | 'orgIds'>, orgId: number): boolean {
  if (rule.selectedOrgType === 'ANY' || rule.selectedOrgType === null) return true;
  if (rule.selectedOrgType === 'ANYDEPT' && rule.orgIds.length === 0) return true;
  return rule.orgIds.includes(orgId);
}

export type BaselineState = 'active' | 'inactive' | 'missing' | 'notOffered';

/** For each baseline type, whether an active rule covers the organization. */
export function compareWithBaseline(rules: readonly NotificationRow[], offered: readonly string[], orgId: number): { type: string; state: BaselineState; ruleIds: number[] }[] {
  return baselineNotificationTypes.map((code) => {
    const matching = rules.filter((rule) => sameType(rule, code) && covers(rule, orgId));
    const isOffered = offered.some((type) => type === code || type.toLowerCase() === (baselineDisplayNames[code] ?? '').toLowerCase());
    const state: BaselineState = matching.some((rule) => rule.active) ? 'active' : matching.length > 0 ? 'inactive' : isOffered ? 'missing' : 'notOffered';
    return { type: code, state, ruleIds: matching.map((rule) => rule.id) };
  });
}

/**
 * Why the actor may not change a rule, or null: an MRAO may change any; others
 * only a rule whose organizations all lie within their scope (a rule for any
 * organization is the MRAO's).
 */
export function notificationChangeRefusal(
  rule: Pick<NotificationRow, 'selectedOrgType' | 'orgIds'>,
  actor: { roles: readonly { role: string; orgId: number | null }[]; units: readonly { id: number }[] },
): { key: string; message: string } | null {
  if (actor.roles.some((role) => role.role === 'MRAO')) return null;
  if (rule.selectedOrgType === 'ANY' || rule.selectedOrgType === null || rule.orgIds.length === 0) {
    return { key: 'notification.refuse.anyOrganization', message: 'This notification covers every organization; only an MRAO changes it (SCM refuses with -3).' };
  }
  if (!rule.orgIds.every((id) => actor.units.some((unit) => unit.id === id))) {
    return { key: 'notification.refuse.outsideScope', message: 'This notification covers organizations outside what you manage; SCM refuses with -3.' };
  }
  return null;
}

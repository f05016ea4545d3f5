import { z } from 'zod';
import type { NotificationRule } from '../../shared/scm/types';
import type { ScmClient } from './client';
import { ScmClientError } from './errors';
import { collectAll, listAll, type ListOptions } from './paging';

// Only the id is certain; the rest may be left out, down to a recipient's fields.
const ruleWire = z.looseObject({
  id: z.number(),
  description: z.string().nullish(),
  type: z.string().nullish(),
  active: z.boolean().nullish(),
  orgData: z.looseObject({ selectedOrgType: z.string().nullish(), orgDelegations: z.array(z.number()).nullish() }).nullish(),
  recipientData: z
    .looseObject({
      notifyRoles: z.array(z.string()).nullish(),
      recipients: z.array(z.looseObject({ type: z.string().nullish(), value: z.string().nullish() })).nullish(),
    })
    .nullish(),
  additionalData: z.looseObject({ days: z.number().nullish() }).nullish(),
});

/** A notification rule as SCM takes it on create and update. */
export interface NotificationRuleInput {
  description: string;
  /** A code from `types()`, such as SSLExpiration. */
  type: string;
  active?: boolean;
  /** ANY, ANYDEPT or SELECTED, with the organizations for the last two. */
  selectedOrgType: 'ANY' | 'ANYDEPT' | 'SELECTED';
  orgIds?: number[];
  notifyRoles?: string[];
  recipients?: { type: string; value: string }[];
  /** Days before expiry, for the expiration types. */
  days?: number;
}

function wireRule(input: Partial<NotificationRuleInput>): Record<string, unknown> {
  return {
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.type === undefined ? {} : { type: input.type }),
    ...(input.active === undefined ? {} : { active: input.active }),
    ...(input.selectedOrgType === undefined ? {} : { orgData: { selectedOrgType: input.selectedOrgType, orgDelegations: input.orgIds ?? [] } }),
    ...(input.notifyRoles === undefined && input.recipients === undefined ? {} : { recipientData: { notifyRoles: input.notifyRoles ?? [], recipients: input.recipients ?? [] } }),
    ...(input.days === undefined ? {} : { additionalData: { days: input.days } }),
  };
}

function checkDescription(description: string | undefined): void {
  if (description !== undefined && (description.trim() === '' || description.length > 256)) {
    throw new ScmClientError({ kind: 'validation', message: 'A notification needs a description of 1 to 256 characters; the console finds the rule again by it.' });
  }
}

/** Notification rules (`/api/notification/v1`). */
export class NotificationsApi {
  constructor(private readonly client: ScmClient) {}

  /** The notification types this admin may create, as SCM lists them (never a fixed list). */
  async types(): Promise<string[]> {
    return this.client.json({ method: 'GET', path: '/api/notification/v1/types', operation: 'list notification types' }, z.array(z.string()));
  }

  async list(options: ListOptions & { description?: string } = {}): Promise<NotificationRule[]> {
    const { description, ...listOptions } = options;
    const rows = await collectAll(listAll(this.client, { path: '/api/notification/v1', query: { description }, operation: 'list notifications' }, ruleWire, listOptions));
    return rows.map(toRule);
  }

  /**
   * Creates a rule and returns its id. If the answer is lost, the rule is looked
   * up by its description (keep descriptions unique) before it is sent again.
   */
  async create(input: NotificationRuleInput): Promise<number> {
    checkDescription(input.description);
    return this.client.createOnce(
      { method: 'POST', path: '/api/notification/v1', body: wireRule(input), operation: `create notification “${input.description}”` },
      async () => (await this.list({ description: input.description })).find((rule) => rule.description === input.description && rule.type === input.type)?.id,
    );
  }

  /** Changes a rule; the type cannot change. A PUT, so repeating it is harmless. */
  async update(id: number, changes: Partial<Omit<NotificationRuleInput, 'type'>>): Promise<NotificationRule> {
    checkDescription(changes.description);
    return toRule(await this.client.json({ method: 'PUT', path: `/api/notification/v1/${id}`, body: wireRule(changes), operation: `change notification ${id}` }, ruleWire));
  }

  async delete(id: number): Promise<void> {
    await this.client.call({ method: 'DELETE', path: `/api/notification/v1/${id}`, operation: `delete notification ${id}` });
  }
}

function toRule(row: z.infer<typeof ruleWire>): NotificationRule {
  return {
    id: row.id,
    description: row.description ?? '',
    type: row.type ?? '',
    active: row.active ?? true,
    selectedOrgType: row.orgData?.selectedOrgType ?? null,
    orgIds: row.orgData?.orgDelegations ?? [],
    notifyRoles: row.recipientData?.notifyRoles ?? [],
    recipients: (row.recipientData?.recipients ?? []).map((recipient) => ({ type: recipient.type ?? '', value: recipient.value ?? '' })),
    days: row.additionalData?.days ?? null,
  };
}

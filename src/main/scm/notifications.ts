import { z } from 'zod';
import type { NotificationRule } from '../../shared/scm/types';
import type { ScmClient } from './client';
import { collectAll, listAll, type ListOptions } from './paging';

const ruleWire = z.looseObject({
  id: z.number(),
  description: z.string().nullish(),
  type: z.string(),
  active: z.boolean().nullish(),
  orgData: z.looseObject({ selectedOrgType: z.string().nullish(), orgDelegations: z.array(z.number()).nullish() }).nullish(),
  recipientData: z
    .looseObject({
      notifyRoles: z.array(z.string()).nullish(),
      recipients: z.array(z.looseObject({ type: z.string(), value: z.string() })).nullish(),
    })
    .nullish(),
  additionalData: z.looseObject({ days: z.number().nullish() }).nullish(),
});

/** Notification rules (`/api/notification/v1`). */
export class NotificationsApi {
  constructor(private readonly client: ScmClient) {}

  /** The notification types this admin may create, as SCM lists them (never a fixed list). */
  async types(): Promise<string[]> {
    return this.client.json({ method: 'GET', path: '/api/notification/v1/types', operation: 'list notification types' }, z.array(z.string()));
  }

  async list(options: ListOptions = {}): Promise<NotificationRule[]> {
    const rows = await collectAll(listAll(this.client, { path: '/api/notification/v1', operation: 'list notifications' }, ruleWire, options));
    return rows.map((row) => ({
      id: row.id,
      description: row.description ?? '',
      type: row.type,
      active: row.active ?? true,
      selectedOrgType: row.orgData?.selectedOrgType ?? null,
      orgIds: row.orgData?.orgDelegations ?? [],
      notifyRoles: row.recipientData?.notifyRoles ?? [],
      recipients: row.recipientData?.recipients ?? [],
      days: row.additionalData?.days ?? null,
    }));
  }
}

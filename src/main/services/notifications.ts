import { notificationDraftProblems, type NotificationDraft } from '../../shared/notifications';
import type { FieldError } from '../../shared/result';
import type { NotificationRule } from '../../shared/scm/types';
import type { ScmClient } from '../scm/client';
import { ScmClientError } from '../scm/errors';
import { NotificationsApi, type NotificationRuleInput } from '../scm/notifications';
import { ServiceError } from './errors';

/** The notification rules in scope. */
export function notificationRules(client: ScmClient): Promise<NotificationRule[]> {
  return new NotificationsApi(client).list();
}

const anchor = 'notifications#manage';

function refuse(problems: FieldError[]): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new ServiceError({ kind: 'validation', message: problems.length === 1 ? first.message : `${problems.length} fields need correcting, first ${first.field}: ${first.message}`, field: first.field, fields: problems, anchor });
}

function wireOf(draft: NotificationDraft): NotificationRuleInput {
  return {
    description: draft.description,
    type: draft.type,
    active: draft.active,
    selectedOrgType: draft.selectedOrgType,
    orgIds: draft.selectedOrgType === 'ANY' ? [] : draft.orgIds,
    notifyRoles: draft.notifyRoles,
    recipients: draft.recipients,
    ...(draft.days === null ? {} : { days: draft.days }),
  };
}

/**
 * Changes to notification rules for one client: what SCM needs of a rule is
 * checked first, descriptions are kept unique (a rule whose create answer was
 * lost is found again by it), the type never changes, and a delete needs the
 * description repeated.
 */
export class NotificationWriter {
  readonly #api: NotificationsApi;

  constructor(client: ScmClient) {
    this.#api = new NotificationsApi(client);
  }

  async list(): Promise<NotificationRule[]> {
    return this.#api.list();
  }

  async types(): Promise<string[]> {
    return this.#api.types();
  }

  async #find(id: number): Promise<NotificationRule> {
    const rule = (await this.#api.list()).find((candidate) => candidate.id === id);
    if (rule === undefined) throw new ServiceError({ kind: 'not-found', message: `SCM lists no notification ${id} for you; it may have been deleted.`, anchor });
    return rule;
  }

  async create(draft: NotificationDraft): Promise<number> {
    refuse(notificationDraftProblems(draft));
    const [types, existing] = await Promise.all([this.#api.types(), this.#api.list({ description: draft.description })]);
    if (!types.includes(draft.type)) refuse([{ field: 'type', key: 'notification.type', message: `SCM does not offer the type ${draft.type} to you; choose one it lists.` }]);
    if (existing.some((rule) => rule.description === draft.description)) {
      refuse([{ field: 'description', key: 'notification.descriptionTaken', message: 'A notification with this description exists already. Give each its own, so that each can be found again.' }]);
    }
    return this.#api.create(wireOf(draft));
  }

  /** Changes a rule to the draft; only what changed is sent, and the type stays. */
  async update(id: number, draft: NotificationDraft): Promise<void> {
    const current = await this.#find(id);
    if (draft.type !== current.type) refuse([{ field: 'type', key: 'notification.typeFixed', message: 'SCM does not change a notification’s type; create a new notification instead.' }]);
    refuse(notificationDraftProblems(draft));
    const wire = wireOf(draft);
    const changes: Partial<NotificationRuleInput> = {};
    if (draft.description !== current.description) {
      const clash = (await this.#api.list({ description: draft.description })).some((rule) => rule.id !== id && rule.description === draft.description);
      if (clash) refuse([{ field: 'description', key: 'notification.descriptionTaken', message: 'A notification with this description exists already. Give each its own, so that each can be found again.' }]);
      changes.description = draft.description;
    }
    if (draft.active !== current.active) changes.active = draft.active;
    const sameList = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify([...a].map(String).sort()) === JSON.stringify([...b].map(String).sort());
    if (draft.selectedOrgType !== current.selectedOrgType || !sameList(wire.orgIds ?? [], current.orgIds)) Object.assign(changes, { selectedOrgType: wire.selectedOrgType, orgIds: wire.orgIds });
    const recipientKey = (list: readonly { type: string; value: string }[]) => list.map((recipient) => `${recipient.type}:${recipient.value}`);
    if (!sameList(draft.notifyRoles, current.notifyRoles) || !sameList(recipientKey(draft.recipients), recipientKey(current.recipients))) Object.assign(changes, { notifyRoles: wire.notifyRoles, recipients: wire.recipients });
    if (draft.days !== current.days && draft.days !== null) changes.days = draft.days;
    if (Object.keys(changes).length === 0) return;
    await this.#api.update(id, changes);
  }

  async setActive(id: number, active: boolean): Promise<void> {
    await this.#find(id);
    await this.#api.update(id, { active });
  }

  async delete(id: number, confirmDescription: string): Promise<{ description: string }> {
    const current = await this.#find(id);
    if (confirmDescription !== current.description) throw new ServiceError({ kind: 'validation', message: `Type the description, ${current.description}, to confirm.`, field: 'confirmDescription', anchor });
    try {
      await this.#api.delete(id);
    } catch (error) {
      // A delete repeated after its answer was lost finds the rule gone: it was done.
      if (!(error instanceof ScmClientError && error.kind === 'not-found')) throw error;
    }
    return { description: current.description };
  }
}

import {
  baselineNotificationTypes,
  expiryNotificationTypes,
  notificationsInputSchema,
  type ChecklistMessage,
  type NotificationRuleInput,
  type NotificationsInput,
  type RequestPreview,
} from '../../../shared/checklists';
import { baselineDays, baselineDisplayNames, baselineRoles, covers, sameType } from '../../../shared/notifications';
import type { NotificationRule } from '../../../shared/scm/types';
import { NotificationsApi, type NotificationRuleInput as WireRule } from '../../scm/notifications';
import { ChecklistContext } from './context';
import type { ChecklistDefinition, CheckResult } from './definition';
import { StepProblem } from './problem';
import { say, words } from './words';

type Context = ChecklistContext<NotificationsInput>;

const anchor = 'procedure-notifications';

function typeWords(code: string): string {
  const known = words(`notifications.types.${code}`);
  return known === `notifications.types.${code}` ? code : known;
}

/** The description a rule made here gets: how it is told apart, and found again after a lost answer. */
function descriptionOf(code: string, unit: string): string {
  return `TCS baseline: ${typeWords(code)} (${unit})`.slice(0, 256);
}

async function unitName(context: Context): Promise<string> {
  const unit = await context.unit(context.inputs.orgId);
  return unit === undefined ? String(context.inputs.orgId) : ChecklistContext.unitName(unit);
}

function wireRule(rule: NotificationRuleInput, orgId: number, description: string): WireRule {
  return {
    description,
    type: rule.type,
    active: true,
    selectedOrgType: 'ANYDEPT',
    orgIds: [orgId],
    notifyRoles: rule.roles,
    recipients: rule.emails.map((email) => ({ type: 'EMAIL', value: email })),
    ...(rule.days === undefined ? {} : { days: rule.days }),
  };
}

interface Survey {
  offered: string[];
  existing: NotificationRule[];
  /** For each chosen type: an active rule covering the unit, one that is off, or none. */
  byType: { rule: NotificationRuleInput; active?: NotificationRule; inactive?: NotificationRule }[];
}

async function survey(context: Context): Promise<Survey> {
  const api = new NotificationsApi(context.client);
  const [offered, existing] = await Promise.all([api.types(), api.list({ signal: context.signal })]);
  const byType = context.inputs.rules.map((rule) => {
    const covering = existing.filter((candidate) => sameType(candidate, rule.type) && covers(candidate, context.inputs.orgId));
    const active = covering.find((candidate) => candidate.active);
    const inactive = active === undefined ? covering.find((candidate) => !candidate.active) : undefined;
    return { rule, ...(active === undefined ? {} : { active }), ...(inactive === undefined ? {} : { inactive }) };
  });
  return { offered, existing, byType };
}

function offeredTypes(offered: readonly string[]): Set<string> {
  return new Set(offered.map((type) => type.toLowerCase()));
}

function isOffered(offered: Set<string>, code: string): boolean {
  return offered.has(code.toLowerCase()) || offered.has((baselineDisplayNames[code] ?? '').toLowerCase());
}

async function checkActive(context: Context): Promise<CheckResult> {
  const found = await survey(context);
  const unit = await unitName(context);
  const missing = found.byType.filter((entry) => entry.active === undefined);
  for (const entry of found.byType) {
    if (entry.active !== undefined) context.detail(say('notifications.outcomes.activeOne', { type: typeWords(entry.rule.type), description: entry.active.description, id: entry.active.id }));
    else context.detail(say('notifications.problems.missingType', { type: typeWords(entry.rule.type), unit }));
  }
  if (missing.length > 0) return { holds: false, message: say('notifications.problems.missingType', { type: missing.map((entry) => typeWords(entry.rule.type)).join(', '), unit }) };
  return { holds: true, message: say('notifications.outcomes.allActive', { count: found.byType.length, unit }) };
}

export const notificationsChecklist: ChecklistDefinition<NotificationsInput> = {
  id: 'notifications',
  inputSchema: notificationsInputSchema,
  audience: { roles: ['MRAO', 'RAO_SSL', 'RAO_SMIME', 'DRAO_SSL', 'DRAO_SMIME'], privileges: [] },
  anchor,

  async prepare(context) {
    const self = await context.self();
    const units = await context.units();
    const api = new NotificationsApi(context.client);
    const offered = await api.types();
    const available = offeredTypes(offered);
    const organizations = units.filter((unit) => unit.kind === 'organization');
    const home = self.credentials.find((credential) => credential.orgId !== null)?.orgId;
    const homeOrganization = organizations.find((unit) => unit.id === home) ?? organizations.find((unit) => units.some((other) => other.id === home && other.parentId === unit.id)) ?? organizations[0];
    const proposed = baselineNotificationTypes.filter((code) => isOffered(available, code));
    const left = baselineNotificationTypes.filter((code) => !isOffered(available, code));
    const notes: ChecklistMessage[] = left.length > 0 ? [say('notifications.outcomes.notOffered', { types: left.map(typeWords).join(', ') })] : [];
    const blockers: ChecklistMessage[] = proposed.length === 0 ? [say('notifications.problems.noneOffered')] : [];
    return {
      choices: {
        orgId: organizations.map((unit) => ({ value: unit.id, label: unit.name })),
        type: offered.map((code) => ({ value: code, label: typeWords(code) })),
        roles: ['APPROVER', 'REQUESTER', 'MRAO', 'SSL_RAO', 'SSL_DRAO', 'SMIME_RAO', 'SMIME_DRAO', 'CS_RAO', 'CS_DRAO', 'DEVICE_RAO', 'DEVICE_DRAO', 'EXTERNAL_REQUESTER', 'ORGANIZATION_CONTACT'].map((role) => ({ value: role, label: role })),
      },
      defaults: {
        ...(homeOrganization === undefined ? {} : { orgId: homeOrganization.id }),
        rules: proposed.map((code) => ({
          type: code,
          roles: baselineRoles[code] ?? ['ORGANIZATION_CONTACT'],
          emails: [],
          ...((expiryNotificationTypes as readonly string[]).includes(code) ? { days: baselineDays } : {}),
        })),
      },
      blockers,
      notes,
    };
  },

  async begin(context) {
    const problems: { field: string; message: ChecklistMessage }[] = [];
    const unit = await context.unit(context.inputs.orgId);
    if (unit === undefined || unit.kind !== 'organization') problems.push({ field: 'orgId', message: say('notifications.problems.noSuchUnit', { id: context.inputs.orgId }) });
    const offered = offeredTypes(await new NotificationsApi(context.client).types());
    for (const [index, rule] of context.inputs.rules.entries()) {
      if (!isOffered(offered, rule.type)) problems.push({ field: `rules.${index}.type`, message: say('notifications.problems.typeNotOffered', { type: typeWords(rule.type) }) });
    }
    return { target: { kind: 'organization', id: context.inputs.orgId, name: unit?.name ?? String(context.inputs.orgId) }, problems };
  },

  steps: [
    {
      id: 'read-existing',
      kind: 'verify',
      anchor: `${anchor}#step-list-types`,
      async plan(context) {
        return { params: { unit: await unitName(context) } };
      },
      async run(context) {
        const found = await survey(context);
        const available = offeredTypes(found.offered);
        const notOffered = found.byType.filter((entry) => !isOffered(available, entry.rule.type));
        if (notOffered.length > 0) throw new StepProblem(say('notifications.problems.typeNotOffered', { type: notOffered.map((entry) => typeWords(entry.rule.type)).join(', ') }), 'permission', `${anchor}#step-list-types`);
        for (const entry of found.byType) {
          if (entry.active !== undefined) context.detail(say('notifications.outcomes.activeOne', { type: typeWords(entry.rule.type), description: entry.active.description, id: entry.active.id }));
          else context.detail(say('notifications.problems.missingType', { type: typeWords(entry.rule.type), unit: await unitName(context) }));
        }
        return say('notifications.outcomes.found', {
          offered: found.offered.length,
          wanted: found.byType.length,
          existing: found.byType.filter((entry) => entry.active !== undefined).length,
          inactive: found.byType.filter((entry) => entry.inactive !== undefined).length,
          missing: found.byType.filter((entry) => entry.active === undefined && entry.inactive === undefined).length,
        });
      },
    },
    {
      id: 'create-missing',
      kind: 'action',
      anchor: `${anchor}#step-create`,
      async plan(context) {
        const found = await survey(context);
        return {
          params: {
            unit: await unitName(context),
            count: found.byType.filter((entry) => entry.active === undefined && entry.inactive === undefined).length,
            inactive: found.byType.filter((entry) => entry.inactive !== undefined).length,
          },
        };
      },
      async preview(context) {
        const found = await survey(context);
        const unit = await unitName(context);
        const requests: RequestPreview[] = [];
        for (const entry of found.byType) {
          if (entry.active !== undefined) continue;
          if (entry.inactive !== undefined) requests.push({ as: context.who, method: 'PUT', path: `/api/notification/v1/${entry.inactive.id}`, body: { active: true } });
          else requests.push({ as: context.who, method: 'POST', path: '/api/notification/v1', body: wireRule(entry.rule, context.inputs.orgId, descriptionOf(entry.rule.type, unit)) });
        }
        return requests;
      },
      async run(context) {
        const api = new NotificationsApi(context.client);
        const unit = await unitName(context);
        // Made again from what SCM holds now: a rule made by an attempt whose answer was lost is found, not made twice.
        const found = await survey(context);
        const todo = found.byType.filter((entry) => entry.active === undefined);
        let created = 0;
        let activated = 0;
        for (const [position, entry] of todo.entries()) {
          context.throwIfCancelled();
          context.progress(position, todo.length, 'checklists:notifications');
          if (entry.inactive !== undefined) {
            context.sent({ method: 'PUT', path: `/api/notification/v1/${entry.inactive.id}`, body: { active: true } });
            await api.update(entry.inactive.id, { active: true });
            context.madeId(entry.inactive.id);
            context.detail(say('notifications.outcomes.activated', { description: entry.inactive.description, id: entry.inactive.id }));
            activated += 1;
            continue;
          }
          const description = descriptionOf(entry.rule.type, unit);
          const body = wireRule(entry.rule, context.inputs.orgId, description);
          context.sent({ method: 'POST', path: '/api/notification/v1', body });
          const id = await api.create(body);
          context.madeId(id);
          context.setFact(`rule.${entry.rule.type}`, id);
          await context.checkpoint();
          context.detail(say('notifications.outcomes.created', { description, id }));
          created += 1;
        }
        context.progress(todo.length, todo.length, 'checklists:notifications');
        return created + activated === 0 ? say('notifications.outcomes.nothingMissing') : say('notifications.outcomes.madeCount', { created, activated });
      },
      check: checkActive,
    },
    {
      id: 'verify-active',
      kind: 'verify',
      anchor: `${anchor}#step-verify`,
      async plan(context) {
        return { params: { unit: await unitName(context) } };
      },
      async run(context) {
        const found = await checkActive(context);
        if (!found.holds) throw new StepProblem(found.message, 'validation', `${anchor}#step-verify`);
        return found.message;
      },
      check: checkActive,
    },
  ],
};

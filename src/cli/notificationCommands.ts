import { notifyRoleValues } from '../shared/checklists';
import { notificationDraftSchema, orgScopeValues, type NotificationDraft } from '../shared/notifications';
import type { NotificationRule } from '../shared/scm/types';
import { NotificationWriter } from '../main/services/notifications';
import type { Command, CommandContext } from './commands';
import { confirmed, writing } from './confirm';
import { UsageError } from './connection';
import { writeJson } from './output';

/*
 * Notification rules on the command line, with the same checks as the app
 * (someone to tell, addresses that work, days for an expiry, a description of
 * its own) before SCM is asked, and nothing sent without a "y" or --yes.
 */

const fieldOptions: Command['options'] = {
  description: { type: 'string', description: 'the rule’s own description, 3 to 256 characters' },
  type: { type: 'string', description: 'the type as SCM names it, such as SSLExpiration (create only)' },
  scope: { type: 'string', description: `which organizations: ${orgScopeValues.join(', ')} (default SELECTED with --orgs)` },
  orgs: { type: 'string', description: 'organization or department ids, comma-separated' },
  roles: { type: 'string', description: `recipient roles, comma-separated: ${notifyRoleValues.join(', ')}` },
  recipients: { type: 'string', description: 'other recipients, comma-separated: email addresses, or https:// addresses for Slack, Teams or webhooks' },
  days: { type: 'string', description: 'days before expiry, for the expiration types' },
  off: { type: 'boolean', description: 'create it turned off' },
};

const yesOption: Command['options'] = { yes: { type: 'boolean', description: 'go ahead without asking (needed when not in a terminal)' } };

function idOf(value: string | undefined): number {
  if (value === undefined || !/^\d{1,10}$/.test(value) || Number(value) === 0) throw new UsageError(`ID must be a notification id${value === undefined ? '' : `, not "${value}"`}.`);
  return Number(value);
}

function list(value: string | boolean | undefined): string[] | undefined {
  return typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : undefined;
}

function recipientOf(value: string): { type: 'EMAIL' | 'SLACK' | 'TEAMS' | 'WEBHOOK'; value: string } {
  if (!/^https:\/\//i.test(value)) return { type: 'EMAIL', value };
  if (/hooks\.slack\.com/i.test(value)) return { type: 'SLACK', value };
  if (/(webhook\.office\.com|\.logic\.azure\.com)/i.test(value)) return { type: 'TEAMS', value };
  return { type: 'WEBHOOK', value };
}

function draftOf(values: CommandContext['values'], current?: NotificationRule): NotificationDraft {
  const orgs = list(values.orgs)?.map((id) => {
    if (!/^\d{1,10}$/.test(id)) throw new UsageError(`--orgs: "${id}" is not an organization or department id.`);
    return Number(id);
  });
  const scope = typeof values.scope === 'string' ? values.scope.toUpperCase() : (current?.selectedOrgType ?? 'SELECTED');
  const days = values.days === undefined ? (current?.days ?? null) : /^\d{1,3}$/.test(String(values.days)) ? Number(values.days) : -1;
  const parsed = notificationDraftSchema.safeParse({
    description: typeof values.description === 'string' ? values.description : (current?.description ?? ''),
    type: current?.type ?? (typeof values.type === 'string' ? values.type : ''),
    active: current?.active ?? values.off !== true,
    selectedOrgType: scope,
    orgIds: scope === 'ANY' ? [] : (orgs ?? current?.orgIds ?? []),
    notifyRoles: list(values.roles) ?? current?.notifyRoles ?? [],
    recipients: list(values.recipients)?.map(recipientOf) ?? current?.recipients ?? [],
    days,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = ({ selectedOrgType: 'scope', orgIds: 'orgs', notifyRoles: 'roles' } as Record<string, string>)[String(issue.path[0])] ?? String(issue.path[0] ?? 'description');
    throw new UsageError(`--${flag}: ${issue.message}`);
  }
  return parsed.data;
}

async function writerFor(context: CommandContext): Promise<NotificationWriter> {
  return new NotificationWriter((await context.connection()).client);
}

async function ruleOf(writer: NotificationWriter, id: number): Promise<NotificationRule> {
  const rule = (await writer.list()).find((candidate) => candidate.id === id);
  if (rule === undefined) throw new UsageError(`SCM lists no notification ${id} for you.`);
  return rule;
}

export const notificationCommands: Command[] = [
  {
    name: 'notifications create',
    summary: 'create a notification rule',
    arguments: [],
    options: { ...fieldOptions, ...yesOption },
    help: `Creates a notification rule, such as:
  tcs-admin notifications create --type SSLExpiration --description "SSL expiring (University)"
    --orgs 1001 --roles REQUESTER,ORGANIZATION_CONTACT --days 30
Nothing is sent until you answer "y" in a terminal; elsewhere add --yes.`,
    async run(context) {
      if (context.values.type === undefined) throw new UsageError('--type is needed: the notification type, as `tcs-admin notifications list` or SCM names it.');
      const draft = draftOf(context.values);
      const writer = await writerFor(context);
      if (!(await confirmed(context, `create the ${draft.type} notification “${draft.description}”`))) return 2;
      const id = await writing(context, () => writer.create(draft));
      if (context.output.json) writeJson(context.output, { id, description: draft.description });
      else context.output.stdout.write(`Created the notification “${draft.description}” (id ${id}).\n`);
      return 0;
    },
  },
  {
    name: 'notifications update',
    summary: 'change a notification rule’s description, organizations, recipients or days',
    arguments: ['ID'],
    options: { ...fieldOptions, ...yesOption },
    help: 'Changes what the flags give and leaves the rest as it is; the type never changes. Nothing is sent until you answer "y" in a terminal; elsewhere add --yes.',
    async run(context) {
      const id = idOf(context.positionals[0]);
      const writer = await writerFor(context);
      const current = await ruleOf(writer, id);
      if (typeof context.values.type === 'string' && context.values.type !== current.type) throw new UsageError('--type: SCM does not change a notification’s type; create a new notification instead.');
      const draft = draftOf(context.values, current);
      if (!(await confirmed(context, `change the notification “${current.description}”`))) return 2;
      await writing(context, () => writer.update(id, draft));
      if (context.output.json) writeJson(context.output, { id, updated: true });
      else context.output.stdout.write(`Updated the notification “${draft.description}”.\n`);
      return 0;
    },
  },
  ...(['enable', 'disable'] as const).map(
    (verb): Command => ({
      name: `notifications ${verb}`,
      summary: verb === 'enable' ? 'turn a notification rule on' : 'turn a notification rule off, keeping it',
      arguments: ['ID'],
      options: { ...yesOption },
      async run(context) {
        const id = idOf(context.positionals[0]);
        const writer = await writerFor(context);
        const current = await ruleOf(writer, id);
        if (!(await confirmed(context, `turn ${verb === 'enable' ? 'on' : 'off'} the notification “${current.description}”`))) return 2;
        await writer.setActive(id, verb === 'enable');
        if (context.output.json) writeJson(context.output, { id, active: verb === 'enable' });
        else context.output.stdout.write(`Turned ${verb === 'enable' ? 'on' : 'off'} the notification “${current.description}”.\n`);
        return 0;
      },
    }),
  ),
  {
    name: 'notifications delete',
    summary: 'delete a notification rule',
    arguments: ['ID'],
    options: { ...yesOption },
    help: 'Deletes a notification rule. In a terminal you type its description to confirm; elsewhere add --yes.',
    async run(context) {
      const id = idOf(context.positionals[0]);
      const writer = await writerFor(context);
      const current = await ruleOf(writer, id);
      if (!(await confirmed(context, `delete the notification “${current.description}”`, current.description))) return 2;
      await writing(context, () => writer.delete(id, current.description));
      if (context.output.json) writeJson(context.output, { id, deleted: true });
      else context.output.stdout.write(`Deleted the notification “${current.description}”.\n`);
      return 0;
    },
  },
];

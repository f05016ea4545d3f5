import { unitDraftSchema, type UnitDraft } from '../shared/organizations';
import { readActor } from '../main/services/adminWrites';
import { UnitWriter } from '../main/services/units';
import type { Command, CommandContext } from './commands';
import { confirmed, writing } from './confirm';
import { UsageError } from './connection';
import { writeJson } from './output';

/*
 * Departments on the command line: create, change, delete, with the same
 * checks as the app (rights, SCM's address needs, what depends on a unit)
 * before SCM is asked, and nothing sent without a "y" or --yes.
 */

const fieldOptions: Command['options'] = {
  name: { type: 'string', description: 'the name' },
  'contact-emails': { type: 'string', description: 'contact addresses, comma-separated' },
  address: { type: 'string', description: 'the street address (a new department takes its organization’s when left out)' },
  city: { type: 'string', description: 'the city' },
  state: { type: 'string', description: 'the state or province' },
  'postal-code': { type: 'string', description: 'the postal code' },
  country: { type: 'string', description: 'the two-letter country code' },
  'ssl-api': { type: 'string', description: 'allow REST API operations for SSL certificates: on or off' },
  'client-api': { type: 'string', description: 'allow REST API operations for client certificates: on or off' },
};

const yesOption: Command['options'] = { yes: { type: 'boolean', description: 'go ahead without asking (needed when not in a terminal)' } };

function idOf(value: string | undefined, name = 'ID'): number {
  if (value === undefined || !/^\d{1,10}$/.test(value) || Number(value) === 0) throw new UsageError(`${name} must be an organization or department id${value === undefined ? '' : `, not "${value}"`}.`);
  return Number(value);
}

function onOff(value: string | boolean | undefined, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === 'on' || value === 'off') return value === 'on';
  throw new UsageError(`--${name} takes on or off, not "${String(value)}".`);
}

function draftOf(values: CommandContext['values'], base: { name: string; contactEmails: string[]; address1: string | null; city: string | null; stateOrProvince: string | null; postalCode: string | null; country: string | null; ssl: boolean; client: boolean }): UnitDraft {
  const text = (name: string, fallback: string | null): string => (typeof values[name] === 'string' ? (values[name] as string) : (fallback ?? ''));
  const parsed = unitDraftSchema.safeParse({
    name: text('name', base.name),
    contactEmails: values['contact-emails'] === undefined ? base.contactEmails : String(values['contact-emails']).split(',').map((email) => email.trim()).filter((email) => email !== ''),
    address1: text('address', base.address1),
    city: text('city', base.city),
    stateOrProvince: text('state', base.stateOrProvince),
    postalCode: text('postal-code', base.postalCode),
    country: text('country', base.country),
    sslCertsApiEnabled: onOff(values['ssl-api'], 'ssl-api', base.ssl),
    clientCertsApiEnabled: onOff(values['client-api'], 'client-api', base.client),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0] ?? 'name')}: ${issue.message}`);
  }
  return parsed.data;
}




async function writerFor(context: CommandContext): Promise<UnitWriter> {
  const connection = await context.connection();
  return new UnitWriter(connection.client, await readActor(connection.client, connection.who));
}

export const organizationCommands: Command[] = [
  {
    name: 'orgs create-department',
    summary: 'add a department to an organization',
    arguments: ['ORG_ID'],
    options: { ...fieldOptions, ...yesOption },
    help: `Adds a department under the organization ORG_ID, with the organization's
address unless --address, --city, --state, --postal-code or --country say
otherwise; its REST API switches are off unless --ssl-api on or --client-api on.
The console checks first that you are an RAO of the organization with the
privilege to add departments, and that no department has the name already.
Nothing is sent until you answer "y" in a terminal; elsewhere add --yes.`,
    async run(context) {
      const parentId = idOf(context.positionals[0], 'ORG_ID');
      if (typeof context.values.name !== 'string') throw new UsageError('--name is needed: the new department’s name.');
      const writer = await writerFor(context);
      const parent = await writer.prepare('createDepartment', parentId);
      const draft = draftOf(context.values, { ...parent, name: '', contactEmails: [], ssl: false, client: false });
      if (!(await confirmed(context, `create the department ${draft.name} in ${parent.name}`))) return 2;
      const id = await writing(context, () => writer.createDepartment(parentId, draft));
      if (context.output.json) writeJson(context.output, { id, name: draft.name, parentId });
      else context.output.stdout.write(`Created the department ${draft.name} (id ${id}) in ${parent.name}.\n`);
      return 0;
    },
  },
  {
    name: 'orgs update',
    summary: 'change an organization’s or department’s name, contacts, address or REST API switches',
    arguments: ['ID'],
    options: { ...fieldOptions, ...yesOption },
    help: 'Changes what the flags give and leaves the rest as it is; only the fields that change are sent. Nothing is sent until you answer "y" in a terminal; elsewhere add --yes.',
    async run(context) {
      const id = idOf(context.positionals[0]);
      const writer = await writerFor(context);
      const current = await writer.prepare('edit', id);
      const draft = draftOf(context.values, { ...current, ssl: current.sslCertsApiEnabled === true, client: current.clientCertsApiEnabled === true });
      if (!(await confirmed(context, `change ${current.name}`))) return 2;
      await writing(context, () => writer.update(id, draft));
      if (context.output.json) writeJson(context.output, { id, updated: true });
      else context.output.stdout.write(`Updated ${draft.name}.\n`);
      return 0;
    },
  },
  {
    name: 'orgs delete',
    summary: 'delete a department (or, as an MRAO, an organization) nothing depends on',
    arguments: ['ID'],
    options: { ...yesOption },
    help: `Deletes an organization or department, once the console has checked that no
department, certificate or delegated domain depends on it (it names what does).
In a terminal you type the name to confirm; elsewhere add --yes.`,
    async run(context) {
      const id = idOf(context.positionals[0]);
      const writer = await writerFor(context);
      const current = await writer.prepare('delete', id);
      if (!(await confirmed(context, `delete ${current.name}`, current.name))) return 2;
      await writing(context, () => writer.delete(id, current.name));
      if (context.output.json) writeJson(context.output, { id, deleted: true });
      else context.output.stdout.write(`Deleted ${current.name}.\n`);
      return 0;
    },
  },
];

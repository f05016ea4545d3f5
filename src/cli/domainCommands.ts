import { readActor } from '../main/services/adminWrites';
import { DomainWriter, type DcvMethod, type DomainCertType } from '../main/services/domains';
import type { Command, CommandContext } from './commands';
import { confirmed, writing } from './confirm';
import { UsageError } from './connection';
import { writeJson } from './output';

/*
 * Domains and their validation on the command line: the privileges SCM asks
 * for, the units in scope and the name's form are checked first, and nothing
 * is changed without a "y" in a terminal or --yes. Reading a validation's
 * status changes nothing and asks for nothing.
 */

const yesOption: Command['options'] = { yes: { type: 'boolean', description: 'go ahead without asking (needed when not in a terminal)' } };
const methods: readonly DcvMethod[] = ['CNAME', 'HTTP', 'HTTPS', 'EMAIL'];

function idOf(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d{1,10}$/.test(value) || Number(value) === 0) throw new UsageError(`${name} must be an id (a whole number)${value === undefined ? '' : `, not "${value}"`}.`);
  return Number(value);
}

function certTypesOf(value: string | boolean | undefined): DomainCertType[] {
  const types = typeof value === 'string' ? value.split(',').map((type) => type.trim().toUpperCase()).filter((type) => type !== '') : ['SSL'];
  for (const type of types) if (type !== 'SSL' && type !== 'SMIME') throw new UsageError(`--cert-types: "${type}" is not SSL or SMIME.`);
  return [...new Set(types)] as DomainCertType[];
}

function methodOf(value: string | boolean | undefined): DcvMethod {
  const method = typeof value === 'string' ? value.toUpperCase() : '';
  if (!(methods as readonly string[]).includes(method)) throw new UsageError(`--method must be one of ${methods.join(', ')}.`);
  return method as DcvMethod;
}

async function writerFor(context: CommandContext): Promise<DomainWriter> {
  const connection = await context.connection();
  return new DomainWriter(connection.client, await readActor(connection.client, connection.who));
}

const certTypesOption: Command['options'] = { 'cert-types': { type: 'string', description: 'certificate types, comma-separated: SSL, SMIME (default SSL)' } };

export const domainCommands: Command[] = [
  {
    name: 'domains add',
    summary: 'add a domain and its wildcard entry, delegated to organizations or departments',
    arguments: ['DOMAIN'],
    options: {
      orgs: { type: 'string', description: 'the organization or department ids it is delegated to, comma-separated' },
      ...certTypesOption,
      'no-wildcard': { type: 'boolean', description: 'add the domain alone, without its *. entry' },
      ...yesOption,
    },
    help: `Adds DOMAIN (example.org) and, unless --no-wildcard, *.DOMAIN, delegated to
--orgs for --cert-types. An entry that exists already is left as it is. A
delegation by an admin without approveDomainDelegation waits for the MRAO.
Validate the domain afterwards with tcs-admin dcv start.
Nothing is sent until you answer "y" in a terminal; elsewhere add --yes.`,
    async run(context) {
      const name = DomainWriter.nameOf(context.positionals[0] ?? '');
      const orgs = typeof context.values.orgs === 'string' ? context.values.orgs.split(',').map((id) => idOf(id.trim(), '--orgs')) : [];
      if (orgs.length === 0) throw new UsageError('--orgs is needed: the organization or department ids the domain is delegated to.');
      const certTypes = certTypesOf(context.values['cert-types']);
      const wildcard = context.values['no-wildcard'] !== true;
      const writer = await writerFor(context);
      if (!(await confirmed(context, `add ${name}${wildcard ? ` and *.${name}` : ''}, delegated to ${orgs.join(', ')} for ${certTypes.join(' and ')}`))) return 2;
      const added = await writing(context, () => writer.add(name, orgs.map((orgId) => ({ orgId, certTypes })), wildcard));
      if (context.output.json) writeJson(context.output, added);
      else for (const entry of added) context.output.stdout.write(`${entry.created ? 'Added' : 'Already there:'} ${entry.name} (id ${entry.id}).\n`);
      return 0;
    },
  },
  {
    name: 'domains delegate',
    summary: 'delegate a domain to another organization or department',
    arguments: ['ID'],
    options: { org: { type: 'string', description: 'the organization or department id' }, ...certTypesOption, ...yesOption },
    async run(context) {
      const id = idOf(context.positionals[0], 'ID');
      const orgId = idOf(context.values.org as string | undefined, '--org');
      const certTypes = certTypesOf(context.values['cert-types']);
      const writer = await writerFor(context);
      if (!(await confirmed(context, `delegate domain ${id} to ${orgId} for ${certTypes.join(' and ')}`))) return 2;
      await writing(context, () => writer.delegate(id, orgId, certTypes));
      if (context.output.json) writeJson(context.output, { id, orgId, certTypes });
      else context.output.stdout.write(`Delegated domain ${id} to ${orgId}.\n`);
      return 0;
    },
  },
  ...(['approve', 'reject'] as const).map(
    (verb): Command => ({
      name: `domains ${verb}`,
      summary: `${verb} a delegation that waits for an approver (an MRAO)`,
      arguments: ['ID'],
      options: { org: { type: 'string', description: 'the organization or department the delegation is for' }, ...yesOption },
      async run(context) {
        const id = idOf(context.positionals[0], 'ID');
        const orgId = idOf(context.values.org as string | undefined, '--org');
        const writer = await writerFor(context);
        if (!(await confirmed(context, `${verb} the delegation of domain ${id} to ${orgId}`))) return 2;
        await writing(context, () => writer.answer(id, orgId, verb === 'approve'));
        if (context.output.json) writeJson(context.output, { id, orgId, approved: verb === 'approve' });
        else context.output.stdout.write(`${verb === 'approve' ? 'Approved' : 'Rejected'} the delegation of domain ${id} to ${orgId}.\n`);
        return 0;
      },
    }),
  ),
  {
    name: 'dcv start',
    summary: 'start validating a domain, and print what to publish',
    arguments: ['DOMAIN'],
    options: { method: { type: 'string', description: `how: ${methods.join(', ')}` }, ...yesOption },
    help: 'Starts domain control validation of the registered domain (not its *. entry, which it covers) and prints the CNAME record, the file, or the addresses that may receive the mail. Publish it, then run tcs-admin dcv submit.',
    async run(context) {
      const name = DomainWriter.nameOf(context.positionals[0] ?? '');
      const method = methodOf(context.values.method);
      const writer = await writerFor(context);
      if (!(await confirmed(context, `start validating ${name} by ${method}`))) return 2;
      const instructions = await writing(context, () => writer.startDcv(name, method));
      if (context.output.json) writeJson(context.output, instructions);
      else if (instructions.method === 'CNAME') context.output.stdout.write(`Publish in DNS:\n  ${instructions.host} CNAME ${instructions.point}\nThen: tcs-admin dcv submit ${name} --method CNAME\n`);
      else if (instructions.method === 'EMAIL') context.output.stdout.write(`Sectigo may write to: ${instructions.emails.join(', ')}\nChoose one: tcs-admin dcv submit ${name} --method EMAIL --email ADDRESS\n`);
      else context.output.stdout.write(`Serve ${instructions.url} with these lines:\n  ${instructions.firstLine}\n  ${instructions.secondLine}\nThen: tcs-admin dcv submit ${name} --method ${method}\n`);
      return 0;
    },
  },
  {
    name: 'dcv submit',
    summary: 'ask Sectigo to check a validation once what start printed is published',
    arguments: ['DOMAIN'],
    options: { method: { type: 'string', description: `how: ${methods.join(', ')}` }, email: { type: 'string', description: 'for EMAIL: the address start offered that should receive the mail' }, ...yesOption },
    async run(context) {
      const name = DomainWriter.nameOf(context.positionals[0] ?? '');
      const method = methodOf(context.values.method);
      const email = typeof context.values.email === 'string' ? context.values.email : undefined;
      const writer = await writerFor(context);
      if (!(await confirmed(context, `submit the validation of ${name} by ${method}`))) return 2;
      const submitted = await writing(context, () => writer.submitDcv(name, method, email));
      if (context.output.json) writeJson(context.output, submitted);
      else context.output.stdout.write(`Submitted: ${submitted.status || 'no status yet'} (${submitted.orderStatus || 'order status unknown'}). Check with tcs-admin dcv recheck ${name}.\n`);
      return 0;
    },
  },
  {
    name: 'dcv recheck',
    summary: 'read a domain’s validation afresh',
    arguments: ['DOMAIN'],
    options: {},
    async run(context) {
      const name = DomainWriter.nameOf(context.positionals[0] ?? '');
      const status = await (await writerFor(context)).dcvStatus(name);
      if (context.output.json) writeJson(context.output, status);
      else context.output.stdout.write(`${name}: ${status.status} (order ${status.orderStatus})${status.expires === null ? '' : `, valid until ${status.expires}`}\n`);
      return 0;
    },
  },
];

import { readFile } from 'node:fs/promises';
import { adminDraftSchema, editableAdminTypes, hasPassword, type AdminDraft } from '../shared/adminRules';
import { adminPrivilegeValues, adminRoleValues } from '../shared/admins';
import { leastPrivileges } from '../shared/checklists/inputs';
import { adminDisplayName, type AdminDetails } from '../shared/scm/types';
import { AdminWriter, readActor } from '../main/services/adminWrites';
import type { Command, CommandContext } from './commands';
import { confirmed, interactive, writing } from './confirm';
import { UsageError } from './connection';
import { writeJson, type Output } from './output';

/*
 * Changes to admins on the command line: the same checks of SCM's rules as
 * the app, before anything is sent, and nothing sent without a "yes" typed in
 * a terminal or --yes.
 */

const presets = { ssl: leastPrivileges.SSL, smime: leastPrivileges.SMIME, cs: leastPrivileges.CS, device: leastPrivileges.DEVICE } as const;

const fieldOptions: Command['options'] = {
  type: { type: 'string', description: `the admin type: ${editableAdminTypes.join(', ')} (default STANDARD on create)` },
  'admin-login': { type: 'string', description: 'the admin’s login: 3 to 128 letters, digits or ! @ _ . - + \' (--login names the account you sign in as)' },
  email: { type: 'string', description: 'the email address' },
  forename: { type: 'string', description: 'the first name' },
  surname: { type: 'string', description: 'the last name' },
  roles: { type: 'string', description: 'roles as ROLE:ID, comma-separated, such as RAO_SSL:1001,RAO_SMIME:1001 (MRAO takes no id)' },
  privileges: { type: 'string', description: `privileges, comma-separated, as SCM names them (${adminPrivilegeValues.slice(0, 4).join(', ')}…)` },
  preset: { type: 'string', description: 'the least privileges for automation, added to --privileges: ssl, smime, cs, device (comma-separated)' },
  idp: { type: 'string', description: 'the identity provider id the admin signs in through (see the app’s Admins page)' },
  'idp-person-id': { type: 'string', description: 'the IdP person id (ePPN) that links the admin to a person' },
};

const passwordFileOption: Command['options'] = {
  'password-file': { type: 'string', description: 'read the temporary password from the first line of FILE instead of making one (needed when not in a terminal)' },
};

const yesOption: Command['options'] = { yes: { type: 'boolean', description: 'go ahead without asking (needed when not in a terminal)' } };

const confirmHelp = `Nothing is sent until you answer "y" in a terminal; elsewhere add --yes. The
console checks SCM's rules for your admin first (roles on one level, one
organization per role, privileges you hold yourself, Allow DCV for SSL admins
only) and stops with the rule, before SCM is asked.`;

function idOf(value: string | undefined, name = 'ID'): number {
  if (value === undefined || !/^\d{1,10}$/.test(value) || Number(value) === 0) throw new UsageError(`${name} must be an admin id (a whole number)${value === undefined ? '' : `, not "${value}"`}.`);
  return Number(value);
}

function list(value: string | boolean | undefined): string[] {
  return typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : [];
}

function parseRoles(value: string): AdminDraft['credentials'] {
  return list(value).map((entry) => {
    const [role, unit] = entry.split(':');
    if (!(adminRoleValues as readonly string[]).includes(role ?? '')) throw new UsageError(`--roles: "${role}" is not a role; use ${adminRoleValues.join(', ')}.`);
    if (role === 'MRAO') return { role: 'MRAO' as const, orgId: null };
    if (unit === undefined || !/^\d{1,10}$/.test(unit)) throw new UsageError(`--roles: give ${role} with the organization or department id, as ${role}:1001.`);
    return { role: role as AdminDraft['credentials'][number]['role'], orgId: Number(unit) };
  });
}

function parsePrivileges(values: CommandContext['values'], base: readonly string[]): AdminDraft['privileges'] {
  const chosen = new Set(values.privileges === undefined ? base : list(values.privileges));
  for (const name of list(values.preset)) {
    const preset = presets[name as keyof typeof presets];
    if (preset === undefined) throw new UsageError(`--preset: "${name}" is not a preset; use ${Object.keys(presets).join(', ')}.`);
    for (const privilege of preset) chosen.add(privilege);
  }
  for (const privilege of chosen) if (!(adminPrivilegeValues as readonly string[]).includes(privilege)) throw new UsageError(`--privileges: "${privilege}" is not a privilege SCM knows.`);
  return [...chosen] as AdminDraft['privileges'];
}

/** The draft from the flags, on top of the admin as it is (update) or empty (create). */
function draftOf(values: CommandContext['values'], current?: AdminDetails): AdminDraft {
  const text = (name: string, fallback: string): string => (typeof values[name] === 'string' ? (values[name] as string) : fallback);
  const idp = values.idp === undefined ? (current?.identityProviderId ?? null) : values.idp === '' || values.idp === 'none' ? null : idOf(values.idp as string, '--idp');
  const raw = {
    type: text('type', current?.type ?? 'STANDARD').toUpperCase(),
    login: text('admin-login', current?.login ?? ''),
    email: text('email', current?.email ?? ''),
    forename: text('forename', current?.forename ?? ''),
    surname: text('surname', current?.surname ?? ''),
    credentials: values.roles === undefined ? (current?.credentials ?? []) : parseRoles(values.roles as string),
    privileges: parsePrivileges(values, current?.privileges ?? []),
    identityProviderId: idp,
    idpPersonId: idp === null ? '' : text('idp-person-id', current?.idpPersonId ?? ''),
  };
  const parsed = adminDraftSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${issue.path[0] === 'login' ? 'admin-login' : String(issue.path[0] ?? 'type')}: ${issue.path[0] === 'type' ? `use ${editableAdminTypes.join(', ')}` : issue.message}.`);
  }
  return parsed.data;
}




/** The temporary password: from --password-file, or made by the console when it can be shown in a terminal. */
async function temporaryPassword(context: CommandContext): Promise<string | undefined> {
  const file = context.values['password-file'];
  if (typeof file === 'string') {
    const text = await readFile(file, 'utf8').catch(() => {
      throw new UsageError(`--password-file: ${file} could not be read.`);
    });
    const first = text.split(/\r?\n/)[0] ?? '';
    if (first === '' || first.length > 64) throw new UsageError('--password-file: the first line must hold the password, 1 to 64 characters.');
    return first;
  }
  if (!interactive(context.output) || context.output.json) {
    throw new UsageError('a temporary password would be made and shown, and there is no terminal to show it in. Give --password-file FILE with the password to set instead.');
  }
  return undefined;
}

function handOver(output: Output, login: string, password: string, chosen: boolean): void {
  if (chosen) output.stdout.write(`The password from the file is set for ${login}; ${login} must change it at the first sign-in.\n`);
  else output.stdout.write(`Temporary password for ${login}: ${password}\nHand it over in person or by phone; ${login} must change it at the first sign-in. It is not kept anywhere.\n`);
}



async function writerFor(context: CommandContext): Promise<AdminWriter> {
  const connection = await context.connection();
  return new AdminWriter(connection.client, await readActor(connection.client, connection.who));
}

function describeDraft(draft: AdminDraft): string {
  const roles = draft.credentials.map((credential) => (credential.orgId === null ? credential.role : `${credential.role} on ${credential.orgId}`)).join(', ');
  return `${draft.type} admin ${draft.login} (${draft.forename} ${draft.surname}, ${draft.email}) with ${roles || 'no role'} and ${draft.privileges.length === 0 ? 'no privileges' : draft.privileges.join(', ')}`;
}

export const adminCommands: Command[] = [
  {
    name: 'admins create',
    summary: 'create an admin (a temporary password for STANDARD and API admins)',
    arguments: [],
    options: { ...fieldOptions, ...passwordFileOption, ...yesOption },
    help: `Creates an admin. STANDARD and API admins get a temporary password, which
they must change at the first sign-in: the console makes one and shows it once
in the terminal, or sets the one in --password-file.

Example: tcs-admin admins create --type API --admin-login svc-acme --email pki@example.org
  --forename Svc --surname Acme --roles RAO_SSL:1001 --preset ssl

${confirmHelp}`,
    async run(context) {
      const draft = draftOf(context.values);
      const password = hasPassword(draft.type) ? await temporaryPassword(context) : undefined;
      const writer = await writerFor(context);
      if (!(await confirmed(context, `create the ${describeDraft(draft)}`))) return 2;
      const created = await writing(context, () => writer.create(draft, password));
      if (context.output.json) writeJson(context.output, { id: created.id, login: draft.login });
      else context.output.stdout.write(`Created admin ${draft.login} (id ${created.id}).\n`);
      if (created.temporaryPassword !== undefined && !context.output.json) handOver(context.output, draft.login, created.temporaryPassword, password !== undefined);
      return 0;
    },
  },
  {
    name: 'admins update',
    summary: 'change an admin’s names, email, type, roles or privileges',
    arguments: ['ID'],
    options: { ...fieldOptions, ...yesOption },
    help: `Changes what the flags give and leaves the rest as it is: --roles and
--privileges replace the lists; --preset adds to the privileges; --idp none
takes the identity provider away. Only the fields that change are sent.

${confirmHelp}`,
    async run(context) {
      const id = idOf(context.positionals[0]);
      const writer = await writerFor(context);
      const current = await writer.read(id);
      const draft = draftOf(context.values, current);
      if (!(await confirmed(context, `change admin ${adminDisplayName(current)} to a ${describeDraft(draft)}`))) return 2;
      await writing(context, () => writer.update(id, draft));
      if (context.output.json) writeJson(context.output, { id, updated: true });
      else context.output.stdout.write(`Updated admin ${adminDisplayName(current)}.\n`);
      return 0;
    },
  },
  ...(['suspend', 'activate'] as const).map(
    (verb): Command => ({
      name: `admins ${verb}`,
      summary: verb === 'suspend' ? 'suspend an admin: it can no longer sign in' : 'activate a suspended admin',
      arguments: ['ID'],
      options: { ...yesOption },
      help: confirmHelp,
      async run(context) {
        const id = idOf(context.positionals[0]);
        const writer = await writerFor(context);
        const current = await writer.read(id);
        if (!(await confirmed(context, `${verb} admin ${adminDisplayName(current)}`))) return 2;
        await writing(context, () => writer.setStatus(id, verb === 'suspend' ? 'SUSPENDED' : 'ACTIVE'));
        if (context.output.json) writeJson(context.output, { id, status: verb === 'suspend' ? 'SUSPENDED' : 'ACTIVE' });
        else context.output.stdout.write(`${verb === 'suspend' ? 'Suspended' : 'Activated'} admin ${adminDisplayName(current)}.\n`);
        return 0;
      },
    }),
  ),
  {
    name: 'admins reset-password',
    summary: 'give an admin a new temporary password',
    arguments: ['ID'],
    options: { ...passwordFileOption, ...yesOption },
    help: `Sets a temporary password, which the admin must change at the next
sign-in: made by the console and shown once in the terminal, or read from
--password-file.

${confirmHelp}`,
    async run(context) {
      const id = idOf(context.positionals[0]);
      const password = await temporaryPassword(context);
      const writer = await writerFor(context);
      const current = await writer.read(id);
      if (!(await confirmed(context, `reset the password of admin ${adminDisplayName(current)}`))) return 2;
      const reset = await writing(context, () => writer.resetPassword(id, password));
      if (context.output.json) writeJson(context.output, { id, reset: true });
      else handOver(context.output, reset.login, reset.temporaryPassword, password !== undefined);
      return 0;
    },
  },
  {
    name: 'admins delete',
    summary: 'delete an admin, optionally passing its certificates to another',
    arguments: ['ID'],
    options: { 'replacing-requester': { type: 'string', description: 'the admin id that becomes the requester of the deleted admin’s certificates' }, ...yesOption },
    help: `Deletes an admin. In a terminal you type the admin's name to confirm;
elsewhere add --yes. With --replacing-requester ID the certificates it
requested pass to that admin, as SCM's web interface asks.`,
    async run(context) {
      const id = idOf(context.positionals[0]);
      const replacing = context.values['replacing-requester'] === undefined ? undefined : idOf(context.values['replacing-requester'] as string, '--replacing-requester');
      const writer = await writerFor(context);
      const current = await writer.read(id);
      const name = adminDisplayName(current);
      if (!(await confirmed(context, `delete admin ${name}${replacing === undefined ? '' : `, passing its certificates to admin ${replacing}`}`, name))) return 2;
      await writing(context, () => writer.delete(id, name, replacing));
      if (context.output.json) writeJson(context.output, { id, deleted: true });
      else context.output.stdout.write(`Deleted admin ${name}.\n`);
      return 0;
    },
  },
];

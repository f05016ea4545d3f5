import { listAdmins, readAdmin } from '../main/services/adminLookup';
import { readSslCertificate, smimeCertificateRows, sslCertificateRows, sslStatuses } from '../main/services/certificates';
import type { ConnectionOptions, TenantConnection } from '../main/services/connection';
import { domainDetails, domainValidations } from '../main/services/domains';
import { runHealthChecks } from '../main/services/health';
import { notificationRules } from '../main/services/notifications';
import { organizationDetails } from '../main/services/organizations';
import { readPasswordStatus } from '../main/services/passwordStatus';
import { worstVerdict, type HealthVerdict } from '../shared/health';
import { adminDisplayName } from '../shared/scm/types';
import { adminCommands } from './admins';
import { domainCommands } from './domainCommands';
import { notificationCommands } from './notificationCommands';
import { organizationCommands } from './orgs';
import { certificateCommands } from './certs';
import { checklistCommands } from './checklists';
import { UsageError } from './connection';
import { progressReporter, writeJson, writeTable, type Output } from './output';

export interface CommandContext {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  output: Output;
  /** The connection, made when a command first needs it: as --profile or the connection flags, or as the saved profile named here. */
  connection: (profile?: string) => Promise<TenantConnection>;
  /** The saved profile given with --profile, if any. */
  profileName: string | undefined;
  /** The connection flags given (`--base-url` and so on), for commands that need a saved profile instead. */
  connectionFlags: string[];
  /** Where the app keeps its files, and how connections are made and logged. */
  connectionOptions: ConnectionOptions;
  /** The --user-data folder as given, to repeat in a command the person is told to run next. */
  userDataGiven: string | undefined;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  name: string;
  summary: string;
  /** Arguments after the command name, e.g. `ID`. */
  arguments: string[];
  options: Record<string, { type: 'string' | 'boolean'; description: string }>;
  /** More about the command for its --help: what it does step by step, its exit codes. */
  help?: string;
  run(context: CommandContext): Promise<number>;
}

function wholeNumber(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d{1,12}$/.test(value)) throw new UsageError(`${name} must be a whole number${value === undefined ? '' : `, not "${value}"`}`);
  return Number(value);
}

/** Exit codes as monitoring plugins use them. */
const exitCodes: Record<HealthVerdict, 0 | 1 | 2> = { OK: 0, WARN: 1, FAIL: 2 };

function oneOf(value: string, allowed: readonly string[]): boolean {
  return allowed.includes(value);
}

export const commands: Command[] = [
  {
    name: 'orgs list',
    summary: 'organizations and departments in scope, with their REST API flags',
    arguments: [],
    options: {},
    async run({ connection, output }) {
      const rows = await organizationDetails((await connection()).client);
      if (output.json) writeJson(output, rows);
      else writeTable(output, rows, [['ID', (row) => row.id], ['NAME', (row) => (row.parentId === null ? row.name : `  ${row.name}`)], ['SSL API', (row) => flag(row.sslCertsApiEnabled)], ['CLIENT API', (row) => flag(row.clientCertsApiEnabled)], ['VALIDATION', (row) => row.validationStatus]]);
      return 0;
    },
  },
  {
    name: 'admins list',
    summary: 'admins in scope',
    arguments: [],
    options: { type: { type: 'string', description: 'only this type: STANDARD, API, IDP, SAS' } },
    async run({ connection, output, values }) {
      const rows = await listAdmins((await connection()).client, values.type === undefined ? {} : { type: String(values.type) });
      if (output.json) writeJson(output, rows);
      // IdP and SAS admins may have no login (shown as -): their names and email say who they are.
      else writeTable(output, rows, [['ID', (row) => row.id], ['LOGIN', (row) => row.login], ['TYPE', (row) => row.type], ['NAME', (row) => `${row.forename} ${row.surname}`.trim()], ['EMAIL', (row) => row.email]]);
      return 0;
    },
  },
  {
    name: 'admins show',
    summary: 'one admin: type, roles, privileges, password state',
    arguments: ['ID'],
    options: {},
    async run({ connection, output, positionals }) {
      const admin = await readAdmin((await connection()).client, wholeNumber(positionals[0], 'ID'));
      if (output.json) writeJson(output, admin);
      else {
        const lines: [string, string][] = [
          ['Admin', adminDisplayName(admin)],
          ['Login', admin.login ?? '- (signs in through an identity provider)'],
          ['Type', admin.type ?? '-'],
          ['Name', `${admin.forename} ${admin.surname}`.trim() || '-'],
          ['Email', admin.email || '-'],
          ['Status', admin.activeStatus ?? '-'],
          ['Password', admin.passwordState === null ? '-' : `${admin.passwordState}${admin.passwordExpiryDate === null ? '' : `, expires ${admin.passwordExpiryDate}`}`],
          ['Roles', admin.credentials.map((credential) => (credential.orgId === null ? credential.role : `${credential.role} on ${credential.orgId}`)).join(', ') || '-'],
          ['Privileges', admin.privileges.join(', ') || '-'],
          ['IdP person', admin.idpPersonId ?? '-'],
        ];
        for (const [label, value] of lines) output.stdout.write(`${label.padEnd(11)} ${value}\n`);
      }
      return 0;
    },
  },
  {
    name: 'certs list',
    summary: 'SSL certificates with status and expiry',
    arguments: [],
    options: {
      status: { type: 'string', description: `only this status (${sslStatuses.join(', ')})` },
      org: { type: 'string', description: 'only this organization or department id (an organization includes its departments)' },
      'expiring-within': { type: 'string', description: 'only issued certificates that expire within DAYS days' },
      cn: { type: 'string', description: 'only common names containing this text' },
    },
    async run({ connection, output, values }) {
      const status = values.status === undefined ? undefined : String(values.status);
      if (status !== undefined && !oneOf(status, sslStatuses)) throw new UsageError(`--status must be one of ${sslStatuses.join(', ')}`);
      const org = values.org === undefined ? undefined : wholeNumber(String(values.org), '--org');
      const within = values['expiring-within'] === undefined ? undefined : wholeNumber(String(values['expiring-within']), '--expiring-within');
      const cn = values.cn === undefined ? undefined : String(values.cn);
      const { client } = await connection();
      const progress = progressReporter(output, 'Reading certificates');
      const matching = await sslCertificateRows(
        client,
        { ...(status === undefined ? {} : { status }), ...(org === undefined ? {} : { organizationId: org }), ...(within === undefined ? {} : { expiringWithinDays: within }), ...(cn === undefined ? {} : { commonName: cn }) },
        { onProgress: (done, total) => progress.update(done, total) },
      );
      progress.done();
      if (output.json) writeJson(output, matching);
      else writeTable(output, matching, [['ID', (row) => row.id], ['COMMON NAME', (row) => row.commonName], ['STATUS', (row) => row.status], ['EXPIRES', (row) => row.expires?.slice(0, 10)], ['ORG', (row) => row.organizationName ?? row.orgId]]);
      return 0;
    },
  },
  {
    name: 'certs show',
    summary: 'one SSL certificate',
    arguments: ['ID'],
    options: {},
    async run({ connection, output, positionals }) {
      const certificate = await readSslCertificate((await connection()).client, wholeNumber(positionals[0], 'ID'));
      if (output.json) writeJson(output, certificate);
      else {
        const lines: [string, string | number | null][] = [
          ['Common name', certificate.commonName],
          ['Names', certificate.subjectAlternativeNames.join(', ')],
          ['Status', certificate.status],
          ['Profile', certificate.profileName],
          ['Term', certificate.term === null ? null : `${certificate.term} days`],
          ['Organization', certificate.orgId],
          ['Requester', certificate.requester],
          ['Requested', certificate.requested],
          ['Issued', certificate.issued],
          ['Expires', certificate.expires],
          ['Revoked', certificate.revoked],
          ['Serial', certificate.serialNumber],
          ['Key', certificate.keyType],
          ['Comments', certificate.comments],
        ];
        for (const [label, value] of lines) output.stdout.write(`${label.padEnd(13)} ${value === null || value === '' ? '-' : value}\n`);
      }
      return 0;
    },
  },
  ...adminCommands,
  ...organizationCommands,
  ...notificationCommands,
  ...domainCommands,
  ...certificateCommands,
  {
    name: 'smime list',
    summary: 'client (S/MIME) certificates',
    arguments: [],
    options: { email: { type: 'string', description: 'only this person’s certificates' }, state: { type: 'string', description: 'only this state (issued, revoked, expired, ...)' } },
    async run({ connection, output, values }) {
      const filter = { ...(values.email === undefined ? {} : { email: String(values.email) }), ...(values.state === undefined ? {} : { state: String(values.state) }) };
      const { client } = await connection();
      const progress = progressReporter(output, 'Reading client certificates');
      const rows = await smimeCertificateRows(client, filter, (done, total) => progress.update(done, total));
      progress.done();
      if (output.json) writeJson(output, rows);
      else writeTable(output, rows, [['ID', (row) => row.id], ['ORDER', (row) => row.backendCertId], ['STATE', (row) => row.state], ['EXPIRES', (row) => row.expires], ['SUBJECT', (row) => row.subject]]);
      return 0;
    },
  },
  {
    name: 'domains list',
    summary: 'domains in scope with delegation and validation',
    arguments: [],
    options: {},
    async run({ connection, output }) {
      const rows = await domainDetails((await connection()).client);
      if (output.json) writeJson(output, rows);
      else writeTable(output, rows, [['ID', (row) => row.id], ['DOMAIN', (row) => row.name], ['STATE', (row) => row.state], ['DELEGATION', (row) => row.delegationStatus], ['DCV', (row) => row.validationStatus], ['DCV EXPIRES', (row) => row.dcvExpiration]]);
      return 0;
    },
  },
  {
    name: 'dcv list',
    summary: 'domain control validations',
    arguments: [],
    options: { 'expiring-within': { type: 'string', description: 'only validations that end within DAYS days' } },
    async run({ connection, output, values }) {
      const within = values['expiring-within'] === undefined ? undefined : wholeNumber(String(values['expiring-within']), '--expiring-within');
      const rows = await domainValidations((await connection()).client, within);
      if (output.json) writeJson(output, rows);
      else writeTable(output, rows, [['DOMAIN', (row) => row.domain], ['STATUS', (row) => row.status], ['METHOD', (row) => row.method], ['ORDER', (row) => row.orderStatus], ['EXPIRES', (row) => row.expires]]);
      return 0;
    },
  },
  {
    name: 'notifications list',
    summary: 'notification rules',
    arguments: [],
    options: {},
    async run({ connection, output }) {
      const rows = await notificationRules((await connection()).client);
      if (output.json) writeJson(output, rows);
      else writeTable(output, rows, [['ID', (row) => row.id], ['TYPE', (row) => row.type], ['DESCRIPTION', (row) => row.description], ['ACTIVE', (row) => (row.active ? 'yes' : 'no')], ['TO', (row) => [...row.notifyRoles, ...row.recipients.map((recipient) => recipient.value)].join(', ')]]);
      return 0;
    },
  },
  {
    name: 'password status',
    summary: 'the signed-in admin’s password state and expiry',
    arguments: [],
    options: {},
    async run({ connection, output }) {
      const status = await readPasswordStatus((await connection()).client);
      if (output.json) writeJson(output, status);
      else output.stdout.write(`${status.state}${status.expires === null ? '' : `, expires ${status.expires} (${status.daysLeft} days)`}\n`);
      return status.state === 'EXPIRED' ? 1 : 0;
    },
  },
  {
    name: 'doctor',
    summary: 'check what needs attention; prints OK/WARN/FAIL and exits 0, 1 or 2 like a monitoring plugin',
    arguments: [],
    options: {},
    async run({ connection, output }) {
      const { client, who } = await connection();
      const checks = await runHealthChecks(client, who);
      const verdict = worstVerdict(checks.map((check) => check.verdict));
      if (output.json) writeJson(output, { status: verdict, checks: checks.map((check) => ({ check: check.id, status: check.verdict, summary: check.detail, details: check.items })) });
      else {
        for (const check of checks) {
          output.stdout.write(`${check.verdict.padEnd(4)} ${check.id}: ${check.detail}\n`);
          for (const item of check.items.slice(0, 10)) output.stdout.write(`       ${item}\n`);
          if (check.items.length > 10) output.stdout.write(`       … and ${check.items.length - 10} more\n`);
        }
      }
      return exitCodes[verdict];
    },
  },
  ...checklistCommands,
];

function flag(value: boolean | null): string {
  return value === null ? 'n/a' : value ? 'on' : 'off';
}

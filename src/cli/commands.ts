import { writeFile } from 'node:fs/promises';
import type { ScmClient } from '../main/scm/client';
import { AdminsApi } from '../main/scm/admins';
import { certificatesIn, orderChain } from '../main/scm/chain';
import { daysUntil } from '../main/scm/dates';
import { DomainsApi } from '../main/scm/domains';
import { NotificationsApi } from '../main/scm/notifications';
import { OrganizationsApi } from '../main/scm/organizations';
import { collectAll } from '../main/scm/paging';
import { sslInventory } from '../main/scm/reports';
import { SmimeApi } from '../main/scm/smime';
import { SslApi } from '../main/scm/ssl';
import { adminDisplayName } from '../shared/scm/types';
import { UsageError } from './connection';
import { exitCodeOf, runDoctor } from './doctor';
import { progressReporter, writeJson, writeTable, type Output } from './output';

export interface CommandContext {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  output: Output;
  client: () => Promise<ScmClient>;
  /** The admin the connection signs in as; known once `client()` has connected. */
  login: () => string;
}

export interface Command {
  name: string;
  summary: string;
  /** Arguments after the command name, e.g. `ID`. */
  arguments: string[];
  options: Record<string, { type: 'string' | 'boolean'; description: string }>;
  run(context: CommandContext): Promise<number>;
}

function wholeNumber(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d{1,12}$/.test(value)) throw new UsageError(`${name} must be a whole number${value === undefined ? '' : `, not "${value}"`}`);
  return Number(value);
}

const sslStatuses = ['Invalid', 'Requested', 'Approved', 'Declined', 'Applied', 'Issued', 'Revoked', 'Expired', 'Replaced', 'Rejected', 'SAApproved', 'Init'];
const collectFormats = ['x509', 'x509CO', 'base64', 'bin', 'x509IO', 'x509IOR', 'pem', 'pemco', 'pemia', 'x509R'];

export const commands: Command[] = [
  {
    name: 'orgs list',
    summary: 'organizations and departments in scope, with their REST API flags',
    arguments: [],
    options: {},
    async run({ client, output }) {
      const organizations = new OrganizationsApi(await client());
      const units = (await organizations.list()).flatMap((org) => [org, ...org.departments]);
      const rows = await Promise.all(units.map((unit) => organizations.get(unit.id)));
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
    async run({ client, output, values }) {
      const rows = await new AdminsApi(await client()).list(values.type === undefined ? {} : { type: String(values.type) });
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
    async run({ client, output, positionals }) {
      const admin = await new AdminsApi(await client()).get(wholeNumber(positionals[0], 'ID'));
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
    async run({ client, output, values }) {
      const status = values.status === undefined ? undefined : String(values.status);
      if (status !== undefined && !sslStatuses.includes(status)) throw new UsageError(`--status must be one of ${sslStatuses.join(', ')}`);
      const org = values.org === undefined ? undefined : wholeNumber(String(values.org), '--org');
      const within = values['expiring-within'] === undefined ? undefined : wholeNumber(String(values['expiring-within']), '--expiring-within');
      const cn = values.cn === undefined ? undefined : String(values.cn);
      const scm = await client();
      const progress = progressReporter(output, 'Reading certificates');
      const { rows } = await sslInventory(scm, new SslApi(scm), { ...(org === undefined ? {} : { organizationIds: [org] }) }, { onProgress: ({ done, total }) => progress.update(done, total) });
      progress.done();
      const now = Date.now();
      const matching = rows.filter((row) => {
        if (status !== undefined && row.status !== status) return false;
        if (cn !== undefined && !row.commonName.toLowerCase().includes(cn.toLowerCase())) return false;
        if (within !== undefined) {
          const left = daysUntil(row.expires, now);
          return row.status === 'Issued' && left !== null && left >= 0 && left <= within;
        }
        return true;
      });
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
    async run({ client, output, positionals }) {
      const certificate = await new SslApi(await client()).get(wholeNumber(positionals[0], 'ID'));
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
  {
    name: 'certs collect',
    summary: 'download an issued certificate (waits while Sectigo is still processing it)',
    arguments: ['ID'],
    options: {
      format: { type: 'string', description: `one of ${collectFormats.join(', ')}; "chain" is PEM leaf to root (default)` },
      out: { type: 'string', description: 'write to FILE instead of standard output' },
      wait: { type: 'string', description: 'seconds to wait while the certificate is being processed (default 300)' },
    },
    async run({ client, output, positionals, values }) {
      const id = wholeNumber(positionals[0], 'ID');
      const format = values.format === undefined ? 'chain' : String(values.format);
      if (format !== 'chain' && !collectFormats.includes(format)) throw new UsageError(`--format must be chain or one of ${collectFormats.join(', ')}`);
      const wait = values.wait === undefined ? 300 : wholeNumber(String(values.wait), '--wait');
      const ssl = new SslApi(await client());
      const body = format === 'chain'
        ? Buffer.from(orderChain(certificatesIn(await ssl.collect(id, { format: 'x509', deadlineMs: wait * 1000 }))).join(''))
        : await ssl.collect(id, { format, deadlineMs: wait * 1000 });
      if (values.out === undefined) output.stdout.write(body);
      else {
        await writeFile(String(values.out), body, { mode: 0o644 });
        if (!output.json) output.stderr.write(`Wrote ${body.length} bytes to ${String(values.out)}\n`);
        else writeJson(output, { id, format, file: String(values.out), bytes: body.length });
      }
      return 0;
    },
  },
  {
    name: 'smime list',
    summary: 'client (S/MIME) certificates',
    arguments: [],
    options: { email: { type: 'string', description: 'only this person’s certificates' }, state: { type: 'string', description: 'only this state (issued, revoked, expired, ...)' } },
    async run({ client, output, values }) {
      const filter = { ...(values.email === undefined ? {} : { email: String(values.email) }), ...(values.state === undefined ? {} : { state: String(values.state) }) };
      const progress = progressReporter(output, 'Reading client certificates');
      const rows = await collectAll(new SmimeApi(await client()).list(filter, { onProgress: ({ done, total }) => progress.update(done, total) }));
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
    async run({ client, output }) {
      const domains = new DomainsApi(await client());
      const rows = await Promise.all((await domains.list()).map((domain) => domains.get(domain.id)));
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
    async run({ client, output, values }) {
      const within = values['expiring-within'] === undefined ? undefined : wholeNumber(String(values['expiring-within']), '--expiring-within');
      const rows = await new DomainsApi(await client()).validations(within === undefined ? {} : { expiresIn: within });
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
    async run({ client, output }) {
      const rows = await new NotificationsApi(await client()).list();
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
    async run({ client, output }) {
      const status = await new AdminsApi(await client()).passwordStatus();
      const days = daysUntil(status.expires);
      if (output.json) writeJson(output, { ...status, daysLeft: days });
      else output.stdout.write(`${status.state}${status.expires === null ? '' : `, expires ${status.expires} (${days} days)`}\n`);
      return status.state === 'EXPIRED' ? 1 : 0;
    },
  },
  {
    name: 'doctor',
    summary: 'check what needs attention; prints OK/WARN/FAIL and exits 0, 1 or 2 like a monitoring plugin',
    arguments: [],
    options: {},
    async run({ client, output, login }) {
      const checks = await runDoctor(await client(), login());
      if (output.json) writeJson(output, { status: exitCodeOf(checks) === 0 ? 'OK' : exitCodeOf(checks) === 1 ? 'WARN' : 'FAIL', checks });
      else {
        for (const check of checks) {
          output.stdout.write(`${check.status.padEnd(4)} ${check.check}: ${check.summary}\n`);
          for (const detail of check.details.slice(0, 10)) output.stdout.write(`       ${detail}\n`);
          if (check.details.length > 10) output.stdout.write(`       … and ${check.details.length - 10} more\n`);
        }
      }
      return exitCodeOf(checks);
    },
  },
];

function flag(value: boolean | null): string {
  return value === null ? 'n/a' : value ? 'on' : 'off';
}

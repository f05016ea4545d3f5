import {
  draoLeastPrivileges,
  draoRoleValues,
  newDepartmentInputSchema,
  type ChecklistMessage,
  type NewDepartmentInput,
  type RequestPreview,
} from '../../../shared/checklists';
import type { AdminDetails, DomainDetails, OrganizationDetails } from '../../../shared/scm/types';
import { AdminsApi } from '../../scm/admins';
import { DomainsApi, type DomainCertType } from '../../scm/domains';
import { OrganizationsApi } from '../../scm/organizations';
import { generatePassword } from '../session/passwordChange';
import type { ChecklistAccounts } from './accounts';
import type { ChecklistContext, Unit } from './context';
import type { ChecklistDefinition, CheckResult } from './definition';
import { StepProblem } from './problem';
import { say, words } from './words';

type Context = ChecklistContext<NewDepartmentInput>;
type ApiFlag = NewDepartmentInput['apiFlags'][number];

const anchor = 'procedure-new-department';

const wireFlag: Record<ApiFlag, 'sslCertsApiEnabled' | 'clientCertsApiEnabled'> = { ssl: 'sslCertsApiEnabled', client: 'clientCertsApiEnabled' };

const privilegeNames: Record<string, string> = {
  allowCreate: 'Create admins',
  addDepartments: 'Add departments',
  allowManageDomains: 'Manage domains',
};

const maskedTemporary = '•••••••• (a temporary password the console makes; shown to you once, to pass on)';

/**
 * The DRAO's temporary password, from its creation until it is shown once:
 * held in this process's memory only, never on disk and never in the
 * keychain, since it belongs to a person who replaces it at the first
 * sign-in. Each instance of the console (its accounts) holds its own.
 */
const temporaryPasswords = new WeakMap<ChecklistAccounts, Map<string, string>>();

function heldFor(accounts: ChecklistAccounts): Map<string, string> {
  let held = temporaryPasswords.get(accounts);
  if (held === undefined) {
    held = new Map();
    temporaryPasswords.set(accounts, held);
  }
  return held;
}

/** The temporary password a run made for its DRAO, while this console still holds it. */
export function heldTemporaryPassword(accounts: ChecklistAccounts, runId: string): string | undefined {
  return temporaryPasswords.get(accounts)?.get(runId);
}

/** Forgets a run's temporary password, once it was shown. */
export function forgetTemporaryPassword(accounts: ChecklistAccounts, runId: string): void {
  temporaryPasswords.get(accounts)?.delete(runId);
}

function runIdOf(context: Context): string {
  if (context.run === null) throw new Error('a step runs within a run');
  return context.run.id;
}

async function organizationOf(context: Context): Promise<Unit> {
  const unit = await context.unit(context.inputs.orgId);
  if (unit === undefined || unit.kind !== 'organization') throw new StepProblem(say('new-department.problems.noSuchOrganization', { id: context.inputs.orgId }), 'not-found', `${anchor}#before`);
  return unit;
}

async function organizationName(context: Context): Promise<string> {
  const unit = await context.unit(context.inputs.orgId);
  return unit?.name ?? String(context.inputs.orgId);
}

/** The department as people name it: with its organization. */
async function departmentName(context: Context): Promise<string> {
  return `${context.inputs.name} (${await organizationName(context)})`;
}

/** The chosen kinds of certificate, in words: “SSL certificates and client certificates”. */
function kindsWords(flags: readonly ApiFlag[]): string {
  return flags.map((flag) => words(`rest-api.flags.${flag}`)).join(' and ');
}

/** The departments under the organization with the department's name, as SCM lists them now. */
async function departmentsNamed(context: Context): Promise<number[]> {
  const organizations = await new OrganizationsApi(context.client).list(context.signal);
  const parent = organizations.find((org) => org.id === context.inputs.orgId);
  return (parent?.departments ?? []).filter((dept) => dept.name === context.inputs.name).map((dept) => dept.id);
}

/** The department this run made, found by its name under the organization (SCM keeps names unique there). */
async function findDepartment(context: Context): Promise<number | undefined> {
  const found = (await departmentsNamed(context))[0];
  if (found !== undefined) context.setFact('departmentId', found);
  return found;
}

function departmentIdOf(context: Context): number {
  const id = context.numberFact('departmentId');
  if (id === undefined) throw new StepProblem(say('new-department.problems.noDepartment'), 'validation', `${anchor}#step-create-department`);
  return id;
}

function departmentDetails(context: Context): Promise<OrganizationDetails> {
  return new OrganizationsApi(context.client).get(departmentIdOf(context));
}

function offFlags(context: Context, department: OrganizationDetails): ApiFlag[] {
  return context.inputs.apiFlags.filter((flag) => department[wireFlag[flag]] !== true);
}

/** The certificate types the department's domain is delegated for: those its DRAO's roles are for. */
function certTypesOf(context: Context): DomainCertType[] {
  return context.inputs.roles.map((role): DomainCertType => (role === 'DRAO_SSL' ? 'SSL' : 'SMIME'));
}

/** The domain to delegate, by its name, as SCM lists it. */
async function findDomain(context: Context): Promise<DomainDetails | undefined> {
  const name = context.inputs.domain?.toLowerCase();
  if (name === undefined || name === '') return undefined;
  const domains = new DomainsApi(context.client);
  const row = (await domains.list({ name }, { signal: context.signal })).find((candidate) => candidate.name.toLowerCase() === name);
  return row === undefined ? undefined : domains.get(row.id);
}

/** Whether a domain is in use, validated and delegated to the organization, so that it may go on to a department. */
function domainOfOrganization(domain: DomainDetails, orgId: number): boolean {
  return domain.state !== 'SUSPENDED' && domain.validationStatus === 'VALIDATED' && domain.delegations.some((delegation) => delegation.orgId === orgId && delegation.status !== 'REQUESTED');
}

/** The admin with the DRAO's login, if SCM has one. */
async function findDrao(context: Context): Promise<AdminDetails | undefined> {
  const admins = new AdminsApi(context.client);
  const summary = await admins.findByLogin(context.inputs.login);
  return summary === undefined ? undefined : admins.get(summary.id, { signal: context.signal });
}

/** The privileges the DRAO is to get that its creator does not hold: SCM refuses to give those. */
async function privilegesBeyondOwn(context: Context): Promise<string[]> {
  const self = await context.self();
  if (self.credentials.some((credential) => credential.role === 'MRAO')) return [];
  return context.inputs.privileges.filter((privilege) => !self.privileges.includes(privilege));
}

async function mayAddDepartments(context: Context): Promise<boolean> {
  return (await context.hasPrivilege('addDepartments')) || (await context.hasPrivilege('addOrganizationAndDepartments'));
}

/** May the signed-in admin change the department's switches? */
async function mayEditDepartment(context: Context): Promise<boolean> {
  return (await context.hasPrivilege('editOrganizationAndDepartment')) || (await context.hasPrivilege('editDepartments'));
}

/** What stops the department from being made. */
async function departmentBlockers(context: Context): Promise<ChecklistMessage[]> {
  const blockers: ChecklistMessage[] = [];
  const organization = await context.unit(context.inputs.orgId);
  if (organization === undefined || organization.kind !== 'organization' || !(await context.isRaoOf(organization.id))) {
    blockers.push(say('common.blockers.outsideScope', { unit: organization?.name ?? String(context.inputs.orgId), who: context.who }));
  }
  if (!(await mayAddDepartments(context))) blockers.push(context.missingPrivilege('addDepartments', privilegeNames.addDepartments!));
  return blockers;
}

/** What stops the DRAO from being made as asked. */
async function draoBlockers(context: Context): Promise<ChecklistMessage[]> {
  const blockers: ChecklistMessage[] = [];
  if (!(await context.hasPrivilege('allowCreate'))) blockers.push(context.missingPrivilege('allowCreate', privilegeNames.allowCreate!));
  const assignable = await new AdminsApi(context.client).roles();
  for (const role of context.inputs.roles) {
    if (!assignable.includes(role)) blockers.push(say('new-department.problems.cannotGiveRole', { role, allowed: assignable.join(', ') || '—' }));
  }
  const beyond = await privilegesBeyondOwn(context);
  if (beyond.length > 0) blockers.push(say('new-department.problems.cannotGivePrivilege', { privileges: beyond.join(', ') }));
  return blockers;
}

function draoCredentials(context: Context, departmentId: number): { role: string; orgId: number }[] {
  return context.inputs.roles.map((role) => ({ role, orgId: departmentId }));
}

function creationBody(context: Context, departmentId: number | string): Record<string, unknown> {
  return {
    type: 'STANDARD',
    login: context.inputs.login,
    email: context.inputs.email,
    forename: context.inputs.forename,
    surname: context.inputs.surname,
    password: maskedTemporary,
    credentials: context.inputs.roles.map((role) => ({ role, orgId: departmentId })),
    privileges: context.inputs.privileges,
  };
}

function departmentBody(context: Context, parentName: string): Record<string, unknown> {
  return {
    name: context.inputs.name,
    parentOrgName: parentName,
    address1: context.inputs.address1,
    city: context.inputs.city,
    ...(context.inputs.postalCode === undefined || context.inputs.postalCode === '' ? {} : { postalCode: context.inputs.postalCode }),
    country: context.inputs.country,
    sslCertsApiEnabled: context.inputs.apiFlags.includes('ssl'),
    clientCertsApiEnabled: context.inputs.apiFlags.includes('client'),
  };
}

async function checkDepartment(context: Context): Promise<CheckResult> {
  const found = await departmentsNamed(context);
  const name = await departmentName(context);
  if (found.length === 0) return { holds: false, message: say('new-department.problems.departmentGone', { department: name }) };
  context.setFact('departmentId', found[0]!);
  return { holds: true, message: say('new-department.outcomes.departmentExists', { department: name, id: found[0]! }) };
}

async function checkFlags(context: Context): Promise<CheckResult> {
  const name = await departmentName(context);
  if (context.inputs.apiFlags.length === 0) return { holds: true, message: say('new-department.outcomes.noApiAsked', { department: name }) };
  const off = offFlags(context, await departmentDetails(context));
  return off.length === 0
    ? { holds: true, message: say('new-department.outcomes.apiOn', { kinds: kindsWords(context.inputs.apiFlags), department: name }) }
    : { holds: false, message: say('new-department.problems.apiOff', { kinds: kindsWords(off), department: name }) };
}

async function checkDelegation(context: Context): Promise<CheckResult> {
  const name = await departmentName(context);
  const domain = await findDomain(context);
  const domainName = context.inputs.domain ?? '';
  if (domain === undefined) return { holds: false, message: say('new-department.problems.domainGone', { domain: domainName }) };
  const departmentId = departmentIdOf(context);
  const delegation = domain.delegations.find((candidate) => candidate.orgId === departmentId);
  const missing = certTypesOf(context).filter((type) => !(delegation?.certTypes ?? []).includes(type));
  if (delegation === undefined || missing.length > 0) return { holds: false, message: say('new-department.problems.notDelegated', { domain: domain.name, department: name }) };
  return delegation.status === 'REQUESTED'
    ? { holds: true, message: say('new-department.outcomes.delegationAwaiting', { domain: domain.name, department: name }) }
    : { holds: true, message: say('new-department.outcomes.delegationActive', { domain: domain.name, department: name }) };
}

async function checkDrao(context: Context): Promise<CheckResult> {
  const login = context.inputs.login;
  const matches = (await new AdminsApi(context.client).list({ login }, { signal: context.signal })).filter((admin) => admin.login === login);
  if (matches.length === 0) return { holds: false, message: say('new-department.problems.draoGone', { login }) };
  const admin = await new AdminsApi(context.client).get(matches[0]!.id, { signal: context.signal });
  context.setFact('adminId', admin.id);
  const departmentId = departmentIdOf(context);
  const department = await departmentName(context);
  const wanted = draoCredentials(context, departmentId);
  const rolesHold = admin.credentials.length === wanted.length && wanted.every((credential) => admin.credentials.some((held) => held.role === credential.role && held.orgId === credential.orgId));
  if (!rolesHold) {
    const roles = admin.credentials.map((credential) => `${credential.role}${credential.orgId === null ? '' : `@${credential.orgId}`}`).join(', ') || '—';
    return { holds: false, message: say('new-department.problems.draoRoles', { login, roles, department }) };
  }
  return { holds: true, message: say('new-department.outcomes.draoExists', { login, id: admin.id, roles: context.inputs.roles.join(', '), department }) };
}

async function checkPasswordChanged(context: Context): Promise<CheckResult> {
  const login = context.inputs.login;
  const admin = await findDrao(context);
  if (admin === undefined) return { holds: false, message: say('new-department.problems.draoGone', { login }) };
  if (admin.passwordState === 'EXPIRED' || admin.passwordState === null) return { holds: false, message: say('new-department.problems.stillTemporary', { login, state: admin.passwordState ?? '—' }) };
  return { holds: true, message: say('new-department.outcomes.passwordChanged', { login, state: admin.passwordState }) };
}

/** Everything the run made, as SCM holds it now: one line per part, and whether all of it holds. */
async function checkEverything(context: Context): Promise<CheckResult> {
  const name = await departmentName(context);
  const found = await departmentsNamed(context);
  if (found.length !== 1) return { holds: false, message: say('new-department.problems.departmentCount', { department: name, count: found.length }) };
  context.setFact('departmentId', found[0]!);
  const parts: CheckResult[] = [await checkFlags(context)];
  if (context.inputs.domain !== undefined && context.inputs.domain !== '') parts.push(await checkDelegation(context));
  const drao = await checkDrao(context);
  parts.push(drao);
  if (drao.holds) {
    const admin = await findDrao(context);
    const privileges = [...(admin?.privileges ?? [])].sort();
    const wanted = [...context.inputs.privileges].sort();
    const same = privileges.length === wanted.length && privileges.every((privilege, index) => privilege === wanted[index]);
    parts.push(
      same
        ? { holds: true, message: say('new-department.outcomes.privilegesAsChosen', { login: context.inputs.login, privileges: wanted.join(', ') || '—' }) }
        : { holds: false, message: say('new-department.problems.privilegesDiffer', { login: context.inputs.login, privileges: privileges.join(', ') || '—', wanted: wanted.join(', ') || '—' }) },
    );
    parts.push(await checkPasswordChanged(context));
  }
  for (const part of parts) context.detail(part.message);
  const failed = parts.find((part) => !part.holds);
  return failed === undefined ? { holds: true, message: say('new-department.outcomes.allHolds', { department: name, login: context.inputs.login }) } : failed;
}

async function mustHold(check: Promise<CheckResult>): Promise<ChecklistMessage> {
  const found = await check;
  if (!found.holds) throw new StepProblem(found.message, 'validation', `${anchor}#step-verify`);
  return found.message;
}

export const newDepartmentChecklist: ChecklistDefinition<NewDepartmentInput> = {
  id: 'new-department',
  inputSchema: newDepartmentInputSchema,
  audience: { roles: ['MRAO', 'RAO_SSL', 'RAO_SMIME'], privileges: ['allowCreate'] },
  anchor,

  async prepare(context) {
    const self = await context.self();
    const units = await context.units();
    const mrao = self.credentials.some((credential) => credential.role === 'MRAO');
    const organizations = units.filter((unit) => unit.kind === 'organization' && (mrao || self.credentials.some((credential) => credential.role.startsWith('RAO_') && credential.orgId === unit.id)));
    const admins = new AdminsApi(context.client);
    const known = await admins.privileges();
    const own = new Set(self.privileges);
    const described = new Map(known.map((privilege) => [privilege.name, privilege.description]));
    const grantable = known.map((privilege) => privilege.name).filter((name) => name !== 'wsApiUseOnly' && (mrao || own.has(name)));
    const home = organizations[0];
    const blockers: ChecklistMessage[] = [];
    if (organizations.length === 0) blockers.push(say('new-department.problems.noOrganization', { who: context.who }));
    if (!mrao && !own.has('addDepartments') && !own.has('addOrganizationAndDepartments')) blockers.push(context.missingPrivilege('addDepartments', privilegeNames.addDepartments!));
    if (!mrao && !own.has('allowCreate')) blockers.push(context.missingPrivilege('allowCreate', privilegeNames.allowCreate!));
    // The validated domains of the organizations offered, that a department may be given; a hundred is as far as a form goes.
    const domainsApi = new DomainsApi(context.client);
    const domainChoices: { value: string; label: string; hint: string }[] = [];
    const offeredIds = new Set(organizations.map((unit) => unit.id));
    for (const row of (await domainsApi.list({}, { signal: context.signal })).slice(0, 100)) {
      context.throwIfCancelled();
      const domain = await domainsApi.get(row.id);
      const owner = organizations.find((unit) => offeredIds.has(unit.id) && domainOfOrganization(domain, unit.id));
      if (owner !== undefined) domainChoices.push({ value: domain.name, label: domain.name, hint: owner.name });
    }
    const country = home === undefined ? undefined : ((await new OrganizationsApi(context.client).get(home.id).catch(() => undefined))?.country ?? undefined);
    return {
      choices: {
        orgId: organizations.map((unit) => ({ value: unit.id, label: unit.name })),
        apiFlags: (['ssl', 'client'] as const).map((flag) => ({ value: flag, label: words(`rest-api.flags.${flag}`) })),
        domain: domainChoices,
        roles: draoRoleValues.map((role) => ({ value: role, label: role })),
        privileges: grantable.map((name) => ({ value: name, label: name, ...(described.get(name) === undefined || described.get(name) === name ? {} : { hint: described.get(name)! }) })),
      },
      defaults: {
        ...(home === undefined ? {} : { orgId: home.id }),
        ...(country === undefined || country === null ? {} : { country }),
        apiFlags: ['ssl'],
        roles: ['DRAO_SSL'],
        privileges: draoLeastPrivileges.DRAO_SSL.filter((name) => grantable.includes(name)),
      },
      blockers,
      notes: [],
    };
  },

  async begin(context) {
    const problems: { field: string; message: ChecklistMessage }[] = [];
    const organization = await context.unit(context.inputs.orgId);
    if (organization === undefined || organization.kind !== 'organization') {
      problems.push({ field: 'orgId', message: say('new-department.problems.noSuchOrganization', { id: context.inputs.orgId }) });
    } else {
      if ((await departmentsNamed(context)).length > 0) problems.push({ field: 'name', message: say('new-department.problems.nameTaken', { name: context.inputs.name, organization: organization.name }) });
      const domain = context.inputs.domain;
      if (domain !== undefined && domain !== '') {
        const found = await findDomain(context);
        if (found === undefined || !domainOfOrganization(found, organization.id)) problems.push({ field: 'domain', message: say('new-department.problems.domainNotOffered', { domain, organization: organization.name }) });
      }
    }
    if ((await new AdminsApi(context.client).findByLogin(context.inputs.login)) !== undefined) problems.push({ field: 'login', message: say('new-department.problems.loginTaken', { login: context.inputs.login }) });
    const name = `${context.inputs.name} (${organization?.name ?? context.inputs.orgId})`;
    return { target: { kind: 'department', id: null, name }, problems };
  },

  steps: [
    {
      id: 'check-rights',
      kind: 'verify',
      anchor: `${anchor}#before`,
      async plan(context) {
        return { params: { department: await departmentName(context), login: context.inputs.login } };
      },
      async run(context) {
        const blockers = [...(await departmentBlockers(context)), ...(await draoBlockers(context))];
        if (context.inputs.domain !== undefined && context.inputs.domain !== '' && !(await context.hasPrivilege('allowManageDomains'))) {
          blockers.push(context.missingPrivilege('allowManageDomains', privilegeNames.allowManageDomains!));
        }
        if (context.numberFact('departmentId') === undefined && (await departmentsNamed(context)).length > 0) {
          blockers.push(say('new-department.problems.nameTaken', { name: context.inputs.name, organization: await organizationName(context) }));
        }
        if (context.numberFact('adminId') === undefined && (await new AdminsApi(context.client).findByLogin(context.inputs.login)) !== undefined) {
          blockers.push(say('new-department.problems.loginTaken', { login: context.inputs.login }));
        }
        if ((await context.tenantState()) === 'read-only') {
          for (const blocker of blockers) context.detail(blocker);
          throw new StepProblem(say('common.blockers.readOnlyTenant'), 'read-only-tenant', 'platform-status#read-only-tenants');
        }
        if (blockers.length > 0) {
          for (const blocker of blockers) context.detail(blocker);
          throw new StepProblem(blockers[0]!, 'permission', `${anchor}#before`);
        }
        return say('new-department.outcomes.rightsOk', { department: await departmentName(context), login: context.inputs.login });
      },
    },
    {
      id: 'create-department',
      kind: 'action',
      anchor: `${anchor}#step-create-department`,
      async plan(context) {
        return { params: { department: await departmentName(context), organization: await organizationName(context), kinds: context.inputs.apiFlags.length === 0 ? '—' : kindsWords(context.inputs.apiFlags) } };
      },
      blockers: departmentBlockers,
      async preview(context) {
        return [{ as: context.who, method: 'POST', path: '/api/organization/v1', body: departmentBody(context, await organizationName(context)) }];
      },
      async run(context) {
        const organization = await organizationOf(context);
        const name = await departmentName(context);
        // Written down before the create is sent: a department with the name found after that is the one this run made.
        if (context.fact('departmentRequested') === true) {
          const found = await findDepartment(context);
          if (found !== undefined) return say('new-department.outcomes.departmentExists', { department: name, id: found });
        } else if ((await departmentsNamed(context)).length > 0) {
          throw new StepProblem(say('new-department.problems.nameTaken', { name: context.inputs.name, organization: organization.name }), 'validation', `${anchor}#step-create-department`);
        }
        context.setFact('departmentRequested', true);
        await context.checkpoint();
        context.sent({ method: 'POST', path: '/api/organization/v1', body: departmentBody(context, organization.name) });
        const id = await new OrganizationsApi(context.client).create({
          name: context.inputs.name,
          parentName: organization.name,
          address1: context.inputs.address1,
          city: context.inputs.city,
          ...(context.inputs.postalCode === undefined || context.inputs.postalCode === '' ? {} : { postalCode: context.inputs.postalCode }),
          country: context.inputs.country,
          sslCertsApiEnabled: context.inputs.apiFlags.includes('ssl'),
          clientCertsApiEnabled: context.inputs.apiFlags.includes('client'),
        });
        context.setFact('departmentId', id);
        context.madeId(id);
        return say('new-department.outcomes.departmentCreated', { department: name, id });
      },
      check: checkDepartment,
    },
    {
      id: 'enable-api',
      kind: 'action',
      anchor: `${anchor}#step-enable-api`,
      async kindIn(context) {
        return (await mayEditDepartment(context)) ? 'action' : 'manual';
      },
      async notApplicable(context) {
        const name = await departmentName(context);
        if (context.inputs.apiFlags.length === 0) return say('new-department.outcomes.noApiAsked', { department: name });
        if (context.numberFact('departmentId') === undefined) return null;
        // SCM from 23.6.1 on takes the switches with the create; an older one leaves them off.
        return offFlags(context, await departmentDetails(context)).length === 0 ? say('new-department.outcomes.apiSetAtCreation', { kinds: kindsWords(context.inputs.apiFlags), department: name }) : null;
      },
      async plan(context) {
        return { params: { department: await departmentName(context), kinds: context.inputs.apiFlags.length === 0 ? '—' : kindsWords(context.inputs.apiFlags) }, copy: [{ label: say('new-department.copy.department'), value: context.inputs.name }], canVerify: true };
      },
      async preview(context) {
        const id = context.numberFact('departmentId');
        const body = Object.fromEntries(context.inputs.apiFlags.map((flag) => [wireFlag[flag], true]));
        return id === undefined ? [] : [{ as: context.who, method: 'PUT', path: `/api/organization/v1/${id}`, body }];
      },
      async run(context) {
        const id = departmentIdOf(context);
        const off = offFlags(context, await departmentDetails(context));
        const name = await departmentName(context);
        if (off.length === 0) return say('new-department.outcomes.apiOn', { kinds: kindsWords(context.inputs.apiFlags), department: name });
        const body = Object.fromEntries(off.map((flag) => [wireFlag[flag], true]));
        context.sent({ method: 'PUT', path: `/api/organization/v1/${id}`, body });
        await new OrganizationsApi(context.client).setApiFlags(id, body);
        context.madeId(id);
        return say('new-department.outcomes.apiEnabled', { kinds: kindsWords(off), department: name });
      },
      check: checkFlags,
    },
    {
      id: 'delegate-domain',
      kind: 'action',
      anchor: `${anchor}#step-department-domain`,
      async notApplicable(context) {
        return context.inputs.domain === undefined || context.inputs.domain === '' ? say('new-department.outcomes.noDomain') : null;
      },
      async plan(context) {
        return { params: { domain: context.inputs.domain ?? '', department: await departmentName(context), types: certTypesOf(context).join(', ') } };
      },
      async blockers(context) {
        return (await context.hasPrivilege('allowManageDomains')) ? [] : [context.missingPrivilege('allowManageDomains', privilegeNames.allowManageDomains!)];
      },
      async preview(context) {
        const domain = await findDomain(context);
        const id = context.numberFact('departmentId');
        return domain === undefined || id === undefined ? [] : [{ as: context.who, method: 'POST', path: `/api/domain/v1/${domain.id}/delegation`, body: { orgId: id, certTypes: certTypesOf(context) } }];
      },
      async run(context) {
        const departmentId = departmentIdOf(context);
        const domain = await findDomain(context);
        if (domain === undefined) throw new StepProblem(say('new-department.problems.domainGone', { domain: context.inputs.domain ?? '' }), 'not-found', `${anchor}#step-department-domain`);
        const existing = domain.delegations.find((delegation) => delegation.orgId === departmentId);
        const wanted = certTypesOf(context);
        if (existing === undefined || wanted.some((type) => !existing.certTypes.includes(type))) {
          const request: RequestPreview = { as: context.who, method: 'POST', path: `/api/domain/v1/${domain.id}/delegation`, body: { orgId: departmentId, certTypes: wanted } };
          context.sent(request);
          await new DomainsApi(context.client).delegate(domain.id, { orgId: departmentId, certTypes: wanted });
          context.madeId(domain.id);
        }
        context.setFact('domainId', domain.id);
        const found = await checkDelegation(context);
        if (!found.holds) throw new StepProblem(found.message, 'validation', `${anchor}#step-department-domain`);
        return found.message;
      },
      check: checkDelegation,
    },
    {
      id: 'create-drao',
      kind: 'action',
      anchor: `${anchor}#step-create-drao`,
      async plan(context) {
        return { params: { login: context.inputs.login, department: await departmentName(context), roles: context.inputs.roles.join(', '), privileges: context.inputs.privileges.join(', ') || '—' } };
      },
      blockers: draoBlockers,
      async preview(context) {
        return [{ as: context.who, method: 'POST', path: '/api/admin/v1', body: creationBody(context, context.numberFact('departmentId') ?? '(the new department)') }];
      },
      async run(context) {
        const login = context.inputs.login;
        const departmentId = departmentIdOf(context);
        // Written down before the create is sent: an admin with the login found after that is the one this run made.
        if (context.fact('draoRequested') === true) {
          const found = await findDrao(context);
          if (found !== undefined) {
            context.setFact('adminId', found.id);
            return say('new-department.outcomes.draoExistsAlready', { login, id: found.id });
          }
        }
        const temporary = generatePassword(login);
        heldFor(context.accounts).set(runIdOf(context), temporary);
        context.setFact('draoRequested', true);
        context.setFact('passwordSet', false);
        await context.checkpoint();
        context.sent({ method: 'POST', path: '/api/admin/v1', body: creationBody(context, departmentId) });
        const id = await new AdminsApi(context.client).create({
          type: 'STANDARD',
          login,
          email: context.inputs.email,
          forename: context.inputs.forename,
          surname: context.inputs.surname,
          password: temporary,
          credentials: draoCredentials(context, departmentId),
          privileges: context.inputs.privileges,
        });
        context.setFact('adminId', id);
        context.setFact('passwordSet', true);
        context.madeId(id);
        return say('new-department.outcomes.draoCreated', { login, id, roles: context.inputs.roles.join(', '), department: await departmentName(context) });
      },
      check: checkDrao,
    },
    {
      id: 'hand-over',
      kind: 'info',
      anchor: `${anchor}#step-hand-over`,
      async plan(context) {
        const shownAt = context.stringFact('shownAt');
        return { params: { login: context.inputs.login, ...(shownAt === undefined ? {} : { shownAt }) }, copy: [{ label: say('new-department.copy.login'), value: context.inputs.login }] };
      },
      async blockers(context) {
        // Held in memory only: once this step is passed without showing it, nobody can ever see it.
        return context.stringFact('shownAt') === undefined && heldTemporaryPassword(context.accounts, runIdOf(context)) !== undefined ? [say('new-department.problems.showFirst')] : [];
      },
    },
    {
      id: 'first-sign-in',
      kind: 'manual',
      anchor: `${anchor}#step-first-sign-in`,
      async plan(context) {
        return { params: { login: context.inputs.login }, copy: [{ label: say('new-department.copy.login'), value: context.inputs.login }], canVerify: true };
      },
      check: checkPasswordChanged,
    },
    {
      id: 'verify',
      kind: 'verify',
      anchor: `${anchor}#step-verify`,
      async plan(context) {
        return { params: { department: await departmentName(context), login: context.inputs.login } };
      },
      run: (context) => mustHold(checkEverything(context)),
      check: checkEverything,
    },
  ],
};

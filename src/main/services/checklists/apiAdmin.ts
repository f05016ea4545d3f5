import {
  apiAdminInputSchema,
  defaultApiProfileName,
  leastPrivileges,
  type ApiAdminInput,
  type ChecklistMessage,
  type Choice,
  type RequestPreview,
} from '../../../shared/checklists';
import type { AdminDetails } from '../../../shared/scm/types';
import { AdminsApi } from '../../scm/admins';
import type { ScmClient } from '../../scm/client';
import { ScmClientError } from '../../scm/errors';
import { SmimeApi } from '../../scm/smime';
import { SslApi } from '../../scm/ssl';
import { generatePassword } from '../session/passwordChange';
import { accountNameOf, accountRefOf } from './accounts';
import { ChecklistContext } from './context';
import type { ChecklistDefinition, CheckResult } from './definition';
import { StepProblem } from './problem';
import { say, words } from './words';

type Context = ChecklistContext<ApiAdminInput>;

const anchor = 'procedure-api-admin';

/** The names of the privileges a step may need, for its blockers. */
const privilegeNames: Record<string, string> = {
  allowCreate: 'Create admins',
  allowEdit: 'Edit admins',
};

const masked = {
  temporary: '•••••••• (a temporary password the console makes and keeps)',
  next: '•••••••• (20 characters the console makes; kept, never shown unless you ask)',
};

function loginOf(context: Context): string {
  return context.inputs.login;
}

function profileNameOf(context: Context): string {
  return context.inputs.profileName ?? defaultApiProfileName(context.inputs.login);
}

async function unitName(context: Context): Promise<string> {
  const unit = await context.unit(context.inputs.orgId);
  return unit === undefined ? String(context.inputs.orgId) : ChecklistContext.unitName(unit);
}

/** The admin type SCM will be asked for: API where it exists, standard (made API-only later) before. */
async function adminType(context: Context): Promise<'API' | 'STANDARD'> {
  return (await context.generation()) === 'current' ? 'API' : 'STANDARD';
}

function keptInWords(context: Context): string {
  return words(context.accounts.secretStore === 'keychain' ? 'api-admin.outcomes.keptInKeychain' : 'api-admin.outcomes.keptInSession');
}

function accountOf(context: Context): ReturnType<typeof accountRefOf> {
  const name = context.stringFact('account');
  if (name === undefined) throw new StepProblem(say('api-admin.problems.noAccount'), 'validation', `${anchor}#create`);
  return accountRefOf(name);
}

/** The privileges the admin asked for that its creator does not hold: SCM refuses to give those. */
async function privilegesBeyondOwn(context: Context): Promise<string[]> {
  const self = await context.self();
  if (self.credentials.some((credential) => credential.role === 'MRAO')) return [];
  return context.inputs.privileges.filter((privilege) => !self.privileges.includes(privilege));
}

/** Everything that stops the admin from being made as asked, in words. */
async function creationBlockers(context: Context): Promise<ChecklistMessage[]> {
  const blockers: ChecklistMessage[] = [];
  if (!(await context.hasPrivilege('allowCreate'))) blockers.push(context.missingPrivilege('allowCreate', privilegeNames.allowCreate!));
  const unit = await context.unit(context.inputs.orgId);
  if (unit === undefined) blockers.push(say('common.blockers.outsideScope', { unit: String(context.inputs.orgId), who: context.who }));
  const assignable = await new AdminsApi(context.client).roles();
  for (const role of context.inputs.roles) {
    if (!assignable.includes(role)) blockers.push(say('api-admin.problems.cannotGiveRole', { role, allowed: assignable.join(', ') || '—' }));
  }
  const beyond = await privilegesBeyondOwn(context);
  if (beyond.length > 0) blockers.push(say('api-admin.problems.cannotGivePrivilege', { privileges: beyond.join(', ') }));
  return blockers;
}

/** The admin this run made, or one with its login: found by login, which SCM keeps unique. */
async function findAdmin(context: Context): Promise<AdminDetails | undefined> {
  const admins = new AdminsApi(context.client);
  const summary = await admins.findByLogin(loginOf(context));
  return summary === undefined ? undefined : admins.get(summary.id, { signal: context.signal });
}

/** A client signed in as the new admin with a password. */
async function asNewAdmin(context: Context, password: string): Promise<ScmClient> {
  return context.accounts.clientAs(context.session.profile, accountOf(context), async () => password, context.signal);
}

/** Whether a password signs the new admin in, and its state then; undefined when SCM refuses it. */
async function passwordWorks(context: Context, password: string): Promise<{ state: string; expires: string | null } | undefined> {
  const client = await asNewAdmin(context, password);
  try {
    const status = await new AdminsApi(client).passwordStatus();
    return { state: status.state, expires: status.expires };
  } catch (error) {
    if (error instanceof ScmClientError && error.kind === 'auth') return undefined;
    throw error;
  } finally {
    await client.close();
  }
}

function passwordChanged(context: Context, expires: string | null): ChecklistMessage {
  const keptIn = keptInWords(context);
  return expires === null ? say('api-admin.outcomes.passwordChangedNoExpiry', { login: loginOf(context), keptIn }) : say('api-admin.outcomes.passwordChanged', { login: loginOf(context), keptIn, expires });
}

/** A password that was on its way in and that SCM took: it becomes the account's password. */
async function promoteNext(context: Context, next: string): Promise<void> {
  const account = accountOf(context);
  await context.accounts.setSecret(account, 'password', next);
  // Written to the run before the password on its way in is forgotten: a stop in between still finds the change made.
  context.setFact('passwordSet', true);
  await context.checkpoint();
  await context.accounts.setSecret(account, 'next-password', null);
}

/** Whether the new admin's password was changed from the temporary one and signs it in now. */
async function checkPassword(context: Context): Promise<CheckResult> {
  const account = accountOf(context);
  const next = await context.accounts.secret(account, 'next-password');
  if (next !== undefined) {
    const found = await passwordWorks(context, next);
    if (found !== undefined && found.state !== 'EXPIRED') {
      await promoteNext(context, next);
      return { holds: true, message: passwordChanged(context, found.expires) };
    }
  }
  const stored = await context.accounts.secret(account, 'password');
  if (stored === undefined) return { holds: false, message: say('api-admin.problems.passwordUnknown') };
  const found = await passwordWorks(context, stored);
  if (found === undefined) return { holds: false, message: say('api-admin.problems.signInFailed', { login: loginOf(context), reason: 'SCM refused the stored password' }) };
  if (found.state === 'EXPIRED' || context.fact('passwordSet') !== true) return { holds: false, message: say('api-admin.problems.passwordState', { login: loginOf(context), state: found.state }) };
  return { holds: true, message: passwordChanged(context, found.expires) };
}

/** The certificate profiles the new admin may order for its unit: the proof that it can use the API there. */
async function checkAccess(context: Context): Promise<CheckResult> {
  const account = accountOf(context);
  const password = await context.accounts.secret(account, 'password');
  if (password === undefined) return { holds: false, message: say('api-admin.problems.passwordUnknown') };
  const client = await asNewAdmin(context, password);
  const unit = await unitName(context);
  try {
    const status = await new AdminsApi(client).passwordStatus();
    if (status.state === 'EXPIRED') return { holds: false, message: say('api-admin.problems.passwordState', { login: loginOf(context), state: status.state }) };
    const ssl = context.inputs.roles.some((role) => role.endsWith('_SSL'));
    const profiles = ssl || !context.inputs.roles.some((role) => role.endsWith('_SMIME')) ? await new SslApi(client).profiles(context.inputs.orgId) : await new SmimeApi(client).profiles(context.inputs.orgId);
    return { holds: true, message: say('api-admin.outcomes.accessWorks', { login: loginOf(context), state: status.state, count: profiles.length, unit }) };
  } catch (error) {
    if (error instanceof ScmClientError && error.kind === 'api-disabled') return { holds: false, message: say('api-admin.problems.apiDisabled', { unit }) };
    if (error instanceof ScmClientError && error.kind === 'auth') return { holds: false, message: say('api-admin.problems.signInFailed', { login: loginOf(context), reason: error.message }) };
    throw error;
  } finally {
    await client.close();
  }
}

/** The checklist's result must hold for a finished check to pass; otherwise the step fails with what was found. */
async function mustHold(check: Promise<CheckResult>, kind: 'validation' | 'api-disabled' = 'validation'): Promise<ChecklistMessage> {
  const found = await check;
  if (!found.holds) throw new StepProblem(found.message, found.message.key === 'api-admin.problems.apiDisabled' ? 'api-disabled' : kind, found.message.key === 'api-admin.problems.apiDisabled' ? 'procedure-rest-api-org' : `${anchor}#verify`);
  return found.message;
}

/** The admin as SCM is asked to make it, the temporary password masked. */
async function creationRequest(context: Context): Promise<RequestPreview> {
  return {
    as: context.who,
    method: 'POST',
    path: '/api/admin/v1',
    body: {
      type: await adminType(context),
      login: loginOf(context),
      email: context.inputs.email,
      forename: context.inputs.forename,
      surname: context.inputs.surname,
      password: masked.temporary,
      credentials: context.inputs.roles.map((role) => ({ role, orgId: context.inputs.orgId })),
      privileges: context.inputs.privileges,
      activeStatus: 'ACTIVE',
    },
  };
}

function roleChoice(role: string): Choice {
  return { value: role, label: role };
}

export const apiAdminChecklist: ChecklistDefinition<ApiAdminInput> = {
  id: 'api-admin',
  inputSchema: apiAdminInputSchema,
  audience: { roles: ['MRAO', 'RAO_SSL', 'RAO_SMIME', 'RAO_CS', 'DRAO_SSL', 'DRAO_SMIME', 'DRAO_CS'], privileges: ['allowCreate'] },
  anchor,

  async prepare(context) {
    const self = await context.self();
    const units = await context.units();
    const admins = new AdminsApi(context.client);
    const [assignable, known] = await Promise.all([admins.roles(), admins.privileges()]);
    const mrao = self.credentials.some((credential) => credential.role === 'MRAO');
    const own = new Set(self.privileges);
    const described = new Map(known.map((privilege) => [privilege.name, privilege.description]));
    const grantable = known.map((privilege) => privilege.name).filter((name) => name !== 'wsApiUseOnly' && (mrao || own.has(name)));
    const home = self.credentials.find((credential) => credential.orgId !== null)?.orgId ?? units[0]?.id;
    const homeUnit = units.find((unit) => unit.id === home);
    const level = homeUnit?.kind === 'department' ? 'DRAO' : 'RAO';
    const roles = assignable.filter((role) => role !== 'MRAO');
    const defaultRole = roles.find((role) => role === `${level}_SSL`) ?? roles.find((role) => role.startsWith(`${level}_`));
    const blockers: ChecklistMessage[] = [];
    if (!mrao && !own.has('allowCreate')) blockers.push(context.missingPrivilege('allowCreate', privilegeNames.allowCreate!));
    const notes: ChecklistMessage[] = [];
    if ((await context.generation()) === 'legacy') notes.push(say('common.notes.legacyServer'));
    if (context.accounts.secretStore !== 'keychain') notes.push(say('common.notes.noKeychain'));
    const family = (defaultRole?.split('_')[1] ?? 'SSL') as keyof typeof leastPrivileges;
    return {
      choices: {
        orgId: units.map((unit) => ({ value: unit.id, label: ChecklistContext.unitName(unit), hint: unit.kind })),
        roles: roles.map(roleChoice),
        privileges: grantable.map((name) => ({ value: name, label: name, ...(described.get(name) === undefined || described.get(name) === name ? {} : { hint: described.get(name)! }) })),
      },
      defaults: {
        ...(home === undefined ? {} : { orgId: home }),
        roles: defaultRole === undefined ? [] : [defaultRole],
        privileges: (leastPrivileges[family] ?? leastPrivileges.SSL).filter((name) => grantable.includes(name)),
      },
      blockers,
      notes,
    };
  },

  async begin(context) {
    const problems: { field: string; message: ChecklistMessage }[] = [];
    const unit = await context.unit(context.inputs.orgId);
    if (unit === undefined) problems.push({ field: 'orgId', message: say('api-admin.problems.noSuchUnit', { id: context.inputs.orgId }) });
    else {
      const wanted = unit.kind === 'organization' ? 'RAO' : 'DRAO';
      if (context.inputs.roles.some((role) => role.split('_')[0] !== wanted)) {
        problems.push({ field: 'roles', message: say('api-admin.problems.unitLevel', { unit: ChecklistContext.unitName(unit), level: words(unit.kind === 'organization' ? 'common.levels.organization' : 'common.levels.department') }) });
      }
    }
    const existing = await new AdminsApi(context.client).findByLogin(loginOf(context));
    if (existing !== undefined) problems.push({ field: 'login', message: say('api-admin.problems.loginTaken', { login: loginOf(context) }) });
    if (context.session.profile.kind === 'scm' && (await context.accounts.profileNamed(profileNameOf(context))) !== undefined) {
      problems.push({ field: 'profileName', message: say('api-admin.problems.profileTaken', { name: profileNameOf(context) }) });
    }
    return { target: { kind: 'admin', id: null, name: loginOf(context) }, facts: { unit: unit === undefined ? '' : ChecklistContext.unitName(unit) }, problems };
  },

  steps: [
    {
      id: 'check-rights',
      kind: 'verify',
      anchor: `${anchor}#check`,
      async plan(context) {
        return { params: { login: loginOf(context), unit: await unitName(context) } };
      },
      async run(context) {
        const blockers = await creationBlockers(context);
        if (context.numberFact('adminId') === undefined && (await new AdminsApi(context.client).findByLogin(loginOf(context))) !== undefined) {
          blockers.push(say('api-admin.problems.loginTaken', { login: loginOf(context) }));
        }
        if ((await context.tenantState()) === 'read-only') {
          for (const blocker of blockers) context.detail(blocker);
          throw new StepProblem(say('common.blockers.readOnlyTenant'), 'read-only-tenant', 'platform-status#read-only-tenants');
        }
        if (blockers.length > 0) {
          for (const blocker of blockers) context.detail(blocker);
          throw new StepProblem(blockers[0]!, 'permission', `${anchor}#check`);
        }
        const generation = await context.generation();
        return say('api-admin.outcomes.rightsOk', {
          login: loginOf(context),
          unit: await unitName(context),
          generation: words(generation === 'current' ? 'api-admin.outcomes.generationCurrent' : 'api-admin.outcomes.generationLegacy'),
        });
      },
    },
    {
      id: 'create-admin',
      kind: 'action',
      anchor: `${anchor}#create`,
      async plan(context) {
        return { params: { login: loginOf(context), type: await adminType(context), unit: await unitName(context) } };
      },
      blockers: creationBlockers,
      async preview(context) {
        return [await creationRequest(context)];
      },
      async run(context) {
        const login = loginOf(context);
        const known = context.numberFact('adminId');
        // An account is made only right before a create is sent: an admin with the login then is the one an earlier
        // attempt made, even one that failed after SCM acted. It keeps the temporary password it was made with.
        if (known !== undefined || context.stringFact('account') !== undefined) {
          const found = await findAdmin(context);
          if (found !== undefined && (known === undefined || found.id === known)) {
            context.setFact('adminId', found.id);
            return say('api-admin.outcomes.existsAlready', { login, id: found.id });
          }
        }
        const type = await adminType(context);
        const temporary = generatePassword(login);
        // The temporary password is kept before SCM hears of it, so an admin made by an attempt whose answer was lost can still be signed in as.
        const accountName = context.stringFact('account');
        if (accountName === undefined) {
          const account = await context.accounts.create(context.session.profile, { login, profileName: profileNameOf(context) }, temporary);
          context.setFact('account', accountNameOf(account));
        } else {
          await context.accounts.setSecret(accountRefOf(accountName), 'password', temporary);
        }
        context.setFact('passwordSet', false);
        await context.checkpoint();
        context.sent(await creationRequest(context));
        const id = await new AdminsApi(context.client).create({
          type,
          login,
          email: context.inputs.email,
          forename: context.inputs.forename,
          surname: context.inputs.surname,
          password: temporary,
          credentials: context.inputs.roles.map((role) => ({ role, orgId: context.inputs.orgId })),
          privileges: context.inputs.privileges,
        });
        context.setFact('adminId', id);
        context.madeId(id);
        const profile = context.session.profile.kind === 'sandbox' ? null : profileNameOf(context);
        return profile === null ? say('api-admin.outcomes.createdSandbox', { login, id, type }) : say('api-admin.outcomes.created', { login, id, type, profile });
      },
      async check(context) {
        const found = await findAdmin(context);
        if (found === undefined) return { holds: false, message: say('api-admin.problems.adminGone', { login: loginOf(context) }) };
        context.setFact('adminId', found.id);
        return { holds: true, message: say('api-admin.outcomes.existsAlready', { login: loginOf(context), id: found.id }) };
      },
    },
    {
      id: 'change-password',
      kind: 'action',
      anchor: `${anchor}#first-password`,
      async plan(context) {
        return { params: { login: loginOf(context), keptIn: keptInWords(context) } };
      },
      async blockers(context) {
        return context.stringFact('account') === undefined ? [say('api-admin.problems.noAccount')] : [];
      },
      async preview(context) {
        const requests: RequestPreview[] = [];
        const stored = context.stringFact('account') === undefined ? undefined : await context.accounts.secret(accountOf(context), 'password');
        const adminId = context.numberFact('adminId');
        if (stored === undefined && adminId !== undefined) requests.push({ as: context.who, method: 'PUT', path: `/api/admin/v1/${adminId}`, body: { password: masked.temporary } });
        requests.push({ as: loginOf(context), method: 'POST', path: '/api/admin/v1/changepassword', body: { newPassword: masked.next } });
        return requests;
      },
      async run(context) {
        const login = loginOf(context);
        const account = accountOf(context);
        // A password on its way in when the last attempt was cut short may have been taken.
        const pending = await context.accounts.secret(account, 'next-password');
        if (pending !== undefined) {
          const found = await passwordWorks(context, pending);
          if (found !== undefined && found.state !== 'EXPIRED') {
            await promoteNext(context, pending);
            return passwordChanged(context, found.expires);
          }
        }
        let temporary = await context.accounts.secret(account, 'password');
        const adminId = context.numberFact('adminId');
        // As the admin who made it, a new temporary password: SCM takes it whatever the old one was.
        const setTemporary = async (why: 'temporaryReset' | 'temporaryRefused'): Promise<string> => {
          const fresh = generatePassword(login);
          await context.accounts.setSecret(account, 'password', fresh);
          context.sent({ method: 'PUT', path: `/api/admin/v1/${adminId}`, body: { password: masked.temporary } });
          await new AdminsApi(context.client).update(adminId!, { password: fresh });
          context.detail(say(`api-admin.outcomes.${why}`, { who: context.who }));
          return fresh;
        };
        if (temporary === undefined) {
          // Kept for a session that has ended.
          if (adminId === undefined) throw new StepProblem(say('api-admin.problems.passwordUnknown'), 'validation', `${anchor}#first-password`);
          temporary = await setTemporary('temporaryReset');
        }
        const next = generatePassword(login);
        await context.accounts.setSecret(account, 'next-password', next);
        for (let refused = false; ; ) {
          const client = await asNewAdmin(context, temporary);
          try {
            context.sent({ as: login, method: 'POST', path: '/api/admin/v1/changepassword', body: { newPassword: masked.next } });
            await new AdminsApi(client).changePassword(next);
            break;
          } catch (error) {
            if (error instanceof ScmClientError && error.code === -7306) {
              await context.accounts.setSecret(account, 'next-password', null);
              throw new StepProblem(say('api-admin.problems.policy', { reason: error.scmDescription ?? error.message }), 'validation', `${anchor}#first-password`);
            }
            // The admin may hold another temporary password than the one kept: an earlier attempt's create, its answer
            // lost, may have reached SCM only after a later attempt looked for the admin. Once, a new one is set.
            if (error instanceof ScmClientError && error.kind === 'auth' && !refused && adminId !== undefined) {
              refused = true;
              temporary = await setTemporary('temporaryRefused');
              continue;
            }
            if (error instanceof ScmClientError && error.kind === 'auth') {
              await context.accounts.setSecret(account, 'next-password', null);
              throw new StepProblem(say('api-admin.problems.signInFailed', { login, reason: error.message }), 'auth', `${anchor}#first-password`);
            }
            throw error;
          } finally {
            await client.close();
          }
        }
        await promoteNext(context, next);
        const found = await passwordWorks(context, next);
        return passwordChanged(context, found?.expires ?? null);
      },
      check: checkPassword,
    },
    {
      id: 'api-only',
      kind: 'action',
      anchor: `${anchor}#api-only`,
      async kindIn(context) {
        return (await context.generation()) === 'current' ? 'verify' : 'action';
      },
      async plan(context) {
        return { params: { login: loginOf(context) } };
      },
      async blockers(context) {
        if ((await context.generation()) === 'current') return [];
        return (await context.hasPrivilege('allowEdit')) ? [] : [context.missingPrivilege('allowEdit', privilegeNames.allowEdit!)];
      },
      async preview(context) {
        const adminId = context.numberFact('adminId');
        return adminId === undefined ? [] : [{ as: context.who, method: 'PUT', path: `/api/admin/v1/${adminId}`, body: { privileges: [...context.inputs.privileges, 'wsApiUseOnly'] } }];
      },
      async run(context) {
        const login = loginOf(context);
        const admin = await findAdmin(context);
        if (admin === undefined) throw new StepProblem(say('api-admin.problems.adminGone', { login }), 'not-found', `${anchor}#api-only`);
        if ((await context.generation()) === 'current') {
          if (admin.type !== 'API') throw new StepProblem(say('api-admin.problems.notApiType', { login, type: admin.type ?? '?' }), 'validation', `${anchor}#api-only`);
          return say('api-admin.outcomes.apiOnlyByType', { login });
        }
        if (!admin.privileges.includes('wsApiUseOnly')) {
          const privileges = [...new Set([...admin.privileges, 'wsApiUseOnly'])];
          context.sent({ method: 'PUT', path: `/api/admin/v1/${admin.id}`, body: { privileges } });
          await new AdminsApi(context.client).update(admin.id, { privileges });
        }
        return say('api-admin.outcomes.apiOnlySet', { login });
      },
      async check(context) {
        const login = loginOf(context);
        const admin = await findAdmin(context);
        if (admin === undefined) return { holds: false, message: say('api-admin.problems.adminGone', { login }) };
        if ((await context.generation()) === 'current') {
          return admin.type === 'API' ? { holds: true, message: say('api-admin.outcomes.apiOnlyByType', { login }) } : { holds: false, message: say('api-admin.problems.notApiType', { login, type: admin.type ?? '?' }) };
        }
        return admin.privileges.includes('wsApiUseOnly') ? { holds: true, message: say('api-admin.outcomes.apiOnlySet', { login }) } : { holds: false, message: say('api-admin.problems.apiOnlyMissing', { login }) };
      },
    },
    {
      id: 'verify-access',
      kind: 'verify',
      anchor: `${anchor}#verify`,
      async plan(context) {
        return { params: { login: loginOf(context), unit: await unitName(context) } };
      },
      run: (context) => mustHold(checkAccess(context)),
      check: checkAccess,
    },
    {
      id: 'hand-over',
      kind: 'info',
      anchor: `${anchor}#hand-over`,
      async plan(context) {
        const shownAt = context.stringFact('shownAt');
        return { params: { login: loginOf(context), keptIn: keptInWords(context), keychain: context.accounts.secretStore === 'keychain' ? 'yes' : 'no', ...(shownAt === undefined ? {} : { shownAt }) } };
      },
      async blockers(context) {
        return context.accounts.secretStore !== 'keychain' && context.stringFact('shownAt') === undefined ? [say('api-admin.problems.showFirst')] : [];
      },
    },
  ],
};


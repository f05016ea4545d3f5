import { apiFlagValues, restApiInputSchema, type ApiFlag, type ChecklistMessage, type RestApiInput } from '../../../shared/checklists';
import type { OrganizationDetails } from '../../../shared/scm/types';
import { ScmClientError } from '../../scm/errors';
import { OrganizationsApi } from '../../scm/organizations';
import { SmimeApi } from '../../scm/smime';
import { SslApi } from '../../scm/ssl';
import { accountRefOf } from './accounts';
import { ChecklistContext, type Unit } from './context';
import type { ChecklistDefinition, CheckResult } from './definition';
import { StepProblem } from './problem';
import { say, words } from './words';

type Context = ChecklistContext<RestApiInput>;

const anchor = 'procedure-rest-api-org';

const wireFlag: Record<ApiFlag, 'sslCertsApiEnabled' | 'clientCertsApiEnabled'> = { ssl: 'sslCertsApiEnabled', client: 'clientCertsApiEnabled' };

async function unitOf(context: Context): Promise<Unit> {
  const unit = await context.unit(context.inputs.orgId);
  if (unit === undefined) throw new StepProblem(say('rest-api.problems.noSuchUnit', { id: context.inputs.orgId }), 'not-found', anchor);
  return unit;
}

async function unitName(context: Context): Promise<string> {
  const unit = await context.unit(context.inputs.orgId);
  return unit === undefined ? String(context.inputs.orgId) : ChecklistContext.unitName(unit);
}

/** The chosen kinds of certificate, in words: “SSL certificates and client certificates”. */
function kindsWords(flags: readonly ApiFlag[]): string {
  return flags.map((flag) => words(`rest-api.flags.${flag}`)).join(' and ');
}

function details(context: Context): Promise<OrganizationDetails> {
  return new OrganizationsApi(context.client).get(context.inputs.orgId);
}

function offFlags(context: Context, unit: OrganizationDetails): ApiFlag[] {
  return context.inputs.flags.filter((flag) => unit[wireFlag[flag]] !== true);
}

/** May the signed-in admin edit this unit? An organization needs its RAO with “Edit organizations and departments”; a department also “Edit departments”. */
async function mayEdit(context: Context): Promise<boolean> {
  const unit = await context.unit(context.inputs.orgId);
  if (unit === undefined) return false;
  const self = await context.self();
  if (self.credentials.some((credential) => credential.role === 'MRAO')) return true;
  if (unit.kind === 'organization') return (await context.hasPrivilege('editOrganizationAndDepartment')) && (await context.isRaoOf(unit.id));
  return (await context.hasPrivilege('editOrganizationAndDepartment')) || (await context.hasPrivilege('editDepartments'));
}

async function checkFlags(context: Context): Promise<CheckResult> {
  const unit = await details(context);
  const off = offFlags(context, unit);
  const name = await unitName(context);
  return off.length === 0
    ? { holds: true, message: say('rest-api.outcomes.verifiedOn', { kinds: kindsWords(context.inputs.flags), unit: name }) }
    : { holds: false, message: say('rest-api.problems.stillOff', { kinds: kindsWords(off), unit: name }) };
}

async function checkProbe(context: Context): Promise<CheckResult> {
  const probeAs = context.inputs.probeAs;
  if (probeAs === undefined) return { holds: true, message: say('rest-api.outcomes.noProbe') };
  const ref = accountRefOf(probeAs);
  const label = (await context.accounts.label(ref)) ?? probeAs;
  const password = await context.accounts.passwordOf(ref);
  if (password === undefined) return { holds: false, message: say('rest-api.problems.noSuchAccount', { account: label }) };
  const unit = await unitName(context);
  let client;
  try {
    client = await context.accounts.clientAs(context.session.profile, ref, async () => password, context.signal);
  } catch {
    return { holds: false, message: say('rest-api.problems.noSuchAccount', { account: label }) };
  }
  try {
    // One call proves the API answers: the SSL profiles where SSL was asked for, else the client certificate ones.
    const count = context.inputs.flags.includes('ssl') ? (await new SslApi(client).profiles(context.inputs.orgId)).length : (await new SmimeApi(client).profiles(context.inputs.orgId)).length;
    return { holds: true, message: say('rest-api.outcomes.probeWorks', { account: label, count, unit }) };
  } catch (error) {
    if (error instanceof ScmClientError && error.kind !== 'network' && error.kind !== 'timeout' && error.kind !== 'unavailable') {
      return { holds: false, message: say('rest-api.problems.probeRefused', { account: label, reason: error.message }) };
    }
    throw error;
  } finally {
    await client.close();
  }
}

async function mustHold(check: Promise<CheckResult>): Promise<ChecklistMessage> {
  const found = await check;
  if (!found.holds) throw new StepProblem(found.message, 'validation', `${anchor}#verify`);
  return found.message;
}

export const restApiChecklist: ChecklistDefinition<RestApiInput> = {
  id: 'rest-api',
  inputSchema: restApiInputSchema,
  audience: { roles: ['MRAO', 'RAO_SSL', 'RAO_SMIME', 'DRAO_SSL', 'DRAO_SMIME'], privileges: [] },
  anchor,

  async prepare(context) {
    const self = await context.self();
    const units = await context.units();
    const organizations = new OrganizationsApi(context.client);
    // Each unit's switches, for the choice: reading a hundred is as far as a form should go.
    const states = new Map<number, OrganizationDetails>();
    for (const unit of units.slice(0, 100)) {
      context.throwIfCancelled();
      // A DRAO sees its department's organization in the list, but may not read it.
      const state = await organizations.get(unit.id).catch((error: unknown) => {
        if (error instanceof ScmClientError && error.kind === 'not-found') return undefined;
        throw error;
      });
      if (state !== undefined) states.set(unit.id, state);
    }
    const label = (flag: boolean | null | undefined) => words(flag === true ? 'rest-api.outcomes.on' : 'rest-api.outcomes.off');
    const home = self.credentials.find((credential) => credential.orgId !== null)?.orgId;
    const firstOff = units.find((unit) => states.get(unit.id)?.sslCertsApiEnabled === false)?.id;
    const notes: ChecklistMessage[] = [];
    if ((await context.generation()) === 'legacy') notes.push(say('common.notes.legacyServer'));
    const candidates = await context.accounts.probeCandidates(context.session.profile);
    return {
      choices: {
        orgId: units.map((unit) => {
          const state = states.get(unit.id);
          return {
            value: unit.id,
            label: ChecklistContext.unitName(unit),
            ...(state === undefined ? {} : { hint: words('rest-api.outcomes.stateShort', { ssl: label(state.sslCertsApiEnabled), client: label(state.clientCertsApiEnabled) }) }),
          };
        }),
        flags: apiFlagValues.map((flag) => ({ value: flag, label: words(`rest-api.flags.${flag}`) })),
        probeAs: candidates.map((candidate) => ({ value: candidate.name, label: candidate.label })),
      },
      defaults: { orgId: firstOff ?? home ?? units[0]?.id, flags: ['ssl'] },
      blockers: [],
      notes,
    };
  },

  async begin(context) {
    const problems: { field: string; message: ChecklistMessage }[] = [];
    const unit = await context.unit(context.inputs.orgId);
    if (unit === undefined) problems.push({ field: 'orgId', message: say('rest-api.problems.noSuchUnit', { id: context.inputs.orgId }) });
    const probeAs = context.inputs.probeAs;
    if (probeAs !== undefined && probeAs !== '') {
      const candidates = await context.accounts.probeCandidates(context.session.profile);
      if (!candidates.some((candidate) => candidate.name === probeAs)) problems.push({ field: 'probeAs', message: say('rest-api.problems.noSuchAccount', { account: probeAs }) });
    }
    return {
      target: { kind: unit?.kind ?? 'organization', id: context.inputs.orgId, name: unit === undefined ? String(context.inputs.orgId) : ChecklistContext.unitName(unit) },
      problems,
    };
  },

  steps: [
    {
      id: 'read-state',
      kind: 'verify',
      anchor: `${anchor}#read`,
      async plan(context) {
        return { params: { unit: await unitName(context) } };
      },
      async run(context) {
        const unit = await unitOf(context);
        const state = await details(context);
        context.setFact('sslBefore', state.sslCertsApiEnabled);
        context.setFact('clientBefore', state.clientCertsApiEnabled);
        const label = (flag: boolean | null) => words(flag === true ? 'rest-api.outcomes.on' : 'rest-api.outcomes.off');
        return say('rest-api.outcomes.state', { unit: ChecklistContext.unitName(unit), ssl: label(state.sslCertsApiEnabled), client: label(state.clientCertsApiEnabled) });
      },
    },
    {
      id: 'enable-api',
      kind: 'action',
      anchor: `${anchor}#enable`,
      async kindIn(context) {
        return (await mayEdit(context)) ? 'action' : 'manual';
      },
      async notApplicable(context) {
        // Judged by the switches as the first step read them: one turned on by hand since is verified, not skipped.
        const before = { sslCertsApiEnabled: context.fact('sslBefore'), clientCertsApiEnabled: context.fact('clientBefore') };
        const wasOn = (flag: ApiFlag) => before[wireFlag[flag]] === true;
        return context.inputs.flags.every(wasOn) ? say('rest-api.outcomes.alreadyOn', { kinds: kindsWords(context.inputs.flags), unit: await unitName(context) }) : null;
      },
      async plan(context) {
        const unit = await context.unit(context.inputs.orgId);
        const name = await unitName(context);
        return {
          params: { unit: name, kinds: kindsWords(context.inputs.flags), drao: unit?.kind === 'department' ? words('rest-api.steps.enable-api.draoToo') : '' },
          copy: [{ label: say('rest-api.copy.unit'), value: unit?.name ?? name }],
          canVerify: true,
        };
      },
      async preview(context) {
        const body = Object.fromEntries(context.inputs.flags.map((flag) => [wireFlag[flag], true]));
        return [{ as: context.who, method: 'PUT', path: `/api/organization/v1/${context.inputs.orgId}`, body }];
      },
      async run(context) {
        const state = await details(context);
        const off = offFlags(context, state);
        const name = await unitName(context);
        if (off.length === 0) return say('rest-api.outcomes.alreadyOn', { kinds: kindsWords(context.inputs.flags), unit: name });
        const body = Object.fromEntries(off.map((flag) => [wireFlag[flag], true]));
        context.sent({ method: 'PUT', path: `/api/organization/v1/${context.inputs.orgId}`, body });
        await new OrganizationsApi(context.client).setApiFlags(context.inputs.orgId, body);
        context.madeId(context.inputs.orgId);
        return say('rest-api.outcomes.enabled', { kinds: kindsWords(off), unit: name });
      },
      check: checkFlags,
    },
    {
      id: 'secret-key',
      kind: 'info',
      anchor: `${anchor}#secret-key`,
      async notApplicable(context) {
        return (await context.generation()) === 'current' ? say('rest-api.outcomes.keyNotNeeded') : null;
      },
      async plan(context) {
        const shownAt = context.stringFact('secretKeyShownAt');
        return { params: { unit: await unitName(context), ...(shownAt === undefined ? {} : { shownAt }) } };
      },
    },
    {
      id: 'read-back',
      kind: 'verify',
      anchor: `${anchor}#verify`,
      async plan(context) {
        return { params: { unit: await unitName(context), kinds: kindsWords(context.inputs.flags) } };
      },
      run: (context) => mustHold(checkFlags(context)),
      check: checkFlags,
    },
    {
      id: 'probe',
      kind: 'verify',
      anchor: `${anchor}#probe`,
      skippable: true,
      async notApplicable(context) {
        return context.inputs.probeAs === undefined || context.inputs.probeAs === '' ? say('rest-api.outcomes.noProbe') : null;
      },
      async plan(context) {
        const probeAs = context.inputs.probeAs;
        const label = probeAs === undefined ? '' : ((await context.accounts.label(accountRefOf(probeAs))) ?? probeAs);
        return { params: { unit: await unitName(context), account: label } };
      },
      run: (context) => mustHold(checkProbe(context)),
      check: checkProbe,
    },
  ],
};

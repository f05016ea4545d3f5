import {
  dcvMailboxValues,
  dcvMethodValues,
  domainCertTypeValues,
  domainDcvInputSchema,
  type ChecklistMessage,
  type DomainDcvInput,
  type RequestPreview,
} from '../../../shared/checklists';
import type { DomainDetails } from '../../../shared/scm/types';
import { DcvApi, type DcvStatus } from '../../scm/dcv';
import { DomainsApi } from '../../scm/domains';
import { checkCaa, type CaaFinding } from './caa';
import { ChecklistContext } from './context';
import type { ChecklistDefinition, CheckResult, StepDefinition, StepPlanExtras } from './definition';
import { StepProblem } from './problem';
import { say } from './words';

type Context = ChecklistContext<DomainDcvInput>;

const anchor = 'procedure-domain-dcv';

/** The names of the privileges the steps need, for their blockers. */
const privilegeNames = {
  allowManageDomains: 'Manage domains',
  allowDCV: 'Allow domain validation',
};

const methodLabels: Record<DomainDcvInput['method'], string> = {
  CNAME: 'CNAME record in DNS',
  HTTP: 'File on the web server (HTTP)',
  HTTPS: 'File on the web server (HTTPS)',
  EMAIL: 'Email to an administrative mailbox',
};

function wildcardOf(domain: string): string {
  return `*.${domain}`;
}

function emailOf(context: Context): string | undefined {
  return context.inputs.mailbox === undefined ? undefined : `${context.inputs.mailbox}@${context.inputs.domain}`;
}

async function unitName(context: Context): Promise<string> {
  const unit = await context.unit(context.inputs.orgId);
  return unit === undefined ? String(context.inputs.orgId) : ChecklistContext.unitName(unit);
}

function typesText(context: Context): string {
  return context.inputs.certTypes.join(', ');
}

/** The CAA finding, made once per context: the plan, the kind and the run of a step all ask for it. */
const caaFindings = new WeakMap<object, Promise<CaaFinding>>();

function caaOf(context: Context): Promise<CaaFinding> {
  let finding = caaFindings.get(context);
  if (finding === undefined) {
    finding = checkCaa(context.inputs.domain);
    caaFindings.set(context, finding);
  }
  return finding;
}

function caaMessage(context: Context, finding: CaaFinding): CheckResult {
  const domain = context.inputs.domain;
  if (finding.outcome === 'unknown') return { holds: false, message: say('domain-dcv.problems.caaUnknown', { domain, at: finding.at, reason: finding.reason }) };
  if (finding.at === null) return { holds: true, message: say('domain-dcv.outcomes.caaNone', { domain }) };
  const params = { domain, at: finding.at, records: finding.records.join('; ') };
  if (finding.domain && finding.wildcard) return { holds: true, message: say('domain-dcv.outcomes.caaAllows', params) };
  if (finding.domain) return { holds: false, message: say('domain-dcv.problems.caaForbidsWildcard', { ...params, wildcard: wildcardOf(domain) }) };
  return { holds: false, message: say('domain-dcv.problems.caaForbids', params) };
}

/** The entry of that exact name, with its details, or undefined when SCM has none the admin sees. */
async function findEntry(context: Context, name: string): Promise<DomainDetails | undefined> {
  const api = new DomainsApi(context.client);
  // The name filter matches part of a name: the domain's search also finds its wildcard entry.
  const row = (await api.list({ name }, { signal: context.signal })).find((candidate) => candidate.name.toLowerCase() === name);
  return row === undefined ? undefined : api.get(row.id);
}

function delegationOf(context: Context, entry: DomainDetails): DomainDetails['delegations'][number] | undefined {
  return entry.delegations.find((delegation) => delegation.orgId === context.inputs.orgId);
}

function coversTypes(context: Context, entry: DomainDetails): boolean {
  const delegation = delegationOf(context, entry);
  return delegation !== undefined && context.inputs.certTypes.every((type) => delegation.certTypes.includes(type));
}

function delegationStatus(entry: DomainDetails, delegation: DomainDetails['delegations'][number]): string {
  return (delegation.status ?? entry.delegationStatus ?? 'ACTIVE').toUpperCase();
}

function isApproved(status: string): boolean {
  return status === 'ACTIVE' || status === 'APPROVED';
}

/** The step that adds one entry, the domain or its wildcard, delegated as asked: exactly once, whatever happens to an answer. */
function addEntryStep(id: 'add-domain' | 'add-wildcard', nameOf: (context: Context) => string, fact: string): StepDefinition<DomainDcvInput> {
  const check = async (context: Context): Promise<CheckResult> => {
    const name = nameOf(context);
    const entry = await findEntry(context, name);
    const unit = await unitName(context);
    if (entry === undefined) return { holds: false, message: say('domain-dcv.problems.entryMissing', { name }) };
    context.setFact(fact, entry.id);
    if (!coversTypes(context, entry)) return { holds: false, message: say('domain-dcv.problems.notDelegated', { name, id: entry.id, unit, types: typesText(context) }) };
    return { holds: true, message: say('domain-dcv.outcomes.entryPresent', { name, id: entry.id, unit, types: typesText(context), status: delegationStatus(entry, delegationOf(context, entry)!) }) };
  };
  const delegationBody = (context: Context) => ({ orgId: context.inputs.orgId, certTypes: [...context.inputs.certTypes] });
  return {
    id,
    kind: 'action',
    anchor: `${anchor}#step-${id}`,
    async blockers(context) {
      return (await context.hasPrivilege('allowManageDomains')) ? [] : [context.missingPrivilege('allowManageDomains', privilegeNames.allowManageDomains)];
    },
    async plan(context) {
      return { params: { name: nameOf(context), domain: context.inputs.domain, unit: await unitName(context), types: typesText(context) } };
    },
    async preview(context) {
      const name = nameOf(context);
      const entry = await findEntry(context, name);
      if (entry !== undefined && coversTypes(context, entry)) return [];
      if (entry !== undefined) return [{ as: context.who, method: 'POST', path: `/api/domain/v1/${entry.id}/delegation`, body: delegationBody(context) }];
      return [{ as: context.who, method: 'POST', path: '/api/domain/v1', body: { name, delegations: [delegationBody(context)] } }];
    },
    async run(context) {
      const api = new DomainsApi(context.client);
      const name = nameOf(context);
      const unit = await unitName(context);
      // Read first: an entry made by an attempt whose answer was lost, or by someone else, is found and not made again.
      const entry = await findEntry(context, name);
      if (entry !== undefined && coversTypes(context, entry)) {
        context.setFact(fact, entry.id);
        context.madeId(entry.id);
        return say('domain-dcv.outcomes.entryExisted', { name, id: entry.id, unit, types: typesText(context), status: delegationStatus(entry, delegationOf(context, entry)!) });
      }
      if (entry !== undefined) {
        context.sent({ method: 'POST', path: `/api/domain/v1/${entry.id}/delegation`, body: delegationBody(context) });
        await api.delegate(entry.id, delegationBody(context));
        context.setFact(fact, entry.id);
        context.madeId(entry.id);
        const after = await api.get(entry.id);
        const delegation = delegationOf(context, after);
        return say('domain-dcv.outcomes.entryDelegated', { name, id: entry.id, unit, types: typesText(context), status: delegation === undefined ? '?' : delegationStatus(after, delegation) });
      }
      context.sent({ method: 'POST', path: '/api/domain/v1', body: { name, delegations: [delegationBody(context)] } });
      const created = await api.create({ name, delegations: [delegationBody(context)] });
      context.setFact(fact, created);
      context.madeId(created);
      await context.checkpoint();
      const after = await api.get(created);
      const delegation = delegationOf(context, after);
      return say('domain-dcv.outcomes.entryCreated', { name, id: created, unit, types: typesText(context), status: delegation === undefined ? '?' : delegationStatus(after, delegation) });
    },
    check,
  };
}

/** The approval check, made once per context: the kind of the step and its run both ask for it. */
const approvals = new WeakMap<object, Promise<CheckResult>>();

function checkApproval(context: Context): Promise<CheckResult> {
  let found = approvals.get(context);
  if (found === undefined) {
    found = readApproval(context);
    approvals.set(context, found);
  }
  return found;
}

/** Whether both entries' delegations to the unit are approved, with the time of the check. */
async function readApproval(context: Context): Promise<CheckResult> {
  const unit = await unitName(context);
  const time = new Date(context.now()).toISOString();
  const waiting: string[] = [];
  for (const name of [context.inputs.domain, wildcardOf(context.inputs.domain)]) {
    const entry = await findEntry(context, name);
    const delegation = entry === undefined ? undefined : delegationOf(context, entry);
    if (entry === undefined || delegation === undefined) return { holds: false, message: say('domain-dcv.problems.delegationGone', { name, unit, time }) };
    const status = delegationStatus(entry, delegation);
    context.detail(say('domain-dcv.outcomes.delegationState', { name, unit, status }));
    if (!isApproved(status)) waiting.push(name);
  }
  if (waiting.length > 0) return { holds: false, message: say('domain-dcv.problems.awaitingApproval', { names: waiting.join(', '), unit, time }) };
  return { holds: true, message: say('domain-dcv.outcomes.approved', { domain: context.inputs.domain, wildcard: wildcardOf(context.inputs.domain), unit, time }) };
}

function dcvStatus(context: Context): Promise<DcvStatus> {
  return new DcvApi(context.client).status(context.inputs.domain);
}

function isValidated(status: DcvStatus): boolean {
  return status.status.toUpperCase() === 'VALIDATED';
}

/** A step about the validation has nothing to do once the domain is validated (by an earlier order, or through a validated parent). */
async function alreadyValidated(context: Context): Promise<ChecklistMessage | null> {
  // Once the run has reached the wait for the validation, its own order is what validated the domain.
  if (context.fact('submittedAt') !== undefined) return null;
  const status = await dcvStatus(context);
  return isValidated(status) ? say('domain-dcv.outcomes.alreadyValidated', { domain: context.inputs.domain, expires: status.expires ?? '?' }) : null;
}

async function dcvBlockers(context: Context): Promise<ChecklistMessage[]> {
  return (await context.hasPrivilege('allowDCV')) ? [] : [context.missingPrivilege('allowDCV', privilegeNames.allowDCV)];
}

function startRequest(context: Context): RequestPreview {
  return { as: context.who, method: 'POST', path: `/api/dcv/v2/validation/start/domain/${context.inputs.method.toLowerCase()}`, body: { domain: context.inputs.domain } };
}

function submitRequest(context: Context): RequestPreview {
  const email = emailOf(context);
  return {
    as: context.who,
    method: 'POST',
    path: `/api/dcv/v2/validation/submit/domain/${context.inputs.method.toLowerCase()}`,
    body: { domain: context.inputs.domain, ...(context.inputs.method === 'EMAIL' && email !== undefined ? { email } : {}) },
  };
}

/** Whether the run holds what the order asks to publish (or, for email, the addresses SCM offers). */
function hasInstructions(context: Context): boolean {
  switch (context.inputs.method) {
    case 'CNAME':
      return context.stringFact('dcvHost') !== undefined && context.stringFact('dcvPoint') !== undefined;
    case 'HTTP':
    case 'HTTPS':
      return context.stringFact('dcvUrl') !== undefined && context.stringFact('dcvFirstLine') !== undefined;
    case 'EMAIL':
      return Array.isArray(context.fact('dcvEmails'));
  }
}

async function checkStarted(context: Context): Promise<CheckResult> {
  const domain = context.inputs.domain;
  const method = context.inputs.method;
  const status = await dcvStatus(context);
  if (isValidated(status)) return { holds: true, message: say('domain-dcv.outcomes.alreadyValidated', { domain, expires: status.expires ?? '?' }) };
  const order = status.orderStatus.toUpperCase();
  const sameMethod = (status.method ?? '').toUpperCase() === method;
  const underWay = method === 'EMAIL' || order === 'SUBMITTED' || (order === 'AWAITING_SUBMISSION' && sameMethod);
  if (underWay && hasInstructions(context)) return { holds: true, message: say('domain-dcv.outcomes.started', { domain, method }) };
  return { holds: false, message: say('domain-dcv.problems.notStarted', { domain, method }) };
}

/** What the person publishes or watches for, as values to copy. */
function publishCopy(context: Context): NonNullable<StepPlanExtras['copy']> {
  return publishValues(context).filter((entry) => entry.value !== '');
}

function publishValues(context: Context): NonNullable<StepPlanExtras['copy']> {
  switch (context.inputs.method) {
    case 'CNAME':
      return [
        { label: say('domain-dcv.copy.host'), value: context.stringFact('dcvHost') ?? '' },
        { label: say('domain-dcv.copy.point'), value: context.stringFact('dcvPoint') ?? '' },
      ];
    case 'HTTP':
    case 'HTTPS':
      return [
        { label: say('domain-dcv.copy.url'), value: context.stringFact('dcvUrl') ?? '' },
        { label: say('domain-dcv.copy.content'), value: [context.stringFact('dcvFirstLine') ?? '', context.stringFact('dcvSecondLine') ?? ''].filter((line) => line !== '').join('\n') },
      ];
    case 'EMAIL': {
      const offered = context.fact('dcvEmails');
      return [
        { label: say('domain-dcv.copy.email'), value: emailOf(context) ?? '' },
        { label: say('domain-dcv.copy.offered'), value: Array.isArray(offered) ? offered.join(', ') : '' },
      ];
    }
  }
}

async function checkSubmitted(context: Context): Promise<CheckResult> {
  const domain = context.inputs.domain;
  const status = await dcvStatus(context);
  if (isValidated(status)) return { holds: true, message: say('domain-dcv.outcomes.alreadyValidated', { domain, expires: status.expires ?? '?' }) };
  if (status.orderStatus.toUpperCase() === 'SUBMITTED') return { holds: true, message: say('domain-dcv.outcomes.submitted', { domain, method: status.method ?? context.inputs.method }) };
  return { holds: false, message: say('domain-dcv.problems.notSubmitted', { domain, order: status.orderStatus }) };
}

async function checkValidated(context: Context): Promise<CheckResult> {
  const domain = context.inputs.domain;
  const time = new Date(context.now()).toISOString();
  const status = await dcvStatus(context);
  if (!isValidated(status)) return { holds: false, message: say('domain-dcv.problems.notValidated', { domain, status: status.status, order: status.orderStatus, time }) };
  context.setFact('dcvExpires', status.expires);
  // SCM validates the registered domain only; the wildcard entry is covered by it and refuses an order of its own (-723).
  const wildcard = await findEntry(context, wildcardOf(domain));
  if (wildcard !== undefined) context.detail(say('domain-dcv.outcomes.wildcardCovered', { wildcard: wildcardOf(domain), status: wildcard.validationStatus ?? '?' }));
  return { holds: true, message: say('domain-dcv.outcomes.validated', { domain, validated: status.validated ?? '?', expires: status.expires ?? '?', time }) };
}

function daysLeft(context: Context, expires: string | null): number | string {
  if (expires === null) return '?';
  return Math.floor((Date.parse(`${expires}T00:00:00Z`) - context.now()) / 86_400_000);
}

export const domainDcvChecklist: ChecklistDefinition<DomainDcvInput> = {
  id: 'domain-dcv',
  inputSchema: domainDcvInputSchema,
  audience: { roles: ['MRAO', 'RAO_SSL', 'DRAO_SSL', 'RAO_SMIME', 'DRAO_SMIME'], privileges: ['allowManageDomains', 'allowDCV'] },
  anchor,

  async prepare(context) {
    const self = await context.self();
    const units = await context.units();
    const home = self.credentials.find((credential) => credential.orgId !== null)?.orgId;
    const blockers: ChecklistMessage[] = [];
    if (!(await context.hasPrivilege('allowManageDomains'))) blockers.push(context.missingPrivilege('allowManageDomains', privilegeNames.allowManageDomains));
    if (!(await context.hasPrivilege('allowDCV'))) blockers.push(context.missingPrivilege('allowDCV', privilegeNames.allowDCV));
    return {
      choices: {
        orgId: units.map((unit) => ({ value: unit.id, label: ChecklistContext.unitName(unit) })),
        certTypes: domainCertTypeValues.map((type) => ({ value: type, label: type === 'SSL' ? 'SSL (server certificates)' : 'S/MIME (client certificates for addresses in the domain)' })),
        method: dcvMethodValues.map((method) => ({ value: method, label: methodLabels[method] })),
        mailbox: dcvMailboxValues.map((mailbox) => ({ value: mailbox, label: `${mailbox}@` })),
      },
      defaults: { ...(home === undefined || !units.some((unit) => unit.id === home) ? {} : { orgId: home }), certTypes: ['SSL'], method: 'CNAME' },
      blockers,
      notes: [],
    };
  },

  async begin(context) {
    const problems: { field: string; message: ChecklistMessage }[] = [];
    const unit = await context.unit(context.inputs.orgId);
    if (unit === undefined) problems.push({ field: 'orgId', message: say('domain-dcv.problems.noSuchUnit', { id: context.inputs.orgId }) });
    return {
      target: { kind: unit?.kind ?? 'organization', id: context.inputs.orgId, name: `${context.inputs.domain} · ${unit === undefined ? String(context.inputs.orgId) : ChecklistContext.unitName(unit)}`.slice(0, 200) },
      problems,
    };
  },

  steps: [
    {
      id: 'check-caa',
      kind: 'verify',
      anchor: `${anchor}#step-check-caa`,
      async kindIn(context) {
        return (await caaOf(context)).outcome === 'unknown' ? 'manual' : 'verify';
      },
      async plan(context) {
        const finding = await caaOf(context);
        return {
          params: { domain: context.inputs.domain, ...(finding.outcome === 'unknown' ? { at: finding.at, reason: finding.reason } : {}) },
          copy: finding.outcome === 'unknown' ? [{ label: say('domain-dcv.copy.dig'), value: `dig CAA ${context.inputs.domain}` }] : [],
          canVerify: false,
        };
      },
      async run(context) {
        const found = caaMessage(context, await caaOf(context));
        if (!found.holds) throw new StepProblem(found.message, 'validation', `${anchor}#step-check-caa`);
        return found.message;
      },
      async check(context) {
        return caaMessage(context, await checkCaa(context.inputs.domain));
      },
    },
    addEntryStep('add-domain', (context) => context.inputs.domain, 'domainId'),
    addEntryStep('add-wildcard', (context) => wildcardOf(context.inputs.domain), 'wildcardId'),
    {
      id: 'await-approval',
      kind: 'manual',
      anchor: `${anchor}#step-await-approval`,
      async kindIn(context) {
        return (await checkApproval(context)).holds ? 'verify' : 'manual';
      },
      async plan(context) {
        return { params: { domain: context.inputs.domain, wildcard: wildcardOf(context.inputs.domain), unit: await unitName(context) }, canVerify: true };
      },
      async run(context) {
        const found = await checkApproval(context);
        if (!found.holds) throw new StepProblem(found.message, 'validation', `${anchor}#step-await-approval`);
        return found.message;
      },
      check: checkApproval,
    },
    {
      id: 'start-dcv',
      kind: 'action',
      anchor: `${anchor}#step-dcv`,
      notApplicable: alreadyValidated,
      blockers: dcvBlockers,
      async plan(context) {
        return { params: { domain: context.inputs.domain, method: context.inputs.method } };
      },
      async preview(context) {
        return [startRequest(context)];
      },
      async run(context) {
        const domain = context.inputs.domain;
        const method = context.inputs.method;
        const status = await dcvStatus(context);
        const order = status.orderStatus.toUpperCase();
        if (order === 'SUBMITTED' && (status.method ?? '').toUpperCase() !== method) {
          throw new StepProblem(say('domain-dcv.problems.otherOrder', { domain, method: status.method ?? '?' }), 'validation', `${anchor}#step-dcv`);
        }
        // An order by this method submitted before (by an earlier run, say) goes on; starting again would replace what was published.
        if (order === 'SUBMITTED' && method !== 'EMAIL') {
          for (const [fact, value] of [['dcvHost', status.host], ['dcvPoint', status.point], ['dcvUrl', status.url]] as const) if (value !== null) context.setFact(fact, value);
          return say('domain-dcv.outcomes.started', { domain, method });
        }
        const request = startRequest(context);
        context.sent(request);
        const instructions = await new DcvApi(context.client).start(domain, method);
        switch (instructions.method) {
          case 'CNAME':
            context.setFact('dcvHost', instructions.host);
            context.setFact('dcvPoint', instructions.point);
            return say('domain-dcv.outcomes.startedCname', { domain, host: instructions.host, point: instructions.point });
          case 'HTTP':
          case 'HTTPS':
            context.setFact('dcvUrl', instructions.url);
            context.setFact('dcvFirstLine', instructions.firstLine);
            context.setFact('dcvSecondLine', instructions.secondLine);
            return say('domain-dcv.outcomes.startedFile', { domain, url: instructions.url });
          case 'EMAIL': {
            const offered = instructions.emails.slice(0, 200).map((email) => email.slice(0, 200));
            context.setFact('dcvEmails', offered);
            const chosen = emailOf(context) ?? '';
            if (!offered.map((email) => email.toLowerCase()).includes(chosen)) {
              throw new StepProblem(say('domain-dcv.problems.emailNotOffered', { email: chosen, offered: offered.join(', ') }), 'validation', `${anchor}#step-dcv`);
            }
            return say('domain-dcv.outcomes.startedEmail', { domain, email: chosen, count: offered.length });
          }
        }
      },
      check: checkStarted,
    },
    {
      id: 'publish-dcv',
      kind: 'manual',
      anchor: `${anchor}#step-publish`,
      notApplicable: alreadyValidated,
      async kindIn(context) {
        return context.inputs.method === 'EMAIL' ? 'info' : 'manual';
      },
      async plan(context) {
        const domain = context.inputs.domain;
        return {
          params: {
            domain,
            method: context.inputs.method,
            host: context.stringFact('dcvHost') ?? '',
            point: context.stringFact('dcvPoint') ?? '',
            url: context.stringFact('dcvUrl') ?? '',
            email: emailOf(context) ?? '',
          },
          copy: publishCopy(context),
          canVerify: false,
        };
      },
    },
    {
      id: 'submit-dcv',
      kind: 'action',
      anchor: `${anchor}#step-submit`,
      notApplicable: alreadyValidated,
      blockers: dcvBlockers,
      async plan(context) {
        return { params: { domain: context.inputs.domain, method: context.inputs.method } };
      },
      async preview(context) {
        return [submitRequest(context)];
      },
      async run(context) {
        const domain = context.inputs.domain;
        // An order submitted by an attempt whose answer was lost is found, not submitted again.
        const before = await checkSubmitted(context);
        if (before.holds) {
          context.setFact('submittedAt', new Date(context.now()).toISOString());
          return before.message;
        }
        const request = submitRequest(context);
        context.sent(request);
        const answer = await new DcvApi(context.client).submit(domain, context.inputs.method, emailOf(context));
        context.setFact('submittedAt', new Date(context.now()).toISOString());
        return say('domain-dcv.outcomes.submittedNow', { domain, method: context.inputs.method, status: answer.status, order: answer.orderStatus });
      },
      check: checkSubmitted,
    },
    {
      id: 'await-validation',
      kind: 'manual',
      anchor: `${anchor}#step-verify`,
      async kindIn(context) {
        return isValidated(await dcvStatus(context)) ? 'verify' : 'manual';
      },
      async plan(context) {
        return { params: { domain: context.inputs.domain, wildcard: wildcardOf(context.inputs.domain), method: context.inputs.method, email: emailOf(context) ?? '' }, canVerify: true };
      },
      async run(context) {
        const found = await checkValidated(context);
        if (!found.holds) throw new StepProblem(found.message, 'validation', `${anchor}#step-verify`);
        return found.message;
      },
      check: checkValidated,
    },
    {
      id: 'dcv-expiry',
      kind: 'info',
      anchor: `${anchor}#step-dcv-expiry`,
      async plan(context) {
        const status = await dcvStatus(context);
        return { params: { domain: context.inputs.domain, expires: status.expires ?? '?', days: daysLeft(context, status.expires) } };
      },
      async check(context) {
        const status = await dcvStatus(context);
        const domain = context.inputs.domain;
        if (!isValidated(status)) return { holds: false, message: say('domain-dcv.problems.notValidated', { domain, status: status.status, order: status.orderStatus, time: new Date(context.now()).toISOString() }) };
        return { holds: true, message: say('domain-dcv.outcomes.validUntil', { domain, expires: status.expires ?? '?', days: daysLeft(context, status.expires) }) };
      },
    },
  ],
};

import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { AuditService } from '../main/services/audit';
import { ChecklistAccounts, ChecklistService } from '../main/services/checklists';
import { accountSecretStore, emptySecretStore } from '../main/services/connection';
import { appErrorOf } from '../main/services/errors';
import { Notices } from '../main/services/notices';
import { tenantOf } from '../main/services/profileClient';
import { ProfileService } from '../main/services/profiles';
import { SandboxRunner } from '../main/services/sandboxRunner';
import { fillIn, lookUp } from '../shared/catalogue';
import {
  checklistIds,
  checklistInputSchemas,
  checklistTextEn,
  defaultApiProfileName,
  exportFormats,
  stepFinished,
  type ChecklistDescriptor,
  type ChecklistId,
  type ChecklistRun,
  type StepAction,
  type StepPlan,
  type StepRecord,
} from '../shared/checklists';
import { fieldErrorsOf } from '../shared/fieldErrors';
import type { StoredProfile } from '../shared/profiles';
import type { AppError, FieldError, MessageParams } from '../shared/result';
import type { Command, CommandContext } from './commands';
import { UsageError } from './connection';
import { promptPassword } from './password';
import { progressReporter, writeJson, writeTable, type Output } from './output';

/** What the checklist commands exit with. */
const exit = { done: 0, failed: 1, usage: 2, waiting: 10 } as const;

const exitCodesHelp = `Exit codes:
  0   the run is done (verify: everything still holds)
  1   a step failed (its error and handbook section are printed), or verify
      found something changed since
  2   bad usage or input: nothing was started or changed
  10  a step waits to be done by hand in SCM's web interface: its instructions
      are printed; run "tcs-admin checklist verify RUN" once it is done`;

const profileHelp = `Checklists run as a saved profile of the app (--profile NAME; its secret from the
keychain, or SCM_PASSWORD), and each run is kept with that profile in the app's
folder, so the app lists runs made here and the other way round. The connection
flags (--base-url, --customer-uri, --login) cannot keep a run and are refused.`;

/** Words from the checklists' catalogue, in English, with values filled in. */
function text(key: string, params: MessageParams = {}): string | undefined {
  const template = lookUp(checklistTextEn, key);
  return template === undefined ? undefined : fillIn(template, params);
}

function stepTitle(checklistId: ChecklistId, stepId: string): string {
  return text(`${checklistId}.steps.${stepId}.title`) ?? stepId;
}

function stateWord(state: StepRecord['state']): string {
  return text(`common.states.${state}`) ?? state;
}

function statusWord(status: ChecklistRun['status']): string {
  return text(`common.statuses.${status}`) ?? status;
}

function when(stamp: string | null): string {
  return stamp === null ? '-' : `${stamp.slice(0, 19).replace('T', ' ')}Z`;
}

function checklistIdOf(value: string | undefined): ChecklistId {
  const id = checklistIds.find((candidate) => candidate === value);
  if (id === undefined) throw new UsageError(`there is no checklist "${value ?? ''}". The checklists: ${checklistIds.join(', ')} (tcs-admin checklist list describes them).`);
  return id;
}

/** An argument as a shell takes it back: quoted when it holds anything but plain characters. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

function lowerFirst(words: string): string {
  return `${words.slice(0, 1).toLowerCase()}${words.slice(1)}`;
}

function indent(block: string, spaces: number): string {
  return block.split('\n').map((line) => `${' '.repeat(spaces)}${line}`).join('\n');
}

/** The checklists of this folder, and who runs them: a saved profile that is not the built-in sandbox. */
interface Checklists {
  service: ChecklistService;
  profile: StoredProfile;
  /** Where a password the run makes is kept: the keychain, or this command's memory only. */
  secretStore: 'keychain' | 'session';
}

function unreadable(context: CommandContext): (problem: { reason: string; keptAs: string }) => void {
  return (problem) => context.output.stderr.write(`tcs-admin: a checklist file could not be read (${problem.reason}); it was kept as ${problem.keptAs}.\n`);
}

/** The checklists for commands that only read runs on disk: no connection, no secret. */
function readingChecklists(context: CommandContext): ChecklistService {
  const folder = context.connectionOptions.userDataDir;
  const profiles = new ProfileService({ userDataDir: folder, credentials: emptySecretStore(), notices: new Notices() });
  return new ChecklistService({
    userDataDir: folder,
    accounts: new ChecklistAccounts({ profiles, sandbox: new SandboxRunner(folder), audit: new AuditService({ userDataDir: folder }) }),
    session: async () => {
      throw new UsageError('this command only reads runs; it does not sign in.');
    },
    onUnreadable: unreadable(context),
  });
}

/**
 * The checklists as the profile `name` runs them: runs in the same files as
 * the app's, the new admin's profile and password kept as the app keeps them,
 * every change in the app's audit log.
 */
async function actingChecklists(context: CommandContext, run?: ChecklistRun): Promise<Checklists> {
  if (context.profileName === undefined && context.connectionFlags.length > 0) {
    throw new UsageError(
      `checklists need a saved profile, not ${context.connectionFlags.join(', ')}. A run is kept with the profile it was made for, so that the app shows it and "tcs-admin checklist verify" can go on with it; a connection given by hand has no profile to keep it with. Save the connection as a profile in the app and give --profile NAME.`,
    );
  }
  if (context.profileName !== undefined && context.connectionFlags.length > 0) throw new UsageError(`Give either --profile or ${context.connectionFlags.join(', ')}, not both.`);
  const name = context.profileName ?? run?.profileId;
  if (name === undefined) throw new UsageError('checklists need a saved profile: give --profile NAME (a profile of the app; tcs-admin --help says how its secret is found).');
  const options = context.connectionOptions;
  const folder = options.userDataDir;
  const credentials = await accountSecretStore(options);
  const profiles = new ProfileService({ userDataDir: folder, credentials, notices: new Notices() });
  const profile = await profiles.find(name);
  if (profile === undefined) {
    if (context.profileName === undefined && run !== undefined) {
      throw new UsageError(`the profile "${run.profileName}" this run was made with is no longer saved in ${folder}. The run can still be shown (checklist status) and exported, but not continued.`);
    }
    // Says what is wrong with the name, or which profiles there are.
    await context.connection(name);
    throw new UsageError(`No profile called "${name}" in ${folder}.`);
  }
  if (run !== undefined && profile.id !== run.profileId) {
    throw new UsageError(`the run ${run.id} was made with the profile "${run.profileName}", not "${profile.name}". Give --profile "${run.profileName}", or leave --profile out to use the run's own.`);
  }
  if (profile.kind === 'sandbox') {
    throw new UsageError(
      `the profile "${profile.name}" is the app's built-in sandbox, and tcs-admin acts on a copy of its practice tenant that is thrown away when the command ends. What a checklist made there would be gone while the app listed the run as done, so checklists on the Sandbox profile run in the app only. To practise from the command line, start a sandbox of its own (npm run sandbox) and save a profile for it.`,
    );
  }
  const audit = new AuditService({ userDataDir: folder, ...(options.onAuditFailure === undefined ? {} : { onFailure: options.onAuditFailure }) });
  const accounts = new ChecklistAccounts({ profiles, sandbox: new SandboxRunner(folder), audit, ...(options.log === undefined ? {} : { log: options.log }) });
  const service = new ChecklistService({
    userDataDir: folder,
    accounts,
    session: async () => {
      const connection = await context.connection(profile.id);
      return { profile, client: connection.client, who: connection.who, tenant: tenantOf(profile) };
    },
    onUnreadable: unreadable(context),
  });
  return { service, profile, secretStore: profiles.secretStore };
}

async function findRun(service: ChecklistService, id: string | undefined, folder: string): Promise<ChecklistRun> {
  if (id === undefined || !/^[a-z0-9-]{1,80}$/.test(id)) throw new UsageError(`RUN must be a run id such as api-admin-20260101-0a1b2c3d${id === undefined ? '' : `, not "${id}"`}. tcs-admin checklist runs lists them.`);
  try {
    return await service.get(id);
  } catch (error) {
    if (appErrorOf(error)?.kind === 'not-found') throw new UsageError(`there is no checklist run ${id} in ${folder}. tcs-admin checklist runs lists them.`);
    throw error;
  }
}

function writeFieldErrors(output: Output, command: string, intro: string, fields: readonly FieldError[]): void {
  output.stderr.write(`tcs-admin checklist ${command}: ${intro}\n`);
  for (const field of fields) output.stderr.write(`  ${field.field === '' ? '(the inputs as a whole)' : field.field}: ${field.message}\n`);
  if (output.json) writeJson(output, { error: { kind: 'validation', message: intro, fields } });
}

async function readInputs(path: string): Promise<unknown> {
  let body: string;
  try {
    body = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --input ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // The parser's message quotes the file; it is left out.
    throw new UsageError(`--input ${path} is not valid JSON. tcs-admin checklist list --json shows each checklist's inputs as JSON Schema.`);
  }
}

/** Whether the person can be asked before each change: both ends are a terminal. */
function interactive(output: Output): boolean {
  return output.stdin?.isTTY === true && output.stdout.isTTY === true;
}

async function ask(output: Output, question: string): Promise<boolean> {
  // Line by line as the terminal gives it: the answer is typed and echoed as usual.
  const reader = createInterface({ input: output.stdin!, output: output.stderr, terminal: false });
  try {
    return /^y(es)?$/i.test((await reader.question(question)).trim());
  } finally {
    reader.close();
  }
}

function requestLines(plan: StepPlan): string {
  return plan.requests
    .map((request) => `  ${request.method} ${request.path}  (as ${request.as})${request.body === undefined ? '' : `\n${indent(JSON.stringify(request.body, null, 2), 4)}`}`)
    .join('\n');
}

/** The command to go on with a run, as the person types it. */
function verifyHint(context: CommandContext, runId: string): string {
  return ['tcs-admin', 'checklist', 'verify', runId, ...(context.userDataGiven === undefined ? [] : ['--user-data', context.userDataGiven])].map(shellWord).join(' ');
}

/** What a command that advances a run keeps between steps. */
interface Advancing {
  context: CommandContext;
  command: 'run' | 'verify';
  checklists: Checklists;
  yes: boolean;
  /** Whether the password was shown or its place told already in this command. */
  handedOver: boolean;
}

/**
 * Tells where the new admin's password is, once a checklist set it: in the
 * keychain, with its profile; or, with no keychain, shows it once on stderr,
 * since it is kept nowhere after this command.
 */
async function handOver(state: Advancing, run: ChecklistRun): Promise<void> {
  if (state.handedOver || (run.checklistId !== 'api-admin' && run.checklistId !== 'new-department') || run.facts.passwordSet !== true) return;
  const { output } = state.context;
  if (run.checklistId === 'new-department') {
    // A DRAO's temporary password is held in memory only: it is shown here, once, to be passed on.
    if (typeof run.facts.shownAt === 'string') return;
    state.handedOver = true;
    const temporary = await state.checklists.service.reveal(run.id).catch((error: unknown) => {
      // Lost with a console that ended before showing it: the person is told how to make a new one, and the run goes on.
      output.stderr.write(`${appErrorOf(error)?.message ?? 'The temporary password could not be shown.'}\n`);
      return undefined;
    });
    if (temporary === undefined) return;
    output.stderr.write(
      `\nThe temporary password of the DRAO ${temporary.login}, shown here once and never again:\n  Login:    ${temporary.login}\n  Password: ${temporary.password}\nPass it to the person by another channel than the login: read it out by phone, send it by text message (SMS) or hand it over in person. Never put it in the same email as the login. They change it at their first sign-in.\n\n`,
    );
    return;
  }
  const login = String(run.inputs.login);
  if (state.checklists.secretStore === 'keychain') {
    const profileName = typeof run.inputs.profileName === 'string' ? run.inputs.profileName : defaultApiProfileName(login);
    output.stderr.write(`The password of ${login} is in the keychain, with the profile "${profileName}": tcs-admin uses it with --profile ${shellWord(profileName)}, and the app can show it once.\n`);
    state.handedOver = true;
    return;
  }
  if (typeof run.facts.shownAt === 'string') return;
  const reveal = await state.checklists.service.reveal(run.id);
  output.stderr.write(
    `\nWarning: no keychain is reachable, so the password of ${reveal.login} is kept nowhere once this command ends.\nIt is shown here once and never again: put it in your automation's secret store now.\n  Login:    ${reveal.login}\n  Password: ${reveal.password}\n\n`,
  );
  state.handedOver = true;
}

function describeFailure(error: AppError | null, fallbackAnchor: string): string {
  if (error === null) return `Handbook: ${fallbackAnchor}\n`;
  return `${error.message}\n${error.hint === undefined ? '' : `${error.hint}\n`}Handbook: ${error.anchor ?? fallbackAnchor}\n`;
}

function anchorOf(descriptors: ChecklistDescriptor[], run: ChecklistRun, stepId: string): string {
  const checklist = descriptors.find((candidate) => candidate.id === run.checklistId);
  return checklist?.steps.find((step) => step.id === stepId)?.anchor ?? checklist?.anchor ?? 'checklists';
}

/** The instructions of a step done by hand, with what to copy into SCM. */
function manualInstructions(run: ChecklistRun, plan: StepPlan): string {
  const key = `${run.checklistId}.steps.${plan.stepId}`;
  const lines = [`Waiting for a step done by hand: ${stepTitle(run.checklistId, plan.stepId)}`, ''];
  const why = text(`${key}.why`, plan.params);
  if (why !== undefined) lines.push(why, '');
  lines.push(text(`${key}.manual`, plan.params) ?? text(`${key}.does`, plan.params) ?? '', '');
  if (plan.copy.length > 0) {
    lines.push('Copy into SCM:');
    for (const value of plan.copy) lines.push(`  ${value.label.text}: ${value.value}`);
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * A secret a step needs (a key's passphrase): from its environment variable,
 * else asked for in a terminal without echo. It is held in memory for this
 * command only; undefined, after saying how to give it, when neither works.
 */
async function stepSecret(state: Advancing, label: string, environment: string): Promise<string | undefined> {
  const { output, env } = state.context;
  const fromEnvironment = env[environment];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  if (output.stdin?.isTTY === true) {
    const typed = await promptPassword(`${label}: `, output.stdin as NodeJS.ReadStream, output.stderr).catch(() => '');
    if (typed !== '') return typed;
  }
  output.stderr.write(`tcs-admin checklist ${state.command}: this step needs the ${label.toLowerCase()}. Set ${environment}, or run the command in a terminal to be asked for it. Nothing was done.
`);
  return undefined;
}

/**
 * Takes a run on from its current step: actions are sent (each shown first,
 * and asked about in a terminal unless --yes), checks are made, steps to read
 * are marked read, and a step done by hand stops it with its instructions.
 * With `verifyFirst`, a step done by hand is checked in SCM once first.
 */
async function advanceRun(state: Advancing, runId: string, verifyFirst: boolean): Promise<number> {
  const { context, checklists } = state;
  const { output } = context;
  const { service } = checklists;
  const descriptors = service.describe();
  let triedManual = !verifyFirst;
  const finish = async (run: ChecklistRun, code: number, waiting?: { plan: StepPlan; instructions: string }): Promise<number> => {
    await handOver(state, run).catch((error: unknown) => output.stderr.write(`tcs-admin checklist ${state.command}: the password could not be shown (${appErrorOf(error)?.message ?? 'unexpected error'}).\n`));
    const hint = verifyHint(context, run.id);
    if (output.json) {
      writeJson(output, { exitCode: code, run, ...(waiting === undefined ? {} : { waiting: { stepId: waiting.plan.stepId, title: stepTitle(run.checklistId, waiting.plan.stepId), instructions: waiting.instructions, copy: waiting.plan.copy.map((value) => ({ label: value.label.text, value: value.value })), canVerify: waiting.plan.canVerify, next: hint } }) });
    } else if (waiting !== undefined) {
      output.stdout.write(`${waiting.instructions}Run ${run.id} waits for this step. Run \`${hint}\` when done.\n`);
    } else {
      const finished = run.steps.filter((step) => stepFinished(step.state)).length;
      output.stdout.write(`Run ${run.id}: ${statusWord(run.status)} (${finished} of ${run.steps.length} steps finished).\n`);
    }
    return code;
  };

  for (let guard = 0; guard < 100; guard += 1) {
    const run = await service.get(runId);
    const index = run.steps.findIndex((step) => !stepFinished(step.state));
    if (index < 0) return finish(run, exit.done);
    const record = run.steps[index]!;
    const label = `[${index + 1}/${run.steps.length}] ${stepTitle(run.checklistId, record.id)}`;
    let plan = await service.plan(runId);
    if (plan.skipReason === null && plan.secret !== null && plan.secret !== undefined && !plan.secret.held) {
      const given = await stepSecret(state, plan.secret.label.text, plan.secret.environment);
      if (given === undefined) {
        if (output.json) writeJson(output, { exitCode: exit.usage, run });
        return exit.usage;
      }
      await service.holdSecret(runId, given);
      plan = await service.plan(runId);
    }
    let action: StepAction;
    if (plan.skipReason !== null) action = plan.kind === 'info' ? 'acknowledge' : plan.kind === 'manual' ? 'verify' : 'run';
    else {
      switch (plan.kind) {
        case 'action':
          if (plan.blockers.length === 0) {
            output.stderr.write(`${label}: will send\n${requestLines(plan)}\n`);
            if (!state.yes) {
              if (!interactive(output)) {
                output.stderr.write(
                  `tcs-admin checklist ${state.command}: this step changes SCM, and there is no terminal to ask in. Nothing was sent. Add --yes to send it without asking, or run the command in a terminal.\n`,
                );
                if (output.json) writeJson(output, { exitCode: exit.usage, run });
                return exit.usage;
              }
              if (!(await ask(output, 'Send this to SCM? [y/N] '))) {
                output.stderr.write(`Nothing was sent. Run \`${verifyHint(context, run.id)}\` to go on with the run later.\n`);
                if (output.json) writeJson(output, { exitCode: exit.usage, run });
                return exit.usage;
              }
            }
          }
          action = 'run';
          break;
        case 'verify':
          action = 'run';
          break;
        case 'info':
          if (record.id === 'hand-over') await handOver(state, run);
          action = 'acknowledge';
          break;
        case 'manual':
          if (triedManual) return finish(run, exit.waiting, { plan, instructions: manualInstructions(run, plan) });
          triedManual = true;
          action = plan.canVerify ? 'verify' : 'confirm';
          break;
      }
    }
    const progress = progressReporter(output, label);
    let after: ChecklistRun;
    try {
      after = await service.advance(runId, record.id, action, { progress: (done, total) => (total === null ? undefined : progress.update(done, total)) });
    } finally {
      progress.done();
    }
    const step = after.steps[index]!;
    output.stderr.write(`${label}: ${stateWord(step.state)}.${step.outcome === null ? '' : ` ${step.outcome.text}`}\n`);
    for (const detail of step.details.slice(0, 20)) output.stderr.write(`    ${detail.text}\n`);
    if (step.details.length > 20) output.stderr.write(`    … and ${step.details.length - 20} more\n`);
    if (step.state === 'failed') {
      output.stderr.write(`tcs-admin checklist ${state.command}: the step “${stepTitle(run.checklistId, step.id)}” failed.\n${describeFailure(step.error, anchorOf(descriptors, run, step.id))}Once that is put right, \`${verifyHint(context, run.id)}\` tries the step again.\n`);
      return finish(after, exit.failed);
    }
    if (!stepFinished(step.state)) {
      if (plan.kind === 'manual') return finish(after, exit.waiting, { plan, instructions: manualInstructions(after, plan) });
      // Cut short before SCM answered: its outcome is checked before anything is repeated.
      output.stderr.write(`tcs-admin checklist ${state.command}: ${step.error === null ? 'the step did not finish.' : describeFailure(step.error, anchorOf(descriptors, run, step.id))}\`${verifyHint(context, run.id)}\` checks SCM and goes on.\n`);
      return finish(after, exit.failed);
    }
  }
  throw new Error('the run did not move on');
}

function writeRun(output: Output, run: ChecklistRun, descriptors: ChecklistDescriptor[]): void {
  const title = descriptors.find((candidate) => candidate.id === run.checklistId)?.title ?? run.checklistId;
  const lines: [string, string][] = [
    ['Run', run.id],
    ['Checklist', title],
    ['Status', statusWord(run.status)],
    ['Profile', `${run.profileName} (${run.tenant})`],
    ['About', `${run.target.kind} ${run.target.name}${run.target.id === null ? '' : ` (${run.target.id})`}`],
    ['Started', `${when(run.createdAt)} by ${run.startedBy}`],
    ['Finished', when(run.finishedAt)],
  ];
  for (const [name, value] of lines) output.stdout.write(`${name.padEnd(10)} ${value}\n`);
  output.stdout.write('\n');
  writeTable(output, run.steps.map((step, index) => ({ step, index })), [
    ['#', ({ index }) => index + 1],
    ['STEP', ({ step }) => stepTitle(run.checklistId, step.id)],
    ['STATE', ({ step }) => `${stateWord(step.state)}${step.interrupted ? ' (cut short)' : ''}`],
    ['BY', ({ step }) => step.by],
    ['WHEN', ({ step }) => when(step.endedAt ?? step.startedAt)],
    ['OUTCOME', ({ step }) => [step.outcome?.text, step.error === null ? undefined : `${step.error.message}${step.error.anchor === undefined ? '' : ` (handbook: ${step.error.anchor})`}`].filter((part) => part !== undefined).join(' ')],
  ]);
  if (run.lastCheck !== null) {
    output.stdout.write(`\nLast check against SCM: ${when(run.lastCheck.at)} by ${run.lastCheck.by}\n`);
    for (const result of run.lastCheck.results) output.stdout.write(`  ${result.holds ? 'holds  ' : 'CHANGED'} ${stepTitle(run.checklistId, result.stepId)}: ${result.message.text}\n`);
  }
}

const runOptions = {
  input: { type: 'string', description: 'the inputs as a JSON file (tcs-admin checklist list --json shows their schema); without it, what the app would propose' },
  yes: { type: 'boolean', description: 'send each change without asking (needed when not in a terminal; each request is still shown on stderr)' },
} as const;

export const checklistCommands: Command[] = [
  {
    name: 'checklist list',
    summary: 'the guided checklists: who each is for, its steps, and (with --json) its inputs as JSON Schema',
    arguments: [],
    options: {},
    async run(context) {
      const descriptors = readingChecklists(context).describe();
      const { output } = context;
      if (output.json) {
        writeJson(
          output,
          descriptors.map((descriptor) => ({
            ...descriptor,
            for: text(`${descriptor.id}.audience`) ?? '',
            steps: descriptor.steps.map((step) => ({ ...step, title: stepTitle(descriptor.id, step.id) })),
          })),
        );
        return exit.done;
      }
      for (const descriptor of descriptors) {
        output.stdout.write(`${descriptor.id}  ${descriptor.title}\n  ${text(`${descriptor.id}.audience`) ?? ''}\n`);
        for (const [index, step] of descriptor.steps.entries()) output.stdout.write(`  ${index + 1}. ${stepTitle(descriptor.id, step.id)} (${lowerFirst(text(`common.kinds.${step.kind}`) ?? step.kind)})\n`);
        output.stdout.write('\n');
      }
      output.stdout.write('Start one with: tcs-admin checklist run ID --profile NAME --input FILE.json\n');
      return exit.done;
    },
  },
  {
    name: 'checklist run',
    summary: 'start a checklist and take it as far as it goes',
    arguments: ['ID'],
    options: runOptions,
    help: `Starts a run of the checklist ID with the inputs in --input (checked first;
every problem is printed with its field, and nothing is started), then goes
step by step: each change is shown before it is sent (and, in a terminal,
asked about unless --yes), each check is made against SCM, and a step done
by hand in SCM's web interface stops the command with its instructions.
Progress goes to stderr. A password the checklist makes goes into the
keychain; where none is reachable it is shown once on stderr.

${profileHelp}

${exitCodesHelp}`,
    async run(context) {
      const { output, values } = context;
      const id = checklistIdOf(context.positionals[0]);
      const file = values.input === undefined ? undefined : String(values.input);
      let inputs = file === undefined ? undefined : await readInputs(file);
      if (inputs !== undefined) {
        const parsed = checklistInputSchemas[id].safeParse(inputs);
        if (!parsed.success) {
          writeFieldErrors(output, 'run', `the inputs in ${file} need correcting; nothing was started:`, fieldErrorsOf(parsed.error));
          return exit.usage;
        }
      }
      const checklists = await actingChecklists(context);
      const yes = values.yes === true;
      if (!yes && !interactive(output)) {
        throw new UsageError('this checklist changes SCM, and there is no terminal to ask in before each change. Nothing was started. Add --yes to make the changes without asking (each request is still shown on stderr).');
      }
      const { service, profile } = checklists;
      await context.connection(profile.id);
      if (inputs === undefined) {
        const prepared = await service.prepare(id);
        for (const note of prepared.notes) output.stderr.write(`Note: ${note.text}\n`);
        if (prepared.blockers.length > 0) {
          output.stderr.write(`tcs-admin checklist run: ${profile.name} cannot run this checklist here:\n${prepared.blockers.map((blocker) => `  ${blocker.text}\n`).join('')}`);
          return exit.failed;
        }
        inputs = prepared.defaults;
        output.stderr.write(`No --input given: using what the app proposes:\n${indent(JSON.stringify(inputs, null, 2), 2)}\n`);
        const parsed = checklistInputSchemas[id].safeParse(inputs);
        if (!parsed.success) {
          writeFieldErrors(output, 'run', 'the proposal leaves these to you; give them in a file with --input (tcs-admin checklist list --json shows the schema). Nothing was started:', fieldErrorsOf(parsed.error));
          return exit.usage;
        }
      }
      let run: ChecklistRun;
      try {
        run = await service.start(id, inputs);
      } catch (error) {
        const known = appErrorOf(error);
        if (known?.kind === 'validation' && known.fields !== undefined) {
          writeFieldErrors(output, 'run', `${known.message} Nothing was started:`, known.fields);
          return exit.usage;
        }
        throw error;
      }
      output.stderr.write(`Started run ${run.id}: ${text(`${id}.title`) ?? id}, as ${run.startedBy} with the profile "${profile.name}".\n`);
      return advanceRun({ context, command: 'run', checklists, yes, handedOver: false }, run.id, false);
    },
  },
  {
    name: 'checklist verify',
    summary: 'go on with a run once a step was done by hand, or check a finished run against SCM',
    arguments: ['RUN'],
    options: { yes: runOptions.yes },
    help: `For a run that is not finished: checks in SCM whether the step done by hand
is done, then goes on as "checklist run" does (a failed step is tried again).
For a finished run: checks every step against SCM now, prints what still
holds and what changed, and keeps that with the run. The run's own profile is
used unless --profile names it.

${profileHelp}

${exitCodesHelp}`,
    async run(context) {
      const { output } = context;
      const stored = await findRun(readingChecklists(context), context.positionals[0], context.connectionOptions.userDataDir);
      const checklists = await actingChecklists(context, stored);
      await context.connection(checklists.profile.id);
      if (stored.status !== 'done') {
        return advanceRun({ context, command: 'verify', checklists, yes: context.values.yes === true, handedOver: false }, stored.id, true);
      }
      const progress = progressReporter(output, 'Checking against SCM');
      let run: ChecklistRun;
      try {
        run = await checklists.service.verifyAll(stored.id, { progress: (done, total) => (total === null ? undefined : progress.update(done, total)) });
      } finally {
        progress.done();
      }
      const results = run.lastCheck?.results ?? [];
      const holds = results.every((result) => result.holds);
      if (output.json) writeJson(output, { exitCode: holds ? exit.done : exit.failed, run, results });
      else {
        for (const result of results) output.stdout.write(`${result.holds ? 'holds  ' : 'CHANGED'} ${stepTitle(run.checklistId, result.stepId)}: ${result.message.text}\n`);
        output.stdout.write(holds ? `Everything the run ${run.id} did still holds in SCM.\n` : `Something the run ${run.id} did has changed in SCM since.\n`);
      }
      return holds ? exit.done : exit.failed;
    },
  },
  {
    name: 'checklist status',
    summary: 'a run’s steps: state, outcome, who and when',
    arguments: ['RUN'],
    options: {},
    async run(context) {
      const service = readingChecklists(context);
      const run = await findRun(service, context.positionals[0], context.connectionOptions.userDataDir);
      if (context.output.json) writeJson(context.output, run);
      else writeRun(context.output, run, service.describe());
      return exit.done;
    },
  },
  {
    name: 'checklist runs',
    summary: 'the checklist runs kept in the app’s folder (with --profile, only that profile’s)',
    arguments: [],
    options: {},
    async run(context) {
      const service = readingChecklists(context);
      let profileId: string | undefined;
      if (context.profileName !== undefined) {
        const profiles = new ProfileService({ userDataDir: context.connectionOptions.userDataDir, credentials: emptySecretStore(), notices: new Notices() });
        const profile = await profiles.find(context.profileName);
        if (profile === undefined) throw new UsageError(`No profile called "${context.profileName}" in ${context.connectionOptions.userDataDir}.`);
        profileId = profile.id;
      }
      const runs = await service.runs(profileId);
      if (context.output.json) writeJson(context.output, runs);
      else {
        writeTable(context.output, runs, [
          ['RUN', (run) => run.id],
          ['PROFILE', (run) => run.profileName],
          ['ABOUT', (run) => run.target.name],
          ['STEPS', (run) => `${run.stepsDone}/${run.stepCount}`],
          ['UPDATED', (run) => when(run.updatedAt)],
          ['STATUS', (run) => statusWord(run.status)],
        ]);
      }
      return exit.done;
    },
  },
  {
    name: 'checklist export',
    summary: 'a run’s record as Markdown or a page to print (no password or other secret is ever in it)',
    arguments: ['RUN'],
    options: {
      format: { type: 'string', description: `one of ${exportFormats.join(', ')}` },
      language: { type: 'string', description: 'en (default) or sv' },
      output: { type: 'string', description: 'write to FILE instead of standard output' },
    },
    async run(context) {
      const { output, values } = context;
      const format = exportFormats.find((candidate) => candidate === values.format);
      if (format === undefined) throw new UsageError(`--format must be one of ${exportFormats.join(', ')}${values.format === undefined ? '' : `, not "${String(values.format)}"`}`);
      const language = values.language === undefined ? 'en' : String(values.language);
      if (language !== 'en' && language !== 'sv') throw new UsageError(`--language must be en or sv, not "${language}"`);
      const service = readingChecklists(context);
      const run = await findRun(service, context.positionals[0], context.connectionOptions.userDataDir);
      const record = await service.exportRun(run.id, format, language);
      if (values.output === undefined) {
        if (output.json) writeJson(output, record);
        else output.stdout.write(record.text.endsWith('\n') ? record.text : `${record.text}\n`);
        return exit.done;
      }
      const file = String(values.output);
      await writeFile(file, record.text, { mode: 0o644 });
      if (output.json) writeJson(output, { run: run.id, format, language, file, bytes: Buffer.byteLength(record.text) });
      else output.stderr.write(`Wrote the record of ${run.id} to ${file}\n`);
      return exit.done;
    },
  },
];

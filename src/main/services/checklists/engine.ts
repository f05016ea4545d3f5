import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  aboutMessage,
  checklistIds,
  runStatusOf,
  stepFinished,
  type ChecklistDescriptor,
  type ChecklistId,
  type ChecklistMessage,
  type ChecklistPreparation,
  type ChecklistRun,
  type ExportFormat,
  type RunSummary,
  type SecretReveal,
  type StepAction,
  type StepKind,
  type StepPlan,
  type StepRecord,
  type StepState,
} from '../../../shared/checklists';
import { fieldErrorsOf } from '../../../shared/fieldErrors';
import type { AppError, FieldError } from '../../../shared/result';
import { ScmClientError } from '../../scm/errors';
import type { UnreadableFile } from '../../storage';
import { appErrorOf, ServiceError } from '../errors';
import { accountRefOf, type ChecklistAccounts } from './accounts';
import { ChecklistContext, type ChecklistSession } from './context';
import type { AnyChecklist, StepDefinition } from './definition';
import { StepProblem } from './problem';
import { forgetTemporaryPassword, heldTemporaryPassword } from './newDepartment';
import { checklistDefinitions } from './registry';
import { renderRecord, type RecordLanguage } from './record';
import { RunStore, summariseRun } from './runs';
import { say, words } from './words';

const definitions = checklistDefinitions;

export interface ChecklistServiceOptions {
  userDataDir: string;
  accounts: ChecklistAccounts;
  /** The signed-in profile and its client; throws a refusal the person can act on when there is none. */
  session: () => Promise<ChecklistSession>;
  now?: () => number;
  /** Told when a run file could not be read (it is kept aside, never overwritten). */
  onUnreadable?: (problem: UnreadableFile) => void;
}

/** What a step's work reports while it runs: how many of its items are done. */
export type StepProgress = (done: number, total: number | null, phase?: string) => void;

function refusal(error: AppError): ServiceError {
  return new ServiceError(error);
}

function blocked(messages: ChecklistMessage[], kind: AppError['kind'] = 'permission'): ServiceError {
  return refusal({ kind, message: messages.map((message) => message.text).join(' ') });
}

/** Whether a failure left the step's outcome unknown: SCM may or may not have done it. */
function outcomeUnknown(error: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  return error instanceof ScmClientError && error.outcomeUnknown;
}

/** A failure as a step's record keeps it. */
function stepError(error: unknown): AppError {
  if (error instanceof StepProblem) return error.toAppError();
  return appErrorOf(error) ?? { kind: 'internal', message: 'The step failed unexpectedly. Try it again; if it fails again, export the run and report it.' };
}

function runId(checklistId: ChecklistId, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '');
  return `${checklistId}-${day}-${randomBytes(4).toString('hex')}`;
}

/**
 * The checklists: each procedure as steps that the console does through the
 * API, the person does elsewhere and the console verifies, or the person
 * reads. A run keeps every step's state, who did it, when, and what SCM
 * answered, written after every step; a step whose outcome was unknown at a
 * crash or a cancel is checked against SCM before anything is repeated.
 */
export class ChecklistService {
  readonly #store: RunStore;
  readonly #accounts: ChecklistAccounts;
  readonly #session: () => Promise<ChecklistSession>;
  readonly #now: () => number;
  /** Runs with a step under way in this process. */
  readonly #busy = new Set<string>();
  /** The secrets people gave for their runs (a key's passphrase): in this process's memory only, until the run ends. */
  readonly #secrets = new Map<string, string>();

  constructor(options: ChecklistServiceOptions) {
    this.#store = new RunStore(options.userDataDir, options.onUnreadable);
    this.#accounts = options.accounts;
    this.#session = options.session;
    this.#now = options.now ?? Date.now;
  }

  #stamp(): string {
    return new Date(this.#now()).toISOString();
  }

  /** Every checklist, with its inputs as JSON Schema. */
  describe(): ChecklistDescriptor[] {
    return checklistIds.map((id) => {
      const definition = definitions[id];
      return {
        id,
        title: words(`${id}.title`),
        summary: words(`${id}.summary`),
        audience: definition.audience,
        inputs: z.toJSONSchema(definition.inputSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
        steps: definition.steps.map((step) => ({ id: step.id, kind: step.kind, anchor: step.anchor })),
        anchor: definition.anchor,
      };
    });
  }

  #definition(id: ChecklistId): AnyChecklist {
    return definitions[id];
  }

  #context<I>(session: ChecklistSession, inputs: I, run: ChecklistRun | null, signal: AbortSignal, progress?: StepProgress): ChecklistContext<I> {
    return new ChecklistContext({
      session,
      accounts: this.#accounts,
      inputs,
      run,
      signal,
      now: this.#now,
      ...(progress === undefined ? {} : { progress }),
      ...(run === null || !this.#secrets.has(run.id) ? {} : { secret: this.#secrets.get(run.id)! }),
      ...(run === null ? {} : { checkpoint: async (facts) => void (await this.#store.update(run, (draft) => void (draft.facts = { ...facts }))) }),
    });
  }

  /** Checklists need an admin with a login: OAuth2 API clients cannot create admins or change passwords. */
  #sessionProblems(session: ChecklistSession): ChecklistMessage[] {
    return session.profile.authKind === 'oauth2' ? [say('common.blockers.needsLogin', { profile: session.profile.name })] : [];
  }

  /** The form's choices and proposals, read from SCM as the signed-in admin. */
  async prepare(checklistId: ChecklistId, signal: AbortSignal = new AbortController().signal): Promise<ChecklistPreparation> {
    const session = await this.#session();
    const problems = this.#sessionProblems(session);
    if (problems.length > 0) return { checklistId, choices: {}, defaults: {}, blockers: problems, notes: [] };
    const prepared = await this.#definition(checklistId).prepare(this.#context(session, undefined, null, signal));
    const notes = [...prepared.notes];
    return { checklistId, ...prepared, notes };
  }

  /**
   * Starts a run once the inputs hold, as the form and as SCM sees them; every
   * problem comes back on its field and nothing is made.
   */
  async start(checklistId: ChecklistId, rawInputs: unknown, signal: AbortSignal = new AbortController().signal): Promise<ChecklistRun> {
    const definition = this.#definition(checklistId);
    const parsed = definition.inputSchema.safeParse(rawInputs);
    if (!parsed.success) throw refusal({ kind: 'validation', message: 'Some of the checklist’s fields need correcting.', fields: fieldErrorsOf(parsed.error) });
    const session = await this.#session();
    const problems = this.#sessionProblems(session);
    if (problems.length > 0) throw blocked(problems);
    const context = this.#context(session, parsed.data, null, signal);
    const begun = await definition.begin(context);
    if (begun.problems.length > 0) {
      const fields: FieldError[] = begun.problems.map((problem) => ({ field: problem.field, message: problem.message.text, key: `checklists.${problem.message.key}`, params: problem.message.params }));
      throw refusal({ kind: 'validation', message: 'Some of the checklist’s fields need correcting.', fields });
    }
    const stamp = this.#stamp();
    const run: ChecklistRun = {
      id: runId(checklistId, this.#now()),
      checklistId,
      profileId: session.profile.id,
      profileName: session.profile.name,
      tenant: session.tenant,
      startedBy: session.who,
      createdAt: stamp,
      updatedAt: stamp,
      finishedAt: null,
      target: begun.target,
      inputs: parsed.data as Record<string, unknown>,
      facts: { ...context.facts, ...(begun.facts ?? {}) },
      steps: definition.steps.map((step) => ({
        id: step.id,
        kind: step.kind,
        state: 'pending',
        attempts: 0,
        startedAt: null,
        endedAt: null,
        by: null,
        outcome: null,
        details: [],
        sent: [],
        ids: [],
        error: null,
        interrupted: false,
      })),
      status: 'in-progress',
      lastCheck: null,
    };
    await this.#store.add(run);
    return run;
  }

  async runs(profileId?: string): Promise<RunSummary[]> {
    return (await this.#store.list(profileId)).map(summariseRun);
  }

  async get(runId: string): Promise<ChecklistRun> {
    const run = await this.#store.find(runId);
    if (run === undefined) throw refusal({ kind: 'not-found', message: 'There is no such checklist run; it may have been deleted.' });
    return this.#settled(run);
  }

  /** A run as it stands: a step left running by a process that ended is an interrupted one. */
  #settled(run: ChecklistRun): ChecklistRun {
    if (this.#busy.has(run.id)) return run;
    return { ...run, steps: run.steps.map((step) => (step.state === 'running' ? { ...step, state: 'pending' as const, interrupted: true } : step)) };
  }

  async remove(runId: string): Promise<void> {
    const run = await this.get(runId);
    if (this.#busy.has(run.id)) throw blocked([say('common.blockers.busy')], 'validation');
    await this.#store.remove(run);
    this.#secrets.delete(run.id);
  }

  async #sessionFor(run: ChecklistRun): Promise<ChecklistSession> {
    const session = await this.#session();
    if (session.profile.id !== run.profileId) throw refusal({ kind: 'auth', message: words('common.blockers.notSignedIn', { profile: run.profileName }), anchor: 'checklists#resume' });
    return session;
  }

  /** The step a run is at: the first one not finished. */
  #currentIndex(run: ChecklistRun): number {
    return run.steps.findIndex((step) => !stepFinished(step.state));
  }

  #stepOf(run: ChecklistRun, stepId: string): { index: number; definition: StepDefinition<unknown> } {
    const index = run.steps.findIndex((step) => step.id === stepId);
    const definition = this.#definition(run.checklistId).steps.find((step) => step.id === stepId);
    if (index < 0 || definition === undefined) throw refusal({ kind: 'not-found', message: `The checklist has no step “${stepId}”.` });
    return { index, definition };
  }

  #inputs(run: ChecklistRun): unknown {
    return this.#definition(run.checklistId).inputSchema.parse(run.inputs);
  }

  /** What the current step (or the one named) will do now, and what stops it. */
  async plan(runId: string, stepId?: string, signal: AbortSignal = new AbortController().signal): Promise<StepPlan> {
    const run = await this.get(runId);
    const index = stepId === undefined ? this.#currentIndex(run) : this.#stepOf(run, stepId).index;
    const step = index < 0 ? undefined : run.steps[index];
    if (step === undefined) throw refusal({ kind: 'not-found', message: 'Every step of this run is finished.' });
    const definition = this.#stepOf(run, step.id).definition;
    const session = await this.#sessionFor(run);
    const context = this.#context(session, this.#inputs(run), run, signal);
    const skipReason = stepFinished(step.state) ? null : ((await definition.notApplicable?.(context)) ?? null);
    const kind = (await definition.kindIn?.(context)) ?? definition.kind;
    const extras = (await definition.plan?.(context)) ?? {};
    const blockers = skipReason !== null || stepFinished(step.state) ? [] : await this.#blockers(context, definition, kind);
    const requests = kind === 'action' && skipReason === null ? ((await definition.preview?.(context)) ?? []) : [];
    return {
      runId,
      stepId: step.id,
      kind,
      requests,
      params: extras.params ?? {},
      copy: extras.copy ?? [],
      blockers,
      skipReason,
      canVerify: definition.check !== undefined && (kind === 'manual' ? (extras.canVerify ?? true) : true),
      canSkip: definition.skippable === true,
      secret: extras.secret === undefined ? null : { ...extras.secret, held: this.#secrets.has(run.id) },
    };
  }

  /**
   * Holds the secret a run's step asked for (a key's passphrase) in this
   * process's memory, for that run only: never in the run, a record or a log.
   * Forgotten when the run ends or is deleted, and when the process ends.
   */
  async holdSecret(runId: string, value: string): Promise<void> {
    const run = await this.get(runId);
    await this.#sessionFor(run);
    if (run.status === 'done') throw refusal({ kind: 'validation', message: words('common.blockers.finished') });
    this.#secrets.set(run.id, value);
  }

  async #blockers(context: ChecklistContext<unknown>, definition: StepDefinition<unknown>, kind: StepKind): Promise<ChecklistMessage[]> {
    const writes = kind === 'action' ? await context.writeBlockers() : [];
    // A read-only tenant says it all: the step's own checks would only repeat it.
    if (writes.length > 0) return writes;
    return (await definition.blockers?.(context)) ?? [];
  }

  async #save(run: ChecklistRun, index: number, change: Partial<StepRecord>, facts?: Readonly<Record<string, unknown>>): Promise<ChecklistRun> {
    const stamp = this.#stamp();
    return this.#store.update(run, (draft) => {
      draft.steps[index] = { ...draft.steps[index]!, ...change };
      if (facts !== undefined) draft.facts = { ...(facts as ChecklistRun['facts']) };
      const status = runStatusOf(draft.steps);
      draft.status = status;
      draft.updatedAt = stamp;
      draft.finishedAt = status === 'done' ? (draft.finishedAt ?? stamp) : null;
      if (status === 'done') this.#secrets.delete(draft.id);
    });
  }

  /** The step's end, with what it found and did. */
  async #finish(run: ChecklistRun, index: number, context: ChecklistContext<unknown>, state: StepState, outcome: ChecklistMessage, kind: StepKind, error: AppError | null = null): Promise<ChecklistRun> {
    const previous = run.steps[index]!;
    const sent = [...previous.sent, ...context.journal.sent].slice(-50);
    const ids = [...new Set([...previous.ids, ...context.journal.ids])].slice(0, 100);
    return this.#save(
      run,
      index,
      {
        kind,
        state,
        endedAt: this.#stamp(),
        by: context.who,
        outcome,
        details: context.journal.details.slice(0, 100),
        sent,
        ids,
        error,
        interrupted: false,
      },
      context.facts,
    );
  }

  /**
   * Does what a person asked of a step: run it, verify it, confirm a manual
   * one, skip it, or mark it read. Answers the run as it now stands; a step
   * that fails is recorded with its error, not thrown.
   */
  async advance(runId: string, stepId: string, action: StepAction, options: { signal?: AbortSignal; progress?: StepProgress } = {}): Promise<ChecklistRun> {
    const signal = options.signal ?? new AbortController().signal;
    const stored = await this.get(runId);
    if (this.#busy.has(stored.id)) throw blocked([say('common.blockers.busy')], 'validation');
    this.#busy.add(stored.id);
    try {
      return await this.#advance(stored, stepId, action, signal, options.progress);
    } finally {
      this.#busy.delete(stored.id);
    }
  }

  async #advance(run: ChecklistRun, stepId: string, action: StepAction, signal: AbortSignal, progress?: StepProgress): Promise<ChecklistRun> {
    const session = await this.#sessionFor(run);
    const { index, definition } = this.#stepOf(run, stepId);
    const current = this.#currentIndex(run);
    if (current < 0 || stepFinished(run.steps[index]!.state)) throw blocked([say('common.blockers.finished')], 'validation');
    if (index !== current) throw blocked([say('common.blockers.stepOrder', { step: words(`${run.checklistId}.steps.${run.steps[current]!.id}.title`) })], 'validation');
    const record = run.steps[index]!;
    const context = this.#context(session, this.#inputs(run), run, signal, progress);

    // An attempt whose outcome is unknown is settled against SCM before anything is repeated.
    if (record.interrupted && definition.check !== undefined && action !== 'skip') {
      const found = await definition.check(context);
      if (found.holds) return this.#finish(run, index, context, 'verified', say('common.outcomes.foundDone', aboutMessage(found.message)), record.kind);
    }
    const notApplicable = (await definition.notApplicable?.(context)) ?? null;
    if (notApplicable !== null) return this.#finish(run, index, context, 'skipped', notApplicable, record.kind);
    const kind = (await definition.kindIn?.(context)) ?? definition.kind;

    switch (action) {
      case 'skip':
        if (definition.skippable !== true) throw refusal({ kind: 'validation', message: 'This step cannot be skipped: the ones after it depend on it.' });
        return this.#finish(run, index, context, 'skipped', say('common.outcomes.skipped', { who: context.who }), kind);
      case 'acknowledge': {
        if (kind !== 'info') throw refusal({ kind: 'validation', message: 'Only a step to read can be marked as read.' });
        const blockers = (await definition.blockers?.(context)) ?? [];
        if (blockers.length > 0) throw blocked(blockers, 'validation');
        return this.#finish(run, index, context, 'done', say('common.outcomes.acknowledged', { who: context.who }), kind);
      }
      case 'confirm':
        if (kind !== 'manual') throw refusal({ kind: 'validation', message: 'Only a step done by hand can be confirmed.' });
        return this.#finish(run, index, context, 'done', say('common.outcomes.confirmed', { who: context.who }), kind);
      case 'verify': {
        if (definition.check === undefined) throw refusal({ kind: 'validation', message: words('common.outcomes.noCheck') });
        const found = await definition.check(context);
        if (found.holds) return this.#finish(run, index, context, 'verified', found.message, kind);
        return this.#save(run, index, { kind, outcome: say('common.outcomes.notYet', aboutMessage(found.message)), endedAt: this.#stamp(), by: context.who });
      }
      case 'run':
        return this.#run(run, index, definition, context, kind);
    }
  }

  async #run(run: ChecklistRun, index: number, definition: StepDefinition<unknown>, context: ChecklistContext<unknown>, kind: StepKind): Promise<ChecklistRun> {
    if (definition.run === undefined || kind === 'manual' || kind === 'info') {
      throw refusal({ kind: 'validation', message: kind === 'manual' ? 'This step is done in SCM’s web interface; verify it once it is done.' : 'There is nothing for the console to do in this step.' });
    }
    let blockers: ChecklistMessage[];
    try {
      blockers = await this.#blockers(context, definition, kind);
    } catch (error) {
      return this.#finish(run, index, context, 'failed', say('common.outcomes.checkFailed'), kind, stepError(error));
    }
    if (blockers.length > 0) {
      const readOnly = blockers.some((blocker) => blocker.key === 'common.blockers.readOnlyTenant');
      context.journal.details.push(...blockers);
      const error: AppError = { kind: readOnly ? 'read-only-tenant' : 'permission', message: blockers.map((blocker) => blocker.text).join(' '), anchor: readOnly ? 'platform-status#read-only-tenants' : definition.anchor };
      return this.#finish(run, index, context, 'failed', blockers[0]!, kind, error);
    }
    const attempt = run.steps[index]!;
    const started = await this.#save(run, index, { kind, state: 'running', attempts: attempt.attempts + 1, startedAt: this.#stamp(), by: context.who, error: null, interrupted: false }, context.facts);
    try {
      const outcome = await definition.run(context);
      return await this.#finish(started, index, context, kind === 'verify' ? 'verified' : 'done', outcome, kind);
    } catch (error) {
      if (outcomeUnknown(error, context.signal)) {
        const unknown = stepError(error);
        return this.#save(
          started,
          index,
          { state: 'pending', interrupted: true, endedAt: this.#stamp(), outcome: say('common.outcomes.interrupted'), error: context.signal.aborted ? { kind: 'cancelled', message: 'Stopped before SCM answered.' } : unknown, sent: [...attempt.sent, ...context.journal.sent].slice(-50), ids: [...new Set([...attempt.ids, ...context.journal.ids])] },
          context.facts,
        );
      }
      const outcome = error instanceof StepProblem ? error.problem : say('common.outcomes.failed');
      return this.#finish(started, index, context, 'failed', outcome, kind, stepError(error));
    }
  }

  /** Checks every finished step of a run against SCM now, and keeps what was found with the run. */
  async verifyAll(runId: string, options: { signal?: AbortSignal; progress?: StepProgress } = {}): Promise<ChecklistRun> {
    const signal = options.signal ?? new AbortController().signal;
    const run = await this.get(runId);
    const session = await this.#sessionFor(run);
    if (this.#busy.has(run.id)) throw blocked([say('common.blockers.busy')], 'validation');
    this.#busy.add(run.id);
    try {
      const inputs = this.#inputs(run);
      const results: { stepId: string; holds: boolean; message: ChecklistMessage }[] = [];
      const checkable = run.steps.filter((step) => step.state === 'done' || step.state === 'verified');
      for (const [position, step] of checkable.entries()) {
        signal.throwIfAborted();
        options.progress?.(position, checkable.length, 'checklists:verify');
        const definition = this.#stepOf(run, step.id).definition;
        if (definition.check === undefined) continue;
        const context = this.#context(session, inputs, run, signal);
        try {
          const found = await definition.check(context);
          results.push({ stepId: step.id, holds: found.holds, message: say(found.holds ? 'common.outcomes.holds' : 'common.outcomes.drifted', aboutMessage(found.message)) });
        } catch (error) {
          if (signal.aborted) throw error;
          results.push({ stepId: step.id, holds: false, message: say('common.outcomes.notChecked', { reason: stepError(error).message }) });
        }
      }
      options.progress?.(checkable.length, checkable.length, 'checklists:verify');
      return await this.#store.update(run, (draft) => {
        draft.lastCheck = { at: this.#stamp(), by: session.who, results };
        draft.updatedAt = this.#stamp();
      });
    } finally {
      this.#busy.delete(run.id);
    }
  }

  /** The run as a record to file: Markdown, or a page to print. No secret is in a run, so none can be in its record. */
  async exportRun(runId: string, format: ExportFormat, language: RecordLanguage = 'en'): Promise<{ fileName: string; text: string }> {
    const run = await this.get(runId);
    return { fileName: `${run.id}.${format}`, text: renderRecord(run, format, language) };
  }

  /**
   * The new admin's password, once, for the person to copy into their
   * automation's secret store. The run notes when and to whom it was shown; a
   * second request is refused.
   */
  async reveal(runId: string): Promise<SecretReveal> {
    const run = await this.get(runId);
    const session = await this.#sessionFor(run);
    if (run.checklistId === 'new-department') {
      // A DRAO's temporary password: held in memory until shown once, then forgotten, for the person to pass on.
      const drao = typeof run.inputs.login === 'string' ? run.inputs.login : undefined;
      if (drao === undefined || run.facts.passwordSet !== true) throw refusal({ kind: 'validation', message: words('new-department.problems.nothingToShow') });
      if (typeof run.facts.shownAt === 'string') throw refusal({ kind: 'validation', message: words('new-department.problems.alreadyShown', { time: run.facts.shownAt }) });
      const temporary = heldTemporaryPassword(this.#accounts, run.id);
      if (temporary === undefined) throw refusal({ kind: 'validation', message: words('new-department.problems.passwordLost', { login: drao }) });
      await this.#store.update(run, (draft) => {
        draft.facts.shownAt = this.#stamp();
        draft.facts.shownTo = session.who;
        draft.updatedAt = this.#stamp();
      });
      forgetTemporaryPassword(this.#accounts, run.id);
      return { login: drao, password: temporary, keptIn: 'session' };
    }
    const account = typeof run.facts.account === 'string' ? run.facts.account : undefined;
    const login = typeof run.inputs.login === 'string' ? run.inputs.login : undefined;
    if (run.checklistId !== 'api-admin' || account === undefined || login === undefined || run.facts.passwordSet !== true) {
      throw refusal({ kind: 'validation', message: words('api-admin.problems.nothingToShow') });
    }
    if (typeof run.facts.shownAt === 'string') throw refusal({ kind: 'validation', message: words('api-admin.problems.alreadyShown', { time: run.facts.shownAt }) });
    const password = await this.#accounts.secret(accountRefOf(account), 'password');
    if (password === undefined) throw refusal({ kind: 'validation', message: words('api-admin.problems.passwordUnknown') });
    await this.#store.update(run, (draft) => {
      draft.facts.shownAt = this.#stamp();
      draft.facts.shownTo = session.who;
      draft.updatedAt = this.#stamp();
    });
    return { login, password, keptIn: this.#accounts.secretStore };
  }

  /**
   * A strong random value for the Secret Key field of an older SCM: made here,
   * given once, and kept nowhere (the REST API never uses it).
   */
  async secretKey(runId: string): Promise<{ value: string }> {
    const run = await this.get(runId);
    const session = await this.#sessionFor(run);
    if (run.checklistId !== 'rest-api') throw refusal({ kind: 'validation', message: 'Only the REST API checklist makes a Secret Key.' });
    // No step before the Secret Key's own needs the server's generation, so the run may not know it yet: SCM is asked then.
    const generation = await this.#context(session, this.#inputs(run), run, new AbortController().signal).generation();
    if (generation !== 'legacy') throw refusal({ kind: 'validation', message: words('rest-api.outcomes.keyOnlyOlder') });
    await this.#store.update(run, (draft) => {
      draft.facts.generation = generation;
      draft.facts.secretKeyShownAt = this.#stamp();
      draft.facts.secretKeyShownTo = session.who;
      draft.updatedAt = this.#stamp();
    });
    return { value: randomBytes(24).toString('base64url') };
  }
}

export type { RecordLanguage };

import type { z } from 'zod';
import type { ChecklistId, ChecklistMessage, ChecklistPreparation, FactValue, RequestPreview, RunTarget, StepKind } from '../../../shared/checklists';
import type { MessageParams } from '../../../shared/result';
import type { ChecklistContext } from './context';

/** What a check through the API found: whether the step's work holds in SCM now, in words. */
export interface CheckResult {
  holds: boolean;
  message: ChecklistMessage;
}

/** What a step's plan adds to its explanation: values, and what a person copies into SCM. */
export interface StepPlanExtras {
  params?: MessageParams;
  copy?: { label: ChecklistMessage; value: string }[];
  /** Only for a manual step: whether the API can tell that it is done. */
  canVerify?: boolean;
  /**
   * A secret the step needs from the person (a passphrase), held in memory for
   * the run only and never written: its label, and the environment variable
   * the command line reads it from.
   */
  secret?: { label: ChecklistMessage; environment: string };
}

/**
 * One step of a checklist. Everything but the id, kind and anchor is optional:
 * an `info` step may have nothing else, a `verify` step only `run`.
 */
export interface StepDefinition<I> {
  id: string;
  kind: StepKind;
  /** The handbook section about it, `page#anchor`. */
  anchor: string;
  /** May a person skip it (a check they cannot make, say)? */
  skippable?: boolean;
  /** Why it does not apply in this run, or null when it does; one that does not is skipped with that reason. */
  notApplicable?(context: ChecklistContext<I>): Promise<ChecklistMessage | null>;
  /** Its kind in this run: an action turns into a manual step where the admin may not do it. */
  kindIn?(context: ChecklistContext<I>): Promise<StepKind>;
  /** What must change before it can run, each saying who can change it; checked right before every attempt. */
  blockers?(context: ChecklistContext<I>): Promise<ChecklistMessage[]>;
  /** The requests it will send, with secrets masked, for the person to see before confirming. */
  preview?(context: ChecklistContext<I>): Promise<RequestPreview[]>;
  /** Values for the explanation and the instructions. */
  plan?(context: ChecklistContext<I>): Promise<StepPlanExtras>;
  /** Does the work (an action) or makes the check (a verify step), and says what happened. */
  run?(context: ChecklistContext<I>): Promise<ChecklistMessage>;
  /**
   * Whether what the step does holds in SCM now: how a manual step is
   * verified, how an interrupted attempt is settled before anything is
   * repeated, and what "Verify all" asks.
   */
  check?(context: ChecklistContext<I>): Promise<CheckResult>;
}

/** A procedure: what it needs from the person, what it is about, and its steps in order. */
export interface ChecklistDefinition<I> {
  id: ChecklistId;
  inputSchema: z.ZodType<I, unknown>;
  /** Who may run it, for the list: roles (any of) and privileges (all of). */
  audience: { roles: string[]; privileges: string[] };
  anchor: string;
  /** The choices and proposals for the form, read from SCM as the signed-in admin. */
  prepare(context: ChecklistContext<undefined>): Promise<Omit<ChecklistPreparation, 'checklistId'>>;
  /**
   * Checks the inputs against SCM (a login taken, roles that do not fit the
   * unit) before a run is made; each problem on its field. Answers the run's
   * target and first facts.
   */
  begin(context: ChecklistContext<I>): Promise<{ target: RunTarget; facts?: Record<string, FactValue>; problems: { field: string; message: ChecklistMessage }[] }>;
  steps: StepDefinition<I>[];
}

/** A checklist as the engine holds it: each one's inputs are passed back only to it (methods accept this by their bivariance). */
export type AnyChecklist = ChecklistDefinition<unknown>;

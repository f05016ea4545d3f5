import { z } from 'zod';
import { appErrorSchema, messageParamsSchema } from '../result';

/** The procedures the console guides. */
export const checklistIds = ['api-admin', 'rest-api', 'notifications', 'domain-dcv', 'new-department', 'idp', 'first-certificate'] as const;
export type ChecklistId = (typeof checklistIds)[number];

/**
 * `action`: the console does it through the API once the user confirms;
 * `manual`: the user does it elsewhere (SCM's web interface), and the console
 * verifies it where the API can tell; `verify`: a check through the API;
 * `info`: something to read, or a value to take along.
 */
export const stepKinds = ['action', 'manual', 'verify', 'info'] as const;
export type StepKind = (typeof stepKinds)[number];

/**
 * `done`: the console did it, or the user said so; `verified`: SCM confirmed it.
 * A step left `running` by a crash or a cancel has an unknown outcome: it is
 * checked against SCM before anything is repeated.
 */
export const stepStates = ['pending', 'running', 'done', 'verified', 'failed', 'skipped'] as const;
export type StepState = (typeof stepStates)[number];

/** Where a run stands: finished, stopped on a failure, waiting for the user to act elsewhere, or under way. */
export const runStatuses = ['in-progress', 'needs-manual', 'failed', 'done'] as const;
export type RunStatus = (typeof runStatuses)[number];

/**
 * Words from main: a key the interface looks up in the checklists'
 * catalogue, its values, and the English text for the command line and the
 * exported record. Never a secret.
 */
export const checklistMessageSchema = z.object({
  key: z.string().max(160),
  params: messageParamsSchema,
  text: z.string().max(4000),
});
export type ChecklistMessage = z.infer<typeof checklistMessageSchema>;

/** A request as the console shows it before sending, and records after: secrets replaced by a description. */
export const requestPreviewSchema = z.object({
  /** The login it is sent as. */
  as: z.string().max(200),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
  path: z.string().max(500),
  body: z.unknown().optional(),
});
export type RequestPreview = z.infer<typeof requestPreviewSchema>;

export const stepRecordSchema = z.object({
  id: z.string().max(64),
  /** What this step is in this run: an action where the admin may do it, a manual step where not. */
  kind: z.enum(stepKinds),
  state: z.enum(stepStates),
  attempts: z.number().int().nonnegative(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** The login that did or confirmed it. */
  by: z.string().max(200).nullable(),
  /** What happened, in a sentence: what SCM answered, what was found, why it was skipped. */
  outcome: checklistMessageSchema.nullable(),
  /** Lines under it: one per item of a step that does several, or what drifted. */
  details: z.array(checklistMessageSchema).max(100),
  /** What was sent to SCM, secrets masked. */
  sent: z.array(requestPreviewSchema).max(50),
  /** SCM's ids of what the step made or changed. */
  ids: z.array(z.number().int()).max(100),
  error: appErrorSchema.nullable(),
  /** The outcome of an attempt was not known (a crash, a cancel, a lost answer): it is checked before it is repeated. */
  interrupted: z.boolean(),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;

/** What a run is about: an organization or department, or an admin (by login until SCM gave an id). */
export const runTargetSchema = z.object({
  kind: z.enum(['organization', 'department', 'admin']),
  id: z.number().int().nullable(),
  name: z.string().max(200),
});
export type RunTarget = z.infer<typeof runTargetSchema>;

/** Plain values a run remembers between steps: ids SCM gave, the server's generation, the profile made. */
export const factValueSchema = z.union([z.string().max(2000), z.number(), z.boolean(), z.null(), z.array(z.union([z.string().max(200), z.number()])).max(200)]);
export type FactValue = z.infer<typeof factValueSchema>;

export const verifyAllResultSchema = z.object({
  at: z.string(),
  by: z.string().max(200),
  results: z.array(z.object({ stepId: z.string().max(64), holds: z.boolean(), message: checklistMessageSchema })).max(50),
});
export type VerifyAllResult = z.infer<typeof verifyAllResultSchema>;

export const checklistRunSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,80}$/),
  checklistId: z.enum(checklistIds),
  profileId: z.string().max(64),
  profileName: z.string().max(80),
  /** The tenant, as the audit log names it. */
  tenant: z.string().max(300),
  startedBy: z.string().max(200),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  target: runTargetSchema,
  /** The inputs as checked: never a secret. */
  inputs: z.record(z.string(), z.unknown()),
  facts: z.record(z.string().max(64), factValueSchema),
  steps: z.array(stepRecordSchema).max(30),
  status: z.enum(runStatuses),
  /** The last "Verify all" of a finished run. */
  lastCheck: verifyAllResultSchema.nullable(),
});
export type ChecklistRun = z.infer<typeof checklistRunSchema>;

/** A run in a list: enough to find it and see where it stands. */
export const runSummarySchema = checklistRunSchema.pick({
  id: true,
  checklistId: true,
  profileId: true,
  profileName: true,
  tenant: true,
  startedBy: true,
  createdAt: true,
  updatedAt: true,
  finishedAt: true,
  target: true,
  status: true,
}).extend({ stepsDone: z.number().int().nonnegative(), stepCount: z.number().int().nonnegative() });
export type RunSummary = z.infer<typeof runSummarySchema>;

export const stepDescriptorSchema = z.object({
  id: z.string().max(64),
  /** As planned; a run may turn an action into a manual step where the admin may not act. */
  kind: z.enum(stepKinds),
  /** The handbook section about it, `page#anchor`. */
  anchor: z.string().max(200),
});

/** A checklist as the Checklists page and `tcs-admin checklist list` describe it. */
export const checklistDescriptorSchema = z.object({
  id: z.enum(checklistIds),
  title: z.string().max(200),
  summary: z.string().max(2000),
  /** Who may run it: the roles (any of) and privileges (all of) it needs. */
  audience: z.object({ roles: z.array(z.string().max(40)).max(20), privileges: z.array(z.string().max(60)).max(20) }),
  /** The inputs as JSON Schema, made from the checklist's zod schema, so a script can fill them. */
  inputs: z.record(z.string(), z.unknown()),
  steps: z.array(stepDescriptorSchema).max(30),
  anchor: z.string().max(200),
});
export type ChecklistDescriptor = z.infer<typeof checklistDescriptorSchema>;

export const choiceSchema = z.object({
  value: z.union([z.string().max(200), z.number()]),
  label: z.string().max(300),
  /** Words under it: a privilege explained, why a choice is not offered. */
  hint: z.string().max(500).optional(),
});
export type Choice = z.infer<typeof choiceSchema>;

/**
 * What the form offers for a checklist, read from SCM as the signed-in admin:
 * the choices for each field, proposed values, and what stops the checklist
 * before it starts (the admin's roles, a read-only tenant).
 */
export const checklistPreparationSchema = z.object({
  checklistId: z.enum(checklistIds),
  choices: z.record(z.string().max(64), z.array(choiceSchema).max(5000)),
  defaults: z.record(z.string(), z.unknown()),
  /** Why this admin cannot run it here, each with who can help. Empty when it can. */
  blockers: z.array(checklistMessageSchema).max(20),
  /** Things worth knowing before starting (an older SCM, no keychain). */
  notes: z.array(checklistMessageSchema).max(20),
});
export type ChecklistPreparation = z.infer<typeof checklistPreparationSchema>;

/**
 * The current step as the run view shows it: what the console will send (for
 * an action), the values to copy and where in SCM's web interface to go (for
 * a manual step), and what stops it now.
 */
export const stepPlanSchema = z.object({
  runId: z.string().max(80),
  stepId: z.string().max(64),
  kind: z.enum(stepKinds),
  requests: z.array(requestPreviewSchema).max(50),
  /** Values for the explanation and the instructions (names, ids, paths). */
  params: messageParamsSchema,
  /** Values a person copies into SCM, each with its label. */
  copy: z.array(z.object({ label: checklistMessageSchema, value: z.string().max(2000) })).max(20),
  /** What must change before the step can run, and who can change it. Empty when it can run. */
  blockers: z.array(checklistMessageSchema).max(20),
  /** Why the step does not apply in this run: it will be skipped with this reason. */
  skipReason: checklistMessageSchema.nullable(),
  /** Whether the API can tell if a manual step is done. */
  canVerify: z.boolean(),
  /** Whether the step may be skipped, and why it matters if it is. */
  canSkip: z.boolean(),
  /**
   * A secret the step needs from the person (a passphrase): asked for, sent to
   * main once and held there in memory for this run only, never in the run.
   */
  secret: z.object({ label: checklistMessageSchema, environment: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/), held: z.boolean() }).nullable().optional(),
});
export type StepPlan = z.infer<typeof stepPlanSchema>;

/** What a person does with a step. */
export const stepActions = ['run', 'verify', 'confirm', 'skip', 'acknowledge'] as const;
export type StepAction = (typeof stepActions)[number];

export const exportFormats = ['md', 'html'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Where a generated password went once the checklist made it. */
export const secretRevealSchema = z.object({
  login: z.string().max(200),
  password: z.string().max(200),
  /** `keychain`: also kept there, shown now on request; `session`: kept nowhere after this session. */
  keptIn: z.enum(['keychain', 'session']),
});
export type SecretReveal = z.infer<typeof secretRevealSchema>;

/** A run's progress as a whole, from its steps. */
export function runStatusOf(steps: readonly Pick<StepRecord, 'state' | 'kind'>[]): RunStatus {
  if (steps.some((step) => step.state === 'failed')) return 'failed';
  const next = steps.find((step) => step.state === 'pending' || step.state === 'running');
  if (next === undefined) return 'done';
  return next.kind === 'manual' && next.state === 'pending' ? 'needs-manual' : 'in-progress';
}

/** Whether a step counts as finished for the run's progress. */
export function stepFinished(state: StepState): boolean {
  return state === 'done' || state === 'verified' || state === 'skipped';
}

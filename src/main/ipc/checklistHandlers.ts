import type { Job } from '../../shared/jobs';
import type { StepAction } from '../../shared/checklists';
import type { ChecklistService } from '../services/checklists';
import { appErrorOf } from '../services/errors';
import type { JobService } from '../services/jobs';
import type { HandlerTable } from './dispatch';
import { guarded } from './guarded';

export interface ChecklistHandlerServices {
  checklists: ChecklistService;
  jobs: JobService;
}

type ChecklistChannel =
  | 'checklists:list'
  | 'checklists:prepare'
  | 'checklists:start'
  | 'checklists:runs'
  | 'checklists:get'
  | 'checklists:plan'
  | 'checklists:export'
  | 'checklists:reveal'
  | 'checklists:secretKey'
  | 'checklists:secret'
  | 'checklists:delete';

function describeFailure(error: unknown) {
  return appErrorOf(error) ?? { kind: 'internal' as const, message: 'The step failed unexpectedly. Try it again; if it fails again, export the run and report it.' };
}

/** Runs, verifies, confirms, skips or marks as read one step of a run, as a job the page follows and can cancel. */
export function startChecklistStep(services: ChecklistHandlerServices, profileId: string | null, start: { runId: string; stepId: string; action: StepAction }): Job {
  return services.jobs.start({
    kind: 'checklists:step',
    profileId,
    subject: start.runId,
    key: `checklists:${start.runId}`,
    describeFailure,
    work: async ({ signal, progress }) => {
      await services.checklists.advance(start.runId, start.stepId, start.action, { signal, progress: (done, total, phase) => progress({ done, total, ...(phase === undefined ? {} : { phase }) }) });
    },
  });
}

/** Checks every finished step of a run against SCM, as a job. */
export function startChecklistVerification(services: ChecklistHandlerServices, profileId: string | null, runId: string): Job {
  return services.jobs.start({
    kind: 'checklists:verify',
    profileId,
    subject: runId,
    key: `checklists:${runId}`,
    describeFailure,
    work: async ({ signal, progress }) => {
      await services.checklists.verifyAll(runId, { signal, progress: (done, total, phase) => progress({ done, total, ...(phase === undefined ? {} : { phase }) }) });
    },
  });
}

/** The checklists' channels; their steps run through `jobs:start`. */
export function checklistHandlers(services: ChecklistHandlerServices): Pick<HandlerTable, ChecklistChannel> {
  const { checklists } = services;
  return {
    'checklists:list': () => guarded(async () => checklists.describe()),
    'checklists:prepare': ({ checklistId }) => guarded(() => checklists.prepare(checklistId)),
    'checklists:start': ({ checklistId, inputs }) => guarded(() => checklists.start(checklistId, inputs)),
    'checklists:runs': ({ profileId }) => guarded(() => checklists.runs(profileId)),
    'checklists:get': ({ runId }) => guarded(() => checklists.get(runId)),
    'checklists:plan': ({ runId, stepId }) => guarded(() => checklists.plan(runId, stepId)),
    'checklists:export': ({ runId, format, language }) => guarded(() => checklists.exportRun(runId, format, language)),
    'checklists:reveal': ({ runId }) => guarded(() => checklists.reveal(runId)),
    'checklists:secretKey': ({ runId }) => guarded(() => checklists.secretKey(runId)),
    'checklists:secret': ({ runId, value }) =>
      guarded(async () => {
        await checklists.holdSecret(runId, value);
        return { held: true as const };
      }),
    'checklists:delete': ({ runId }) =>
      guarded(async () => {
        await checklists.remove(runId);
        return { deleted: true as const };
      }),
  };
}

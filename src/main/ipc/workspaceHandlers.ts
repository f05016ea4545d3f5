import { ok } from '../../shared/result';
import type { AdminsService } from '../services/admins';
import type { CertificatesService } from '../services/certificates/service';
import type { ChecklistService } from '../services/checklists';
import type { JobService } from '../services/jobs';
import { SessionError } from '../services/session';
import type { HandlerTable } from './dispatch';
import { startChecklistStep, startChecklistVerification } from './checklistHandlers';
import { guarded } from './handlers';

export interface WorkspaceServices {
  jobs: JobService;
  admins: AdminsService;
  checklists: ChecklistService;
  certificates: CertificatesService;
  /** The signed-in profile, which a job's work is for. */
  activeProfileId: () => string | null;
  now?: () => number;
}

type WorkspaceChannel = 'jobs:start' | 'jobs:list' | 'jobs:cancel' | 'admins:window' | 'admins:details' | 'admins:export';

function noSuchJob(): SessionError {
  return new SessionError({ kind: 'not-found', message: 'There is no such task; it may have ended long ago.', anchor: 'errors#kind-not-found' });
}

/** Long work and the data it leaves in main: jobs, and the admins they read. */
export function workspaceHandlers(services: WorkspaceServices): Pick<HandlerTable, WorkspaceChannel> {
  const { jobs, admins } = services;
  const now = services.now ?? Date.now;
  return {
    'jobs:start': (start) =>
      guarded(async () => {
        switch (start.kind) {
          case 'admins:load':
            return admins.load();
          case 'checklists:step':
            return startChecklistStep(services, services.activeProfileId(), start);
          case 'checklists:verify':
            return startChecklistVerification(services, services.activeProfileId(), start.runId);
          case 'certificates:load':
            return services.certificates.load(start.mode ?? 'full');
          case 'certificates:bulk':
            return services.certificates.startBulk(start.planId);
        }
      }),
    'jobs:list': () => ok(jobs.list()),
    'jobs:cancel': ({ id }) =>
      guarded(async () => {
        const job = jobs.cancel(id);
        if (job === undefined) throw noSuchJob();
        return job;
      }),
    'admins:window': (args) => guarded(async () => admins.window(args)),
    'admins:details': ({ id }) => guarded(() => admins.details(id)),
    'admins:export': ({ filter, sort }) =>
      guarded(async () => {
        const { rows, text } = admins.exportCsv(filter, sort);
        return { fileName: `admins-${new Date(now()).toISOString().slice(0, 10)}.csv`, text, rows };
      }),
  };
}

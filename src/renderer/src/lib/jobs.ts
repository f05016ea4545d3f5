import { useEffect } from 'react';
import { create } from 'zustand';
import type { Job, JobStart } from '../../../shared/jobs';
import { subscribeToJobEvents } from './events';
import { request } from './query';

interface JobsState {
  jobs: Record<string, Job>;
  /** Asks main for the jobs it has (after a reload), once. */
  load(): Promise<void>;
  start(start: JobStart): Promise<Job>;
  cancel(id: string): Promise<void>;
  update(job: Job): void;
}

/** The jobs main runs, kept current by its events; work goes on while the user moves between pages. */
export const useJobsStore = create<JobsState>()((set) => ({
  jobs: {},
  async load() {
    const jobs = await request('jobs:list', undefined);
    set((state) => ({ jobs: { ...Object.fromEntries(jobs.map((job) => [job.id, job])), ...state.jobs } }));
  },
  async start(start) {
    const job = await request('jobs:start', start);
    set((state) => ({ jobs: { ...state.jobs, [job.id]: state.jobs[job.id] ?? job } }));
    return job;
  },
  async cancel(id) {
    const job = await request('jobs:cancel', { id });
    // The job's end may have arrived as an event before this answer, which was taken while it still ran.
    set((state) => ({ jobs: { ...state.jobs, [id]: state.jobs[id]?.state === 'running' || state.jobs[id] === undefined ? job : state.jobs[id]! } }));
  },
  update(job) {
    set((state) => ({ jobs: { ...state.jobs, [job.id]: job } }));
  },
}));

let listening = false;

/** Follows main's job events for as long as the app runs. */
export function useJobEvents(): void {
  useEffect(() => {
    if (listening) return undefined;
    listening = true;
    void useJobsStore.getState().load().catch(() => undefined);
    const stop = subscribeToJobEvents((job) => useJobsStore.getState().update(job));
    return () => {
      listening = false;
      stop();
    };
  }, []);
}

export function useJob(id: string | null | undefined): Job | undefined {
  return useJobsStore((state) => (id === null || id === undefined ? undefined : state.jobs[id]));
}

export function useRunningJobs(): Job[] {
  const jobs = useJobsStore((state) => state.jobs);
  return Object.values(jobs).filter((job) => job.state === 'running');
}

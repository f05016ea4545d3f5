import type { Job } from '../../src/shared/jobs';

/** What waiting for a job needs of the console's job service. */
export interface JobEvents {
  subscribe(listener: (job: Job) => void): () => void;
  get(id: string): Job | undefined;
}

/** The job once it has ended (done, failed or cancelled), whether it ended before or after this is asked. */
export function jobEnded(jobs: JobEvents, job: Pick<Job, 'id'>): Promise<Job> {
  return new Promise((resolve) => {
    const check = (seen: Job): void => {
      if (seen.id === job.id && seen.state !== 'running') {
        stop();
        resolve(seen);
      }
    };
    const stop = jobs.subscribe(check);
    const now = jobs.get(job.id);
    if (now !== undefined) check(now);
  });
}

import { randomBytes } from 'node:crypto';
import type { Job, JobKind, JobProgress } from '../../shared/jobs';
import type { AppError } from '../../shared/result';

export interface JobContext {
  signal: AbortSignal;
  /** Reports progress; listeners hear of it at most about a hundred times a job, and at every change of phase. */
  progress(progress: JobProgress): void;
}

export interface JobStartOptions {
  kind: JobKind;
  profileId: string | null;
  /** What the work is about within its kind (a checklist run's id), for the page that follows it. */
  subject?: string;
  /** A job with the same key that is still running is joined instead of started twice. */
  key?: string;
  work: (context: JobContext) => Promise<void>;
  /** Turns a failure into what the interface shows. */
  describeFailure: (error: unknown) => AppError;
}

interface Running {
  job: Job;
  controller: AbortController;
  key: string | undefined;
  lastReported: JobProgress;
}

/** Finished jobs kept for the interface to read after a reload. */
const keptFinished = 50;

/**
 * Long work in main (listing, inventories, bulk actions): each gets an id,
 * reports progress to whoever listens (the desktop window, the browser
 * shell's event stream), can be cancelled through its AbortSignal, and ends
 * done, failed or cancelled. Its result stays with the service that ran it.
 */
export class JobService {
  readonly #jobs = new Map<string, Running>();
  readonly #listeners = new Set<(job: Job) => void>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  subscribe(listener: (job: Job) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  list(): Job[] {
    return [...this.#jobs.values()].map((running) => running.job);
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id)?.job;
  }

  start(options: JobStartOptions): Job {
    if (options.key !== undefined) {
      for (const running of this.#jobs.values()) if (running.key === options.key && running.job.state === 'running') return running.job;
    }
    const controller = new AbortController();
    const job: Job = {
      id: randomBytes(8).toString('hex'),
      kind: options.kind,
      profileId: options.profileId,
      subject: options.subject ?? null,
      state: 'running',
      progress: { done: 0, total: null },
      startedAt: new Date(this.#now()).toISOString(),
      endedAt: null,
      error: null,
    };
    const running: Running = { job, controller, key: options.key, lastReported: job.progress };
    this.#jobs.set(job.id, running);
    this.#prune();
    this.#emit(running);
    const context: JobContext = {
      signal: controller.signal,
      progress: (progress) => {
        if (running.job.state !== 'running') return;
        running.job = { ...running.job, progress };
        if (this.#worthReporting(running.lastReported, progress)) {
          running.lastReported = progress;
          this.#emit(running);
        }
      },
    };
    void (async () => {
      try {
        await options.work(context);
        this.#end(running, controller.signal.aborted ? 'cancelled' : 'done', null);
      } catch (error) {
        this.#end(running, controller.signal.aborted ? 'cancelled' : 'failed', controller.signal.aborted ? null : options.describeFailure(error));
      }
    })();
    return job;
  }

  /** Stops a running job; a finished one is answered as it is. */
  cancel(id: string): Job | undefined {
    const running = this.#jobs.get(id);
    if (running === undefined) return undefined;
    if (running.job.state === 'running') running.controller.abort();
    return running.job;
  }

  /** Stops every running job, as the console closes. */
  cancelAll(): void {
    for (const running of this.#jobs.values()) if (running.job.state === 'running') running.controller.abort();
  }

  #worthReporting(last: JobProgress, next: JobProgress): boolean {
    if (last.phase !== next.phase || last.total !== next.total) return true;
    const step = next.total === null || next.total === 0 ? 50 : Math.max(1, Math.floor(next.total / 100));
    return next.done - last.done >= step || next.done === next.total;
  }

  #end(running: Running, state: Job['state'], error: AppError | null): void {
    running.job = { ...running.job, state, error, endedAt: new Date(this.#now()).toISOString() };
    this.#emit(running);
  }

  #emit(running: Running): void {
    for (const listener of this.#listeners) {
      try {
        listener(running.job);
      } catch {
        // A listener that failed (a closed window) must not stop the others or the job.
      }
    }
  }

  #prune(): void {
    const finished = [...this.#jobs.values()].filter((running) => running.job.state !== 'running');
    for (const running of finished.slice(0, Math.max(0, finished.length - keptFinished))) this.#jobs.delete(running.job.id);
  }
}

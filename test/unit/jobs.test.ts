import { describe, expect, it } from 'vitest';
import { JobService, type JobContext, type JobStartOptions } from '../../src/main/services/jobs';
import type { Job } from '../../src/shared/jobs';
import type { AppError } from '../../src/shared/result';

const failure: AppError = { kind: 'internal', message: 'Reading the admins failed unexpectedly.', hint: 'Try again.', anchor: 'errors#kind-internal' };

/** A promise and the function that settles it, for work that waits on the test. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Resolves with the job as it ended. */
function ended(jobs: JobService, id: string): Promise<Job> {
  return new Promise((resolve) => {
    const now = jobs.get(id);
    if (now !== undefined && now.state !== 'running') return resolve(now);
    const stop = jobs.subscribe((job) => {
      if (job.id === id && job.state !== 'running') {
        stop();
        resolve(job);
      }
    });
  });
}

/** Waits until the signal is aborted, as an SCM request does. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

function options(work: JobStartOptions['work'], extra: Partial<JobStartOptions> = {}): JobStartOptions {
  return { kind: 'admins:load', profileId: 'a1b2c3d4', work, describeFailure: () => failure, ...extra };
}

describe('JobService', () => {
  it('runs work to done, with start and end times from its clock', async () => {
    let now = Date.UTC(2026, 10, 2, 9, 0, 0);
    const jobs = new JobService({ now: () => now });
    const done = gate();
    const job = jobs.start(options(() => done.opened));
    expect(job).toMatchObject({ kind: 'admins:load', profileId: 'a1b2c3d4', state: 'running', progress: { done: 0, total: null }, startedAt: '2026-11-02T09:00:00.000Z', endedAt: null, error: null });
    now += 90_000;
    done.open();
    expect(await ended(jobs, job.id)).toMatchObject({ state: 'done', endedAt: '2026-11-02T09:01:30.000Z', error: null });
  });

  it('reports a long job’s progress at most about a hundred times per phase, and every change of phase at once', async () => {
    const jobs = new JobService();
    const heard: Job[] = [];
    jobs.subscribe((job) => heard.push(job));
    const finish = gate();
    const job = jobs.start(
      options(async (context: JobContext) => {
        for (let done = 1; done <= 400; done++) context.progress({ done, total: 400, phase: 'list' });
        context.progress({ done: 0, total: 10_000, phase: 'details' });
        for (let done = 1; done <= 10_000; done++) context.progress({ done, total: 10_000, phase: 'details' });
        await finish.opened;
      }),
    );
    const running = () => heard.filter((event) => event.id === job.id && event.state === 'running');
    const list = running().filter((event) => event.progress.phase === 'list');
    const details = running().filter((event) => event.progress.phase === 'details');
    expect(list.length).toBeGreaterThan(10);
    expect(list.length).toBeLessThanOrEqual(101);
    expect(details.length).toBeGreaterThan(10);
    expect(details.length).toBeLessThanOrEqual(102);
    // The new phase is heard of at once, before any of its progress.
    expect(details[0]!.progress).toEqual({ done: 0, total: 10_000, phase: 'details' });
    // And the end of each phase is heard of, so a bar never stops short of full.
    expect(list.at(-1)!.progress).toEqual({ done: 400, total: 400, phase: 'list' });
    expect(details.at(-1)!.progress).toEqual({ done: 10_000, total: 10_000, phase: 'details' });
    // What was not reported is still the job's progress for whoever asks.
    expect(jobs.get(job.id)!.progress).toEqual({ done: 10_000, total: 10_000, phase: 'details' });
    finish.open();
    expect((await ended(jobs, job.id)).state).toBe('done');
  });

  it('reports progress with no total yet every so often, not at every row', () => {
    const jobs = new JobService();
    const heard: Job[] = [];
    jobs.subscribe((job) => heard.push(job));
    const job = jobs.start(
      options(async (context) => {
        for (let done = 1; done <= 1000; done++) context.progress({ done, total: null });
        await untilAborted(context.signal);
      }),
    );
    const reports = heard.filter((event) => event.id === job.id && event.state === 'running').length;
    expect(reports).toBeGreaterThan(5);
    expect(reports).toBeLessThanOrEqual(51);
    jobs.cancel(job.id);
  });

  it('cancels a job through its signal and ends it cancelled, without an error', async () => {
    const jobs = new JobService();
    let signal: AbortSignal | undefined;
    const job = jobs.start(
      options((context) => {
        signal = context.signal;
        return untilAborted(context.signal);
      }),
    );
    expect(signal?.aborted).toBe(false);
    expect(jobs.cancel(job.id)?.id).toBe(job.id);
    expect(signal?.aborted).toBe(true);
    expect(await ended(jobs, job.id)).toMatchObject({ state: 'cancelled', error: null });
    expect(jobs.get(job.id)?.state).toBe('cancelled');
  });

  it('ends cancelled even when the work returns normally after the signal, and ignores its late progress', async () => {
    const jobs = new JobService();
    const stopped = gate();
    let context: JobContext | undefined;
    const job = jobs.start(
      options(async (given) => {
        context = given;
        await stopped.opened;
      }),
    );
    jobs.cancel(job.id);
    stopped.open();
    const end = await ended(jobs, job.id);
    expect(end.state).toBe('cancelled');
    context!.progress({ done: 5, total: 5 });
    expect(jobs.get(job.id)).toEqual(end);
  });

  it('answers the cancelling of a finished or unknown job without changing it', async () => {
    const jobs = new JobService();
    const job = jobs.start(options(async () => undefined));
    const end = await ended(jobs, job.id);
    expect(jobs.cancel(job.id)).toEqual(end);
    expect(jobs.cancel('no-such-job')).toBeUndefined();
  });

  it('describes a failure in words the interface shows', async () => {
    const jobs = new JobService();
    const thrown: unknown[] = [];
    const job = jobs.start(
      options(
        async () => {
          throw new Error('socket hang up');
        },
        {
          describeFailure: (error) => {
            thrown.push(error);
            return failure;
          },
        },
      ),
    );
    expect(await ended(jobs, job.id)).toMatchObject({ state: 'failed', error: failure });
    expect(thrown).toEqual([new Error('socket hang up')]);
  });

  it('joins a running job with the same key instead of starting it twice', async () => {
    const jobs = new JobService();
    const finish = gate();
    let started = 0;
    const work = async (): Promise<void> => {
      started += 1;
      await finish.opened;
    };
    const first = jobs.start(options(work, { key: 'admins:a1b2c3d4' }));
    const again = jobs.start(options(work, { key: 'admins:a1b2c3d4' }));
    const other = jobs.start(options(work, { key: 'admins:e5f60718' }));
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(started).toBe(2);
    expect(jobs.list().filter((job) => job.state === 'running')).toHaveLength(2);

    finish.open();
    await ended(jobs, first.id);
    // Once it ended, the same key starts a new job.
    const next = jobs.start(options(async () => undefined, { key: 'admins:a1b2c3d4' }));
    expect(next.id).not.toBe(first.id);
    await ended(jobs, next.id);
  });

  it('keeps the last fifty finished jobs and forgets older ones, never a running one', async () => {
    const jobs = new JobService();
    const finish = gate();
    const long = jobs.start(options(() => finish.opened));
    const finished: string[] = [];
    for (let n = 0; n < 60; n++) {
      const job = jobs.start(options(async () => undefined));
      await ended(jobs, job.id);
      finished.push(job.id);
    }
    jobs.start(options(async () => undefined));
    expect(jobs.get(long.id)?.state).toBe('running');
    for (const id of finished.slice(0, 10)) expect(jobs.get(id)).toBeUndefined();
    for (const id of finished.slice(10)) expect(jobs.get(id)?.state).toBe('done');
    expect(jobs.list()).toHaveLength(52);
    finish.open();
    await ended(jobs, long.id);
  });

  it('tells every listener, even when one of them fails, and stops telling one that unsubscribed', async () => {
    const jobs = new JobService();
    jobs.subscribe(() => {
      throw new Error('the window is closed');
    });
    const heard: string[] = [];
    const stop = jobs.subscribe((job) => heard.push(job.state));
    const job = jobs.start(options(async () => undefined));
    expect((await ended(jobs, job.id)).state).toBe('done');
    expect(heard).toEqual(['running', 'done']);
    stop();
    const later = jobs.start(options(async () => undefined));
    await ended(jobs, later.id);
    expect(heard).toEqual(['running', 'done']);
  });

  it('stops every running job as the console closes', async () => {
    const jobs = new JobService();
    const running = [jobs.start(options((context) => untilAborted(context.signal))), jobs.start(options((context) => untilAborted(context.signal)))];
    jobs.cancelAll();
    for (const job of running) expect((await ended(jobs, job.id)).state).toBe('cancelled');
  });
});

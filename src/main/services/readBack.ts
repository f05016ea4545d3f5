import { ScmClientError } from '../scm/errors';
import { persist } from '../scm/transient';
import { appErrorOf, ServiceError } from './errors';

/** Rounds a read-back gets, each with the transport's own tries, and the pause before the second round (doubling after). */
const readBackRounds = 3;
const readBackPauseMs = 500;

/**
 * Reads back what a write has just done in SCM. The write is done, so a read
 * that fails must not be reported as if the write had failed (the person
 * would do it again): the read gets a few more rounds, for SCM busy or
 * unreachable for a moment, and if it still fails, the person is told that
 * the change was made and only reading it back failed. `done` says what was
 * done, as a sentence: “The department “Physics” was created in SCM”.
 */
export async function readBack<T>(done: string, read: () => Promise<T>, anchor?: string): Promise<T> {
  try {
    return await persist(read, { attempts: readBackRounds, pauseMs: readBackPauseMs });
  } catch (error) {
    const cause = appErrorOf(error);
    if (cause === undefined || cause.kind === 'cancelled') throw error;
    const reason = error instanceof ScmClientError ? error.reason : cause.message;
    throw new ServiceError({
      kind: cause.kind,
      message: `${done}, but reading it back failed: ${reason}`,
      hint: 'Refresh to see it as SCM has it now; it need not be done again.',
      ...(anchor === undefined ? (cause.anchor === undefined ? {} : { anchor: cause.anchor }) : { anchor }),
    });
  }
}

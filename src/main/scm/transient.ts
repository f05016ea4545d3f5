import { ScmClientError } from './errors';
import { abortableSleep } from './transport';

/**
 * Whether a failed read may pass if asked again a little later: SCM busy or
 * down for a moment, a rate limit, a slow answer, a dropped connection. A
 * refusal, a missing object, a TLS failure or an oversized answer comes back
 * the same every time.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ScmClientError)) return false;
  if (error.kind === 'unavailable' || error.kind === 'rate-limited' || error.kind === 'timeout') return true;
  return error.kind === 'network' && error.network !== 'tls';
}

export interface PersistOptions {
  /** Rounds in all, the first included; each round is a whole call with the transport's own tries. */
  attempts: number;
  /** The pause before the second round; it doubles for each round after. */
  pauseMs: number;
  signal?: AbortSignal;
  /** For tests: the clock's sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * A read that outlasts a bad minute: when every try the transport made has
 * failed for a passing reason, the whole call is made again after a growing
 * pause. For long work (thousands of calls) where one unlucky call must not
 * cost the rest. Only for reads: a write may have happened.
 */
export async function persist<T>(read: () => Promise<T>, options: PersistOptions): Promise<T> {
  const sleep = options.sleep ?? abortableSleep;
  for (let round = 1; ; round++) {
    try {
      return await read();
    } catch (error) {
      if (round >= options.attempts || !isTransient(error) || options.signal?.aborted === true) throw error;
    }
    try {
      await sleep(options.pauseMs * 2 ** (round - 1), options.signal);
    } catch {
      throw new ScmClientError({ kind: 'cancelled', message: 'Stopped: the work was cancelled.', reason: 'It was cancelled.' });
    }
  }
}

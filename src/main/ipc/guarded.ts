import { fail, ok, type Result } from '../../shared/result';
import { appErrorOf } from '../services/errors';

/**
 * Runs a use case and turns the refusals it may meet into a Result. Anything
 * else is a fault of the console and is left to the dispatcher, which reports
 * it without its message.
 */
export async function guarded<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    const known = appErrorOf(error);
    if (known === undefined) throw error;
    return fail(known);
  }
}

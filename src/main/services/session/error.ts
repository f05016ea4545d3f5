import type { AppError } from '../../../shared/result';

/** A refusal the renderer shows as an error: never carries a secret. */
export class SessionError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'SessionError';
  }
}

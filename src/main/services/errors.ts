import type { AppError } from '../../shared/result';
import { CredentialStoreError } from '../credentials';
import { ScmClientError } from '../scm/errors';
import { ProfileError } from './profiles';
import { SessionError } from './session';

/** A use case's refusal, worded for the person who asked: never a secret, never a request's data. */
export class ServiceError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'ServiceError';
  }
}

/**
 * Any failure the console knows how to explain (SCM said no, the network
 * failed, the keychain is locked, the input was wrong), as the error a person
 * reads. Undefined for anything else, which is a fault of the console itself.
 */
export function appErrorOf(error: unknown): AppError | undefined {
  if (error instanceof ProfileError) {
    return {
      kind: 'validation',
      message: error.message,
      anchor: 'connecting#profiles',
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(error.fields.length === 0 ? {} : { fields: error.fields }),
    };
  }
  if (error instanceof SessionError || error instanceof ServiceError) return error.error;
  if (error instanceof ScmClientError) return error.toAppError();
  if (error instanceof CredentialStoreError) return { kind: 'unavailable', message: error.message, anchor: 'connecting#keychain' };
  return undefined;
}

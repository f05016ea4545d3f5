import type { AppError } from '../../../shared/result';

interface ErrorMessageProps {
  error: AppError;
}

/** A failure as a person needs it: what happened, what to do, and the SCM code if any. */
export function ErrorMessage({ error }: ErrorMessageProps) {
  return (
    <div className="error" role="alert" data-error-kind={error.kind}>
      <p className="error-message">
        {error.message}
        {error.code === undefined ? null : <span className="error-code"> (SCM code {error.code})</span>}
      </p>
      {error.hint === undefined ? null : <p className="error-hint">{error.hint}</p>}
    </div>
  );
}

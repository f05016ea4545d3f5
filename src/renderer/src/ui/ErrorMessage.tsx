import type { AppError } from '../../../shared/result';
import { scmCodeAnchor } from '../../../shared/scmErrors';
import { useHandbookStore } from '../features/handbook/store';

interface ErrorMessageProps {
  error: AppError;
}

/**
 * A failure as a person needs it: what happened, what to do, and where the
 * handbook explains it (the kind, and SCM's own code when there is one).
 */
export function ErrorMessage({ error }: ErrorMessageProps) {
  const openPanel = useHandbookStore((state) => state.openPanel);
  return (
    <div className="error" role="alert" data-error-kind={error.kind}>
      <p className="error-message">{error.message}</p>
      {error.hint === undefined ? null : <p className="error-hint">{error.hint}</p>}
      <p className="error-links">
        {error.anchor === undefined ? null : (
          <button type="button" className="link-button" onClick={() => openPanel(error.anchor!)}>
            What this means
          </button>
        )}
        {error.code === undefined ? null : (
          <button type="button" className="link-button" onClick={() => openPanel(scmCodeAnchor(error.code!))}>
            SCM code {error.code}
          </button>
        )}
      </p>
    </div>
  );
}

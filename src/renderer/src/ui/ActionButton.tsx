import { useId } from 'react';

/**
 * A button for an action the signed-in admin may or may not take: enabled, or
 * disabled with the reason beside it (read on focus and hover), never hidden
 * and never offered only to fail.
 */
export function ActionButton({ label, reason, onClick, danger }: { label: string; reason: string | undefined; onClick: () => void; danger?: boolean }) {
  const reasonId = useId();
  return (
    <span className="action-with-reason">
      <button type="button" className={danger === true ? 'danger' : undefined} aria-disabled={reason !== undefined} aria-describedby={reason === undefined ? undefined : reasonId} title={reason} onClick={() => reason === undefined && onClick()}>
        {label}
      </button>
      {reason === undefined ? null : (
        <span id={reasonId} className="field-hint action-reason">
          {reason}
        </span>
      )}
    </span>
  );
}

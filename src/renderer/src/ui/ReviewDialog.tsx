import type { AppError } from '../../../shared/result';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

export interface ReviewLine {
  label: string;
  value: string;
  /** What it was, for a change. */
  was?: string;
}

interface ReviewDialogProps {
  title: string;
  /** What the lines are ("This is what will be sent…"), or why there is nothing to send. */
  lead: string;
  lines: readonly ReviewLine[];
  /** Words for "was …", given the old value. */
  wasText: (value: string) => string;
  confirmLabel: string;
  backLabel: string;
  sendingLabel: string;
  sending: boolean;
  error: AppError | null;
  onSend: () => void;
  onBack: () => void;
  onClose: () => void;
}

/**
 * The step before a change is sent: exactly what will be sent (a change shows
 * what each field was), one confirm, and a way back to the form.
 */
export function ReviewDialog({ title, lead, lines, wasText, confirmLabel, backLabel, sendingLabel, sending, error, onSend, onBack, onClose }: ReviewDialogProps) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="primary" disabled={sending || lines.length === 0} onClick={onSend}>
            {sending ? sendingLabel : confirmLabel}
          </button>
          <button type="button" disabled={sending} onClick={onBack}>
            {backLabel}
          </button>
        </>
      }
    >
      <p>{lead}</p>
      <dl className="facts review-lines">
        {lines.map((line) => (
          <div key={line.label}>
            <dt>{line.label}</dt>
            <dd>
              {line.value === '' ? '—' : line.value}
              {line.was === undefined ? null : <span className="muted"> ({wasText(line.was === '' ? '—' : line.was)})</span>}
            </dd>
          </div>
        ))}
      </dl>
      {error === null ? null : <ErrorMessage error={error} />}
    </Dialog>
  );
}

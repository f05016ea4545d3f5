import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** For destructive work: the object's name, which must be typed before the button works. */
  typeToConfirm?: string;
  busy?: boolean;
}

/** Asks before a change; for destructive work, the person types the object's name. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, typeToConfirm, busy }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [tried, setTried] = useState(false);
  const inputId = useId();
  const matches = typeToConfirm === undefined || typed === typeToConfirm;
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      actions={
        <>
          <button
            type="button"
            className={typeToConfirm === undefined ? 'primary' : 'danger'}
            disabled={busy === true}
            onClick={() => {
              setTried(true);
              if (matches) onConfirm();
            }}
          >
            {confirmLabel}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {children}
      {typeToConfirm === undefined ? null : (
        <div className="field">
          <label htmlFor={inputId}>{t('dialog.typeToConfirm', { name: typeToConfirm })}</label>
          {tried && !matches ? (
            <p id={`${inputId}-error`} className="field-error">
              {t('dialog.typeMismatch')}
            </p>
          ) : null}
          <input id={inputId} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} aria-invalid={tried && !matches} aria-describedby={tried && !matches ? `${inputId}-error` : undefined} />
        </div>
      )}
    </Dialog>
  );
}

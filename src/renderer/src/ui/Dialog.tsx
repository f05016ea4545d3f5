import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The buttons at the foot. */
  actions?: ReactNode;
}

/**
 * A modal dialog on the native <dialog>: it traps the focus, closes with
 * Escape, and gives the focus back to where it was when it closes.
 */
export function Dialog({ title, onClose, children, actions }: DialogProps) {
  const { t } = useTranslation();
  const element = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = element.current;
    const before = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      before?.focus();
    };
  }, []);

  return (
    <dialog
      ref={element}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="link-button" onClick={onClose} aria-label={t('dialog.close')}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {actions === undefined ? null : <footer className="form-actions">{actions}</footer>}
    </dialog>
  );
}

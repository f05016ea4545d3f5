import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, FieldError } from '../../../shared/result';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';
import { ErrorSummary, type SummaryItem } from './ErrorSummary';

interface FormDialogProps {
  title: string;
  formId: string;
  className: string;
  /** The submit button's words: the form goes to its review, not to SCM. */
  submitLabel: string;
  problemsTitle: string;
  summary: RefObject<HTMLDivElement | null>;
  items: SummaryItem[];
  /** A refusal that names no field of the form. */
  refusal: AppError | null;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A form in a dialog whose submit leads to a review of what will be sent:
 * every problem at once above it (GOV.UK's summary), and a refusal that names
 * no field said there too, never dropped.
 */
export function FormDialog({ title, formId, className, submitLabel, problemsTitle, summary, items, refusal, onSubmit, onClose, children }: FormDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="submit" form={formId} className="primary">
            {submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <ErrorSummary ref={summary} items={items} title={problemsTitle} />
      {refusal === null ? null : <ErrorMessage error={refusal} />}
      <form
        id={formId}
        className={className}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </Dialog>
  );
}

/**
 * Main's refusal of a form's draft, put onto the form: main names the
 * contract's fields (`draft.login`), the form its own (`login`). Whether
 * something is left that no field of the form can show is said too.
 */
export function refusalOnForm(error: AppError, known: (field: string) => boolean): { fields: FieldError[]; unplaced: boolean } {
  const fields = (error.fields ?? []).map((field) => ({ ...field, field: field.field.replace(/^draft\./, '') }));
  return { fields, unplaced: fields.length === 0 || fields.some((field) => !known(field.field.split('.')[0]!)) };
}

import type { TFunction } from 'i18next';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { withMessageKey } from '../../../../../shared/fieldErrors';
import type { AppError } from '../../../../../shared/result';
import { errorText } from '../../../lib/errors';
import { ApiError } from '../../../lib/query';
import { Dialog } from '../../../ui/Dialog';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { ErrorSummary, type SummaryItem } from '../../../ui/ErrorSummary';
import { problemText } from '../../settings/problemText';
import '../certificates.css';

/**
 * A refusal from main put onto the form: each field it names gets its own
 * message; what names no field of the form is shown above the buttons.
 * `fieldMap` turns the contract's paths (`csr.passphrase`) into the form's names.
 */
export function placeRefusal<V extends FieldValues>(error: unknown, fieldMap: Readonly<Record<string, Path<V>>>, setError: UseFormSetError<V>, t: TFunction): AppError | null {
  if (!(error instanceof ApiError)) throw error;
  const refusal = error.error;
  let placed = false;
  for (const problem of refusal.fields ?? []) {
    const name = fieldMap[problem.field];
    if (name === undefined) continue;
    setError(name, { type: 'server', message: problemText(withMessageKey(problem), t) });
    placed = true;
  }
  const single = refusal.field === undefined ? undefined : fieldMap[refusal.field];
  if (single !== undefined && (refusal.fields ?? []).length === 0) {
    setError(single, { type: 'server', message: errorText(refusal).message });
    placed = true;
  }
  return placed && (refusal.fields ?? []).every((problem) => fieldMap[problem.field] !== undefined) ? null : refusal;
}

/** The problems of a form, in the order its fields are shown, for the summary above it. */
export function summaryOf<V extends FieldValues>(errors: FieldErrors<V>, order: readonly { name: Path<V>; id: string; label: string }[]): SummaryItem[] {
  return order.flatMap((field) => {
    const message = (errors as Record<string, { message?: unknown } | undefined>)[field.name]?.message;
    return typeof message === 'string' && message !== '' ? [{ id: field.id, label: field.label, message }] : [];
  });
}

/** Ids for a form's controls, and a way to focus its summary when a submit fails. */
export function useFormIds() {
  const base = useId();
  const summary = useRef<HTMLDivElement>(null);
  return {
    formId: `${base}-form`,
    idOf: (name: string): string => `${base}-${name.replaceAll('.', '-')}`,
    summary,
    focusSummary: () => window.setTimeout(() => summary.current?.focus(), 0),
  };
}

interface ActionDialogShellProps {
  title: string;
  formId: string;
  /** What the action does, in a sentence or two, above the fields. */
  lead?: ReactNode;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  /** A destructive action's button is red. */
  danger?: boolean;
  submitDisabled?: boolean;
  summary: SummaryItem[];
  summaryRef: RefObject<HTMLDivElement | null>;
  failure: AppError | null;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * One action's dialog: what it does, the fields, every problem at once in a
 * summary that links to each field, main's refusal above the buttons, and the
 * button that sends it (disabled while it is sent).
 */
export function ActionDialogShell(props: ActionDialogShellProps) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  // The dialog has opened (its effect runs before this one): the focus goes to the first field, not the close button.
  useEffect(() => form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      actions={
        <>
          <button type="submit" form={props.formId} className={props.danger === true ? 'danger' : 'primary'} disabled={props.busy || props.submitDisabled === true}>
            {props.busy ? props.busyLabel : props.submitLabel}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <form ref={form} id={props.formId} className="cert-action-form" onSubmit={props.onSubmit} noValidate>
        {props.lead === undefined ? null : <div className="cert-action-lead">{props.lead}</div>}
        <ErrorSummary ref={props.summaryRef} items={props.summary} title={t('certificateActions.form.summary', { count: props.summary.length })} />
        {props.children}
        {props.failure === null ? null : <ErrorMessage error={props.failure} />}
        {props.busy ? (
          <p role="status" className="status">
            <span className="spinner" aria-hidden="true" /> {props.busyLabel}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}

/** A pair of secret fields typed twice: shown as dots, or as text while the person checks them. */
export function useReveal(): [boolean, ReactNode] {
  const { t } = useTranslation();
  const [reveal, setReveal] = useState(false);
  return [
    reveal,
    <label className="choice" key="reveal">
      <input type="checkbox" checked={reveal} onChange={(event) => setReveal(event.target.checked)} />
      {t('certificateActions.form.reveal')}
    </label>,
  ];
}

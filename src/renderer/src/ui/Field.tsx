import type { ReactNode } from 'react';

interface FieldProps {
  /** The control's id; the hint and the error get ids derived from it. */
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** The control, given the ids to put in its `aria-describedby` and whether it is invalid. */
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

/** A labelled control with its hint and its error, the label above, the error on the field itself (GOV.UK's pattern). */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const describedBy = [hint === undefined ? undefined : `${id}-hint`, error === undefined ? undefined : `${id}-error`].filter((part) => part !== undefined).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint === undefined ? null : (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error === undefined ? null : (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children(describedBy === '' ? undefined : describedBy, error !== undefined)}
    </div>
  );
}

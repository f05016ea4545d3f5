import { useId, type ReactNode } from 'react';

/** The filters above a table: a search form whose every change applies at once (and lands in the address). */
export function FilterBar({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <form className="filter-bar" role="search" aria-labelledby={titleId} onSubmit={(event) => event.preventDefault()}>
      <h2 id={titleId} className="visually-hidden">
        {title}
      </h2>
      {children}
    </form>
  );
}

/** Free text over the columns people search by; empty means no filter. */
export function TextFilter({ label, value, placeholder, onChange }: { label: string; value: string | undefined; placeholder: string; onChange: (value: string | undefined) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" maxLength={200} value={value ?? ''} placeholder={placeholder} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)} />
    </div>
  );
}

/** One value out of a few, or any. */
export function ChoiceFilter<T extends string | number>({
  label,
  value,
  anyLabel,
  options,
  onChange,
}: {
  label: string;
  value: T | undefined;
  anyLabel: string;
  options: readonly { value: T; label: string }[];
  onChange: (value: T | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value === undefined ? '' : String(value)}
        onChange={(event) => onChange(options.find((option) => String(option.value) === event.target.value)?.value)}
      >
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

import { Link, useNavigate, useParams } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Controller, useFieldArray, useForm, type Control, type FieldValues, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { checklistIds, checklistInputSchemas, type Choice, type ChecklistId } from '../../../../shared/checklists';
import { fieldErrorsOf, withMessageKey, type Wording } from '../../../../shared/fieldErrors';
import type { AppError } from '../../../../shared/result';
import { i18next } from '../../lib/i18n';
import { ApiError, invalidate, request, useApiQuery } from '../../lib/query';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { useSessionStore } from '../session/store';
import { problemText } from '../settings/problemText';
import { emptyRecord, fieldsOf, formValuesOf, inputsOf, type FormField, type FormRecord, type FormValues } from './schemaForm';
import { localised, messageText } from './words';

/** A field's problem in the interface's language: a checklist's own words by their key, else the validation catalogue's. */
function wordingText(problem: Wording, t: TFunction): string {
  if (problem.key?.startsWith('checklists.') === true) {
    return i18next.exists(problem.key) ? t(problem.key as never, localised(problem.params)) : problem.message;
  }
  return problemText(withMessageKey(problem), t);
}

/** A choice's words here: a notification type, a privilege or a unit in the interface's language where the console knows them. */
function choiceLabel(field: string, choice: Choice, t: TFunction): string {
  const value = String(choice.value);
  if (field === 'type' && i18next.exists(`checklists.notifications.types.${value}`)) return t(`checklists.notifications.types.${value}` as never);
  if (field === 'privileges' && i18next.exists(`admins.privileges.${value}`)) return `${t(`admins.privileges.${value}` as never)} (${value})`;
  if (field === 'orgId') {
    if (choice.hint === 'organization' || choice.hint === 'department') return t('checklistsPage.form.unit', { name: choice.label, kind: t(`checklistsPage.units.${choice.hint}`) });
    const state = /^REST API: SSL (on|off), client certificates (on|off)$/.exec(choice.hint ?? '');
    if (state !== null) {
      const word = (flag: string) => t(`checklists.rest-api.outcomes.${flag as 'on' | 'off'}`);
      return `${choice.label} · ${t('checklists.rest-api.outcomes.stateShort', { ssl: word(state[1]!), client: word(state[2]!) })}`;
    }
  }
  return choice.label;
}

/** A row of a list of records, by the checklist's own word for it ("Notification 2") where it has one. */
function rowLabel(t: TFunction, checklistId: ChecklistId, field: string, number: number): string {
  const key = `checklists.${checklistId}.inputs.${field}.item`;
  return i18next.exists(key) ? t(key as never, { number }) : t('checklistsPage.form.row', { number });
}

function isChecklistId(value: string): value is ChecklistId {
  return (checklistIds as readonly string[]).includes(value);
}

/** The start form of one checklist, made from its inputs' schema and the choices SCM offers this admin. */
export function StartPage() {
  const { t } = useTranslation();
  const { checklistId } = useParams({ from: '/checklists/start/$checklistId' });
  const session = useSessionStore((state) => state.session);
  const signedIn = session?.status === 'signed-in';
  const list = useApiQuery('checklists:list', undefined, { staleTime: Infinity });
  const known = isChecklistId(checklistId);
  const preparation = useApiQuery('checklists:prepare', { checklistId: known ? checklistId : 'api-admin' }, { enabled: known && signedIn, staleTime: 0, gcTime: 0 });
  const descriptor = list.data?.find((entry) => entry.id === checklistId);

  if (!known) {
    return (
      <section aria-labelledby="start-title">
        <h1 id="start-title">{t('app.notFound.title')}</h1>
        <p>
          <Link to="/checklists">{t('checklistsPage.form.back')}</Link>
        </p>
      </section>
    );
  }
  const title = t(`checklists.${checklistId}.title`);
  return (
    <section aria-labelledby="start-title" className="checklist-start">
      <p>
        <Link to="/checklists">{t('checklistsPage.form.back')}</Link>
      </p>
      <h1 id="start-title">{t('checklistsPage.form.title', { title })}</h1>
      <p className="lead">{t(`checklists.${checklistId}.summary`)}</p>
      <p className="field-hint">{t(`checklists.${checklistId}.audience`)}</p>
      {!signedIn ? (
        <p className="notice">
          {t('checklistsPage.signIn')} <Link to="/home">{t('checklistsPage.goHome')}</Link>
        </p>
      ) : preparation.error !== null ? (
        <ErrorMessage error={preparation.error.error} />
      ) : list.error !== null ? (
        <ErrorMessage error={list.error.error} />
      ) : preparation.data === undefined || descriptor === undefined ? (
        <p role="status" className="status">
          <span className="spinner" aria-hidden="true" /> {t('checklistsPage.form.reading')}
        </p>
      ) : (
        <StartForm checklistId={checklistId} schema={descriptor.inputs} choices={preparation.data.choices} defaults={preparation.data.defaults} blockers={preparation.data.blockers.map((blocker) => messageText(blocker))} notes={preparation.data.notes.map((note) => messageText(note))} />
      )}
    </section>
  );
}

interface StartFormProps {
  checklistId: ChecklistId;
  schema: Record<string, unknown>;
  choices: Record<string, Choice[]>;
  defaults: Record<string, unknown>;
  blockers: string[];
  notes: string[];
}

function StartForm({ checklistId, schema, choices, defaults, blockers, notes }: StartFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const base = useId();
  const fields = useMemo(() => fieldsOf(schema, choices), [schema, choices]);
  const { register, control, handleSubmit, setFocus } = useForm<FieldValues>({ defaultValues: formValuesOf(fields, defaults) });
  const [problems, setProblems] = useState<Map<string, Wording>>(new Map());
  const [failure, setFailure] = useState<AppError | null>(null);
  const [starting, setStarting] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const focusSummary = useRef(false);
  const idOf = (path: string): string => `${base}-${path.replaceAll('.', '-')}`;

  useEffect(() => {
    const first = fields.find((field) => field.widget === 'text' || field.widget === 'select');
    if (first !== undefined) setFocus(first.name);
  }, [fields, setFocus]);
  useEffect(() => {
    if (focusSummary.current && summary.current !== null) {
      focusSummary.current = false;
      summary.current.focus();
    }
  });

  const labelOf = (field: FormField): string => t(`checklists.${checklistId}.inputs.${field.name}.label` as never, { defaultValue: field.name });
  const hintOf = (field: FormField): string | undefined => {
    const key = `checklists.${checklistId}.inputs.${field.name}.hint`;
    return i18next.exists(key) ? t(key as never) : undefined;
  };
  const problemOf = (path: string): string | undefined => {
    const problem = problems.get(path);
    return problem === undefined ? undefined : wordingText(problem, t);
  };

  /** The field a problem's path names, with the words of its label; a record's field under its row's number. */
  const describePath = (path: string): { id: string; label: string } => {
    const [name, row, inner] = path.split('.');
    const field = fields.find((candidate) => candidate.name === name);
    if (field === undefined) return { id: idOf(fields[0]?.name ?? ''), label: path };
    if (field.widget === 'records' && row !== undefined) {
      const innerField = field.fields.find((candidate) => candidate.name === inner);
      const prefix = rowLabel(t, checklistId, field.name, Number(row) + 1);
      return innerField === undefined ? { id: idOf(`${name}.${row}.${field.fields[0]?.name ?? ''}`), label: prefix } : { id: controlId(innerField, `${name}.${row}.${inner}`), label: `${prefix}: ${labelOf(innerField)}` };
    }
    return { id: field.widget === 'records' ? `${idOf(field.name)}-add` : controlId(field, field.name), label: labelOf(field) };
  };
  const controlId = (field: FormField, path: string): string => (field.widget === 'checkboxes' ? `${idOf(path)}-0` : idOf(path));

  const showProblems = (found: Map<string, Wording>): void => {
    setProblems(found);
    focusSummary.current = found.size > 0;
  };

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const inputs = inputsOf(fields, values as FormValues);
    const parsed = checklistInputSchemas[checklistId].safeParse(inputs);
    if (!parsed.success) {
      showProblems(new Map(fieldErrorsOf(parsed.error).map((problem) => [problem.field, problem])));
      return;
    }
    showProblems(new Map());
    setStarting(true);
    try {
      const run = await request('checklists:start', { checklistId, inputs });
      await invalidate('checklists:runs');
      await navigate({ to: '/checklists/runs/$runId', params: { runId: run.id } });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fieldProblems = error.error.fields ?? [];
      if (fieldProblems.length > 0) showProblems(new Map(fieldProblems.map((problem) => [problem.field, problem])));
      else setFailure(error.error);
    } finally {
      setStarting(false);
    }
  });

  const summaryItems = [...problems].map(([path, problem]) => ({ ...describePath(path), message: wordingText(problem, t) }));
  const props = { register, control, checklistId, idOf, labelOf, hintOf, problemOf };

  return (
    <form className="checklist-form" onSubmit={(event) => void submit(event)} noValidate>
      {blockers.length === 0 ? null : (
        <div className="warning" role="alert">
          <p>{t('checklistsPage.form.blocked')}</p>
          <ul>
            {blockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </div>
      )}
      {notes.length === 0 ? null : (
        <div className="notice">
          <p>{t('checklistsPage.form.notes')}</p>
          <ul>
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorSummary ref={summary} items={summaryItems} title={t('checklistsPage.form.summary', { count: summaryItems.length })} />
      {fields.map((field) => (
        <FieldControl key={field.name} field={field} path={field.name} {...props} />
      ))}
      {failure === null ? null : <ErrorMessage error={failure} />}
      <p className="field-hint">{t('checklistsPage.form.nothingSent')}</p>
      <p className="form-actions">
        <button type="submit" className="primary" disabled={starting || blockers.length > 0}>
          {starting ? t('checklistsPage.form.starting') : t('checklistsPage.form.submit')}
        </button>
        <Link to="/checklists">{t('common.cancel')}</Link>
      </p>
    </form>
  );
}

interface ControlProps {
  field: FormField;
  path: string;
  register: UseFormRegister<FieldValues>;
  control: Control<FieldValues>;
  checklistId: ChecklistId;
  idOf: (path: string) => string;
  labelOf: (field: FormField) => string;
  hintOf: (field: FormField) => string | undefined;
  problemOf: (path: string) => string | undefined;
}

/** One input of the form, labelled, with its hint and its problem on it. */
function FieldControl(props: ControlProps) {
  const { t } = useTranslation();
  const { field, path, register, control, idOf, labelOf, hintOf, problemOf } = props;
  const id = idOf(path);
  const label = labelOf(field);
  const hint = hintOf(field);
  const problem = problemOf(path);
  const describedBy = [hint === undefined ? null : `${id}-hint`, problem === undefined ? null : `${id}-error`].filter((part) => part !== null).join(' ') || undefined;
  const marker = field.required ? null : <span className="muted"> ({t('checklistsPage.form.optional')})</span>;
  const hintLine = hint === undefined ? null : <p id={`${id}-hint`} className="field-hint">{hint}</p>;
  const problemLine = problem === undefined ? null : <p id={`${id}-error`} className="field-error">{problem}</p>;

  if (field.widget === 'records') return <RecordsControl {...props} />;
  if (field.widget === 'checkboxes') {
    return (
      <fieldset className="field choice-group" aria-describedby={describedBy} aria-invalid={problem !== undefined}>
        <legend>
          {label}
          {marker}
        </legend>
        {hintLine}
        {problemLine}
        {field.choices.length === 0 ? <p className="muted">{t('checklistsPage.form.noChoices')}</p> : null}
        <Controller
          control={control}
          name={path}
          render={({ field: controlled }) => {
            const picked = new Set(Array.isArray(controlled.value) ? (controlled.value as string[]) : []);
            return (
              <div className={field.choices.length > 6 ? 'choices choices-many' : 'choices'}>
                {field.choices.map((choice, index) => {
                  const value = String(choice.value);
                  const choiceId = `${id}-${index}`;
                  return (
                    <div key={value} className="choice">
                      <input
                        type="checkbox"
                        id={choiceId}
                        checked={picked.has(value)}
                        onChange={(event) => {
                          const next = new Set(picked);
                          if (event.target.checked) next.add(value);
                          else next.delete(value);
                          controlled.onChange(field.choices.map((entry) => String(entry.value)).filter((entry) => next.has(entry)));
                        }}
                        onBlur={controlled.onBlur}
                        aria-describedby={choice.hint === undefined || field.name === 'privileges' ? undefined : `${choiceId}-hint`}
                      />
                      <label htmlFor={choiceId}>{choiceLabel(field.name, choice, t)}</label>
                      {choice.hint === undefined || field.name === 'privileges' ? null : (
                        <span id={`${choiceId}-hint`} className="field-hint">
                          {choice.hint}
                        </span>
                      )}
                    </div>
                  );
                })}
              </div>
            );
          }}
        />
      </fieldset>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {marker}
      </label>
      {hintLine}
      {problemLine}
      {field.widget === 'select' ? (
        <select id={id} {...register(path)} aria-invalid={problem !== undefined} aria-describedby={describedBy}>
          <option value="">{field.required ? t('checklistsPage.form.choose') : t('checklistsPage.form.none')}</option>
          {field.choices.map((choice) => (
            <option key={String(choice.value)} value={String(choice.value)}>
              {choiceLabel(field.name, choice, t)}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          {...register(path)}
          inputMode={field.widget === 'number' ? 'numeric' : undefined}
          maxLength={field.maxLength === undefined ? 2000 : field.maxLength + 100}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem !== undefined}
          aria-describedby={describedBy}
          className={field.widget === 'number' ? 'narrow' : undefined}
        />
      )}
    </div>
  );
}

/** A list of records (the notifications): one row each, with add and remove. */
function RecordsControl(props: ControlProps) {
  const { t } = useTranslation();
  const { field, path, control, idOf, labelOf, hintOf, problemOf } = props;
  const { fields: rows, append, remove } = useFieldArray({ control, name: path });
  const id = idOf(path);
  const hint = hintOf(field);
  const problem = problemOf(path);
  return (
    <fieldset className="field records" aria-describedby={[hint === undefined ? null : `${id}-hint`, problem === undefined ? null : `${id}-error`].filter((part) => part !== null).join(' ') || undefined}>
      <legend>{labelOf(field)}</legend>
      {hint === undefined ? null : (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {problem === undefined ? null : (
        <p id={`${id}-error`} className="field-error">
          {problem}
        </p>
      )}
      <ol className="record-rows">
        {rows.map((row, index) => (
          <li key={row.id} className="record-row">
            <fieldset>
              <legend>{rowLabel(t, props.checklistId, field.name, index + 1)}</legend>
              {field.fields.map((inner) => (
                <FieldControl key={inner.name} {...props} field={inner} path={`${path}.${index}.${inner.name}`} />
              ))}
              <p className="form-actions">
                <button type="button" onClick={() => remove(index)}>
                  {t('checklistsPage.form.removeRow', { row: rowLabel(t, props.checklistId, field.name, index + 1) })}
                </button>
              </p>
            </fieldset>
          </li>
        ))}
      </ol>
      <p className="form-actions">
        <button type="button" id={`${id}-add`} onClick={() => append(emptyRecord(field) as FormRecord)}>
          {i18next.exists(`checklists.${props.checklistId}.inputs.${field.name}.add`) ? t(`checklists.${props.checklistId}.inputs.${field.name}.add` as never) : t('checklistsPage.form.addRow')}
        </button>
      </p>
    </fieldset>
  );
}

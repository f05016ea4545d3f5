import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../../../shared/fieldErrors';
import { unitDraftSchema, type UnitDraft, type UnitRow } from '../../../../shared/organizations';
import type { AppError, FieldError } from '../../../../shared/result';
import { ApiError, request } from '../../lib/query';
import { ReviewDialog } from '../../ui/ReviewDialog';
import { FormDialog, refusalOnForm } from '../../ui/FormDialog';
import { useFormProblems } from '../../ui/useFormProblems';
import { Field } from '../../ui/Field';

interface FormValues {
  name: string;
  contactEmails: string;
  address1: string;
  city: string;
  stateOrProvince: string;
  postalCode: string;
  country: string;
  sslCertsApiEnabled: boolean;
  clientCertsApiEnabled: boolean;
}

function valuesOf(unit: UnitRow, creating: boolean): FormValues {
  return {
    name: creating ? '' : unit.name,
    contactEmails: creating ? '' : unit.contactEmails.join('\n'),
    address1: unit.address1 ?? '',
    city: unit.city ?? '',
    stateOrProvince: unit.stateOrProvince ?? '',
    postalCode: unit.postalCode ?? '',
    country: unit.country ?? '',
    sslCertsApiEnabled: creating ? false : unit.sslApi === true,
    clientCertsApiEnabled: creating ? false : unit.clientApi === true,
  };
}

function draftOf(values: FormValues): UnitDraft | FieldError[] {
  const parsed = unitDraftSchema.safeParse({
    ...values,
    contactEmails: values.contactEmails.split(/[\n,;]/).map((email) => email.trim()).filter((email) => email !== ''),
  });
  if (parsed.success) return parsed.data;
  return fieldErrorsOf(parsed.error).map((field) => ({ ...field, field: field.field.split('.')[0] || 'name' }));
}

/**
 * A new department of an organization (`parent`), or an edit of a unit
 * (`unit`): a form, a review of what will be sent, one confirm. SCM's needs
 * are checked in main and land on their fields.
 */
export function UnitEditor({ unit, creating, onClose, onDone }: { unit: UnitRow; creating: boolean; onClose: () => void; onDone: (row: UnitRow) => void }) {
  const { t } = useTranslation();
  const form = useForm<FormValues>({ defaultValues: valuesOf(unit, creating) });
  const [stage, setStage] = useState<'form' | 'review'>('form');
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [sending, setSending] = useState(false);
  const base = useId();
  const idOf = (name: string) => `${base}-${name}`;
  const title = creating ? t('organizations.form.createTitle', { name: unit.name }) : t('organizations.form.editTitle', { name: unit.name });

  const labels: Record<string, string> = {
    name: t('organizations.form.name'),
    contactEmails: t('organizations.form.contactEmails'),
    address1: t('organizations.form.address1'),
    city: t('organizations.form.city'),
    stateOrProvince: t('organizations.form.stateOrProvince'),
    postalCode: t('organizations.form.postalCode'),
    country: t('organizations.form.country'),
  };
  const { errorOf, items, summary, show } = useFormProblems(labels, idOf);
  const failed = (found: FieldError[]): void => {
    show(found);
    setStage('form');
  };

  const review = (): void => {
    setRefusal(null);
    const draft = draftOf(form.getValues());
    if (Array.isArray(draft)) failed(draft);
    else {
      show([]);
      setStage('review');
    }
  };

  const send = async (): Promise<void> => {
    const draft = draftOf(form.getValues());
    if (Array.isArray(draft)) return failed(draft);
    setSending(true);
    setRefusal(null);
    try {
      onDone(creating ? await request('organizations:createDepartment', { parentId: unit.id, draft }) : await request('organizations:update', { id: unit.id, draft }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const { fields, unplaced } = refusalOnForm(error.error, (field) => labels[field] !== undefined);
      if (fields.length > 0) failed(fields.map((field) => ({ ...field, field: field.field.split('.')[0]! })));
      if (unplaced) setRefusal(error.error);
    } finally {
      setSending(false);
    }
  };

  if (stage === 'review') {
    const draft = draftOf(form.getValues()) as UnitDraft;
    const before = valuesOf(unit, creating);
    const onOff = (value: boolean) => (value ? t('organizations.on') : t('organizations.off'));
    const lines: { label: string; value: string; was: string }[] = [
      { label: labels.name!, value: draft.name, was: before.name },
      { label: labels.contactEmails!, value: draft.contactEmails.join(', '), was: before.contactEmails.split('\n').filter((line) => line !== '').join(', ') },
      { label: labels.address1!, value: draft.address1, was: before.address1 },
      { label: labels.city!, value: draft.city, was: before.city },
      { label: labels.stateOrProvince!, value: draft.stateOrProvince, was: before.stateOrProvince },
      { label: labels.postalCode!, value: draft.postalCode, was: before.postalCode },
      { label: labels.country!, value: draft.country.toUpperCase(), was: before.country.toUpperCase() },
      { label: t('organizations.form.sslApi'), value: onOff(draft.sslCertsApiEnabled), was: onOff(before.sslCertsApiEnabled) },
      { label: t('organizations.form.clientApi'), value: onOff(draft.clientCertsApiEnabled), was: onOff(before.clientCertsApiEnabled) },
    ].filter((line) => (creating ? line.value !== '' : line.value !== line.was));
    return (
      <ReviewDialog
        title={title}
        lead={lines.length === 0 ? t('organizations.form.noChanges') : t('organizations.form.reviewLead')}
        lines={lines.map((line) => (creating ? { label: line.label, value: line.value } : line))}
        wasText={(value) => t('organizations.form.was', { value })}
        confirmLabel={creating ? t('organizations.form.create') : t('organizations.form.save')}
        backLabel={t('organizations.form.back')}
        sendingLabel={t('organizations.form.sending')}
        sending={sending}
        error={refusal}
        onSend={() => void send()}
        onBack={() => setStage('form')}
        onClose={onClose}
      />
    );
  }

  const text = (name: keyof FormValues, hint?: string) => (
    <Field id={idOf(name)} label={labels[name]!} hint={hint} error={errorOf(name)}>
      {(describedBy, invalid) => <input id={idOf(name)} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} {...form.register(name)} />}
    </Field>
  );

  return (
    <FormDialog
      title={title}
      formId={`${base}-form`}
      className="unit-form"
      submitLabel={t('organizations.form.review')}
      problemsTitle={t('organizations.form.problems')}
      summary={summary}
      items={items}
      refusal={refusal}
      onClose={onClose}
      onSubmit={review}
    >
        {text('name')}
        <Field id={idOf('contactEmails')} label={labels.contactEmails!} hint={t('organizations.form.contactEmailsHint')} error={errorOf('contactEmails')}>
          {(describedBy, invalid) => <textarea id={idOf('contactEmails')} rows={3} autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} {...form.register('contactEmails')} />}
        </Field>
        <p className="field-hint">{t('organizations.form.addressHint')}</p>
        {text('address1')}
        <div className="field-row">
          {text('postalCode')}
          {text('city')}
        </div>
        <div className="field-row">
          {text('stateOrProvince')}
          {text('country', t('organizations.form.countryHint'))}
        </div>
        <fieldset className="field">
          <legend>{t('organizations.form.api')}</legend>
          <label className="checkbox">
            <input type="checkbox" {...form.register('sslCertsApiEnabled')} /> {t('organizations.form.sslApi')}
          </label>
          <label className="checkbox">
            <input type="checkbox" {...form.register('clientCertsApiEnabled')} /> {t('organizations.form.clientApi')}
          </label>
        </fieldset>
    </FormDialog>
  );
}

import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { notifyRoleValues } from '../../../../shared/checklists';
import { fieldErrorsOf } from '../../../../shared/fieldErrors';
import { isExpiryType, notificationDraftProblems, notificationDraftSchema, orgScopeValues, type NotificationDraft, type NotificationRow } from '../../../../shared/notifications';
import type { AppError, FieldError } from '../../../../shared/result';
import { i18next } from '../../lib/i18n';
import { ApiError, request } from '../../lib/query';
import { FormDialog, refusalOnForm } from '../../ui/FormDialog';
import { useFormProblems } from '../../ui/useFormProblems';
import { Field } from '../../ui/Field';
import { ReviewDialog, type ReviewLine } from '../../ui/ReviewDialog';

interface FormValues {
  description: string;
  type: string;
  active: boolean;
  selectedOrgType: (typeof orgScopeValues)[number];
  orgIds: string[];
  notifyRoles: string[];
  recipients: string;
  days: string;
}

/** A notification type in words, or its code. */
export function typeText(code: string): string {
  const key = `notifications.types.${code}`;
  return i18next.exists(key) ? i18next.t(key as never) : code;
}

function valuesOf(rule: NotificationRow | undefined): FormValues {
  return {
    description: rule?.description ?? '',
    type: rule?.type ?? '',
    active: rule?.active ?? true,
    selectedOrgType: ((orgScopeValues as readonly string[]).includes(rule?.selectedOrgType ?? '') ? rule!.selectedOrgType : 'SELECTED') as FormValues['selectedOrgType'],
    orgIds: (rule?.orgIds ?? []).map(String),
    notifyRoles: rule?.notifyRoles ?? [],
    recipients: (rule?.recipients ?? []).map((recipient) => recipient.value).join('\n'),
    days: rule?.days === null || rule?.days === undefined ? '' : String(rule.days),
  };
}

function recipientOf(value: string): { type: 'EMAIL' | 'SLACK' | 'TEAMS' | 'WEBHOOK'; value: string } {
  if (!/^https:\/\//i.test(value)) return { type: 'EMAIL', value };
  if (/hooks\.slack\.com/i.test(value)) return { type: 'SLACK', value };
  if (/(webhook\.office\.com|\.logic\.azure\.com)/i.test(value)) return { type: 'TEAMS', value };
  return { type: 'WEBHOOK', value };
}

/** The draft, or every field's problem: the contract's limits first, then what SCM needs. */
function draftOf(values: FormValues): NotificationDraft | FieldError[] {
  const parsed = notificationDraftSchema.safeParse({
    description: values.description,
    type: values.type,
    active: values.active,
    selectedOrgType: values.selectedOrgType,
    orgIds: values.selectedOrgType === 'ANY' ? [] : values.orgIds.map(Number),
    notifyRoles: values.notifyRoles,
    recipients: values.recipients.split(/\n/).map((line) => line.trim()).filter((line) => line !== '').map(recipientOf),
    days: !isExpiryType(values.type) || values.days.trim() === '' ? null : /^\d{1,3}$/.test(values.days.trim()) ? Number(values.days.trim()) : -1,
  });
  if (!parsed.success) return fieldErrorsOf(parsed.error).map((field) => ({ ...field, field: field.field.split('.')[0] || 'description' }));
  const problems = notificationDraftProblems(parsed.data);
  return problems.length > 0 ? problems : parsed.data;
}

interface EditorProps {
  rule?: NotificationRow;
  types: readonly string[];
  units: readonly { id: number; name: string; parentId: number | null }[];
  onClose: () => void;
  onDone: (row: NotificationRow) => void;
}

/** A notification rule made or changed: a form, a review of what will be sent, one confirm. */
export function NotificationEditor({ rule, types, units, onClose, onDone }: EditorProps) {
  const { t } = useTranslation();
  const form = useForm<FormValues>({ defaultValues: valuesOf(rule) });
  const [stage, setStage] = useState<'form' | 'review'>('form');
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [sending, setSending] = useState(false);
  const base = useId();
  const idOf = (name: string) => `${base}-${name}`;
  const type = form.watch('type');
  const scope = form.watch('selectedOrgType');
  const title = rule === undefined ? t('notifications.form.createTitle') : t('notifications.form.editTitle', { description: rule.description });
  const labels: Record<string, string> = {
    description: t('notifications.form.description'),
    type: t('notifications.form.type'),
    selectedOrgType: t('notifications.form.scope'),
    orgIds: t('notifications.form.orgIds'),
    notifyRoles: t('notifications.form.roles'),
    recipients: t('notifications.form.recipients'),
    days: t('notifications.form.days'),
  };
  const { errorOf, items, summary, show } = useFormProblems(labels, idOf);
  const failed = (found: FieldError[]): void => {
    show(found);
    setStage('form');
  };

  const send = async (): Promise<void> => {
    const draft = draftOf(form.getValues());
    if (Array.isArray(draft)) return failed(draft);
    setSending(true);
    setRefusal(null);
    try {
      onDone(rule === undefined ? await request('notifications:create', { draft }) : await request('notifications:update', { id: rule.id, draft }));
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
    const draft = draftOf(form.getValues()) as NotificationDraft;
    const unitName = (id: number) => units.find((unit) => unit.id === id)?.name ?? `#${id}`;
    const describe = (value: NotificationDraft | NotificationRow): string[] => [
      value.description,
      `${typeText(value.type)} (${value.type})`,
      value.active ? t('notifications.active') : t('notifications.inactive'),
      value.selectedOrgType === 'ANY' || value.selectedOrgType === null ? t('notifications.scope.ANY') : value.orgIds.map(unitName).join(', '),
      [...value.notifyRoles.map((role) => t(`notifications.roles.${role}` as never)), ...value.recipients.map((recipient) => recipient.value)].join(', '),
      value.days === null ? '' : String(value.days),
    ];
    const now = describe(draft);
    const before = rule === undefined ? undefined : describe(rule);
    const names = [t('notifications.columns.description'), t('notifications.columns.type'), t('notifications.columns.state'), t('notifications.columns.scope'), t('notifications.columns.recipients'), t('notifications.columns.days')];
    const lines: ReviewLine[] = names.flatMap((label, index) => (before === undefined ? (now[index] === '' ? [] : [{ label, value: now[index]! }]) : now[index] === before[index] ? [] : [{ label, value: now[index]!, was: before[index]! }]));
    return (
      <ReviewDialog
        title={title}
        lead={lines.length === 0 ? t('notifications.form.noChanges') : t('notifications.form.reviewLead')}
        lines={lines}
        wasText={(value) => t('notifications.form.was', { value })}
        confirmLabel={rule === undefined ? t('notifications.form.createConfirm') : t('notifications.form.saveConfirm')}
        backLabel={t('notifications.form.back')}
        sendingLabel={t('notifications.form.sending')}
        sending={sending}
        error={refusal}
        onSend={() => void send()}
        onBack={() => setStage('form')}
        onClose={onClose}
      />
    );
  }

  return (
    <FormDialog
      title={title}
      formId={`${base}-form`}
      className="notification-form"
      submitLabel={t('notifications.form.review')}
      problemsTitle={t('notifications.form.problems')}
      summary={summary}
      items={items}
      refusal={refusal}
      onClose={onClose}
      onSubmit={() => {
        setRefusal(null);
        const draft = draftOf(form.getValues());
        if (Array.isArray(draft)) failed(draft);
        else {
          show([]);
          setStage('review');
        }
      }}
    >
        <Field id={idOf('description')} label={labels.description!} hint={t('notifications.form.descriptionHint')} error={errorOf('description')}>
          {(describedBy, invalid) => <input id={idOf('description')} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} {...form.register('description')} />}
        </Field>
        <Field id={idOf('type')} label={labels.type!} hint={rule === undefined ? undefined : t('notifications.form.typeFixed')} error={errorOf('type')}>
          {(describedBy, invalid) => (
            <select id={idOf('type')} disabled={rule !== undefined} aria-describedby={describedBy} aria-invalid={invalid} {...form.register('type')}>
              <option value="">{t('notifications.form.chooseType')}</option>
              {[...new Set([...types, ...(rule === undefined ? [] : [rule.type])])].map((code) => (
                <option key={code} value={code}>
                  {typeText(code)} ({code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" {...form.register('active')} /> {t('notifications.form.active')}
        </label>
        <Field id={idOf('selectedOrgType')} label={labels.selectedOrgType!} error={errorOf('selectedOrgType')}>
          {(describedBy, invalid) => (
            <select id={idOf('selectedOrgType')} aria-describedby={describedBy} aria-invalid={invalid} {...form.register('selectedOrgType')}>
              {orgScopeValues.map((value) => (
                <option key={value} value={value}>
                  {t(`notifications.scope.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {scope === 'ANY' ? null : (
          <fieldset className="field" aria-describedby={errorOf('orgIds') === undefined ? undefined : `${idOf('orgIds')}-error`}>
            <legend id={idOf('orgIds')} tabIndex={-1}>
              {labels.orgIds}
            </legend>
            {errorOf('orgIds') === undefined ? null : (
              <p id={`${idOf('orgIds')}-error`} className="field-error">
                {errorOf('orgIds')}
              </p>
            )}
            {units.map((unit) => (
              <label key={unit.id} className="checkbox">
                <input type="checkbox" value={String(unit.id)} {...form.register('orgIds')} /> {unit.parentId === null ? unit.name : `— ${unit.name}`}
              </label>
            ))}
          </fieldset>
        )}
        <fieldset className="field" aria-describedby={errorOf('recipients') === undefined ? undefined : `${idOf('recipients')}-error`}>
          <legend id={idOf('notifyRoles')} tabIndex={-1}>
            {labels.notifyRoles}
          </legend>
          <div className="role-grid">
            {notifyRoleValues.map((role) => (
              <label key={role} className="checkbox">
                <input type="checkbox" value={role} {...form.register('notifyRoles')} /> {t(`notifications.roles.${role}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <Field id={idOf('recipients')} label={labels.recipients!} hint={t('notifications.form.recipientsHint')} error={errorOf('recipients')}>
          {(describedBy, invalid) => <textarea id={idOf('recipients')} rows={3} autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} {...form.register('recipients')} />}
        </Field>
        {isExpiryType(type) || errorOf('days') !== undefined ? (
          <Field id={idOf('days')} label={labels.days!} hint={t('notifications.form.daysHint')} error={errorOf('days')}>
            {(describedBy, invalid) => <input id={idOf('days')} inputMode="numeric" className="days" aria-describedby={describedBy} aria-invalid={invalid} {...form.register('days')} />}
          </Field>
        ) : null}
    </FormDialog>
  );
}

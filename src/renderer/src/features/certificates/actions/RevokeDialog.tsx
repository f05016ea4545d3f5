import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { revocationReasonCodes, type RevocationReasonCode } from '../../../../../shared/certificates';
import type { AppError } from '../../../../../shared/result';
import { request } from '../../../lib/query';
import { Field } from '../../../ui/Field';
import { ActionDialogShell, placeRefusal, summaryOf, useFormIds } from './form';
import { nameOf, type ActionDialogProps } from './types';

interface Values {
  reasonCode: string;
  reason: string;
  confirm: string;
}

/** A reason code's value in a select, `''` until one is chosen. */
export function reasonCodeOf(value: string): RevocationReasonCode | undefined {
  return revocationReasonCodes.find((code) => String(code) === value);
}

/** The select of RFC 5280 reasons SCM accepts, each in words. */
export function ReasonCodeSelect<V extends { reasonCode: string }>({ id, describedBy, invalid, register }: { id: string; describedBy: string | undefined; invalid: boolean; register: UseFormRegister<V> }) {
  const { t } = useTranslation();
  const name = 'reasonCode' as Parameters<UseFormRegister<V>>[0];
  return (
    <select id={id} aria-describedby={describedBy} aria-invalid={invalid} className="cert-wide-select" {...register(name)}>
      <option value="">{t('certificateActions.revoke.choose')}</option>
      {revocationReasonCodes.map((code) => (
        <option key={code} value={String(code)}>
          {t(`certificateActions.revoke.reasons.r${code}`)}
        </option>
      ))}
    </select>
  );
}

/**
 * Revokes a certificate at the CA. The reason code is chosen from the five
 * SCM accepts, each explained; an SSL certificate needs a reason in words too;
 * the button works once the common name has been typed again.
 */
export function RevokeDialog({ certificate, onClose, onDone }: ActionDialogProps) {
  const { t } = useTranslation();
  const ids = useFormIds();
  const [failure, setFailure] = useState<AppError | null>(null);
  const reasonNeeded = certificate.kind === 'ssl';
  // The name main checks the typed one against: the common name, else the first name, else the id.
  const name = nameOf(certificate);
  const schema = useMemo(
    () =>
      z
        .object({ reasonCode: z.string(), reason: z.string(), confirm: z.string() })
        .superRefine((values, context) => {
          const problem = (path: keyof Values, message: string) => context.addIssue({ code: 'custom', path: [path], message });
          if (reasonCodeOf(values.reasonCode) === undefined) problem('reasonCode', t('certificateActions.revoke.errors.reasonCode'));
          if (reasonNeeded && values.reason.trim() === '') problem('reason', t('certificateActions.revoke.errors.reason'));
          else if (values.reason.length > 512) problem('reason', t('certificateActions.revoke.errors.reasonLong'));
          if (values.confirm !== name) problem('confirm', t('certificateActions.revoke.errors.confirm'));
        }),
    [t, reasonNeeded, name],
  );
  const { register, handleSubmit, watch, setError, formState } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { reasonCode: '', reason: '', confirm: '' }, shouldFocusError: false });
  const matches = watch('confirm') === name;
  const chosen = reasonCodeOf(watch('reasonCode'));

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      onDone(await request('certificates:act', { action: 'revoke', key: certificate.key, reasonCode: reasonCodeOf(values.reasonCode)!, reason: values.reason.trim(), confirm: values.confirm }));
    } catch (error) {
      setFailure(placeRefusal<Values>(error, { reasonCode: 'reasonCode', reason: 'reason', confirm: 'confirm' }, setError, t));
      ids.focusSummary();
    }
  }, ids.focusSummary);

  const labels = { reasonCode: t('certificateActions.revoke.reasonCode'), reason: t('certificateActions.revoke.reason'), confirm: t('certificateActions.revoke.confirm', { name }) };
  const order = (['reasonCode', 'reason', 'confirm'] as const).map((name) => ({ name, id: ids.idOf(name), label: name === 'confirm' ? t('certificateActions.revoke.confirmShort') : labels[name] }));

  return (
    <ActionDialogShell
      title={t('certificateActions.revoke.title', { name })}
      formId={ids.formId}
      lead={<p className="confirm">{t('certificateActions.revoke.lead')}</p>}
      submitLabel={t('certificateActions.revoke.submit')}
      busyLabel={t('certificateActions.revoke.busy')}
      busy={formState.isSubmitting}
      danger
      submitDisabled={!matches}
      summary={summaryOf(formState.errors, order)}
      summaryRef={ids.summary}
      failure={failure}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
    >
      <Field
        id={ids.idOf('reasonCode')}
        label={labels.reasonCode}
        hint={chosen === undefined ? t('certificateActions.revoke.reasonCodeHint') : t(`certificateActions.revoke.explain.r${chosen}`)}
        error={formState.errors.reasonCode?.message}
      >
        {(describedBy, invalid) => <ReasonCodeSelect<Values> id={ids.idOf('reasonCode')} describedBy={describedBy} invalid={invalid} register={register} />}
      </Field>
      <Field
        id={ids.idOf('reason')}
        label={reasonNeeded ? labels.reason : t('certificateActions.revoke.reasonOptional')}
        hint={reasonNeeded ? t('certificateActions.revoke.reasonHintSsl') : t('certificateActions.revoke.reasonHintSmime')}
        error={formState.errors.reason?.message}
      >
        {(describedBy, invalid) => <input id={ids.idOf('reason')} maxLength={600} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} {...register('reason')} />}
      </Field>
      <Field id={ids.idOf('confirm')} label={labels.confirm} hint={t('certificateActions.revoke.confirmHint')} error={formState.errors.confirm?.message}>
        {(describedBy, invalid) => <input id={ids.idOf('confirm')} autoComplete="off" spellCheck={false} maxLength={256} aria-describedby={describedBy} aria-invalid={invalid} {...register('confirm')} />}
      </Field>
      <p className="field-hint" aria-live="polite">
        {matches ? t('certificateActions.revoke.confirmed') : ''}
      </p>
    </ActionDialogShell>
  );
}

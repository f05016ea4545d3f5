import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { AppError } from '../../../../../shared/result';
import { request } from '../../../lib/query';
import { Field } from '../../../ui/Field';
import { ActionDialogShell, placeRefusal, summaryOf, useFormIds } from './form';
import { nameOf, type ActionDialogProps } from './types';

interface Values {
  message: string;
}

/** Approves or declines a requested certificate, with the message SCM keeps with the decision. */
export function MessageDialog({ certificate, onClose, onDone, action }: ActionDialogProps & { action: 'approve' | 'decline' }) {
  const { t } = useTranslation();
  const ids = useFormIds();
  const [failure, setFailure] = useState<AppError | null>(null);
  const schema = useMemo(
    () =>
      z.object({
        message: z
          .string()
          .trim()
          .min(1, t(`certificateActions.${action}.errors.message`))
          .max(512, t('certificateActions.form.tooLong', { maximum: 512 })),
      }),
    [t, action],
  );
  const { register, handleSubmit, setError, formState } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { message: '' }, shouldFocusError: false });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      onDone(await request('certificates:act', { action, key: certificate.key, message: values.message.trim() }));
    } catch (error) {
      setFailure(placeRefusal<Values>(error, { message: 'message' }, setError, t));
      ids.focusSummary();
    }
  }, ids.focusSummary);

  const label = t(`certificateActions.${action}.message`);
  return (
    <ActionDialogShell
      title={t(`certificateActions.${action}.title`, { name: nameOf(certificate) })}
      formId={ids.formId}
      lead={<p>{t(`certificateActions.${action}.lead`)}</p>}
      submitLabel={t(`certificateActions.${action}.submit`)}
      busyLabel={t(`certificateActions.${action}.busy`)}
      busy={formState.isSubmitting}
      danger={action === 'decline'}
      summary={summaryOf(formState.errors, [{ name: 'message', id: ids.idOf('message'), label }])}
      summaryRef={ids.summary}
      failure={failure}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
    >
      <Field id={ids.idOf('message')} label={label} hint={t(`certificateActions.${action}.messageHint`)} error={formState.errors.message?.message}>
        {(describedBy, invalid) => <textarea id={ids.idOf('message')} rows={3} maxLength={600} aria-describedby={describedBy} aria-invalid={invalid} {...register('message')} />}
      </Field>
    </ActionDialogShell>
  );
}

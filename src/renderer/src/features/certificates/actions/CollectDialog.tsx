import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { collectFormatValues, type CollectFormat } from '../../../../../shared/certificates';
import type { AppError } from '../../../../../shared/result';
import { request } from '../../../lib/query';
import { Field } from '../../../ui/Field';
import { ActionDialogShell, placeRefusal, summaryOf, useFormIds } from './form';
import { nameOf, type ActionDialogProps } from './types';

const schema = z.object({ format: z.enum(collectFormatValues) });
type Values = z.infer<typeof schema>;

/** Collects an issued certificate from SCM in the format chosen and saves it. */
export function CollectDialog({ certificate, onClose, onDone }: ActionDialogProps) {
  const { t } = useTranslation();
  const ids = useFormIds();
  const [failure, setFailure] = useState<AppError | null>(null);
  const { register, handleSubmit, watch, setError, formState } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { format: 'chain' }, shouldFocusError: false });
  const format = watch('format') as CollectFormat;

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      onDone(await request('certificates:act', { action: 'collect', key: certificate.key, format: values.format }));
    } catch (error) {
      setFailure(placeRefusal<Values>(error, { format: 'format' }, setError, t));
      ids.focusSummary();
    }
  }, ids.focusSummary);

  const order = [{ name: 'format' as const, id: ids.idOf('format'), label: t('certificateActions.collect.format') }];
  return (
    <ActionDialogShell
      title={t('certificateActions.collect.title', { name: nameOf(certificate) })}
      formId={ids.formId}
      lead={<p>{t('certificateActions.collect.lead')}</p>}
      submitLabel={t('certificateActions.collect.submit')}
      busyLabel={t('certificateActions.collect.busy')}
      busy={formState.isSubmitting}
      summary={summaryOf(formState.errors, order)}
      summaryRef={ids.summary}
      failure={failure}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
    >
      <Field id={ids.idOf('format')} label={t('certificateActions.collect.format')} hint={t(`certificateActions.collect.explain.${format}`)} error={formState.errors.format?.message}>
        {(describedBy, invalid) => (
          <select id={ids.idOf('format')} aria-describedby={describedBy} aria-invalid={invalid} {...register('format')}>
            {collectFormatValues.map((value) => (
              <option key={value} value={value}>
                {t(`certificateActions.collect.formats.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </ActionDialogShell>
  );
}

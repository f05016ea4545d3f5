import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { keyTypeValues, type CsrSource } from '../../../../../shared/certificates';
import type { AppError } from '../../../../../shared/result';
import { request } from '../../../lib/query';
import { Field } from '../../../ui/Field';
import { ActionDialogShell, placeRefusal, summaryOf, useFormIds, useReveal } from './form';
import { nameOf, type ActionDialogProps } from './types';

type Mode = CsrSource['mode'];
type KeyType = (typeof keyTypeValues)[number];

interface Values {
  mode: Mode;
  csr: string;
  keyType: KeyType;
  passphrase: string;
  again: string;
  reason: string;
}

const csrPattern = /-----BEGIN (NEW )?CERTIFICATE REQUEST-----[\s\S]+-----END (NEW )?CERTIFICATE REQUEST-----/;
/** A passphrase long enough to protect a key file that may be copied anywhere. */
const minPassphrase = 8;

/** Where main's refusals point, in the form's names. */
const fieldMap = { csr: 'csr', 'csr.csr': 'csr', 'csr.keyType': 'keyType', 'csr.passphrase': 'passphrase', 'csr.mode': 'mode', reason: 'reason' } as const;

/**
 * Renews or replaces a certificate. The CSR comes from the same key (renewal
 * only), from a CSR pasted in, or from a new key made on this computer: that
 * key comes back encrypted with the passphrase typed here, to be saved, and
 * the console keeps no copy of it.
 */
export function CsrDialog({ certificate, onClose, onDone, action }: ActionDialogProps & { action: 'renew' | 'replace' }) {
  const { t } = useTranslation();
  const ids = useFormIds();
  const [failure, setFailure] = useState<AppError | null>(null);
  const [reveal, revealControl] = useReveal();
  // SCM renews a client certificate with the key it has; a new key means a replacement.
  const modes: readonly Mode[] = action === 'replace' ? ['paste', 'generate'] : certificate.kind === 'smime' ? ['same'] : ['same', 'paste', 'generate'];
  const schema = useMemo(
    () =>
      z
        .object({ mode: z.enum(['same', 'paste', 'generate']), csr: z.string(), keyType: z.enum(keyTypeValues), passphrase: z.string(), again: z.string(), reason: z.string() })
        .superRefine((values, context) => {
          const problem = (path: keyof Values, message: string) => context.addIssue({ code: 'custom', path: [path], message });
          if (values.mode === 'paste') {
            if (values.csr.trim() === '') problem('csr', t('certificateActions.csr.errors.csrMissing'));
            else if (!csrPattern.test(values.csr)) problem('csr', t('certificateActions.csr.errors.csrForm'));
            else if (values.csr.length > 32_767) problem('csr', t('certificateActions.csr.errors.csrLong'));
          }
          if (values.mode === 'generate') {
            if (values.passphrase.length < minPassphrase) problem('passphrase', t('certificateActions.csr.errors.passphrase', { minimum: minPassphrase }));
            else if (values.again !== values.passphrase) problem('again', t('certificateActions.csr.errors.again'));
          }
          if (action === 'replace') {
            if (values.reason.trim() === '') problem('reason', t('certificateActions.replace.errors.reason'));
            else if (values.reason.length > 512) problem('reason', t('certificateActions.replace.errors.reasonLong'));
          }
        }),
    [t, action],
  );
  const { register, handleSubmit, watch, setError, reset, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { mode: modes[0], csr: '', keyType: 'RSA-2048', passphrase: '', again: '', reason: '' },
    shouldFocusError: false,
  });
  const mode = watch('mode');

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const csr: CsrSource =
      values.mode === 'same' ? { mode: 'same' } : values.mode === 'paste' ? { mode: 'paste', csr: values.csr.trim() } : { mode: 'generate', keyType: values.keyType, passphrase: values.passphrase };
    try {
      const result = await request(
        'certificates:act',
        action === 'renew' ? { action: 'renew', key: certificate.key, csr } : { action: 'replace', key: certificate.key, csr, reason: values.reason.trim() },
      );
      reset();
      onDone(result);
    } catch (error) {
      setFailure(placeRefusal<Values>(error, fieldMap, setError, t));
      ids.focusSummary();
    }
  }, ids.focusSummary);

  const labels: Record<keyof Values, string> = {
    mode: t('certificateActions.csr.source'),
    csr: t('certificateActions.csr.csr'),
    keyType: t('certificateActions.csr.keyType'),
    passphrase: t('certificateActions.csr.passphrase'),
    again: t('certificateActions.csr.again'),
    reason: t('certificateActions.replace.reason'),
  };
  const shown: (keyof Values)[] = [
    ...(action === 'replace' ? (['reason'] as const) : []),
    'mode',
    ...(mode === 'paste' ? (['csr'] as const) : []),
    ...(mode === 'generate' ? (['keyType', 'passphrase', 'again'] as const) : []),
  ];
  const order = shown.map((name) => ({ name, id: name === 'mode' ? ids.idOf(`mode-${modes[0]}`) : ids.idOf(name), label: labels[name] }));
  const secret = (name: 'passphrase' | 'again', hint?: string) => (
    <Field id={ids.idOf(name)} label={labels[name]} hint={hint} error={formState.errors[name]?.message}>
      {(describedBy, invalid) => (
        <input id={ids.idOf(name)} type={reveal ? 'text' : 'password'} autoComplete="new-password" spellCheck={false} maxLength={1024} aria-describedby={describedBy} aria-invalid={invalid} {...register(name)} />
      )}
    </Field>
  );

  return (
    <ActionDialogShell
      title={t(`certificateActions.${action}.title`, { name: nameOf(certificate) })}
      formId={ids.formId}
      lead={<p>{t(`certificateActions.${action}.lead`)}</p>}
      submitLabel={t(`certificateActions.${action}.submit`)}
      busyLabel={t(`certificateActions.${action}.busy`)}
      busy={formState.isSubmitting}
      summary={summaryOf(formState.errors, order)}
      summaryRef={ids.summary}
      failure={failure}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
    >
      {action === 'replace' ? (
        <Field id={ids.idOf('reason')} label={labels.reason} hint={t('certificateActions.replace.reasonHint')} error={formState.errors.reason?.message}>
          {(describedBy, invalid) => <input id={ids.idOf('reason')} maxLength={600} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} {...register('reason')} />}
        </Field>
      ) : null}
      <fieldset className="field cert-choices">
        <legend>{labels.mode}</legend>
        {modes.map((value) => (
          <div key={value} className="cert-choice">
            <input type="radio" id={ids.idOf(`mode-${value}`)} value={value} aria-describedby={ids.idOf(`mode-${value}-hint`)} {...register('mode')} />
            <label htmlFor={ids.idOf(`mode-${value}`)}>{t(`certificateActions.csr.modes.${value}`)}</label>
            <p id={ids.idOf(`mode-${value}-hint`)} className="field-hint">
              {t(`certificateActions.csr.modeHints.${value}`)}
            </p>
          </div>
        ))}
      </fieldset>
      {mode === 'paste' ? (
        <Field id={ids.idOf('csr')} label={labels.csr} hint={t('certificateActions.csr.csrHint')} error={formState.errors.csr?.message}>
          {(describedBy, invalid) => <textarea id={ids.idOf('csr')} rows={8} spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} {...register('csr')} />}
        </Field>
      ) : null}
      {mode === 'generate' ? (
        <>
          <Field id={ids.idOf('keyType')} label={labels.keyType} hint={t('certificateActions.csr.keyTypeHint')} error={formState.errors.keyType?.message}>
            {(describedBy, invalid) => (
              <select id={ids.idOf('keyType')} aria-describedby={describedBy} aria-invalid={invalid} {...register('keyType')}>
                {keyTypeValues.map((value) => (
                  <option key={value} value={value}>
                    {t(`certificateActions.csr.keyTypes.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {secret('passphrase', t('certificateActions.csr.passphraseHint', { minimum: minPassphrase }))}
          {secret('again')}
          {revealControl}
          <p className="warning cert-key-warning">{t('certificateActions.csr.keyWarning')}</p>
        </>
      ) : null}
    </ActionDialogShell>
  );
}

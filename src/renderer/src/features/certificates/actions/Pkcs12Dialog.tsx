import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { AppError } from '../../../../../shared/result';
import { request } from '../../../lib/query';
import { Field } from '../../../ui/Field';
import { ActionDialogShell, placeRefusal, summaryOf, useFormIds, useReveal } from './form';
import { nameOf, type ActionDialogProps } from './types';

/** The most a key file may hold: a PEM key is a few kilobytes. */
const maxKeyFile = 64 * 1024;
const pemKey = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;
/** A key protected by a passphrase: PKCS#8's encrypted label, or the traditional PEM header. */
const encryptedKey = /BEGIN ENCRYPTED (?:PRIVATE) KEY|Proc-Type: 4,ENCRYPTED/;

interface Values {
  keyFile: string;
  keyFileName: string;
  keyPassphrase: string;
  password: string;
  again: string;
}

/**
 * Builds a PKCS#12 file of the certificate, its chain and the private key that
 * belongs to it: the key file is read here, in the page, and goes to main
 * once, with its passphrase; the .p12 comes back to be saved.
 */
export function Pkcs12Dialog({ certificate, onClose, onDone }: ActionDialogProps) {
  const { t } = useTranslation();
  const ids = useFormIds();
  const [failure, setFailure] = useState<AppError | null>(null);
  const [reveal, revealControl] = useReveal();
  const schema = useMemo(
    () =>
      z
        .object({ keyFile: z.string(), keyFileName: z.string(), keyPassphrase: z.string(), password: z.string(), again: z.string() })
        .superRefine((values, context) => {
          const problem = (path: keyof Values, message: string) => context.addIssue({ code: 'custom', path: [path], message });
          if (values.keyFileName === '') problem('keyFile', t('certificateActions.pkcs12.errors.keyFile'));
          else if (values.keyFile.length > maxKeyFile) problem('keyFile', t('certificateActions.pkcs12.errors.tooBig'));
          else if (!pemKey.test(values.keyFile)) problem('keyFile', t('certificateActions.pkcs12.errors.notKey'));
          if (encryptedKey.test(values.keyFile) && values.keyPassphrase === '') problem('keyPassphrase', t('certificateActions.pkcs12.errors.keyPassphrase'));
          if (values.password === '') problem('password', t('certificateActions.pkcs12.errors.password'));
          else if (values.again !== values.password) problem('again', t('certificateActions.pkcs12.errors.again'));
        }),
    [t],
  );
  const { register, handleSubmit, setValue, watch, setError, reset, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { keyFile: '', keyFileName: '', keyPassphrase: '', password: '', again: '' },
    shouldFocusError: false,
  });
  const keyFile = watch('keyFile');
  const keyFileName = watch('keyFileName');
  const encrypted = encryptedKey.test(keyFile);

  const chooseFile = async (file: File | undefined): Promise<void> => {
    if (file === undefined) {
      setValue('keyFileName', '');
      setValue('keyFile', '');
      return;
    }
    // A file far bigger than any key is not read at all.
    const text = file.size > maxKeyFile ? ' '.repeat(maxKeyFile + 1) : await file.text();
    setValue('keyFileName', file.name);
    setValue('keyFile', text, { shouldValidate: formState.isSubmitted });
  };

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const result = await request('certificates:act', {
        action: 'pkcs12',
        key: certificate.key,
        keyFile: values.keyFile,
        ...(encryptedKey.test(values.keyFile) ? { keyPassphrase: values.keyPassphrase } : {}),
        password: values.password,
      });
      reset();
      onDone(result);
    } catch (error) {
      setFailure(placeRefusal<Values>(error, { keyFile: 'keyFile', keyPassphrase: 'keyPassphrase', password: 'password' }, setError, t));
      ids.focusSummary();
    }
  }, ids.focusSummary);

  const labels = {
    keyFile: t('certificateActions.pkcs12.keyFile'),
    keyPassphrase: t('certificateActions.pkcs12.keyPassphrase'),
    password: t('certificateActions.pkcs12.password'),
    again: t('certificateActions.pkcs12.again'),
  };
  const order = (['keyFile', 'keyPassphrase', 'password', 'again'] as const).map((name) => ({ name, id: ids.idOf(name), label: labels[name] }));
  const secret = (name: 'keyPassphrase' | 'password' | 'again', hint?: string) => (
    <Field id={ids.idOf(name)} label={labels[name]} hint={hint} error={formState.errors[name]?.message}>
      {(describedBy, invalid) => (
        <input id={ids.idOf(name)} type={reveal ? 'text' : 'password'} autoComplete={name === 'keyPassphrase' ? 'off' : 'new-password'} spellCheck={false} maxLength={1024} aria-describedby={describedBy} aria-invalid={invalid} {...register(name)} />
      )}
    </Field>
  );

  return (
    <ActionDialogShell
      title={t('certificateActions.pkcs12.title', { name: nameOf(certificate) })}
      formId={ids.formId}
      lead={<p>{t('certificateActions.pkcs12.lead')}</p>}
      submitLabel={t('certificateActions.pkcs12.submit')}
      busyLabel={t('certificateActions.pkcs12.busy')}
      busy={formState.isSubmitting}
      summary={summaryOf(formState.errors, order)}
      summaryRef={ids.summary}
      failure={failure}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
    >
      <Field id={ids.idOf('keyFile')} label={labels.keyFile} hint={t('certificateActions.pkcs12.keyFileHint')} error={formState.errors.keyFile?.message}>
        {(describedBy, invalid) => (
          <input
            id={ids.idOf('keyFile')}
            type="file"
            accept=".key,.pem,.txt,application/x-pem-file"
            aria-describedby={[describedBy, keyFileName === '' ? undefined : ids.idOf('keyFileState')].filter((part) => part !== undefined).join(' ') || undefined}
            aria-invalid={invalid}
            onChange={(event) => void chooseFile(event.target.files?.[0])}
          />
        )}
      </Field>
      {keyFileName === '' ? null : (
        <p id={ids.idOf('keyFileState')} className="field-hint" aria-live="polite">
          {t('certificateActions.pkcs12.keyFileRead', { file: keyFileName, state: encrypted ? t('certificateActions.pkcs12.encrypted') : t('certificateActions.pkcs12.notEncrypted') })}
        </p>
      )}
      {encrypted ? secret('keyPassphrase', t('certificateActions.pkcs12.keyPassphraseHint')) : null}
      {secret('password', t('certificateActions.pkcs12.passwordHint'))}
      {secret('again')}
      {revealControl}
    </ActionDialogShell>
  );
}

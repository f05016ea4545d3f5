import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueOf } from '../../../../shared/contract';
import { domainCertTypeValues } from '../../../../shared/domains';
import type { AppError, FieldError } from '../../../../shared/result';
import { ApiError, request } from '../../lib/query';
import { Field } from '../../ui/Field';
import { FormDialog, refusalOnForm } from '../../ui/FormDialog';
import { ReviewDialog } from '../../ui/ReviewDialog';
import { useFormProblems } from '../../ui/useFormProblems';

const domainPattern = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A domain added with its wildcard entry, delegated to units: a form, a review, one confirm. */
export function AddDomainDialog({ units, onClose, onDone }: { units: readonly { id: number; name: string; parentId: number | null }[]; onClose: () => void; onDone: (added: ValueOf<'domains:add'>) => void }) {
  const { t } = useTranslation();
  const base = useId();
  const idOf = (name: string) => `${base}-${name}`;
  const [name, setName] = useState('');
  const [wildcard, setWildcard] = useState(true);
  const [orgIds, setOrgIds] = useState<number[]>([]);
  const [types, setTypes] = useState<string[]>(['SSL']);
  const [stage, setStage] = useState<'form' | 'review'>('form');
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [sending, setSending] = useState(false);
  const labels = { name: t('domains.addForm.name'), orgIds: t('domains.addForm.units'), certTypes: t('domains.addForm.types') };
  const { errorOf, items, summary, show } = useFormProblems(labels, idOf);
  const domain = name.trim().toLowerCase().replace(/\.$/, '');

  const problems = (): FieldError[] => {
    const found: FieldError[] = [];
    if (domain.startsWith('*.')) found.push({ field: 'name', key: 'checklist.domainWildcard', message: 'Enter the domain without “*.”: the checklist adds the wildcard entry itself.' });
    else if (domain.length < 4 || domain.length > 253) found.push({ field: 'name', key: 'checklist.domainLength', message: 'Enter a domain of 4 to 253 characters, such as example.org.' });
    else if (!domainPattern.test(domain)) found.push({ field: 'name', key: 'checklist.domainName', message: 'Enter a domain name such as example.org: letters, digits and hyphens, with a dot between the parts.' });
    if (orgIds.length === 0) found.push({ field: 'orgIds', key: 'checklist.unit', message: 'Choose an organization or department.' });
    if (types.length === 0) found.push({ field: 'certTypes', key: 'checklist.oneCertType', message: 'Choose at least one certificate type.' });
    return found;
  };

  const send = async (): Promise<void> => {
    setSending(true);
    setRefusal(null);
    try {
      onDone(await request('domains:add', { name: domain, wildcard, orgIds, certTypes: types as ('SSL' | 'SMIME')[] }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const { fields, unplaced } = refusalOnForm(error.error, (field) => field in labels);
      if (fields.length > 0) {
        show(fields);
        setStage('form');
      }
      if (unplaced) setRefusal(error.error);
    } finally {
      setSending(false);
    }
  };

  if (stage === 'review') {
    const unitNames = orgIds.map((id) => units.find((unit) => unit.id === id)?.name ?? `#${id}`).join(', ');
    return (
      <ReviewDialog
        title={t('domains.addForm.title')}
        lead={t('domains.addForm.reviewLead')}
        lines={[
          { label: labels.name, value: wildcard ? `${domain}, *.${domain}` : domain },
          { label: labels.orgIds, value: unitNames },
          { label: labels.certTypes, value: types.join(', ') },
        ]}
        wasText={(value) => value}
        confirmLabel={t('domains.addForm.confirm')}
        backLabel={t('domains.addForm.back')}
        sendingLabel={t('domains.addForm.sending')}
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
      title={t('domains.addForm.title')}
      formId={`${base}-form`}
      className="domain-form"
      submitLabel={t('domains.addForm.review')}
      problemsTitle={t('domains.addForm.problems')}
      summary={summary}
      items={items}
      refusal={refusal}
      onClose={onClose}
      onSubmit={() => {
        setRefusal(null);
        const found = problems();
        show(found);
        if (found.length === 0) setStage('review');
      }}
    >
      <Field id={idOf('name')} label={labels.name} hint={t('domains.addForm.nameHint')} error={errorOf('name')}>
        {(describedBy, invalid) => <input id={idOf('name')} value={name} maxLength={300} autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={wildcard} onChange={(event) => setWildcard(event.target.checked)} /> {t('domains.addForm.wildcard')}
      </label>
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
            <input type="checkbox" checked={orgIds.includes(unit.id)} onChange={(event) => setOrgIds(event.target.checked ? [...orgIds, unit.id] : orgIds.filter((id) => id !== unit.id))} /> {unit.parentId === null ? unit.name : `— ${unit.name}`}
          </label>
        ))}
      </fieldset>
      <fieldset className="field" aria-describedby={errorOf('certTypes') === undefined ? undefined : `${idOf('certTypes')}-error`}>
        <legend id={idOf('certTypes')} tabIndex={-1}>
          {labels.certTypes}
        </legend>
        {errorOf('certTypes') === undefined ? null : (
          <p id={`${idOf('certTypes')}-error`} className="field-error">
            {errorOf('certTypes')}
          </p>
        )}
        {domainCertTypeValues.map((type) => (
          <label key={type} className="checkbox">
            <input type="checkbox" checked={types.includes(type)} onChange={(event) => setTypes(event.target.checked ? [...types, type] : types.filter((candidate) => candidate !== type))} /> {type}
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}

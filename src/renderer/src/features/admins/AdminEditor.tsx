import { useMemo, useState, type ReactNode } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { adminDraftProblems, adminDraftSchema, editableAdminTypes, hasPassword, holds, offeredRoles, typeChanges, type AdminActor, type AdminDraft, type EditableAdminType } from '../../../../shared/adminRules';
import { adminPrivilegeValues, type AdminOptions, type AdminRow, type PasswordHandOver } from '../../../../shared/admins';
import { leastPrivileges } from '../../../../shared/checklists/inputs';
import type { AppError } from '../../../../shared/result';
import { fieldErrorsOf } from '../../../../shared/fieldErrors';
import { i18next } from '../../lib/i18n';
import { ApiError, request } from '../../lib/query';
import { ReviewDialog } from '../../ui/ReviewDialog';
import { FormDialog, refusalOnForm } from '../../ui/FormDialog';
import { useFormProblems } from '../../ui/useFormProblems';
import { Field } from '../../ui/Field';

interface FormValues {
  type: EditableAdminType;
  login: string;
  forename: string;
  surname: string;
  email: string;
  credentials: { role: string; orgId: string }[];
  privileges: string[];
  identityProviderId: string;
  idpPersonId: string;
}

/** The rules' view of who is acting, from what main said. */
export function actorOf(options: AdminOptions): AdminActor {
  const { assignableRoles, ...actor } = options.actor;
  return assignableRoles === null ? actor : { ...actor, assignableRoles };
}

function valuesOf(row: AdminRow | undefined): FormValues {
  return {
    type: ((editableAdminTypes as readonly string[]).includes(row?.type ?? '') ? row!.type : 'STANDARD') as EditableAdminType,
    login: row?.login ?? '',
    forename: row?.forename ?? '',
    surname: row?.surname ?? '',
    email: row?.email ?? '',
    credentials: row === undefined ? [{ role: '', orgId: '' }] : row.roles.map((role) => ({ role: role.role, orgId: role.orgId === null ? '' : String(role.orgId) })),
    privileges: row?.privileges ?? [],
    identityProviderId: row?.identityProviderId === null || row?.identityProviderId === undefined ? '' : String(row.identityProviderId),
    idpPersonId: row?.idpPersonId ?? '',
  };
}

function draftOf(values: FormValues): AdminDraft {
  const idp = values.identityProviderId === '' ? null : Number(values.identityProviderId);
  return {
    type: values.type,
    login: values.login.trim(),
    forename: values.forename.trim(),
    surname: values.surname.trim(),
    email: values.email.trim(),
    credentials: values.credentials
      .filter((credential) => credential.role !== '')
      .map((credential) => ({ role: credential.role as AdminDraft['credentials'][number]['role'], orgId: credential.role === 'MRAO' || credential.orgId === '' ? null : Number(credential.orgId) })),
    privileges: values.privileges.filter((name): name is AdminDraft['privileges'][number] => (adminPrivilegeValues as readonly string[]).includes(name)),
    identityProviderId: idp,
    idpPersonId: idp === null ? '' : values.idpPersonId.trim(),
  };
}

function privilegeText(name: string): string {
  const key = `admins.privileges.${name}`;
  return i18next.exists(key) ? i18next.t(key as never) : name;
}

interface AdminEditorProps {
  options: AdminOptions;
  /** The admin being edited; absent to create one. */
  original?: AdminRow;
  onClose: () => void;
  onDone: (result: { row: AdminRow; handOver: PasswordHandOver | null }) => void;
}

/**
 * Creating or editing an admin: a form checked against SCM's rules for the
 * signed-in admin, then a review of exactly what will be sent, then one
 * confirm. Refusals land on their fields.
 */
export function AdminEditor({ options, original, onClose, onDone }: AdminEditorProps) {
  const { t } = useTranslation();
  const actor = useMemo(() => actorOf(options), [options]);
  const form = useForm<FormValues>({ defaultValues: valuesOf(original) });
  const roles = useFieldArray({ control: form.control, name: 'credentials' });
  const [stage, setStage] = useState<'form' | 'review'>('form');
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [sending, setSending] = useState(false);
  const base = useMemo(() => `admin-form-${Math.random().toString(36).slice(2, 8)}`, []);
  const idOf = (name: string) => `${base}-${name}`;
  const type = form.watch('type');
  const chosen = form.watch('privileges');
  const idp = form.watch('identityProviderId');
  const credentials = form.watch('credentials');

  const originalTarget = original === undefined ? undefined : { id: original.id, type: original.type, roles: original.roles, privileges: original.privileges };
  const typeChoices: readonly EditableAdminType[] = original === undefined ? editableAdminTypes : [valuesOf(original).type, ...(typeChanges[valuesOf(original).type] ?? [])];
  const roleChoices = [...new Set([...offeredRoles(actor), ...(original?.roles.map((role) => role.role) ?? [])])];
  const privilegeNames = useMemo(() => {
    const fromScm = options.privileges.map((privilege) => privilege.name).filter((name) => (adminPrivilegeValues as readonly string[]).includes(name));
    const names = fromScm.length > 0 ? fromScm : adminPrivilegeValues.filter((name) => name !== 'wsApiUseOnly');
    return [...new Set([...names, ...(original?.privileges ?? [])])];
  }, [options.privileges, original]);

  const labels: Record<string, string> = {
    type: t('admins.manage.fields.type'),
    login: t('admins.manage.fields.login'),
    forename: t('admins.manage.fields.forename'),
    surname: t('admins.manage.fields.surname'),
    email: t('admins.manage.fields.email'),
    credentials: t('admins.manage.fields.roles'),
    privileges: t('admins.manage.fields.privileges'),
    identityProviderId: t('admins.manage.fields.identityProvider'),
    idpPersonId: t('admins.manage.fields.idpPersonId'),
  };
  const { errorOf, items, summary, show } = useFormProblems(labels, idOf);

  const review = (): void => {
    setRefusal(null);
    // The contract's limits (lengths, counts) first, then SCM's rules.
    const parsed = adminDraftSchema.safeParse(draftOf(form.getValues()));
    const found = parsed.success ? adminDraftProblems(parsed.data, actor, originalTarget) : fieldErrorsOf(parsed.error);
    show(found);
    if (found.length === 0) setStage('review');
  };

  const send = async (): Promise<void> => {
    setSending(true);
    setRefusal(null);
    const draft = draftOf(form.getValues());
    try {
      if (original === undefined) onDone(await request('admins:create', { draft }));
      else onDone({ row: await request('admins:update', { id: original.id, draft }), handOver: null });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const { fields, unplaced } = refusalOnForm(error.error, (field) => labels[field] !== undefined);
      if (fields.length > 0) {
        show(fields);
        setStage('form');
      }
      if (unplaced) setRefusal(error.error);
    } finally {
      setSending(false);
    }
  };

  const title = original === undefined ? t('admins.manage.createTitle') : t('admins.manage.editTitle', { name: original.displayName });
  if (stage === 'review') {
    const draft = draftOf(form.getValues());
    const lines = sentLines(draft, original, options);
    return (
      <ReviewDialog
        title={title}
        lead={lines.length === 0 ? t('admins.manage.noChanges') : original === undefined ? t('admins.manage.reviewLead') : t('admins.manage.reviewEditLead')}
        lines={lines}
        wasText={(value) => t('admins.manage.sent.from', { value })}
        confirmLabel={original === undefined ? t('admins.manage.createConfirm') : t('admins.manage.saveConfirm')}
        backLabel={t('admins.manage.back')}
        sendingLabel={t('admins.manage.sending')}
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
      className="admin-form"
      submitLabel={t('admins.manage.review')}
      problemsTitle={t('admins.manage.problems')}
      summary={summary}
      items={items}
      refusal={refusal}
      onClose={onClose}
      onSubmit={review}
    >
        <Field id={idOf('type')} label={labels.type!} hint={t('admins.manage.fields.typeHint')} error={errorOf('type')}>
          {(describedBy, invalid) => (
            <select id={idOf('type')} aria-describedby={describedBy} aria-invalid={invalid} {...form.register('type')}>
              {typeChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {t(`admins.types.${choice}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={idOf('login')} label={labels.login!} hint={t('admins.manage.fields.loginHint')} error={errorOf('login')}>
          {(describedBy, invalid) => <input id={idOf('login')} autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} {...form.register('login')} />}
        </Field>
        <div className="field-row">
          <Field id={idOf('forename')} label={labels.forename!} error={errorOf('forename')}>
            {(describedBy, invalid) => <input id={idOf('forename')} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} {...form.register('forename')} />}
          </Field>
          <Field id={idOf('surname')} label={labels.surname!} error={errorOf('surname')}>
            {(describedBy, invalid) => <input id={idOf('surname')} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} {...form.register('surname')} />}
          </Field>
        </div>
        <Field id={idOf('email')} label={labels.email!} error={errorOf('email')}>
          {(describedBy, invalid) => <input id={idOf('email')} type="email" autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} {...form.register('email')} />}
        </Field>

        <Group id={idOf('credentials')} label={labels.credentials!} hint={t('admins.manage.fields.rolesHint')} error={errorOf('credentials')}>
          {roles.fields.map((entry, index) => {
            const role = credentials[index]?.role ?? '';
            const forDepartment = role.startsWith('DRAO_');
            const units = actor.units.filter((unit) => (role === '' ? true : forDepartment ? unit.parentId !== null : unit.parentId === null));
            return (
              <div key={entry.id} className="role-row">
                <label>
                  <span className="visually-hidden">
                    {t('admins.manage.fields.role')} {index + 1}
                  </span>
                  <select aria-label={`${t('admins.manage.fields.role')} ${index + 1}`} {...form.register(`credentials.${index}.role` as const)}>
                    <option value="">{t('admins.manage.fields.chooseUnit')}</option>
                    {roleChoices.map((choice) => (
                      <option key={choice} value={choice}>
                        {choice}
                      </option>
                    ))}
                  </select>
                </label>
                {role === 'MRAO' ? null : (
                  <select aria-label={`${t('admins.manage.fields.unit')} ${index + 1}`} {...form.register(`credentials.${index}.orgId` as const)}>
                    <option value="">{t('admins.manage.fields.chooseUnit')}</option>
                    {units.map((unit) => (
                      <option key={unit.id} value={String(unit.id)}>
                        {unit.parentId === null ? unit.name : `— ${unit.name}`}
                      </option>
                    ))}
                  </select>
                )}
                <button type="button" className="link-button" onClick={() => roles.remove(index)} aria-label={t('admins.manage.fields.removeRole', { role: role === '' ? index + 1 : role })}>
                  ×
                </button>
              </div>
            );
          })}
          <button type="button" onClick={() => roles.append({ role: '', orgId: '' })}>
            {t('admins.manage.fields.addRole')}
          </button>
        </Group>

        <Group id={idOf('privileges')} label={labels.privileges!} hint={t('admins.manage.fields.privilegesHint')} error={errorOf('privileges')}>
          <p className="preset-row">
            <span>{t('admins.manage.fields.presets')}:</span>{' '}
            {(Object.keys(leastPrivileges) as (keyof typeof leastPrivileges)[]).map((kind) => (
              <button key={kind} type="button" className="small" onClick={() => form.setValue('privileges', [...new Set([...chosen, ...leastPrivileges[kind]])])}>
                {t(`admins.manage.fields.preset.${kind}`)}
              </button>
            ))}
          </p>
          <p id={`${idOf('privileges')}-notYours`} className="visually-hidden">
            {t('admins.manage.fields.notYours')}
          </p>
          <ul className="privilege-list">
            {privilegeNames.map((name) => {
              const mayGive = holds(actor, name) || name === 'wsApiUseOnly' || (original?.privileges.includes(name) ?? false);
              return (
                <li key={name}>
                  <label title={mayGive ? undefined : t('admins.manage.fields.notYours')}>
                    <input type="checkbox" value={name} disabled={!mayGive && !chosen.includes(name)} aria-describedby={mayGive ? undefined : `${idOf('privileges')}-notYours`} {...form.register('privileges')} /> {privilegeText(name)}{' '}
                    <span className="muted">({name})</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </Group>

        {type === 'IDP' || type === 'STANDARD' || idp !== '' ? (
          <>
            <Field id={idOf('identityProviderId')} label={labels.identityProviderId!} error={errorOf('identityProviderId')}>
              {(describedBy, invalid) => (
                <select id={idOf('identityProviderId')} aria-describedby={describedBy} aria-invalid={invalid} {...form.register('identityProviderId')}>
                  <option value="">{t('admins.manage.fields.noIdentityProvider')}</option>
                  {options.identityProviders.map((provider) => (
                    <option key={provider.id} value={String(provider.id)}>
                      {provider.name === '' ? `#${provider.id}` : provider.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {idp === '' ? null : (
              <Field id={idOf('idpPersonId')} label={labels.idpPersonId!} hint={t('admins.manage.fields.idpPersonIdHint')} error={errorOf('idpPersonId')}>
                {(describedBy, invalid) => <input id={idOf('idpPersonId')} autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} {...form.register('idpPersonId')} />}
              </Field>
            )}
          </>
        ) : null}
        {original === undefined && hasPassword(type) ? (
          <p className="field-hint">
            <strong>{t('admins.manage.fields.password')}:</strong> {t('admins.manage.fields.passwordCreate')}
          </p>
        ) : null}
    </FormDialog>
  );
}

/** A group of controls with a legend the error summary can focus, its hint and its error, as `Field` gives one control. */
function Group({ id, label, hint, error, children }: { id: string; label: string; hint: string; error: string | undefined; children: ReactNode }) {
  return (
    <fieldset className="field" aria-describedby={`${id}-hint${error === undefined ? '' : ` ${id}-error`}`}>
      <legend id={id} tabIndex={-1}>
        {label}
      </legend>
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      {error === undefined ? null : (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}

interface SentLine {
  label: string;
  value: string;
  was?: string;
}

/** What will be sent, as lines a person checks: everything for a new admin, what changed for an edit. */
function sentLines(draft: AdminDraft, original: AdminRow | undefined, options: AdminOptions): SentLine[] {
  const tr = (key: string, params?: Record<string, unknown>): string => String(i18next.t(key as never, params as never));
  const unitName = (id: number | null) => (id === null ? '' : (options.actor.units.find((unit) => unit.id === id)?.name ?? `#${id}`));
  const rolesText = (list: readonly { role: string; orgId: number | null }[]) => list.map((role) => (role.orgId === null ? role.role : `${role.role} · ${unitName(role.orgId)}`)).join('; ') || tr('admins.manage.sent.none');
  const privilegesText = (list: readonly string[]) => (list.length === 0 ? tr('admins.manage.sent.none') : [...list].sort().join(', '));
  const idpText = (id: number | null, person: string) => (id === null ? tr('admins.manage.sent.none') : `${options.identityProviders.find((provider) => provider.id === id)?.name ?? `#${id}`} · ${person}`);
  const lines: SentLine[] = [
    { label: tr('admins.manage.sent.type'), value: tr(`admins.types.${draft.type}`) },
    { label: tr('admins.manage.sent.login'), value: draft.login },
    { label: tr('admins.manage.sent.name'), value: `${draft.forename} ${draft.surname}` },
    { label: tr('admins.manage.sent.email'), value: draft.email },
    { label: tr('admins.manage.sent.roles'), value: rolesText(draft.credentials) },
    { label: tr('admins.manage.sent.privileges'), value: privilegesText(draft.privileges) },
    { label: tr('admins.manage.sent.identityProvider'), value: idpText(draft.identityProviderId, draft.idpPersonId) },
  ];
  if (original === undefined) {
    if (hasPassword(draft.type)) lines.push({ label: tr('admins.manage.sent.password'), value: tr('admins.manage.sent.passwordMasked') });
    return lines;
  }
  const before = valuesOf(original);
  const was = [
    tr(`admins.types.${before.type}`),
    original.login ?? '',
    `${original.forename} ${original.surname}`,
    original.email,
    rolesText(original.roles),
    privilegesText(original.privileges),
    idpText(original.identityProviderId, original.idpPersonId ?? ''),
  ];
  return lines.flatMap((line, index) => (line.value === was[index] || (index === 1 && draft.login === '') ? [] : [{ ...line, was: was[index]! }]));
}

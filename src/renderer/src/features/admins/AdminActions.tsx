import { keepPreviousData } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminActionRefusal, type AdminAction } from '../../../../shared/adminRules';
import type { AdminOptions, AdminRow, PasswordHandOver } from '../../../../shared/admins';
import type { AppError } from '../../../../shared/result';
import { ApiError, invalidate, request, useApiQuery } from '../../lib/query';
import { ActionButton } from '../../ui/ActionButton';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { StatusMessage } from '../../ui/StatusMessage';
import { problemText } from '../settings/problemText';
import { AdminEditor, actorOf } from './AdminEditor';

/**
 * A temporary password main holds for an admin: shown once, on request, with
 * a copy button; then main forgets it.
 */
export function PasswordHandOverPanel({ handOver, onDone }: { handOver: PasswordHandOver; onDone: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [said, setSaid] = useState('');
  const [shown, setShown] = useState(false);
  return (
    <section className="panel hand-over" aria-label={t('admins.manage.handOver.title', { login: handOver.login })}>
      <h3>{t('admins.manage.handOver.title', { login: handOver.login })}</h3>
      <p>{t('admins.manage.handOver.lead')}</p>
      {password === null ? (
        shown ? (
          <p className="field-hint">{t('admins.manage.handOver.gone')}</p>
        ) : (
          <button
            type="button"
            onClick={() => {
              setError(null);
              request('admins:reveal', { revealId: handOver.revealId }).then(
                (revealed) => {
                  setPassword(revealed.password);
                  setShown(true);
                },
                (caught: unknown) => {
                  if (caught instanceof ApiError) setError(caught.error);
                },
              );
            }}
          >
            {t('admins.manage.handOver.show')}
          </button>
        )
      ) : (
        <p>
          <span className="visually-hidden">{t('admins.manage.handOver.shown')}: </span>
          <code className="secret-value" aria-label={t('admins.manage.handOver.shown')}>
            {password}
          </code>{' '}
          <button type="button" onClick={() => void navigator.clipboard.writeText(password).then(() => setSaid(t('admins.manage.handOver.copied')), () => setSaid(''))}>
            {t('admins.manage.handOver.copy')}
          </button>
        </p>
      )}
      {error === null ? null : <ErrorMessage error={error} />}
      <StatusMessage>{said}</StatusMessage>
      <p className="form-actions">
        <button
          type="button"
          onClick={() => {
            setPassword(null);
            onDone();
          }}
        >
          {t('common.close')}
        </button>
      </p>
    </section>
  );
}

type Asking = 'edit' | 'suspend' | 'activate' | 'resetPassword' | 'delete' | null;

/** The changes one admin's details offer: each enabled, or disabled with the reason. */
export function AdminActions({ admin, options, onDeleted }: { admin: AdminRow; options: AdminOptions; onDeleted: () => void }) {
  const { t } = useTranslation();
  const actor = actorOf(options);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [handOver, setHandOver] = useState<PasswordHandOver | null>(null);
  const [replacing, setReplacing] = useState('');
  const replacingId = useId();
  const name = admin.displayName;
  const target = { id: admin.id, type: admin.type, roles: admin.roles, status: admin.status };
  const refusal = (action: AdminAction): string | undefined => {
    const found = adminActionRefusal(action, actor, target);
    return found === null ? undefined : problemText(found, t);
  };
  const others = useApiQuery(
    'admins:window',
    { filter: {}, sort: { column: 'name', desc: false }, offset: 0, limit: 500 },
    { enabled: asking === 'delete', placeholderData: keepPreviousData },
  );

  const done = async (message: string): Promise<void> => {
    setSaid(message);
    await Promise.all([invalidate('admins:window'), invalidate('admins:details')]);
  };

  const run = (work: () => Promise<void>): void => {
    setBusy(true);
    setError(null);
    work()
      .catch((caught: unknown) => {
        if (caught instanceof ApiError) setError(caught.error);
        else throw caught;
      })
      .finally(() => {
        setBusy(false);
        setAsking(null);
      });
  };

  return (
    <section className="admin-actions" aria-label={t('admins.manage.actions')}>
      <h3>{t('admins.manage.actions')}</h3>
      <div className="action-bar">
        <ActionButton label={t('admins.manage.edit')} reason={refusal('edit')} onClick={() => setAsking('edit')} />
        {admin.status === 'SUSPENDED' ? (
          <ActionButton label={t('admins.manage.activate')} reason={refusal('activate')} onClick={() => setAsking('activate')} />
        ) : (
          <ActionButton label={t('admins.manage.suspend')} reason={refusal('suspend')} onClick={() => setAsking('suspend')} />
        )}
        <ActionButton label={t('admins.manage.resetPassword')} reason={refusal('resetPassword')} onClick={() => setAsking('resetPassword')} />
        <ActionButton label={t('admins.manage.delete')} reason={refusal('delete')} onClick={() => setAsking('delete')} danger />
      </div>
      <StatusMessage>{said}</StatusMessage>
      {error === null ? null : <ErrorMessage error={error} />}
      {handOver === null ? null : <PasswordHandOverPanel handOver={handOver} onDone={() => setHandOver(null)} />}

      {asking === 'edit' ? (
        <AdminEditor
          options={options}
          original={admin}
          onClose={() => setAsking(null)}
          onDone={(result) => {
            setAsking(null);
            void done(t('admins.manage.updated', { name: result.row.displayName }));
          }}
        />
      ) : null}
      {asking === 'suspend' || asking === 'activate' ? (
        <ConfirmDialog
          title={t(asking === 'suspend' ? 'admins.manage.suspendTitle' : 'admins.manage.activateTitle', { name })}
          confirmLabel={t(asking === 'suspend' ? 'admins.manage.suspend' : 'admins.manage.activate')}
          busy={busy}
          onCancel={() => setAsking(null)}
          onConfirm={() =>
            run(async () => {
              const status = asking === 'suspend' ? 'SUSPENDED' : 'ACTIVE';
              await request('admins:setStatus', { id: admin.id, status });
              await done(t(status === 'SUSPENDED' ? 'admins.manage.suspended' : 'admins.manage.activated', { name }));
            })
          }
        >
          <p>{t(asking === 'suspend' ? 'admins.manage.suspendBody' : 'admins.manage.activateBody', { name })}</p>
        </ConfirmDialog>
      ) : null}
      {asking === 'resetPassword' ? (
        <ConfirmDialog
          title={t('admins.manage.resetTitle', { name })}
          confirmLabel={t('admins.manage.resetPassword')}
          busy={busy}
          onCancel={() => setAsking(null)}
          onConfirm={() =>
            run(async () => {
              const result = await request('admins:resetPassword', { id: admin.id });
              setHandOver(result.handOver);
              await done(t('admins.manage.resetDone', { name }));
            })
          }
        >
          <p>{t('admins.manage.resetBody', { name })}</p>
        </ConfirmDialog>
      ) : null}
      {asking === 'delete' ? (
        <ConfirmDialog
          title={t('admins.manage.deleteTitle', { name })}
          confirmLabel={t('admins.manage.delete')}
          typeToConfirm={name}
          busy={busy}
          onCancel={() => setAsking(null)}
          onConfirm={() =>
            run(async () => {
              await request('admins:delete', { id: admin.id, confirmName: name, ...(replacing === '' ? {} : { replacingRequesterId: Number(replacing) }) });
              await invalidate('admins:window');
              onDeleted();
            })
          }
        >
          <p>{t('admins.manage.deleteBody')}</p>
          <div className="field">
            <label htmlFor={replacingId}>{t('admins.manage.replacing')}</label>
            <p id={`${replacingId}-hint`} className="field-hint">
              {t('admins.manage.replacingHint')}
            </p>
            <select id={replacingId} aria-describedby={`${replacingId}-hint`} value={replacing} onChange={(event) => setReplacing(event.target.value)}>
              <option value="">{t('admins.manage.replacingNone')}</option>
              {(others.data?.rows ?? [])
                .filter((row) => row.id !== admin.id && row.status !== 'SUSPENDED')
                .map((row) => (
                  <option key={row.id} value={String(row.id)}>
                    {row.name === '' ? row.displayName : `${row.name} (${row.displayName})`}
                  </option>
                ))}
            </select>
          </div>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

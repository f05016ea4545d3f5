import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitActionRefusal, type UnitAction, type UnitDependents, type UnitRow } from '../../../../shared/organizations';
import type { AppError } from '../../../../shared/result';
import { formatDateTime } from '../../lib/format';
import { ApiError, invalidate, request, useApiQuery } from '../../lib/query';
import { ActionButton } from '../../ui/ActionButton';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { StatusMessage } from '../../ui/StatusMessage';
import { useSessionStore } from '../session/store';
import { problemText } from '../settings/problemText';
import { UnitEditor } from './UnitEditor';
import type { OrganizationsSearch } from './search';
import './organizations.css';

function Flag({ value }: { value: boolean | null }) {
  const { t } = useTranslation();
  if (value === null) return <span className="muted">{t('organizations.unknown')}</span>;
  return <span className={`status-word ${value ? 'status-active' : 'status-bad'}`}>{value ? t('organizations.on') : t('organizations.off')}</span>;
}

/** The organizations and departments in scope, each with what hangs on it, and the changes SCM allows. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate({ from: '/organizations' });
  const search = useSearch({ from: '/organizations' });
  const session = useSessionStore((state) => state.session);
  const signedIn = session?.status === 'signed-in';
  const tree = useApiQuery('organizations:tree', {}, { enabled: signedIn, staleTime: 60_000 });
  const options = useApiQuery('admins:options', {}, { enabled: signedIn, staleTime: 300_000 });
  const [said, setSaid] = useState('');
  const selected = tree.data?.units.find((unit) => unit.id === search.unit);
  const select = (unit: number | undefined) => void navigate({ search: (previous: OrganizationsSearch) => ({ ...previous, unit }), replace: true });

  if (session !== null && !signedIn) {
    return (
      <section aria-labelledby="organizations-title">
        <h1 id="organizations-title">{t('organizations.title')}</h1>
        <p className="lead">{t('organizations.lead')}</p>
        <p>{t('organizations.signIn')}</p>
        <p>
          <Link to="/home">{t('admins.goHome')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="organizations-title" className="organizations-page">
      <header className="page-header">
        <div>
          <h1 id="organizations-title">{t('organizations.title')}</h1>
          <p className="lead">{t('organizations.lead')}</p>
        </div>
        <button type="button" onClick={() => void tree.refetch()} disabled={tree.isFetching || !signedIn}>
          {t('organizations.refresh')}
        </button>
      </header>
      {tree.error === null ? null : <ErrorMessage error={tree.error.error} />}
      <StatusMessage>{said}</StatusMessage>
      {tree.data === undefined ? (
        tree.isFetching ? (
          <p aria-busy="true">{t('organizations.reading')}</p>
        ) : null
      ) : (
        <>
          <p className="field-hint">{tree.isFetching ? t('organizations.reading') : t('organizations.readAt', { time: formatDateTime(tree.data.readAt) })}</p>
          <div className={selected === undefined ? 'units-layout' : 'units-layout with-details'}>
            {tree.data.units.length === 0 ? (
              <p className="blankslate">{t('organizations.none')}</p>
            ) : (
              <table className="units-table">
                <caption className="visually-hidden">{t('organizations.tree')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('organizations.columns.name')}</th>
                    <th scope="col">{t('organizations.columns.ssl')}</th>
                    <th scope="col">{t('organizations.columns.client')}</th>
                    <th scope="col">{t('organizations.columns.types')}</th>
                    <th scope="col">{t('organizations.columns.domains')}</th>
                    <th scope="col">{t('organizations.columns.admins')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tree.data.units.map((unit) => (
                    <tr key={unit.id} className={unit.id === search.unit ? 'selected' : undefined} aria-selected={unit.id === search.unit}>
                      <th scope="row" className={unit.parentId === null ? 'unit-organization' : 'unit-department'}>
                        <button type="button" className="link-button" onClick={() => select(unit.id)} aria-label={unit.parentId === null ? unit.name : `${unit.name} (${t('organizations.departmentOf', { name: unit.parentName ?? '' })})`}>
                          {unit.name}
                        </button>
                      </th>
                      <td>
                        <Flag value={unit.sslApi} />
                      </td>
                      <td>
                        <Flag value={unit.clientApi} />
                      </td>
                      <td>{unit.certTypes.join(', ')}</td>
                      <td>{unit.domains === null ? '—' : unit.domains.length}</td>
                      <td>{unit.admins === null ? '—' : unit.admins.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {selected === undefined || options.data === undefined ? null : (
              <UnitDetails
                unit={selected}
                actor={options.data.actor}
                onClose={() => select(undefined)}
                onChanged={(message, unit) => {
                  setSaid(message);
                  void invalidate('organizations:tree');
                  select(unit);
                }}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}

function UnitDetails({ unit, actor, onClose, onChanged }: { unit: UnitRow; actor: { roles: { role: string; orgId: number | null }[]; privileges: string[] }; onClose: () => void; onChanged: (message: string, select: number | undefined) => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [editing, setEditing] = useState<'create' | 'edit' | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [dependents, setDependents] = useState<UnitDependents | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => heading.current?.focus(), [unit.id]);
  const refusal = (action: UnitAction): string | undefined => {
    const found = unitActionRefusal(action, actor, unit);
    return found === null ? undefined : problemText(found, t);
  };
  const list = (values: string[] | null) => (values === null ? <span className="muted">{t('organizations.details.notRead')}</span> : values.length === 0 ? t('organizations.details.noneYet') : values.join(', '));
  const blocking = dependents === null ? [] : (['departments', 'sslCertificates', 'clientCertificates', 'domains'] as const).filter((key) => dependents[key] > 0);

  return (
    <aside className="details-panel" aria-labelledby="unit-details-title" onKeyDown={(event) => event.key === 'Escape' && editing === null && !deleting && onClose()}>
      <header className="panel-header">
        <h2 id="unit-details-title" ref={heading} tabIndex={-1}>
          {unit.name}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('organizations.details.close')}>
          {t('common.close')}
        </button>
      </header>
      <section className="admin-actions" aria-label={t('organizations.actions')}>
        <div className="action-bar">
          {unit.parentId === null ? <ActionButton label={t('organizations.newDepartment')} reason={refusal('createDepartment')} onClick={() => setEditing('create')} /> : null}
          <ActionButton label={t('organizations.edit')} reason={refusal('edit')} onClick={() => setEditing('edit')} />
          <ActionButton
            label={t('organizations.delete')}
            danger
            reason={refusal('delete')}
            onClick={() => {
              setError(null);
              setDependents(null);
              setDeleting(true);
              request('organizations:dependents', { id: unit.id }).then(setDependents, (caught: unknown) => {
                if (caught instanceof ApiError) setError(caught.error);
                setDeleting(false);
              });
            }}
          />
        </div>
        {error === null ? null : <ErrorMessage error={error} />}
      </section>
      <dl className="facts">
        <dt>{t('organizations.details.kind')}</dt>
        <dd>{unit.parentId === null ? t('organizations.organization') : t('organizations.departmentOf', { name: unit.parentName ?? '' })}</dd>
        <dt>{t('organizations.details.ssl')}</dt>
        <dd>
          <Flag value={unit.sslApi} />
        </dd>
        <dt>{t('organizations.details.client')}</dt>
        <dd>
          <Flag value={unit.clientApi} />
        </dd>
        <dt>{t('organizations.details.validation')}</dt>
        <dd>{unit.validationStatus ?? '—'}</dd>
        <dt>{t('organizations.details.types')}</dt>
        <dd>{list(unit.certTypes)}</dd>
        <dt>{t('organizations.details.contacts')}</dt>
        <dd>{list(unit.contactEmails)}</dd>
        <dt>{t('organizations.details.address')}</dt>
        <dd>{[unit.address1, [unit.postalCode, unit.city].filter((part) => part !== null && part !== '').join(' '), unit.stateOrProvince, unit.country].filter((part) => part !== null && part !== '').join(', ') || '—'}</dd>
        {unit.parentId === null ? (
          <>
            <dt>{t('organizations.details.departments')}</dt>
            <dd>{unit.departments}</dd>
          </>
        ) : null}
        <dt>{t('organizations.details.domains')}</dt>
        <dd>{list(unit.domains)}</dd>
        <dt>{t('organizations.details.admins')}</dt>
        <dd>
          {unit.admins === null ? (
            <span className="muted">{t('organizations.details.notRead')}</span>
          ) : unit.admins.length === 0 ? (
            t('organizations.details.noneYet')
          ) : (
            <ul className="plain-list">
              {unit.admins.map((admin) => (
                <li key={admin.id}>
                  <Link to="/admins" search={{ admin: admin.id }}>
                    {admin.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>

      {editing === null ? null : (
        <UnitEditor
          unit={unit}
          creating={editing === 'create'}
          onClose={() => setEditing(null)}
          onDone={(row) => {
            setEditing(null);
            onChanged(t(editing === 'create' ? 'organizations.created' : 'organizations.updated', { name: row.name }), row.id);
          }}
        />
      )}
      {deleting && dependents !== null ? (
        blocking.length > 0 ? (
          <ConfirmDialog title={t('organizations.deleteTitle', { name: unit.name })} confirmLabel={t('common.close')} onConfirm={() => setDeleting(false)} onCancel={() => setDeleting(false)}>
            <p role="alert">{t('organizations.deleteBlocked', { name: unit.name, what: blocking.map((key) => t(`organizations.dependents.${key}`, { count: dependents[key] })).join(', ') })}</p>
          </ConfirmDialog>
        ) : (
          <ConfirmDialog
            title={t('organizations.deleteTitle', { name: unit.name })}
            confirmLabel={t('organizations.delete')}
            typeToConfirm={unit.name}
            busy={busy}
            onCancel={() => setDeleting(false)}
            onConfirm={() => {
              setBusy(true);
              request('organizations:delete', { id: unit.id, confirmName: unit.name })
                .then(
                  (done) => onChanged(t('organizations.deleted', { name: done.name }), undefined),
                  (caught: unknown) => {
                    if (caught instanceof ApiError) setError(caught.error);
                  },
                )
                .finally(() => {
                  setBusy(false);
                  setDeleting(false);
                });
            }}
          >
            <p>{t('organizations.deleteBody')}</p>
            {dependents.admins > 0 ? <p>{t('organizations.deleteAdmins', { count: dependents.admins })}</p> : null}
          </ConfirmDialog>
        )
      ) : null}
      {deleting && dependents === null ? <p aria-busy="true">{t('organizations.deleteChecking', { name: unit.name })}</p> : null}
    </aside>
  );
}

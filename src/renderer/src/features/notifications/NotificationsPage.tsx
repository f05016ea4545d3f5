import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareWithBaseline, notificationChangeRefusal, type NotificationRow } from '../../../../shared/notifications';
import type { AppError } from '../../../../shared/result';
import { formatDateTime } from '../../lib/format';
import { ApiError, invalidate, request, useApiQuery } from '../../lib/query';
import { ActionButton } from '../../ui/ActionButton';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { StatusMessage } from '../../ui/StatusMessage';
import { useSessionStore } from '../session/store';
import { problemText } from '../settings/problemText';
import { NotificationEditor, typeText } from './NotificationEditor';
import type { NotificationsSearch } from './search';
import './notifications.css';

type Unit = { id: number; name: string; parentId: number | null };

/** The notification rules in scope, their changes, and how they compare with the baseline. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate({ from: '/notifications' });
  const search = useSearch({ from: '/notifications' });
  const session = useSessionStore((state) => state.session);
  const signedIn = session?.status === 'signed-in';
  const list = useApiQuery('notifications:list', {}, { enabled: signedIn, staleTime: 60_000 });
  const options = useApiQuery('admins:options', {}, { enabled: signedIn, staleTime: 300_000 });
  const [creating, setCreating] = useState(false);
  const [said, setSaid] = useState('');
  const units: Unit[] = options.data?.actor.units ?? [];
  const selected = list.data?.rules.find((rule) => rule.id === search.rule);
  const setSearch = (changes: Partial<NotificationsSearch>) => void navigate({ search: (previous: NotificationsSearch) => ({ ...previous, ...changes }), replace: true });
  const changed = (message: string, rule: number | undefined) => {
    setSaid(message);
    void invalidate('notifications:list');
    setSearch({ rule });
  };

  if (session !== null && !signedIn) {
    return (
      <section aria-labelledby="notifications-title">
        <h1 id="notifications-title">{t('notifications.title')}</h1>
        <p className="lead">{t('notifications.lead')}</p>
        <p>{t('notifications.signIn')}</p>
        <p>
          <Link to="/home">{t('admins.goHome')}</Link>
        </p>
      </section>
    );
  }

  const unitName = (id: number) => units.find((unit) => unit.id === id)?.name ?? `#${id}`;
  const scopeText = (rule: NotificationRow) => (rule.selectedOrgType === 'ANY' || rule.selectedOrgType === null || rule.orgIds.length === 0 ? t('notifications.scope.ANY') : rule.orgIds.map(unitName).join(', '));
  const recipientsText = (rule: NotificationRow) => [...rule.notifyRoles.map((role) => t(`notifications.roles.${role}` as never)), ...rule.recipients.map((recipient) => recipient.value)].join(', ');

  return (
    <section aria-labelledby="notifications-title" className="notifications-page">
      <header className="page-header">
        <div>
          <h1 id="notifications-title">{t('notifications.title')}</h1>
          <p className="lead">{t('notifications.lead')}</p>
        </div>
        <div className="page-actions">
          <button type="button" onClick={() => void list.refetch()} disabled={list.isFetching || !signedIn}>
            {t('notifications.refresh')}
          </button>
          <button type="button" className="primary" disabled={list.data === undefined || options.data === undefined} onClick={() => setCreating(true)}>
            {t('notifications.create')}
          </button>
        </div>
      </header>
      {list.error === null ? null : <ErrorMessage error={list.error.error} />}
      <StatusMessage>{said}</StatusMessage>
      {creating && list.data !== undefined ? (
        <NotificationEditor
          types={list.data.types}
          units={units}
          onClose={() => setCreating(false)}
          onDone={(row) => {
            setCreating(false);
            changed(t('notifications.created', { description: row.description }), row.id);
          }}
        />
      ) : null}
      {list.data === undefined ? (
        list.isFetching ? (
          <p aria-busy="true">{t('notifications.reading')}</p>
        ) : null
      ) : (
        <>
          <p className="field-hint">{list.isFetching ? t('notifications.reading') : t('notifications.readAt', { time: formatDateTime(list.data.readAt) })}</p>
          <div className={selected === undefined ? 'units-layout' : 'units-layout with-details'}>
            {list.data.rules.length === 0 ? (
              <p className="blankslate">{t('notifications.none')}</p>
            ) : (
              <table className="units-table notifications-table">
                <caption className="visually-hidden">{t('notifications.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('notifications.columns.description')}</th>
                    <th scope="col">{t('notifications.columns.type')}</th>
                    <th scope="col">{t('notifications.columns.state')}</th>
                    <th scope="col">{t('notifications.columns.scope')}</th>
                    <th scope="col">{t('notifications.columns.recipients')}</th>
                    <th scope="col">{t('notifications.columns.days')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.rules.map((rule) => (
                    <tr key={rule.id} className={rule.id === search.rule ? 'selected' : undefined}>
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => setSearch({ rule: rule.id })}>
                          {rule.description}
                        </button>
                      </th>
                      <td>{typeText(rule.type)}</td>
                      <td>
                        <span className={`status-word ${rule.active ? 'status-active' : 'status-bad'}`}>{rule.active ? t('notifications.active') : t('notifications.inactive')}</span>
                      </td>
                      <td>{scopeText(rule)}</td>
                      <td>{recipientsText(rule)}</td>
                      <td>{rule.days ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {selected === undefined || options.data === undefined ? null : (
              <RuleDetails
                rule={selected}
                types={list.data.types}
                units={units}
                actor={options.data.actor}
                scopeText={scopeText(selected)}
                recipientsText={recipientsText(selected)}
                onClose={() => setSearch({ rule: undefined })}
                onChanged={changed}
              />
            )}
          </div>
          {options.data === undefined ? null : <Baseline rules={list.data.rules} types={list.data.types} units={units} org={search.org} onOrg={(org) => setSearch({ org })} />}
        </>
      )}
    </section>
  );
}

function RuleDetails(props: {
  rule: NotificationRow;
  types: readonly string[];
  units: readonly Unit[];
  actor: { roles: { role: string; orgId: number | null }[]; units: { id: number }[] };
  scopeText: string;
  recipientsText: string;
  onClose: () => void;
  onChanged: (message: string, rule: number | undefined) => void;
}) {
  const { rule, onChanged } = props;
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => heading.current?.focus(), [rule.id]);
  const found = notificationChangeRefusal(rule, props.actor);
  const reason = found === null ? undefined : problemText(found, t);
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    work()
      .catch((caught: unknown) => {
        if (caught instanceof ApiError) setError(caught.error);
        else throw caught;
      })
      .finally(() => setBusy(false));
  };

  return (
    <aside className="details-panel" aria-labelledby="rule-details-title" onKeyDown={(event) => event.key === 'Escape' && !editing && !deleting && props.onClose()}>
      <header className="panel-header">
        <h2 id="rule-details-title" ref={heading} tabIndex={-1}>
          {rule.description}
        </h2>
        <button type="button" onClick={props.onClose} aria-label={t('notifications.details.close')}>
          {t('common.close')}
        </button>
      </header>
      <div className="action-bar">
        <ActionButton label={t('notifications.edit')} reason={reason} onClick={() => setEditing(true)} />
        <ActionButton
          label={rule.active ? t('notifications.disable') : t('notifications.enable')}
          reason={reason}
          onClick={() =>
            run(async () => {
              await request('notifications:setActive', { id: rule.id, active: !rule.active });
              onChanged(t(rule.active ? 'notifications.disabled' : 'notifications.enabled', { description: rule.description }), rule.id);
            })
          }
        />
        <ActionButton label={t('notifications.delete')} danger reason={reason} onClick={() => setDeleting(true)} />
      </div>
      {error === null ? null : <ErrorMessage error={error} />}
      <dl className="facts">
        <dt>{t('notifications.columns.type')}</dt>
        <dd>
          {typeText(rule.type)} <span className="muted">({t('notifications.details.code', { code: rule.type })})</span>
        </dd>
        <dt>{t('notifications.columns.state')}</dt>
        <dd>{rule.active ? t('notifications.active') : t('notifications.inactive')}</dd>
        <dt>{t('notifications.columns.scope')}</dt>
        <dd>{props.scopeText}</dd>
        <dt>{t('notifications.columns.recipients')}</dt>
        <dd>{props.recipientsText}</dd>
        {rule.days === null ? null : (
          <>
            <dt>{t('notifications.columns.days')}</dt>
            <dd>{rule.days}</dd>
          </>
        )}
      </dl>
      {editing ? (
        <NotificationEditor
          rule={rule}
          types={props.types}
          units={props.units}
          onClose={() => setEditing(false)}
          onDone={(row) => {
            setEditing(false);
            onChanged(t('notifications.updated', { description: row.description }), row.id);
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('notifications.deleteTitle', { description: rule.description })}
          confirmLabel={t('notifications.delete')}
          typeToConfirm={rule.description}
          busy={busy}
          onCancel={() => setDeleting(false)}
          onConfirm={() =>
            run(async () => {
              const done = await request('notifications:delete', { id: rule.id, confirmDescription: rule.description });
              setDeleting(false);
              onChanged(t('notifications.deleted', { description: done.description }), undefined);
            })
          }
        >
          <p>{t('notifications.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </aside>
  );
}

function Baseline({ rules, types, units, org, onOrg }: { rules: readonly NotificationRow[]; types: readonly string[]; units: readonly Unit[]; org: number | undefined; onOrg: (org: number | undefined) => void }) {
  const { t } = useTranslation();
  const selectId = useId();
  const organizations = units.filter((unit) => unit.parentId === null);
  const chosen = organizations.find((unit) => unit.id === org) ?? organizations[0];
  if (chosen === undefined) return null;
  const rows = compareWithBaseline(rules, types, chosen.id);
  const missing = rows.some((row) => row.state === 'missing' || row.state === 'inactive');
  return (
    <section className="baseline" aria-labelledby={`${selectId}-title`}>
      <h2 id={`${selectId}-title`}>{t('notifications.baseline.title')}</h2>
      <p>
        {t('notifications.baseline.lead')}{' '}
        <Link to="/handbook/$page/$anchor" params={{ page: 'notifications', anchor: 'baseline' }}>
          {t('notifications.baseline.why')}
        </Link>
      </p>
      {organizations.length > 1 ? (
        <div className="field narrow">
          <label htmlFor={selectId}>{t('notifications.baseline.organization')}</label>
          <select id={selectId} value={String(chosen.id)} onChange={(event) => onOrg(Number(event.target.value))}>
            {organizations.map((unit) => (
              <option key={unit.id} value={String(unit.id)}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <table className="units-table baseline-table">
        <caption className="visually-hidden">{t('notifications.baseline.title')}</caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.type}>
              <th scope="row">{typeText(row.type)}</th>
              <td>
                <span className={`status-word ${row.state === 'active' ? 'status-active' : row.state === 'notOffered' ? 'status-warn' : 'status-bad'}`}>{t(`notifications.baseline.states.${row.state}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{missing ? <Link to="/checklists/start/$checklistId" params={{ checklistId: 'notifications' }}>{t('notifications.baseline.checklist')}</Link> : t('notifications.baseline.allInPlace', { name: chosen.name })}</p>
    </section>
  );
}

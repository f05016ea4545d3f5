import { keepPreviousData } from '@tanstack/react-query';
import './admins.css';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminFilter, AdminRow, AdminSort } from '../../../../shared/admins';
import { formatDate, formatDateTime } from '../../lib/format';
import { useJob, useJobsStore } from '../../lib/jobs';
import { ApiError, invalidate, request, useApiQuery } from '../../lib/query';
import { useCsvExport } from '../../lib/useExport';
import { DataTable, type DataColumn, type TableSort } from '../../ui/DataTable';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ChoiceFilter, FilterBar, TextFilter } from '../../ui/FilterBar';
import { ProgressBar } from '../../ui/ProgressBar';
import { StatusMessage } from '../../ui/StatusMessage';
import { useTableWindow } from '../../ui/useTableWindow';
import { useSessionStore } from '../session/store';
import { adminActionRefusal } from '../../../../shared/adminRules';
import type { PasswordHandOver } from '../../../../shared/admins';
import { problemText } from '../settings/problemText';
import { PasswordHandOverPanel } from './AdminActions';
import { AdminDetails } from './AdminDetails';
import { AdminEditor, actorOf } from './AdminEditor';
import { useAdminsView } from './store';
import { adminStatuses, adminTypes, type AdminsSearch } from './search';

function filterOf(search: AdminsSearch): AdminFilter {
  const filter: AdminFilter = {};
  if (search.type !== undefined) filter.type = search.type;
  if (search.status !== undefined) filter.status = search.status;
  if (search.role !== undefined) filter.role = search.role;
  if (search.org !== undefined) filter.org = search.org;
  if (search.expiresWithin !== undefined) filter.expiresWithin = search.expiresWithin;
  if (search.q !== undefined && search.q.trim() !== '') filter.q = search.q;
  if (search.warned === true) filter.attention = true;
  return filter;
}

/** The admins in scope: read by a job, shown in a table of any length, each with its details. */
export function AdminsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate({ from: '/admins' });
  const search = useSearch({ from: '/admins' });
  const session = useSessionStore((state) => state.session);
  const organizations = session?.identity?.organizations ?? [];
  const signedIn = session?.status === 'signed-in';
  const hidden = useAdminsView((state) => state.hidden);
  const setHidden = useAdminsView((state) => state.setHidden);
  const { range, onRange } = useTableWindow();
  const [startError, setStartError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const ids = { grid: useId(), expires: useId(), expiresError: useId(), createReason: useId(), attention: useId() };
  const options = useApiQuery('admins:options', {}, { enabled: signedIn, staleTime: 300_000 });
  const [creating, setCreating] = useState(false);
  const [handOver, setHandOver] = useState<PasswordHandOver | null>(null);
  const [said, setSaid] = useState('');
  const createRefusal = options.data === undefined ? null : adminActionRefusal('create', actorOf(options.data));

  const filter = useMemo(() => filterOf(search), [search]);
  const sort: AdminSort = { column: search.sort ?? 'name', desc: search.desc === true };
  const windowQuery = useApiQuery('admins:window', { filter, sort, ...range }, { enabled: signedIn, placeholderData: keepPreviousData, staleTime: 0 });
  const data = windowQuery.data;
  const job = useJob(data?.jobId);
  const running = job?.state === 'running';

  const setSearch = useCallback(
    (changes: Partial<AdminsSearch>) => void navigate({ search: (previous: AdminsSearch) => ({ ...previous, ...changes }), replace: true }),
    [navigate],
  );

  const start = useCallback(async () => {
    setStartError(null);
    try {
      await useJobsStore.getState().start({ kind: 'admins:load' });
      await invalidate('admins:window');
    } catch (error) {
      if (error instanceof ApiError) setStartError(error);
    }
  }, []);

  // The first visit for a profile reads its admins at once.
  useEffect(() => {
    if (signedIn && data !== undefined && data.loadedAt === null && data.jobId === null && !windowQuery.isPlaceholderData) void start();
  }, [signedIn, data, windowQuery.isPlaceholderData, start]);

  // As the job reads, the table fills in; once it has ended, Cancel is done.
  useEffect(() => {
    if (job !== undefined) void invalidate('admins:window');
    if (job?.state !== 'running') setCancelling(false);
  }, [job]);

  const columns = useMemo<DataColumn<AdminRow>[]>(
    () => [
      {
        id: 'name',
        header: t('admins.columns.name'),
        width: 'minmax(11rem, 1.4fr)',
        sortable: true,
        fixed: true,
        cell: (row) => (
          <Link to="/admins" search={(previous: AdminsSearch) => ({ ...previous, admin: row.id })} className="row-link" tabIndex={-1}>
            {row.name === '' ? row.displayName : row.name}
          </Link>
        ),
      },
      { id: 'login', header: t('admins.columns.login'), width: 'minmax(8rem, 1fr)', sortable: true, cell: (row) => row.login ?? <span className="muted">{t('admins.noLogin')}</span> },
      { id: 'email', header: t('admins.columns.email'), width: 'minmax(10rem, 1.2fr)', sortable: true, cell: (row) => row.email },
      { id: 'type', header: t('admins.columns.type'), width: '7.5rem', sortable: true, cell: (row) => (row.type === null ? '' : (adminTypes as readonly string[]).includes(row.type) ? t(`admins.types.${row.type as (typeof adminTypes)[number]}`) : row.type) },
      {
        id: 'roles',
        header: t('admins.columns.roles'),
        width: 'minmax(10rem, 1.4fr)',
        cell: (row) => row.roles.map((role) => (role.orgName === null ? role.role : `${role.role} · ${role.orgName}`)).join('; '),
      },
      { id: 'status', header: t('admins.columns.status'), width: '8.5rem', sortable: true, cell: (row) => (row.status === null ? '' : <span className={`status-word status-${row.status.toLowerCase()}`}>{t(`admins.statuses.${row.status}`)}</span>) },
      { id: 'passwordExpires', header: t('admins.columns.password'), width: '10rem', sortable: true, cell: (row) => <PasswordState row={row} /> },
      { id: 'idpPersonId', header: t('admins.columns.idpPersonId'), width: 'minmax(8rem, 1fr)', cell: (row) => row.idpPersonId ?? '' },
      {
        id: 'warnings',
        header: t('admins.manage.warnings.column'),
        width: 'minmax(9rem, 1fr)',
        cell: (row) => (row.warnings.length === 0 ? '' : <span className="status-word status-bad">{row.warnings.map((warning) => t(`admins.manage.warnings.${warning}`)).join('; ')}</span>),
      },
    ],
    [t],
  );

  const csv = useCsvExport(
    () => request('admins:export', { filter, sort }),
    (file) => t('admins.exported', { count: file.rows, file: file.fileName }),
  );

  const expiresText = search.expiresWithin === undefined ? '' : String(search.expiresWithin);
  const [expiresDraft, setExpiresDraft] = useState(expiresText);
  useEffect(() => setExpiresDraft(expiresText), [expiresText]);
  const expiresInvalid = expiresDraft !== '' && !/^\d{1,4}$/.test(expiresDraft);
  const filtered = Object.keys(filter).length > 0;

  if (session !== null && !signedIn) {
    return (
      <section aria-labelledby="admins-title">
        <h1 id="admins-title">{t('admins.title')}</h1>
        <p className="lead">{t('admins.lead')}</p>
        <p>{t('admins.signIn')}</p>
        <p>
          <Link to="/home">{t('admins.goHome')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="admins-title" className="admins-page">
      <header className="page-header">
        <div>
          <h1 id="admins-title">{t('admins.title')}</h1>
          <p className="lead">{t('admins.lead')}</p>
        </div>
        <div className="page-actions">
          <button type="button" onClick={() => void start()} disabled={running || !signedIn}>
            {t('admins.refresh')}
          </button>
          <span className="action-with-reason">
            <button
              type="button"
              className="primary"
              aria-disabled={createRefusal !== null || options.data === undefined}
              aria-describedby={createRefusal === null ? undefined : ids.createReason}
              onClick={() => {
                if (createRefusal === null && options.data !== undefined) setCreating(true);
              }}
            >
              {t('admins.manage.create')}
            </button>
            {createRefusal === null ? null : (
              <span id={ids.createReason} className="field-hint action-reason">
                {problemText(createRefusal, t)}
              </span>
            )}
          </span>
        </div>
      </header>
      {options.error === null ? null : <ErrorMessage error={options.error.error} />}
      <StatusMessage>{said}</StatusMessage>
      {handOver === null ? null : <PasswordHandOverPanel handOver={handOver} onDone={() => setHandOver(null)} />}
      {creating && options.data !== undefined ? (
        <AdminEditor
          options={options.data}
          onClose={() => setCreating(false)}
          onDone={(result) => {
            setCreating(false);
            setHandOver(result.handOver);
            setSaid(t('admins.manage.created', { name: result.row.displayName }));
            void invalidate('admins:window');
            setSearch({ admin: result.row.id });
          }}
        />
      ) : null}
      {startError === null ? null : <ErrorMessage error={startError.error} />}
      {windowQuery.error === null ? null : <ErrorMessage error={windowQuery.error.error} />}
      {job?.state === 'failed' && job.error !== null ? <ErrorMessage error={job.error} /> : null}
      {running ? (
        <ProgressBar
          label={job.progress.phase === 'details' ? t('admins.loadingDetails') : t('admins.loadingList')}
          progress={job.progress}
          onCancel={() => {
            setCancelling(true);
            void useJobsStore.getState().cancel(job.id);
          }}
          cancelling={cancelling}
        />
      ) : null}
      <p className="field-hint">
        {data?.loadedAt === null || data?.loadedAt === undefined ? null : t('admins.loadedAt', { time: formatDateTime(data.loadedAt) })}{' '}
        {data !== undefined && data.loadedAt !== null && !data.complete ? (job?.state === 'cancelled' ? t('admins.cancelled') : t('admins.partial')) : null}
      </p>

      <FilterBar title={t('admins.filters')}>
        <TextFilter label={t('admins.search')} value={search.q} placeholder={t('admins.searchHint')} onChange={(q) => setSearch({ q })} />
        <ChoiceFilter label={t('admins.type')} anyLabel={t('admins.any')} value={search.type} options={adminTypes.map((type) => ({ value: type, label: t(`admins.types.${type}`) }))} onChange={(type) => setSearch({ type })} />
        <ChoiceFilter label={t('admins.status')} anyLabel={t('admins.any')} value={search.status} options={adminStatuses.map((status) => ({ value: status, label: t(`admins.statuses.${status}`) }))} onChange={(status) => setSearch({ status })} />
        <ChoiceFilter
          label={t('admins.role')}
          anyLabel={t('admins.any')}
          value={search.role}
          options={[...new Set([...(data?.roles ?? []), ...(search.role === undefined ? [] : [search.role])])].map((role) => ({ value: role, label: role }))}
          onChange={(role) => setSearch({ role })}
        />
        <ChoiceFilter
          label={t('admins.organization')}
          anyLabel={t('admins.any')}
          value={search.org}
          options={organizations.map((unit) => ({ value: unit.id, label: unit.parentId === null ? unit.name : `— ${unit.name}` }))}
          onChange={(org) => setSearch({ org })}
        />
        <div className="field narrow">
          <label htmlFor={ids.expires}>{t('admins.expiresWithin')}</label>
          {expiresInvalid ? (
            <p id={ids.expiresError} className="field-error">
              {t('admins.expiresWithinError')}
            </p>
          ) : null}
          <input
            id={ids.expires}
            inputMode="numeric"
            value={expiresDraft}
            aria-invalid={expiresInvalid}
            aria-describedby={expiresInvalid ? ids.expiresError : undefined}
            onChange={(event) => {
              const value = event.target.value.trim();
              setExpiresDraft(value);
              if (value === '') setSearch({ expiresWithin: undefined });
              else if (/^\d{1,4}$/.test(value) && Number(value) <= 3650) setSearch({ expiresWithin: Number(value) });
            }}
          />
        </div>
        <div className="field checkbox-filter">
          <input id={ids.attention} type="checkbox" checked={search.warned === true} onChange={(event) => setSearch({ warned: event.target.checked ? true : undefined })} />
          <label htmlFor={ids.attention}>{t('admins.manage.warnings.filter')}</label>
        </div>
        {filtered ? (
          <button type="button" className="link-button" onClick={() => void navigate({ search: { ...(search.sort === undefined ? {} : { sort: search.sort }), ...(search.desc === undefined ? {} : { desc: search.desc }) }, replace: true })}>
            {t('admins.clearFilters')}
          </button>
        ) : null}
      </FilterBar>

      <div className={search.admin === undefined ? 'admins-layout' : 'admins-layout with-details'}>
        {data === undefined ? (
          windowQuery.isPending && signedIn ? <p aria-busy="true">{t('app.loading')}</p> : null
        ) : data.loadedAt === null && !running ? (
          <div className="blankslate">
            <p>{t('admins.notRead')}</p>
            <button type="button" onClick={() => void start()}>
              {t('admins.read')}
            </button>
          </div>
        ) : (
          <DataTable<AdminRow>
            label={t('admins.title')}
            columns={columns}
            matching={data.matching}
            total={data.total}
            offset={data.offset}
            rows={data.rows}
            rowId={(row) => String(row.id)}
            onRange={onRange}
            sort={{ column: sort.column, desc: sort.desc }}
            onSort={(next: TableSort) => setSearch({ sort: next.column as AdminSort['column'], desc: next.desc ? true : undefined })}
            hidden={hidden}
            onHiddenChange={setHidden}
            onOpen={(row) => setSearch({ admin: row.id })}
            openId={search.admin === undefined ? undefined : String(search.admin)}
            gridId={ids.grid}
            onExport={() => void csv.start()}
            exporting={csv.exporting}
            empty={
              data.total === 0 ? (
                <p>{running ? t('app.loading') : t('admins.none')}</p>
              ) : (
                <p>
                  {t('admins.noneMatch')}{' '}
                  <button type="button" className="link-button" onClick={() => void navigate({ search: {}, replace: true })}>
                    {t('admins.clearFilters')}
                  </button>
                </p>
              )
            }
          />
        )}
        {search.admin === undefined ? null : (
          <AdminDetails
            id={search.admin}
            onDeleted={(name) => {
              setSearch({ admin: undefined });
              setSaid(t('admins.manage.deleted', { name }));
              window.setTimeout(() => document.getElementById(ids.grid)?.focus(), 0);
            }}
            onClose={() => {
              setSearch({ admin: undefined });
              // Back where the person was: the table, on the same row.
              window.setTimeout(() => document.getElementById(ids.grid)?.focus(), 0);
            }}
          />
        )}
      </div>
      <StatusMessage>{csv.said}</StatusMessage>
      {csv.error === null ? null : <ErrorMessage error={csv.error.error} />}
    </section>
  );
}

function PasswordState({ row }: { row: AdminRow }) {
  const { t } = useTranslation();
  if (!row.detailed) return <span className="muted">{t('admins.password.unknown')}</span>;
  if (row.passwordState === null) return <span className="muted">{t('admins.password.none')}</span>;
  if (row.passwordState === 'ALIVE') return <>{t('admins.password.ALIVE', { date: formatDate(row.passwordExpires) })}</>;
  return <span className={row.passwordState === 'EXPIRED' ? 'status-word status-bad' : undefined}>{t(`admins.password.${row.passwordState}`)}</span>;
}

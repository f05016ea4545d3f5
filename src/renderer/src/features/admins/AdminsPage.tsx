import { keepPreviousData } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminFilter, AdminRow, AdminSort } from '../../../../shared/admins';
import { download } from '../../lib/download';
import { formatDate, formatDateTime } from '../../lib/format';
import { useJob, useJobsStore } from '../../lib/jobs';
import { ApiError, invalidate, request, useApiQuery } from '../../lib/query';
import { DataTable, type DataColumn, type TableSort } from '../../ui/DataTable';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ProgressBar } from '../../ui/ProgressBar';
import { StatusMessage } from '../../ui/StatusMessage';
import { useSessionStore } from '../session/store';
import { AdminDetails } from './AdminDetails';
import { useAdminsView } from './store';
import { adminStatuses, adminTypes, type AdminsSearch } from './search';

/** Rows asked for around what is on screen, so scrolling rarely waits. */
const margin = 100;

function filterOf(search: AdminsSearch): AdminFilter {
  const filter: AdminFilter = {};
  if (search.type !== undefined) filter.type = search.type;
  if (search.status !== undefined) filter.status = search.status;
  if (search.role !== undefined) filter.role = search.role;
  if (search.org !== undefined) filter.org = search.org;
  if (search.expiresWithin !== undefined) filter.expiresWithin = search.expiresWithin;
  if (search.q !== undefined && search.q.trim() !== '') filter.q = search.q;
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
  const [range, setRange] = useState({ offset: 0, limit: 200 });
  const [exported, setExported] = useState('');
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const [exporting, setExporting] = useState(false);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const ids = { grid: useId(), filters: useId(), q: useId(), type: useId(), status: useId(), role: useId(), org: useId(), expires: useId(), expiresError: useId() };

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

  const onRange = useCallback((first: number, end: number) => {
    const offset = Math.max(0, first - margin);
    setRange({ offset, limit: Math.min(500, end - offset + margin) });
  }, []);

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
      { id: 'type', header: t('admins.columns.type'), width: '6rem', sortable: true, cell: (row) => (row.type === null ? '' : (adminTypes as readonly string[]).includes(row.type) ? t(`admins.types.${row.type as (typeof adminTypes)[number]}`) : row.type) },
      {
        id: 'roles',
        header: t('admins.columns.roles'),
        width: 'minmax(10rem, 1.4fr)',
        cell: (row) => row.roles.map((role) => (role.orgName === null ? role.role : `${role.role} · ${role.orgName}`)).join('; '),
      },
      { id: 'status', header: t('admins.columns.status'), width: '7rem', sortable: true, cell: (row) => (row.status === null ? '' : <span className={`status-word status-${row.status.toLowerCase()}`}>{t(`admins.statuses.${row.status}`)}</span>) },
      { id: 'passwordExpires', header: t('admins.columns.password'), width: '10rem', sortable: true, cell: (row) => <PasswordState row={row} /> },
      { id: 'idpPersonId', header: t('admins.columns.idpPersonId'), width: 'minmax(8rem, 1fr)', cell: (row) => row.idpPersonId ?? '' },
    ],
    [t],
  );

  const exportCsv = async (): Promise<void> => {
    setExported('');
    setExportError(null);
    setExporting(true);
    try {
      const file = await request('admins:export', { filter, sort });
      download(file.fileName, file.text, 'text/csv');
      setExported(t('admins.exported', { count: file.rows, file: file.fileName }));
    } catch (error) {
      if (error instanceof ApiError) setExportError(error);
    } finally {
      setExporting(false);
    }
  };

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
        <button type="button" className="primary" onClick={() => void start()} disabled={running || !signedIn}>
          {t('admins.refresh')}
        </button>
      </header>
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

      <form className="filter-bar" aria-labelledby={ids.filters} role="search" onSubmit={(event) => event.preventDefault()}>
        <h2 id={ids.filters} className="visually-hidden">
          {t('admins.filters')}
        </h2>
        <div className="field">
          <label htmlFor={ids.q}>{t('admins.search')}</label>
          <input id={ids.q} type="search" value={search.q ?? ''} maxLength={200} placeholder={t('admins.searchHint')} onChange={(event) => setSearch({ q: event.target.value === '' ? undefined : event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.type}>{t('admins.type')}</label>
          <select id={ids.type} value={search.type ?? ''} onChange={(event) => setSearch({ type: event.target.value === '' ? undefined : (event.target.value as AdminsSearch['type']) })}>
            <option value="">{t('admins.any')}</option>
            {adminTypes.map((type) => (
              <option key={type} value={type}>
                {t(`admins.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('admins.status')}</label>
          <select id={ids.status} value={search.status ?? ''} onChange={(event) => setSearch({ status: event.target.value === '' ? undefined : (event.target.value as AdminsSearch['status']) })}>
            <option value="">{t('admins.any')}</option>
            {adminStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`admins.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t('admins.role')}</label>
          <select id={ids.role} value={search.role ?? ''} onChange={(event) => setSearch({ role: event.target.value === '' ? undefined : event.target.value })}>
            <option value="">{t('admins.any')}</option>
            {[...new Set([...(data?.roles ?? []), ...(search.role === undefined ? [] : [search.role])])].map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.org}>{t('admins.organization')}</label>
          <select id={ids.org} value={search.org ?? ''} onChange={(event) => setSearch({ org: event.target.value === '' ? undefined : Number(event.target.value) })}>
            <option value="">{t('admins.any')}</option>
            {organizations.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.parentId === null ? unit.name : `— ${unit.name}`}
              </option>
            ))}
          </select>
        </div>
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
        {filtered ? (
          <button type="button" className="link-button" onClick={() => void navigate({ search: { ...(search.sort === undefined ? {} : { sort: search.sort }), ...(search.desc === undefined ? {} : { desc: search.desc }) }, replace: true })}>
            {t('admins.clearFilters')}
          </button>
        ) : null}
      </form>

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
            onExport={() => void exportCsv()}
            exporting={exporting}
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
            onClose={() => {
              setSearch({ admin: undefined });
              // Back where the person was: the table, on the same row.
              window.setTimeout(() => document.getElementById(ids.grid)?.focus(), 0);
            }}
          />
        )}
      </div>
      <StatusMessage>{exported}</StatusMessage>
      {exportError === null ? null : <ErrorMessage error={exportError.error} />}
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

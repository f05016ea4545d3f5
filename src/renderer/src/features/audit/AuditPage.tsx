import { keepPreviousData } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditResults, type AuditFilter, type AuditRecord } from '../../../../shared/audit';
import { formatDateTime, formatNumber } from '../../lib/format';
import { request, useApiQuery } from '../../lib/query';
import { useCsvExport } from '../../lib/useExport';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ChoiceFilter, FilterBar, TextFilter } from '../../ui/FilterBar';
import { StatusMessage } from '../../ui/StatusMessage';
import { useTableWindow } from '../../ui/useTableWindow';
import { useAuditView } from './store';
import type { AuditSearch } from './search';

const isDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00`));

/** A day in the user's time zone, as the instant it starts. */
function startOf(day: string, plusDays = 0): string {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

function filterOf(search: AuditSearch): AuditFilter {
  const filter: AuditFilter = {};
  if (search.q !== undefined && search.q.trim() !== '') filter.text = search.q;
  if (search.operation !== undefined && search.operation.trim() !== '') filter.operation = search.operation;
  if (search.result !== undefined) filter.result = search.result;
  if (search.from !== undefined) filter.from = startOf(search.from);
  if (search.to !== undefined) filter.to = startOf(search.to, 1);
  return filter;
}

/** Every change the console sent to SCM, newest first, to browse, filter and export. */
export function AuditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate({ from: '/audit' });
  const search = useSearch({ from: '/audit' });
  const hidden = useAuditView((state) => state.hidden);
  const setHidden = useAuditView((state) => state.setHidden);
  const { range, onRange } = useTableWindow();
  const [drafts, setDrafts] = useState({ from: search.from ?? '', to: search.to ?? '' });
  const ids = { from: useId(), to: useId() };

  const filter = useMemo(() => filterOf(search), [search]);
  const page = useApiQuery('audit:list', { filter, offset: range.offset, limit: range.limit }, { placeholderData: keepPreviousData, staleTime: 0, refetchOnMount: 'always' });
  // Rows stay where they were while the next window loads.
  const [shown, setShown] = useState<{ offset: number; rows: AuditRecord[] }>({ offset: 0, rows: [] });
  useEffect(() => {
    if (page.data !== undefined && !page.isPlaceholderData) setShown({ offset: range.offset, rows: page.data.rows });
  }, [page.data, page.isPlaceholderData, range.offset]);
  // The unfiltered count, to tell "nothing yet" from "nothing matches".
  const all = useApiQuery('audit:list', { offset: 0, limit: 1 }, { staleTime: 0, refetchOnMount: 'always' });

  const setSearch = useCallback((changes: Partial<AuditSearch>) => void navigate({ search: (previous: AuditSearch) => ({ ...previous, ...changes }), replace: true }), [navigate]);

  const columns = useMemo<DataColumn<AuditRecord>[]>(
    () => [
      { id: 'time', header: t('audit.columns.time'), width: '11rem', fixed: true, cell: (row) => formatDateTime(row.time) },
      { id: 'who', header: t('audit.columns.who'), width: 'minmax(7rem, 0.8fr)', cell: (row) => row.who },
      { id: 'profile', header: t('audit.columns.profile'), width: 'minmax(7rem, 0.8fr)', cell: (row) => row.profileName ?? '' },
      { id: 'tenant', header: t('audit.columns.tenant'), width: 'minmax(8rem, 1fr)', cell: (row) => row.tenant },
      { id: 'operation', header: t('audit.columns.operation'), width: 'minmax(10rem, 1.4fr)', cell: (row) => row.operation },
      { id: 'request', header: t('audit.columns.request'), width: 'minmax(10rem, 1.2fr)', cell: (row) => <code>{`${row.method} ${row.path}`}</code> },
      { id: 'objects', header: t('audit.columns.objects'), width: '6rem', cell: (row) => row.objectIds.join(', ') },
      {
        id: 'result',
        header: t('audit.columns.result'),
        width: '9rem',
        cell: (row) => <span className={row.result === 'ok' ? 'status-word status-active' : 'status-word status-bad'}>{t(`audit.results.${row.result}`)}</span>,
      },
      {
        id: 'status',
        header: t('audit.columns.status'),
        width: '9rem',
        cell: (row) => (row.status === null ? t('audit.noAnswer') : row.scmCode === null ? t('audit.status', { status: row.status }) : t('audit.statusCode', { status: row.status, code: row.scmCode })),
      },
      { id: 'duration', header: t('audit.columns.duration'), width: '6rem', cell: (row) => t('audit.milliseconds', { ms: formatNumber(row.durationMs) }) },
    ],
    [t],
  );

  const csv = useCsvExport(
    () => request('audit:export', { filter }),
    (file) => t('audit.exported', { count: formatNumber(file.count), total: formatNumber(file.total), file: file.fileName }),
  );

  const dayField = (which: 'from' | 'to', id: string, label: string) => {
    const value = drafts[which];
    const invalid = value !== '' && !isDay(value);
    return (
      <div className="field narrow">
        <label htmlFor={id}>{label}</label>
        {invalid ? (
          <p id={`${id}-error`} className="field-error">
            {t('audit.dateError')}
          </p>
        ) : null}
        <input
          id={id}
          type="date"
          value={value}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(event) => {
            const next = event.target.value;
            setDrafts((current) => ({ ...current, [which]: next }));
            if (next === '') setSearch({ [which]: undefined });
            else if (isDay(next)) setSearch({ [which]: next });
          }}
        />
      </div>
    );
  };

  const data = page.data;
  const filtered = Object.keys(filter).length > 0;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p className="lead">{t('audit.lead')}</p>
      {page.error === null ? null : <ErrorMessage error={page.error.error} />}
      <FilterBar title={t('audit.filters')}>
        <TextFilter label={t('audit.search')} value={search.q} placeholder={t('audit.searchHint')} onChange={(q) => setSearch({ q })} />
        <ChoiceFilter label={t('audit.result')} anyLabel={t('audit.any')} value={search.result} options={auditResults.map((result) => ({ value: result, label: t(`audit.results.${result}`) }))} onChange={(result) => setSearch({ result })} />
        {dayField('from', ids.from, t('audit.from'))}
        {dayField('to', ids.to, t('audit.to'))}
        {filtered ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDrafts({ from: '', to: '' });
              void navigate({ search: {}, replace: true });
            }}
          >
            {t('audit.clearFilters')}
          </button>
        ) : null}
      </FilterBar>
      {data === undefined ? (
        page.isPending ? <p aria-busy="true">{t('app.loading')}</p> : null
      ) : (
        <DataTable<AuditRecord>
          label={t('audit.title')}
          columns={columns}
          matching={data.total}
          total={all.data?.total ?? data.total}
          offset={shown.offset}
          rows={shown.rows}
          rowId={(row) => `${row.time}|${row.method}|${row.path}|${row.operation}|${row.durationMs}`}
          onRange={onRange}
          sort={{ column: 'time', desc: true }}
          onSort={() => undefined}
          hidden={hidden}
          onHiddenChange={setHidden}
          onOpen={() => undefined}
          onExport={() => void csv.start()}
          exporting={csv.exporting}
          empty={<p>{(all.data?.total ?? 0) === 0 ? t('audit.none') : t('audit.noneMatch')}</p>}
        />
      )}
      <StatusMessage>{csv.said}</StatusMessage>
      {csv.error === null ? null : <ErrorMessage error={csv.error.error} />}
    </section>
  );
}

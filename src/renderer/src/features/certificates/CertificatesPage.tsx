import { keepPreviousData } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  attentionKinds,
  certificateKinds,
  certificateStates,
  type AttentionKind,
  type CertificateFilter,
  type CertificateRow,
  type CertificateSortColumn,
  type CertificateState,
  type CertificatesWindow,
} from '../../../../shared/certificates';
import { downloadBlob } from '../../lib/download';
import { dateFormat, formatDate, formatNumber, locale } from '../../lib/format';
import { useJob, useJobsStore } from '../../lib/jobs';
import { ApiError, invalidate, request, useApiQuery } from '../../lib/query';
import { DataTable, type DataColumn, type TableSort } from '../../ui/DataTable';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ChoiceFilter, FilterBar, TextFilter } from '../../ui/FilterBar';
import { ProgressBar } from '../../ui/ProgressBar';
import { StatusMessage } from '../../ui/StatusMessage';
import { useTableWindow } from '../../ui/useTableWindow';
import { useSessionStore } from '../session/store';
import { BulkActions } from './BulkActions';
import { CertificateDetails } from './CertificateDetails';
import { CodeSigningPanel } from './CodeSigningPanel';
import { PersonsPanel } from './PersonsPanel';
import { ExpiryChart } from './ExpiryChart';
import { certificateViews, defaultHideExpiredAfter, filterOf, isFiltered, sortOf, withoutFilters, type CertificatesSearch, type CertificateView } from './search';
import { useCertificatesView } from './store';

/** The parts of a read main reports, each worded under the progress bar. */
const loadPhases = ['ssl', 'smime', 'changes', 'moving', 'saving'] as const;

/** The colour class of a state's word; the word itself always says it too. */
const stateTone: Record<CertificateState, string> = {
  requested: 'status-warn',
  approved: 'status-warn',
  applied: 'status-warn',
  issued: 'status-active',
  expired: 'status-bad',
  revoked: 'status-bad',
  declined: 'status-bad',
  replaced: '',
  other: '',
};

/** The time now, renewed every minute, for ages ("read 3 hours ago") that stay true while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** "3 hours ago", "yesterday", "2 months ago", in the interface's language; at least a minute. */
function ageOf(moment: string, now: number): string {
  const seconds = Math.max(60, (now - Date.parse(moment)) / 1000);
  const words = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['minute', 60],
    ['hour', 3600],
    ['day', 86_400],
    ['month', 2_592_000],
    ['year', 31_536_000],
  ];
  let chosen = steps[0]!;
  for (const step of steps) if (seconds >= step[1]) chosen = step;
  return words.format(-Math.floor(seconds / chosen[1]), chosen[0]);
}

/** "2 Dec 2026, 14:05" as the user's locale writes it. */
function momentOf(moment: string): string {
  return dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(moment));
}

function dayOf(day: string): string {
  return dateFormat({ day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** The organizations, each followed by its departments, indented: the order people know them in. */
function unitOptions(units: CertificatesWindow['organizations']): { value: number; label: string }[] {
  const ids = new Set(units.map((unit) => unit.id));
  const top = units.filter((unit) => unit.parentId === null || !ids.has(unit.parentId));
  return top.flatMap((unit) => [
    { value: unit.id, label: unit.name },
    ...units.filter((department) => department.parentId === unit.id).map((department) => ({ value: department.id, label: `— ${department.name}` })),
  ]);
}

/** What is chosen for a bulk action: rows one by one, or everything the filter selects. */
type Selection = { mode: 'keys'; keys: ReadonlySet<string> } | { mode: 'filter'; filter: CertificateFilter; count: number };
const nothingSelected: Selection = { mode: 'keys', keys: new Set() };

/**
 * The SSL and client certificates in scope: read by a job into a cache in
 * main, shown as a chart of what ends when and a table of any length, with
 * filters, details, bulk actions and a CSV export. Signed out, the last
 * inventory read can still be looked through.
 */
export function CertificatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate({ from: '/certificates' });
  const search = useSearch({ from: '/certificates' });
  const session = useSessionStore((state) => state.session);
  const signedIn = session?.status === 'signed-in';
  const hidden = useCertificatesView((state) => state.hidden);
  const setHidden = useCertificatesView((state) => state.setHidden);
  const { range, onRange } = useTableWindow();
  const now = useNow();
  const [startError, setStartError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [selection, setSelection] = useState<Selection>(nothingSelected);
  const [linkSaid, setLinkSaid] = useState('');
  const ids = { grid: useId(), tabs: useId() };
  const autoStarted = useRef<string | null>(null);

  const filter = useMemo(() => filterOf(search), [search]);
  const sort = sortOf(search);
  const view: CertificateView = search.view ?? 'inventory';
  const profileId = search.cache;
  const asked = signedIn || profileId !== undefined;
  const windowQuery = useApiQuery(
    'certificates:window',
    { ...(profileId === undefined ? {} : { profileId }), filter, sort, ...range },
    { enabled: asked, placeholderData: keepPreviousData, staleTime: 0 },
  );
  const data = asked ? windowQuery.data : undefined;
  const live = signedIn && data?.live === true;
  const job = useJob(data?.jobId);
  const running = job?.state === 'running';

  const setSearch = useCallback(
    (changes: Partial<CertificatesSearch>) => void navigate({ search: (previous: CertificatesSearch) => ({ ...previous, ...changes }), replace: true }),
    [navigate],
  );

  const start = useCallback(async (mode: 'full' | 'changes') => {
    setStartError(null);
    try {
      await useJobsStore.getState().start({ kind: 'certificates:load', mode });
      await invalidate('certificates:window');
    } catch (error) {
      if (error instanceof ApiError) setStartError(error);
    }
  }, []);

  // The first visit for a profile reads its certificates at once.
  useEffect(() => {
    if (!live || data === undefined || windowQuery.isPlaceholderData || profileId !== undefined) return;
    if (data.savedAt === null && data.jobId === null && autoStarted.current !== data.profileId) {
      autoStarted.current = data.profileId;
      void start('full');
    }
  }, [live, data, windowQuery.isPlaceholderData, profileId, start]);

  // As the job reads, the table fills in; once it has ended, Cancel is done and the cache is listed anew.
  useEffect(() => {
    if (job !== undefined) void invalidate('certificates:window');
    if (job?.state !== 'running') {
      setCancelling(false);
      void invalidate('certificates:caches');
    }
  }, [job]);

  // A selection made under one filter means nothing under another.
  const filterKey = JSON.stringify(filter);
  useEffect(() => setSelection(nothingSelected), [filterKey, profileId]);

  const exporter = useCsvParts(profileId, filter, sort);

  if (session === null) return <p aria-busy="true">{t('app.loading')}</p>;

  if (!signedIn && profileId === undefined) return <SignedOut />;

  const refreshMode = data?.savedAt === null || data?.savedAt === undefined ? 'full' : 'changes';
  const onChanged = (): void => void invalidate('certificates:window');

  return (
    <section aria-labelledby="certificates-title" className="certificates-page">
      <header className="page-header certificates-header">
        <h1 id="certificates-title">{t('certificates.title')}</h1>
        {live ? (
          <div className="page-actions">
            <button type="button" className="primary" onClick={() => void start(refreshMode)} disabled={running}>
              {t('certificates.refresh')}
            </button>
            <button type="button" onClick={() => void start('full')} disabled={running}>
              {t('certificates.readAll')}
            </button>
            <Link to="/checklists/start/$checklistId" params={{ checklistId: 'first-certificate' }} className="button">
              {t('certificates.enroll')}
            </Link>
          </div>
        ) : null}
      </header>
      <p className="lead">{t('certificates.lead')}</p>

      {data !== undefined && !data.live ? (
        <div className="notice certificates-offline" role="note">
          <p>{t('certificates.offline')}</p>
          {signedIn ? (
            <p>
              {t('certificates.otherProfile')}{' '}
              <Link from="/certificates" to="/certificates" search={(previous: CertificatesSearch) => ({ ...previous, cache: undefined })}>
                {t('certificates.backToLive')}
              </Link>
            </p>
          ) : (
            <p>
              <Link to="/home">{t('certificates.goHome')}</Link>
            </p>
          )}
        </div>
      ) : null}
      {startError === null ? null : <ErrorMessage error={startError.error} />}
      {windowQuery.error === null ? null : <ErrorMessage error={windowQuery.error.error} />}
      {job?.state === 'failed' && job.error !== null ? <ErrorMessage error={job.error} /> : null}
      {data?.cacheProblem === null || data?.cacheProblem === undefined ? null : <p className="warning">{t('certificates.cacheProblem', { problem: data.cacheProblem })}</p>}
      {running ? (
        <ProgressBar
          label={(loadPhases as readonly string[]).includes(job.progress.phase ?? '') ? t(`certificates.phases.${job.progress.phase as (typeof loadPhases)[number]}`) : t('certificates.reading')}
          progress={job.progress}
          onCancel={
            live
              ? () => {
                  setCancelling(true);
                  void useJobsStore.getState().cancel(job.id);
                }
              : undefined
          }
          cancelling={cancelling}
        />
      ) : null}
      {data === undefined || data.savedAt === null ? null : (
        <p className="field-hint certificates-age">
          {now - Date.parse(data.savedAt) < 60_000 ? t('certificates.readJustNow', { time: momentOf(data.savedAt) }) : t('certificates.readAt', { age: ageOf(data.savedAt, now), time: momentOf(data.savedAt) })}{' '}
          {data.complete ? (job?.state === 'cancelled' ? t('certificates.cancelled') : t('certificates.complete')) : running ? t('certificates.partial') : t('certificates.stopped')}
        </p>
      )}

      <Tabs view={view} baseId={ids.tabs} onChange={(next) => setSearch({ view: next === 'inventory' ? undefined : next })} />
      <div role="tabpanel" id={`${ids.tabs}-${view}-panel`} aria-labelledby={`${ids.tabs}-${view}`} className="certificates-panel">
        {view === 'codeSigning' ? (
          <CodeSigningPanel live={live} />
        ) : view === 'persons' ? (
          <PersonsPanel live={live} />
        ) : windowQuery.isPending && data === undefined ? (
          <p aria-busy="true">{t('app.loading')}</p>
        ) : data === undefined ? null : data.savedAt === null && !running ? (
          <div className="blankslate">
            {live ? (
              <>
                <p>{t('certificates.notRead')}</p>
                <button type="button" onClick={() => void start('full')}>
                  {t('certificates.read')}
                </button>
              </>
            ) : (
              <p>{t('certificates.notReadOffline')}</p>
            )}
          </div>
        ) : (
          <>
            <Attention counts={data.attention} pressed={search.attention} onChange={(attention) => setSearch({ attention })} />
            <Filters
              search={search}
              data={data}
              setSearch={setSearch}
              onClear={() => void navigate({ search: withoutFilters(search), replace: true })}
              onCopyLink={() => {
                const link = window.location.hash;
                navigator.clipboard.writeText(link).then(
                  () => setLinkSaid(t('certificates.linkCopied', { link })),
                  () => setLinkSaid(t('certificates.linkFailed', { link })),
                );
              }}
            />
            <StatusMessage>{linkSaid}</StatusMessage>
            <ExpiryChart chart={data.chart} week={search.week} onWeek={(week) => setSearch({ week: search.week === week ? undefined : week })} />
            {live ? <SelectionBar selection={selection} matching={data.matching} filter={filter} onChange={setSelection} onFinished={onChanged} /> : null}
            <div className={search.cert === undefined ? 'certificates-layout' : 'certificates-layout with-details'}>
              <CertificateTable
                // A new filter starts at the top of the table, on its first row.
                key={filterKey}
                data={data}
                sort={sort}
                hidden={hidden}
                onHiddenChange={setHidden}
                onRange={onRange}
                onSort={(next) => setSearch({ sortBy: next.column as CertificateSortColumn, desc: next.desc ? true : undefined })}
                openKey={search.cert}
                onOpen={(row) => setSearch({ cert: row.key })}
                gridId={ids.grid}
                selection={live ? selection : null}
                onSelectionChange={setSelection}
                onExport={() => void exporter.start()}
                exporting={exporter.progress !== null}
                empty={
                  data.total === 0 ? (
                    <p>
                      {running ? t('app.loading') : t('certificates.none')} {running ? null : t('certificates.noneHint')}
                    </p>
                  ) : (
                    <p>
                      {t('certificates.noneMatch')}{' '}
                      <button type="button" className="link-button" onClick={() => void navigate({ search: withoutFilters(search), replace: true })}>
                        {t('certificates.clearFilters')}
                      </button>
                    </p>
                  )
                }
              />
              {search.cert === undefined ? null : (
                <CertificateDetails
                  certKey={search.cert}
                  live={live}
                  profileId={data.profileId ?? undefined}
                  onClose={() => {
                    setSearch({ cert: undefined });
                    // Back where the person was: the table, on the same row.
                    window.setTimeout(() => document.getElementById(ids.grid)?.focus(), 0);
                  }}
                  onChanged={onChanged}
                />
              )}
            </div>
            {exporter.progress === null ? null : (
              <ProgressBar
                label={t('certificates.export.label')}
                progress={{ done: exporter.progress.done, total: exporter.progress.total }}
                onCancel={exporter.cancel}
                cancelling={exporter.cancelling}
              />
            )}
            {exporter.progress === null || exporter.progress.total === null ? null : (
              <p className="field-hint">{t('certificates.export.progress', { done: formatNumber(exporter.progress.done), total: formatNumber(exporter.progress.total) })}</p>
            )}
            <StatusMessage>{exporter.said}</StatusMessage>
            {exporter.error === null ? null : <ErrorMessage error={exporter.error.error} />}
          </>
        )}
      </div>
    </section>
  );
}

/** Signed out: the inventories read before on this computer, to look through without a connection. */
function SignedOut() {
  const { t } = useTranslation();
  const now = useNow();
  const caches = useApiQuery('certificates:caches', undefined, { staleTime: 0 });
  return (
    <section aria-labelledby="certificates-title" className="certificates-page">
      <h1 id="certificates-title">{t('certificates.title')}</h1>
      <p className="lead">{t('certificates.lead')}</p>
      <p>{t('certificates.signIn')}</p>
      <p>
        <Link to="/home">{t('certificates.goHome')}</Link>
      </p>
      {caches.error === null ? null : <ErrorMessage error={caches.error.error} />}
      {caches.data === undefined || caches.data.length === 0 ? null : (
        <section aria-labelledby="certificates-caches" className="certificates-caches">
          <h2 id="certificates-caches">{t('certificates.caches')}</h2>
          <p>{t('certificates.cachesLead')}</p>
          <ul>
            {caches.data.map((cache) => (
              <li key={cache.profileId}>
                <Link to="/certificates" search={{ cache: cache.profileId }}>
                  {t('certificates.openCache', { profile: cache.profileName, age: ageOf(cache.savedAt, now) })}
                </Link>{' '}
                <span className="muted">({t('certificates.cacheCount', { count: cache.count })})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

/** The two views as tabs: the arrow keys, Home and End move between them. */
function Tabs({ view, baseId, onChange }: { view: CertificateView; baseId: string; onChange: (view: CertificateView) => void }) {
  const { t } = useTranslation();
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = certificateViews.indexOf(view);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: certificateViews.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = certificateViews[(to + certificateViews.length) % certificateViews.length]!;
    onChange(next);
    document.getElementById(`${baseId}-${next}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={t('certificates.views')} className="tabs" onKeyDown={onKeyDown}>
      {certificateViews.map((candidate) => (
        <button
          key={candidate}
          type="button"
          role="tab"
          id={`${baseId}-${candidate}`}
          aria-selected={candidate === view}
          aria-controls={`${baseId}-${candidate}-panel`}
          tabIndex={candidate === view ? 0 : -1}
          onClick={() => onChange(candidate)}
        >
          {t(`certificates.tabs.${candidate}`)}
        </button>
      ))}
    </div>
  );
}

/** What needs attention, each a button that shows just those certificates. */
function Attention({ counts, pressed, onChange }: { counts: CertificatesWindow['attention']; pressed: AttentionKind | undefined; onChange: (kind: AttentionKind | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <div role="group" aria-label={t('certificates.attention.label')} className="attention">
      {attentionKinds.map((kind) => (
        <button key={kind} type="button" aria-pressed={pressed === kind} className={counts[kind] > 0 ? 'attention-button has-some' : 'attention-button'} onClick={() => onChange(pressed === kind ? undefined : kind)}>
          {t(`certificates.attention.${kind}`, { count: counts[kind] })}
        </button>
      ))}
    </div>
  );
}

/** A whole number of days typed in a field; what is not one is said so, and the last good value stays. */
function useDaysDraft(value: number | undefined, max: number) {
  const text = value === undefined ? '' : String(value);
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  const valid = (candidate: string) => /^\d{1,5}$/.test(candidate) && Number(candidate) <= max;
  return { draft, setDraft, invalid: draft !== '' && !valid(draft), valid };
}

function Filters({
  search,
  data,
  setSearch,
  onClear,
  onCopyLink,
}: {
  search: CertificatesSearch;
  data: CertificatesWindow;
  setSearch: (changes: Partial<CertificatesSearch>) => void;
  onClear: () => void;
  onCopyLink: () => void;
}) {
  const { t } = useTranslation();
  const ids = { expires: useId(), expiresError: useId(), hide: useId(), hideDays: useId(), hideBefore: useId(), hideAfter: useId(), hideError: useId() };
  const expires = useDaysDraft(search.expiresWithin, 3650);
  const hideOn = search.hideExpiredAfter !== 'off';
  const hideDays = typeof search.hideExpiredAfter === 'number' ? search.hideExpiredAfter : defaultHideExpiredAfter;
  const hide = useDaysDraft(hideDays, 36500);
  const hideSearch = (days: number): Partial<CertificatesSearch> => ({ hideExpiredAfter: days === defaultHideExpiredAfter ? undefined : days });
  const profiles = [...new Set([...data.profiles, ...(search.profile === undefined ? [] : [search.profile])])];

  return (
    <FilterBar title={t('certificates.filters')}>
      <TextFilter label={t('certificates.search')} value={search.q} placeholder={t('certificates.searchHint')} onChange={(q) => setSearch({ q })} />
      <ChoiceFilter label={t('certificates.kind')} anyLabel={t('certificates.any')} value={search.kind} options={certificateKinds.map((kind) => ({ value: kind, label: t(`certificates.kinds.${kind}`) }))} onChange={(kind) => setSearch({ kind })} />
      <ChoiceFilter
        label={t('certificates.state')}
        anyLabel={t('certificates.any')}
        value={search.state}
        options={certificateStates.map((state) => ({ value: state, label: t(`certificates.stateOptions.${state}`) }))}
        onChange={(state) => setSearch({ state })}
      />
      <ChoiceFilter label={t('certificates.organization')} anyLabel={t('certificates.any')} value={search.org} options={unitOptions(data.organizations)} onChange={(org) => setSearch({ org })} />
      <ChoiceFilter label={t('certificates.profile')} anyLabel={t('certificates.any')} value={search.profile} options={profiles.map((profile) => ({ value: profile, label: profile }))} onChange={(profile) => setSearch({ profile })} />
      <div className="field narrow">
        <label htmlFor={ids.expires}>{t('certificates.expiresWithin')}</label>
        {expires.invalid ? (
          <p id={ids.expiresError} className="field-error">
            {t('certificates.expiresWithinError')}
          </p>
        ) : null}
        <input
          id={ids.expires}
          inputMode="numeric"
          value={expires.draft}
          aria-invalid={expires.invalid}
          aria-describedby={expires.invalid ? ids.expiresError : undefined}
          onChange={(event) => {
            const value = event.target.value.trim();
            expires.setDraft(value);
            if (value === '') setSearch({ expiresWithin: undefined });
            else if (expires.valid(value)) setSearch({ expiresWithin: Number(value) });
          }}
        />
      </div>
      <div className="field hide-expired">
        {hide.invalid ? (
          <p id={ids.hideError} className="field-error">
            {t('certificates.hideExpiredError')}
          </p>
        ) : null}
        <div className="hide-expired-row">
          <input
            id={ids.hide}
            type="checkbox"
            checked={hideOn}
            aria-labelledby={`${ids.hideBefore} ${ids.hideDays} ${ids.hideAfter}`}
            onChange={(event) => setSearch(event.target.checked ? hideSearch(hide.valid(hide.draft) ? Number(hide.draft) : defaultHideExpiredAfter) : { hideExpiredAfter: 'off' })}
          />
          <label id={ids.hideBefore} htmlFor={ids.hide}>
            {t('certificates.hideExpired')}
          </label>
          <input
            id={ids.hideDays}
            className="days"
            inputMode="numeric"
            aria-label={t('certificates.hideExpiredDays')}
            value={hide.draft}
            disabled={!hideOn}
            aria-invalid={hide.invalid}
            aria-describedby={hide.invalid ? ids.hideError : undefined}
            onChange={(event) => {
              const value = event.target.value.trim();
              hide.setDraft(value);
              if (hide.valid(value)) setSearch(hideSearch(Number(value)));
            }}
          />
          <span id={ids.hideAfter}>{t('certificates.hideExpiredAfter')}</span>
        </div>
      </div>
      {search.week === undefined ? null : (
        <p className="filter-chip">
          <span>{t('certificates.week', { date: dayOf(search.week) })}</span>
          <button type="button" className="chip-remove" aria-label={t('certificates.removeWeek')} onClick={() => setSearch({ week: undefined })}>
            <span aria-hidden="true">×</span>
          </button>
        </p>
      )}
      <div className="filter-links">
        {isFiltered(search) ? (
          <button type="button" className="link-button" onClick={onClear}>
            {t('certificates.clearFilters')}
          </button>
        ) : null}
        <button type="button" className="link-button" onClick={onCopyLink}>
          {t('certificates.copyLink')}
        </button>
      </div>
    </FilterBar>
  );
}

/** Above the table while rows are chosen: how many, all that match, Clear, and the bulk actions. */
function SelectionBar({
  selection,
  matching,
  filter,
  onChange,
  onFinished,
}: {
  selection: Selection;
  matching: number;
  filter: CertificateFilter;
  onChange: (selection: Selection) => void;
  onFinished: () => void;
}) {
  const { t } = useTranslation();
  const count = selection.mode === 'keys' ? selection.keys.size : selection.count;
  if (count === 0) return null;
  return (
    <div role="region" aria-label={t('certificates.selection.label')} className="selection-bar">
      <p aria-live="polite">
        {selection.mode === 'filter'
          ? t('certificates.selection.allMatching', { count })
          : t('certificates.selection.count', { count })}
      </p>
      {selection.mode === 'keys' && matching > selection.keys.size ? (
        <button type="button" className="link-button" onClick={() => onChange({ mode: 'filter', filter, count: matching })}>
          {t('certificates.selection.selectMatching', { count: matching })}
        </button>
      ) : null}
      <button type="button" className="link-button" onClick={() => onChange(nothingSelected)}>
        {t('certificates.selection.clear')}
      </button>
      <BulkActions selection={selection.mode === 'keys' ? { keys: [...selection.keys] } : { filter: selection.filter }} count={count} live onFinished={onFinished} />
    </div>
  );
}

function CertificateTable({
  data,
  sort,
  hidden,
  onHiddenChange,
  onRange,
  onSort,
  openKey,
  onOpen,
  gridId,
  selection,
  onSelectionChange,
  onExport,
  exporting,
  empty,
}: {
  data: CertificatesWindow;
  sort: { column: string; desc: boolean };
  hidden: readonly string[];
  onHiddenChange: (hidden: string[]) => void;
  onRange: (start: number, end: number) => void;
  onSort: (sort: TableSort) => void;
  openKey: string | undefined;
  onOpen: (row: CertificateRow) => void;
  gridId: string;
  /** Null where nothing can be done to the certificates (offline). */
  selection: Selection | null;
  onSelectionChange: (selection: Selection) => void;
  onExport: () => void;
  exporting: boolean;
  empty: ReactNode;
}) {
  const { t } = useTranslation();
  // Fixed widths but one: a header row and the rows under it then always line up, however narrow the window.
  const columns = useMemo<DataColumn<CertificateRow>[]>(
    () => [
      {
        id: 'commonName',
        header: t('certificates.columns.commonName'),
        width: '14rem',
        sortable: true,
        fixed: true,
        cell: (row) => (
          <Link from="/certificates" to="/certificates" search={(previous: CertificatesSearch) => ({ ...previous, cert: row.key })} className="row-link" tabIndex={-1}>
            {row.commonName === '' ? row.key : row.commonName}
          </Link>
        ),
      },
      { id: 'names', header: t('certificates.columns.names'), width: 'minmax(14rem, 1fr)', sortable: true, cell: (row) => <span title={row.names.join(', ')}>{row.names.join(', ')}</span> },
      { id: 'status', header: t('certificates.columns.status'), width: '12rem', sortable: true, cell: (row) => <StateWord row={row} /> },
      { id: 'org', header: t('certificates.columns.org'), width: '11rem', sortable: true, cell: (row) => row.orgName ?? '' },
      { id: 'profile', header: t('certificates.columns.profile'), width: '10rem', sortable: true, cell: (row) => row.profileName ?? '' },
      { id: 'term', header: t('certificates.columns.term'), width: '7.5rem', sortable: true, cell: (row) => (row.term === null ? '' : t('certificates.term', { count: row.term })) },
      { id: 'requested', header: t('certificates.columns.requested'), width: '8rem', sortable: true, cell: (row) => formatDate(row.requested) },
      { id: 'issued', header: t('certificates.columns.issued'), width: '8rem', sortable: true, cell: (row) => formatDate(row.issued) },
      { id: 'expires', header: t('certificates.columns.expires'), width: '16rem', sortable: true, cell: (row) => <Expiry row={row} /> },
      { id: 'requester', header: t('certificates.columns.requester'), width: '9rem', sortable: true, cell: (row) => row.requester ?? '' },
      { id: 'serialNumber', header: t('certificates.columns.serialNumber'), width: '14rem', sortable: true, cell: (row) => <span className="mono">{row.serialNumber ?? ''}</span> },
    ],
    [t],
  );

  const loadedKeys = data.rows.map((row) => row.key);
  const selectedIds = selection === null ? undefined : selection.mode === 'keys' ? selection.keys : new Set(loadedKeys);
  const onSelectedChange = (changed: string[], selected: boolean): void => {
    if (selection === null) return;
    // Letting one row go from "all that match" keeps the rows on screen, less that one.
    const base = selection.mode === 'keys' ? selection.keys : new Set(loadedKeys);
    const next = new Set(base);
    for (const key of changed) {
      if (selected) next.add(key);
      else next.delete(key);
    }
    onSelectionChange({ mode: 'keys', keys: next });
  };

  return (
    <DataTable<CertificateRow>
      label={t('certificates.title')}
      columns={columns}
      matching={data.matching}
      total={data.total}
      offset={data.offset}
      rows={data.rows}
      rowId={(row) => row.key}
      onRange={onRange}
      sort={sort}
      onSort={onSort}
      hidden={hidden}
      onHiddenChange={onHiddenChange}
      onOpen={onOpen}
      openId={openKey}
      gridId={gridId}
      onExport={onExport}
      exporting={exporting}
      empty={empty}
      {...(selectedIds === undefined ? {} : { selectedIds, onSelectedChange })}
    />
  );
}

function StateWord({ row }: { row: CertificateRow }) {
  const { t } = useTranslation();
  const word = t(`certificates.states.${row.state}`);
  const scm = row.status !== '' && row.status.toLowerCase() !== word.toLowerCase() ? ` (${row.status})` : '';
  return (
    <>
      <span className={`status-word ${stateTone[row.state]}`}>{word}</span>
      {scm}
    </>
  );
}

function Expiry({ row }: { row: CertificateRow }) {
  const { t } = useTranslation();
  if (row.expires === null) return null;
  const date = formatDate(row.expires);
  if (row.daysLeft === null || (row.state !== 'issued' && row.state !== 'expired')) return <>{date}</>;
  const left = row.daysLeft;
  const words = left > 0 ? t('certificates.daysLeft', { count: left }) : left === 0 ? t('certificates.endsToday') : t('certificates.ended', { count: -left });
  return (
    <>
      {date} · <span className={left < 0 ? 'status-word status-bad' : left <= 30 ? 'status-word status-warn' : undefined}>{words}</span>
    </>
  );
}

/**
 * The CSV of what the filter selects, prepared in main and fetched in parts
 * into a Blob, so no part of the console ever holds the whole file as one
 * string; it can be stopped between parts.
 */
function useCsvParts(profileId: string | undefined, filter: CertificateFilter, sort: { column: CertificateSortColumn; desc: boolean }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ done: number; total: number | null } | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const stop = useRef(false);

  const start = async (): Promise<void> => {
    setSaid('');
    setError(null);
    setCancelling(false);
    stop.current = false;
    setProgress({ done: 0, total: null });
    try {
      const prepared = await request('certificates:export', { ...(profileId === undefined ? {} : { profileId }), filter, sort });
      let file = new Blob([], { type: 'text/csv;charset=utf-8' });
      setProgress({ done: 0, total: prepared.parts });
      for (let part = 0; part < prepared.parts; part += 1) {
        if (stop.current) {
          setSaid(t('certificates.export.cancelled'));
          return;
        }
        const { text } = await request('certificates:exportPart', { exportId: prepared.exportId, part });
        file = new Blob([file, text], { type: 'text/csv;charset=utf-8' });
        setProgress({ done: part + 1, total: prepared.parts });
      }
      downloadBlob(prepared.fileName, file);
      setSaid(t('certificates.export.exported', { count: prepared.rows, file: prepared.fileName }));
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught);
      else throw caught;
    } finally {
      setProgress(null);
      setCancelling(false);
    }
  };
  const cancel = (): void => {
    stop.current = true;
    setCancelling(true);
  };
  return { progress, cancelling, said, error, start, cancel };
}

import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ValueOf } from '../../../../shared/contract';
import { dcvMethodValues, domainActionRefusal, domainCertTypeValues, type DomainRow } from '../../../../shared/domains';
import type { AppError } from '../../../../shared/result';
import { formatDate, formatDateTime } from '../../lib/format';
import { ApiError, invalidate, request, useApiQuery } from '../../lib/query';
import { ActionButton } from '../../ui/ActionButton';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { StatusMessage } from '../../ui/StatusMessage';
import { useSessionStore } from '../session/store';
import { problemText } from '../settings/problemText';
import { AddDomainDialog } from './AddDomainDialog';
import type { DomainsSearch } from './search';
import './domains.css';

type Actor = ValueOf<'admins:options'>['actor'];

/** Monday of the week a day falls in, as an ISO day. */
function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** The domains in scope with their delegations and validation, and the changes SCM allows this admin. */
export function DomainsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate({ from: '/domains' });
  const search = useSearch({ from: '/domains' });
  const session = useSessionStore((state) => state.session);
  const signedIn = session?.status === 'signed-in';
  const list = useApiQuery('domains:list', {}, { enabled: signedIn, staleTime: 60_000 });
  const options = useApiQuery('admins:options', {}, { enabled: signedIn, staleTime: 300_000 });
  const [adding, setAdding] = useState(false);
  const [said, setSaid] = useState('');
  const ids = { search: useId(), expiring: useId() };
  const setSearch = (changes: Partial<DomainsSearch>) => void navigate({ search: (previous: DomainsSearch) => ({ ...previous, ...changes }), replace: true });
  const rows = useMemo(() => {
    const text = search.q?.trim().toLowerCase() ?? '';
    return (list.data?.rows ?? []).filter((row) => (text === '' || row.name.includes(text)) && (search.expiring !== true || (row.daysLeft !== null && row.daysLeft <= 30)));
  }, [list.data, search.q, search.expiring]);
  const selected = list.data?.rows.find((row) => row.id === search.domain);
  const addRefusal = options.data === undefined ? null : domainActionRefusal('add', options.data.actor);

  if (session !== null && !signedIn) {
    return (
      <section aria-labelledby="domains-title">
        <h1 id="domains-title">{t('domains.title')}</h1>
        <p className="lead">{t('domains.lead')}</p>
        <p>{t('domains.signIn')}</p>
        <p>
          <Link to="/home">{t('admins.goHome')}</Link>
        </p>
      </section>
    );
  }

  const expiresText = (row: DomainRow) => (row.dcvExpires === null || row.daysLeft === null ? '' : row.daysLeft < 0 ? t('domains.ended', { date: formatDate(row.dcvExpires) }) : t('domains.daysLeft', { date: formatDate(row.dcvExpires), count: row.daysLeft }));
  const delegationsText = (row: DomainRow) => row.delegations.map((delegation) => `${delegation.orgName ?? (delegation.orgId === null ? '' : `#${delegation.orgId}`)} (${delegation.certTypes.join(', ')}${delegation.status === 'REQUESTED' ? `, ${t('domains.details.waiting')}` : ''})`).join('; ');

  return (
    <section aria-labelledby="domains-title" className="domains-page">
      <header className="page-header">
        <div>
          <h1 id="domains-title">{t('domains.title')}</h1>
          <p className="lead">{t('domains.lead')}</p>
        </div>
        <div className="page-actions">
          <button type="button" onClick={() => void list.refetch()} disabled={list.isFetching || !signedIn}>
            {t('domains.refresh')}
          </button>
          <ActionButton label={t('domains.add')} reason={addRefusal === null ? undefined : problemText(addRefusal, t)} onClick={() => options.data !== undefined && setAdding(true)} />
        </div>
      </header>
      {list.error === null ? null : <ErrorMessage error={list.error.error} />}
      <StatusMessage>{said}</StatusMessage>
      {adding && options.data !== undefined ? (
        <AddDomainDialog
          units={options.data.actor.units}
          onClose={() => setAdding(false)}
          onDone={(added) => {
            setAdding(false);
            setSaid(t('domains.addForm.added', { names: added.map((entry) => entry.name).join(', ') }));
            void invalidate('domains:list');
            const registered = added.find((entry) => !entry.name.startsWith('*.'));
            if (registered !== undefined) setSearch({ domain: registered.id });
          }}
        />
      ) : null}
      {list.data === undefined ? (
        list.isFetching ? (
          <p aria-busy="true">{t('domains.reading')}</p>
        ) : null
      ) : (
        <>
          <p className="field-hint">{list.isFetching ? t('domains.reading') : t('domains.readAt', { time: formatDateTime(list.data.readAt) })}</p>
          <DcvChart rows={list.data.rows} />
          <div className="filter-bar domains-filters">
            <div className="field">
              <label htmlFor={ids.search}>{t('domains.search')}</label>
              <input id={ids.search} type="search" placeholder={t('domains.searchHint')} value={search.q ?? ''} maxLength={200} onChange={(event) => setSearch({ q: event.target.value === '' ? undefined : event.target.value })} />
            </div>
            <div className="field checkbox-filter">
              <input id={ids.expiring} type="checkbox" checked={search.expiring === true} onChange={(event) => setSearch({ expiring: event.target.checked ? true : undefined })} />
              <label htmlFor={ids.expiring}>{t('domains.expiringFilter')}</label>
            </div>
          </div>
          <div className={selected === undefined ? 'units-layout' : 'units-layout with-details'}>
            {list.data.rows.length === 0 ? (
              <p className="blankslate">{t('domains.none')}</p>
            ) : rows.length === 0 ? (
              <p className="blankslate">{t('domains.noneMatch')}</p>
            ) : (
              <table className="units-table domains-table">
                <caption className="visually-hidden">{t('domains.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('domains.columns.name')}</th>
                    <th scope="col">{t('domains.columns.delegations')}</th>
                    <th scope="col">{t('domains.columns.validation')}</th>
                    <th scope="col">{t('domains.columns.expires')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id} className={row.id === search.domain ? 'selected' : undefined}>
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => setSearch({ domain: row.id })}>
                          {row.name}
                        </button>
                      </th>
                      <td>{delegationsText(row)}</td>
                      <td>{row.wildcard ? '' : `${row.validationStatus ?? ''}${row.validationMethod === null ? '' : ` (${row.validationMethod})`}`}</td>
                      <td className={row.daysLeft !== null && row.daysLeft <= 30 ? 'status-word status-bad' : undefined}>{expiresText(row)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {selected === undefined || options.data === undefined ? null : (
              <DomainDetails
                row={selected}
                actor={options.data.actor}
                expiresText={expiresText(selected)}
                onClose={() => setSearch({ domain: undefined })}
                onChanged={(message) => {
                  setSaid(message);
                  void invalidate('domains:list');
                }}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** How many validations end in each week of the coming year, as bars; a table of the same for screen readers. */
function DcvChart({ rows }: { rows: readonly DomainRow[] }) {
  const { t } = useTranslation();
  const weeks = useMemo(() => {
    const counts = new Map<string, number>();
    for (const row of rows) if (!row.wildcard && row.dcvExpires !== null && row.daysLeft !== null && row.daysLeft >= 0 && row.daysLeft <= 365) counts.set(weekOf(row.dcvExpires), (counts.get(weekOf(row.dcvExpires)) ?? 0) + 1);
    return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, count]) => ({ week, count }));
  }, [rows]);
  return (
    <section className="dcv-chart" aria-labelledby="dcv-chart-title">
      <h2 id="dcv-chart-title">{t('domains.chart.title')}</h2>
      {weeks.length === 0 ? (
        <p>{t('domains.chart.none')}</p>
      ) : (
        <>
          <div className="dcv-chart-plot" aria-hidden="true">
            <ResponsiveContainer width="100%" height={160}>
              <BarChart data={weeks} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="week" tickFormatter={(week: string) => formatDate(week)} />
                <YAxis allowDecimals={false} width={32} />
                <Tooltip labelFormatter={(week) => t('domains.chart.week', { date: formatDate(String(week)) })} formatter={(value) => [t('domains.chart.count', { count: Number(value) }), '']} />
                <Bar dataKey="count" fill="var(--accent)" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="visually-hidden">
            <caption>{t('domains.chart.title')}</caption>
            <tbody>
              {weeks.map((entry) => (
                <tr key={entry.week}>
                  <th scope="row">{t('domains.chart.week', { date: formatDate(entry.week) })}</th>
                  <td>{t('domains.chart.count', { count: entry.count })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function DomainDetails({ row, actor, expiresText, onClose, onChanged }: { row: DomainRow; actor: Actor; expiresText: string; onClose: () => void; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [unit, setUnit] = useState('');
  const [types, setTypes] = useState<string[]>(['SSL']);
  const [method, setMethod] = useState<(typeof dcvMethodValues)[number]>('CNAME');
  const [instructions, setInstructions] = useState<ValueOf<'dcv:start'> | null>(null);
  const [mailbox, setMailbox] = useState('');
  const [said, setSaid] = useState('');
  const ids = { unit: useId(), method: useId(), mailbox: useId() };
  useEffect(() => {
    heading.current?.focus();
    setInstructions(null);
    setSaid('');
    setError(null);
  }, [row.id]);
  const reason = (action: 'delegate' | 'answer' | 'dcv') => {
    const refusal = domainActionRefusal(action, actor);
    return refusal === null ? undefined : problemText(refusal, t);
  };
  const unitName = (id: number | null) => (id === null ? '' : (actor.units.find((candidate) => candidate.id === id)?.name ?? `#${id}`));
  const delegate = (): void => {
    if (unit === '' || types.length === 0 || reason('delegate') !== undefined) return;
    run(async () => {
      await request('domains:delegate', { id: row.id, orgId: Number(unit), certTypes: types as ('SSL' | 'SMIME')[] });
      const words = t('domains.delegate.done', { unit: unitName(Number(unit)) });
      onChanged(words);
      return words;
    });
  };
  function run(work: () => Promise<string>): void {
    setBusy(true);
    setError(null);
    work()
      .then(setSaid, (caught: unknown) => {
        if (caught instanceof ApiError) setError(caught.error);
        else throw caught;
      })
      .finally(() => setBusy(false));
  }

  return (
    <aside className="details-panel" aria-labelledby="domain-details-title" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <header className="panel-header">
        <h2 id="domain-details-title" ref={heading} tabIndex={-1}>
          {row.name}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('domains.details.close')}>
          {t('common.close')}
        </button>
      </header>
      {error === null ? null : <ErrorMessage error={error} />}
      <StatusMessage>{said}</StatusMessage>
      <h3>{t('domains.details.delegations')}</h3>
      <ul className="plain-list delegation-list">
        {row.delegations.map((delegation) => (
          <li key={`${delegation.orgId ?? ''}`}>
            {delegation.orgName ?? unitName(delegation.orgId)} ({delegation.certTypes.join(', ')})
            {delegation.status === 'REQUESTED' && delegation.orgId !== null ? (
              <>
                {' '}
                <span className="status-word status-warn">{t('domains.details.waiting')}</span>
                <span className="action-bar">
                  {([true, false] as const).map((approve) => (
                    <ActionButton
                      key={String(approve)}
                      label={t(approve ? 'domains.details.approve' : 'domains.details.reject')}
                      reason={reason('answer')}
                      onClick={() =>
                        run(async () => {
                          await request('domains:answer', { id: row.id, orgId: delegation.orgId!, approve });
                          const words = t(approve ? 'domains.details.approved' : 'domains.details.rejected', { unit: delegation.orgName ?? unitName(delegation.orgId) });
                          onChanged(words);
                          return words;
                        })
                      }
                    />
                  ))}
                </span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <form
        className="delegate-form"
        onSubmit={(event) => {
          event.preventDefault();
          delegate();
        }}
      >
        <fieldset className="field">
          <legend>{t('domains.delegate.title')}</legend>
          <label htmlFor={ids.unit}>{t('domains.delegate.unit')}</label>
          <select id={ids.unit} value={unit} onChange={(event) => setUnit(event.target.value)}>
            <option value="">{t('domains.delegate.choose')}</option>
            {actor.units.map((candidate) => (
              <option key={candidate.id} value={String(candidate.id)}>
                {candidate.parentId === null ? candidate.name : `— ${candidate.name}`}
              </option>
            ))}
          </select>
          {domainCertTypeValues.map((type) => (
            <label key={type} className="checkbox">
              <input type="checkbox" checked={types.includes(type)} onChange={(event) => setTypes(event.target.checked ? [...types, type] : types.filter((candidate) => candidate !== type))} /> {type}
            </label>
          ))}
          <ActionButton label={t('domains.delegate.send')} reason={reason('delegate')} onClick={delegate} />
        </fieldset>
      </form>

      <h3>{t('domains.dcv.title')}</h3>
      {row.wildcard ? (
        <p>{t('domains.details.coveredBy', { name: row.name.slice(2) })}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('domains.details.validation')}</dt>
            <dd>{row.validationStatus ?? '—'}</dd>
            <dt>{t('domains.details.method')}</dt>
            <dd>{row.validationMethod ?? '—'}</dd>
            <dt>{t('domains.details.validated')}</dt>
            <dd>{row.dcvValidated === null ? '—' : formatDate(row.dcvValidated)}</dd>
            <dt>{t('domains.columns.expires')}</dt>
            <dd>{expiresText || '—'}</dd>
          </dl>
          <div className="field narrow">
            <label htmlFor={ids.method}>{t('domains.dcv.method')}</label>
            <select id={ids.method} value={method} onChange={(event) => setMethod(event.target.value as (typeof dcvMethodValues)[number])}>
              {dcvMethodValues.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          <div className="action-bar">
            <ActionButton
              label={t('domains.dcv.start')}
              reason={reason('dcv')}
              onClick={() =>
                run(async () => {
                  const started = await request('dcv:start', { domain: row.name, method });
                  setInstructions(started);
                  if (started.method === 'EMAIL') setMailbox(started.emails[0] ?? '');
                  return '';
                })
              }
            />
            <ActionButton
              label={t('domains.dcv.recheck')}
              reason={reason('dcv')}
              onClick={() =>
                run(async () => {
                  const status = await request('dcv:status', { domain: row.name });
                  onChanged('');
                  return t('domains.dcv.status', { status: status.status, order: status.orderStatus });
                })
              }
            />
          </div>
          {instructions === null ? null : (
            <div className="dcv-instructions">
              {instructions.method === 'CNAME' ? (
                <>
                  <p>{t('domains.dcv.cname')}</p>
                  <pre className="code-block">{`${instructions.host} CNAME ${instructions.point}`}</pre>
                </>
              ) : instructions.method === 'EMAIL' ? (
                <>
                  <p>{t('domains.dcv.email')}</p>
                  <label htmlFor={ids.mailbox}>{t('domains.dcv.mailbox')}</label>
                  <select id={ids.mailbox} value={mailbox} onChange={(event) => setMailbox(event.target.value)}>
                    {instructions.emails.map((email) => (
                      <option key={email} value={email}>
                        {email}
                      </option>
                    ))}
                  </select>
                </>
              ) : (
                <>
                  <p>{t('domains.dcv.http')}</p>
                  <pre className="code-block">{`${instructions.url}\n${instructions.firstLine}\n${instructions.secondLine}`}</pre>
                </>
              )}
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  run(async () => {
                    const submitted = await request('dcv:submit', { domain: row.name, method: instructions.method, ...(instructions.method === 'EMAIL' ? { email: mailbox } : {}) });
                    onChanged('');
                    return t('domains.dcv.submitted', { status: `${submitted.status} (${submitted.orderStatus})` });
                  })
                }
              >
                {t('domains.dcv.submit')}
              </button>
            </div>
          )}
          <p>
            <Link to="/checklists/start/$checklistId" params={{ checklistId: 'domain-dcv' }}>
              {t('domains.dcv.checklist')}
            </Link>
          </p>
        </>
      )}
    </aside>
  );
}

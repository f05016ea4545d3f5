import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthCheck, HealthReport, HealthVerdict } from '../../../../shared/health';
import { formatDateTime } from '../../lib/format';
import { request, type ApiError } from '../../lib/query';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useHandbookStore } from '../handbook/store';

const verdictClass: Record<HealthVerdict, string> = { OK: 'status-active', WARN: 'status-warn', FAIL: 'status-bad' };

/**
 * The checks of `tcs-admin doctor` for the signed-in tenant: connection,
 * password expiry, REST API flags, whether it still takes orders, DCV and
 * certificates ending soon, the baseline notifications. Run on demand, since
 * one check sends SCM a request it must refuse.
 */
export function HealthPanel() {
  const { t } = useTranslation();
  const titleId = useId();
  const openPanel = useHandbookStore((state) => state.openPanel);
  const check = useMutation<HealthReport, ApiError>({ mutationFn: () => request('health:check', undefined) });
  const report = check.data;

  const row = (item: HealthCheck) => (
    <tr key={item.id}>
      <th scope="row">{t(`home.health.checks.${item.id}`)}</th>
      <td>
        <span className={`status-word ${verdictClass[item.verdict]}`}>{t(`home.health.verdicts.${item.verdict}`)}</span>
      </td>
      <td>
        {item.detail}
        {item.items.length === 0 ? null : (
          <ul className="plain-list">
            {item.items.map((line) => (
              <li key={line}>{line}</li>
            ))}
            {item.itemCount > item.items.length ? <li>{t('home.health.more', { count: item.itemCount - item.items.length })}</li> : null}
          </ul>
        )}
        {item.anchor === undefined ? null : (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => openPanel(item.anchor!)}>
              {t('common.whatThisMeans')}
            </button>
          </>
        )}
      </td>
    </tr>
  );

  return (
    <section className="panel health-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('home.health.title')}</h2>
      <p className="field-hint">{t('home.health.lead')}</p>
      <p className="form-actions">
        <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? t('home.health.checking') : report === undefined ? t('home.health.check') : t('home.health.again')}
        </button>
      </p>
      <p className="status" role="status">
        {report === undefined ? '' : t('home.health.summary', { verdict: t(`home.health.verdicts.${report.verdict}`), time: formatDateTime(report.checkedAt) })}
      </p>
      {check.error === null ? null : <ErrorMessage error={check.error.error} />}
      {report === undefined ? null : (
        <div className="table-scroll">
          <table className="health-table">
            <caption className="visually-hidden">{t('home.health.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('home.health.check')}</th>
                <th scope="col">{t('home.health.verdict')}</th>
                <th scope="col">{t('home.health.found')}</th>
              </tr>
            </thead>
            <tbody>{report.checks.map(row)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

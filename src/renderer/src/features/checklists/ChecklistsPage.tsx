import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../shared/checklists';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useApiQuery } from '../../lib/query';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useHandbookStore } from '../handbook/store';
import { useSessionStore } from '../session/store';

/** The checklists on offer, and the runs kept here: those under way and those finished. */
export function ChecklistsPage() {
  const { t } = useTranslation();
  const session = useSessionStore((state) => state.session);
  const signedIn = session?.status === 'signed-in';
  const openPanel = useHandbookStore((state) => state.openPanel);
  const list = useApiQuery('checklists:list', undefined, { staleTime: Infinity });
  const runs = useApiQuery('checklists:runs', {}, { staleTime: 0 });
  const all = runs.data ?? [];
  const open = all.filter((run) => run.status !== 'done');
  const finished = all.filter((run) => run.status === 'done');
  const otherProfiles = all.some((run) => run.profileId !== session?.profileId);

  return (
    <section aria-labelledby="checklists-title" className="checklists-page">
      <header className="page-header">
        <div>
          <h1 id="checklists-title">{t('checklistsPage.title')}</h1>
          <p className="lead">{t('checklistsPage.lead')}</p>
        </div>
      </header>
      {signedIn ? null : (
        <p className="notice">
          {t('checklistsPage.signIn')} <Link to="/home">{t('checklistsPage.goHome')}</Link>
        </p>
      )}
      {list.error === null ? null : <ErrorMessage error={list.error.error} />}
      {runs.error === null ? null : <ErrorMessage error={runs.error.error} />}

      <h2>{t('checklistsPage.available')}</h2>
      <ul className="checklist-cards">
        {(list.data ?? []).map((checklist) => {
          const title = t(`checklists.${checklist.id}.title`);
          return (
            <li key={checklist.id} className="panel checklist-card">
              <h3>{title}</h3>
              <p>{t(`checklists.${checklist.id}.summary`)}</p>
              <p className="field-hint">
                {t(`checklists.${checklist.id}.audience`)} {t('checklistsPage.steps', { count: checklist.steps.length })}
              </p>
              <p className="form-actions">
                {signedIn ? (
                  <Link to="/checklists/start/$checklistId" params={{ checklistId: checklist.id }} className="button primary" aria-label={t('checklistsPage.start', { title })}>
                    {t('checklistsPage.form.submit')}
                  </Link>
                ) : null}
                <button type="button" className="link-button" onClick={() => openPanel(checklist.anchor)}>
                  {t('checklistsPage.aboutProcedure')}
                </button>
              </p>
            </li>
          );
        })}
      </ul>

      <h2 id="runs-open">{t('checklistsPage.inProgress')}</h2>
      {otherProfiles ? <p className="field-hint">{t('checklistsPage.otherProfile')}</p> : null}
      <RunTable runs={open} labelledBy="runs-open" empty={t('checklistsPage.noneInProgress')} loading={runs.isPending} />
      <h2 id="runs-finished">{t('checklistsPage.finished')}</h2>
      <RunTable runs={finished} labelledBy="runs-finished" empty={t('checklistsPage.noneFinished')} loading={runs.isPending} />
    </section>
  );
}

function RunTable({ runs, labelledBy, empty, loading }: { runs: RunSummary[]; labelledBy: string; empty: string; loading: boolean }) {
  const { t } = useTranslation();
  if (runs.length === 0) return loading ? null : <p className="muted">{empty}</p>;
  return (
    <div className="table-scroll">
      <table className="runs-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t('checklistsPage.columns.checklist')}</th>
            <th scope="col">{t('checklistsPage.columns.target')}</th>
            <th scope="col">{t('checklistsPage.columns.profile')}</th>
            <th scope="col">{t('checklistsPage.columns.startedBy')}</th>
            <th scope="col">{t('checklistsPage.columns.updated')}</th>
            <th scope="col">{t('checklistsPage.columns.progress')}</th>
            <th scope="col">{t('checklistsPage.columns.status')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <Link to="/checklists/runs/$runId" params={{ runId: run.id }}>
                  {t(`checklists.${run.checklistId}.title`)}
                </Link>
              </td>
              <td>
                {run.target.name} <span className="muted">({t(`checklistsPage.units.${run.target.kind}`)})</span>
              </td>
              <td>{run.profileName}</td>
              <td>{run.startedBy}</td>
              <td>{formatDateTime(run.updatedAt)}</td>
              <td>{t('checklistsPage.progress', { done: formatNumber(run.stepsDone), total: formatNumber(run.stepCount) })}</td>
              <td>
                <span className={`status-word run-status-${run.status}`}>{t(`checklists.common.statuses.${run.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

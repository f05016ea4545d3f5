import { useTranslation } from 'react-i18next';
import { useJobEvents, useRunningJobs } from '../lib/jobs';

/** A small sign in the title bar that work goes on, whichever page is shown. */
export function JobIndicator() {
  const { t } = useTranslation();
  useJobEvents();
  const running = useRunningJobs();
  return (
    <span className="job-indicator" aria-live="polite">
      {running.length === 0 ? null : (
        <>
          <span className="spinner" aria-hidden="true" /> {t('app.runningJobs', { count: running.length })}
        </>
      )}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import type { JobProgress } from '../../../shared/jobs';
import { formatNumber } from '../lib/format';

interface ProgressBarProps {
  /** What is being done: "Reading admins". */
  label: string;
  progress: JobProgress;
  onCancel?: () => void;
  cancelling?: boolean;
}

/** Long work as a bar with counts ("1,200 of 5,000") and Cancel. */
export function ProgressBar({ label, progress, onCancel, cancelling }: ProgressBarProps) {
  const { t } = useTranslation();
  const counts =
    progress.total === null
      ? t('common.progress.uncounted', { done: formatNumber(progress.done) })
      : t('common.progress.counted', { done: formatNumber(progress.done), total: formatNumber(progress.total) });
  return (
    <div className="progress-bar" role="group" aria-label={label}>
      <p className="progress-text">
        <span>{label}</span>: <span aria-live="polite">{counts}</span>
      </p>
      <progress max={progress.total ?? undefined} value={progress.total === null ? undefined : progress.done} aria-label={`${label}: ${counts}`} />
      {onCancel === undefined ? null : (
        <button type="button" onClick={onCancel} disabled={cancelling === true}>
          {cancelling === true ? t('common.progress.cancelling') : t('common.progress.cancel')}
        </button>
      )}
    </div>
  );
}

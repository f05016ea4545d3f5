import { useTranslation } from 'react-i18next';

/** Marks the built-in sandbox wherever it appears: practice, not a real tenant. */
export function PracticeBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-practice" title={t('session.practiceTitle')}>
      {t('session.practice')}
    </span>
  );
}

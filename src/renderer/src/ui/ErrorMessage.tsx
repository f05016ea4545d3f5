import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import { scmCodeAnchor } from '../../../shared/scmErrors';
import { useHandbookStore } from '../features/handbook/store';
import { useErrorText } from '../lib/errors';

interface ErrorMessageProps {
  error: AppError;
}

/**
 * A failure as a person needs it: what happened, what to do, and where the
 * handbook explains it (the kind, and SCM's own code when there is one).
 */
export function ErrorMessage({ error }: ErrorMessageProps) {
  const { t } = useTranslation();
  const openPanel = useHandbookStore((state) => state.openPanel);
  const text = useErrorText(error);
  return (
    <div className="error" role="alert" data-error-kind={error.kind}>
      <p className="error-message">{text.message}</p>
      {text.detail === undefined ? null : <p className="error-detail">{t('errors.detail', { text: text.detail })}</p>}
      {text.hint === undefined ? null : <p className="error-hint">{text.hint}</p>}
      <p className="error-links">
        {error.anchor === undefined ? null : (
          <button type="button" className="link-button" onClick={() => openPanel(error.anchor!)}>
            {t('common.whatThisMeans')}
          </button>
        )}
        {error.code === undefined ? null : (
          <button type="button" className="link-button" onClick={() => openPanel(scmCodeAnchor(error.code!))}>
            {t('common.scmCode', { code: error.code })}
          </button>
        )}
      </p>
    </div>
  );
}

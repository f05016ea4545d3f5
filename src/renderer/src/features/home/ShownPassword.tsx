import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface ShownPasswordProps {
  password: string;
  onKept: () => void;
}

/**
 * A generated password where no keychain can keep it: shown this once, with
 * a warning, until the person says they have kept it. After that the page
 * forgets it.
 */
export function ShownPassword({ password, onKept }: ShownPasswordProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();

  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="panel password-change" aria-labelledby={id}>
      <h2 id={id} tabIndex={-1} ref={heading}>
        {t('home.shown.title')}
      </h2>
      <div className="warning" role="alert">
        <p>
          <strong>{t('home.shown.onlyTime')}</strong> {t('home.shown.warning')}
        </p>
      </div>
      <p>
        <code className="shown-secret" data-testid="generated-password">
          {password}
        </code>
      </p>
      <p className="form-actions">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard.writeText(password).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {t('home.shown.copy')}
        </button>
        <button type="button" className="primary" onClick={onKept}>
          {t('home.shown.kept')}
        </button>
      </p>
      <p className="status" role="status">
        {copied ? t('home.shown.copied') : ''}
      </p>
    </section>
  );
}

import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueOf } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { ApiError, request } from '../../lib/query';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { StatusMessage } from '../../ui/StatusMessage';

/**
 * Persons, the holders of client certificates, found by email or name; each
 * opens their certificates in the inventory, where each one's actions are.
 */
export function PersonsPanel({ live }: { live: boolean }) {
  const { t } = useTranslation();
  const ids = { query: useId(), hint: useId(), error: useId() };
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ValueOf<'persons:find'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const tooShort = query.trim().length < 2;
  const [tried, setTried] = useState(false);

  const find = (): void => {
    setTried(true);
    if (tooShort) return;
    setBusy(true);
    setError(null);
    request('persons:find', { query: query.trim() })
      .then(setFound, (caught: unknown) => {
        if (caught instanceof ApiError) setError(caught.error);
        else throw caught;
      })
      .finally(() => setBusy(false));
  };

  if (!live) return <p>{t('certificates.persons.signIn')}</p>;
  return (
    <section className="persons-panel" aria-label={t('certificates.tabs.persons')}>
      <p>{t('certificates.persons.lead')}</p>
      <form
        className="persons-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          find();
        }}
      >
        <div className="field">
          <label htmlFor={ids.query}>{t('certificates.persons.query')}</label>
          <p id={ids.hint} className="field-hint">
            {t('certificates.persons.hint')}
          </p>
          {tried && tooShort ? (
            <p id={ids.error} className="field-error">
              {t('certificates.persons.tooShort')}
            </p>
          ) : null}
          <input
            id={ids.query}
            type="search"
            value={query}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={tried && tooShort}
            aria-describedby={tried && tooShort ? `${ids.hint} ${ids.error}` : ids.hint}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('certificates.persons.find')}
        </button>
      </form>
      {error === null ? null : <ErrorMessage error={error} />}
      <StatusMessage>{found === null ? '' : found.total > found.persons.length ? t('certificates.persons.more', { shown: found.persons.length, total: found.total }) : t('certificates.persons.count', { count: found.total })}</StatusMessage>
      {found === null || found.persons.length === 0 ? null : (
        <table className="units-table persons-table">
          <caption className="visually-hidden">{t('certificates.persons.results')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('certificates.persons.name')}</th>
              <th scope="col">{t('certificates.persons.email')}</th>
              <th scope="col">{t('certificates.persons.organization')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('certificates.persons.certificates')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {found.persons.map((person) => (
              <tr key={person.id}>
                <th scope="row">{person.name === '' ? person.email : person.name}</th>
                <td>{person.email}</td>
                <td>{person.organizationName ?? (person.organizationId === null ? '' : `#${person.organizationId}`)}</td>
                <td>
                  <Link to="/certificates" search={{ kind: 'smime', q: person.email, hideExpiredAfter: 'off' }} aria-label={t('certificates.persons.showFor', { name: person.name === '' ? person.email : person.name })}>
                    {t('certificates.persons.show')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminRow } from '../../../../shared/admins';
import { i18next } from '../../lib/i18n';
import { formatDate } from '../../lib/format';
import { useApiQuery } from '../../lib/query';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { AdminActions } from './AdminActions';
import { adminTypes } from './search';

/** A privilege in words, with SCM's own name beside it. */
function privilegeText(name: string): string {
  const key = `admins.privileges.${name}`;
  return i18next.exists(key) ? i18next.t(key as never) : name;
}

/** Everything SCM says about one admin, read afresh, with the privileges in words. */
export function AdminDetails({ id, onClose, onDeleted }: { id: number; onClose: () => void; onDeleted: (name: string) => void }) {
  const { t } = useTranslation();
  const details = useApiQuery('admins:details', { id }, { staleTime: 60_000 });
  const options = useApiQuery('admins:options', {}, { staleTime: 300_000 });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [id]);

  const admin: AdminRow | undefined = details.data;
  return (
    <aside className="details-panel" aria-labelledby="admin-details-title" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <header className="panel-header">
        <h2 id="admin-details-title" ref={heading} tabIndex={-1}>
          {t('admins.details.title', { name: admin?.displayName ?? `#${id}` })}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('admins.details.close')}>
          {t('common.close')}
        </button>
      </header>
      {details.error === null ? null : <ErrorMessage error={details.error.error} />}
      {admin === undefined ? (
        details.isPending ? <p aria-busy="true">{t('admins.details.reading')}</p> : null
      ) : (
        <>
        {admin.warnings.length === 0 ? null : (
          <ul className="admin-warnings">
            {admin.warnings.map((warning) => (
              <li key={warning} className="status-word status-bad">
                {t(`admins.manage.warnings.${warning}`)}
              </li>
            ))}
          </ul>
        )}
        {options.data === undefined ? null : <AdminActions admin={admin} options={options.data} onDeleted={() => onDeleted(admin.displayName)} />}
        {options.error === null ? null : <ErrorMessage error={options.error.error} />}
        <dl className="facts">
          <dt>{t('admins.details.id')}</dt>
          <dd>{admin.id}</dd>
          <dt>{t('admins.details.login')}</dt>
          <dd>{admin.login ?? <span className="muted">{t('admins.noLogin')}</span>}</dd>
          <dt>{t('admins.details.name')}</dt>
          <dd>{admin.name}</dd>
          <dt>{t('admins.details.email')}</dt>
          <dd>{admin.email}</dd>
          <dt>{t('admins.details.type')}</dt>
          <dd>{admin.type === null ? '' : (adminTypes as readonly string[]).includes(admin.type) ? t(`admins.types.${admin.type as (typeof adminTypes)[number]}`) : admin.type}</dd>
          <dt>{t('admins.details.status')}</dt>
          <dd>{admin.status === null ? '' : t(`admins.statuses.${admin.status}`)}</dd>
          <dt>{t('admins.details.roles')}</dt>
          <dd>
            {admin.roles.length === 0 ? (
              t('admins.details.noRoles')
            ) : (
              <ul className="plain-list">
                {admin.roles.map((role) => (
                  <li key={`${role.role}-${role.orgId ?? ''}`}>
                    <code>{role.role}</code> {role.orgName ?? (role.orgId === null ? '' : `#${role.orgId}`)}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>{t('admins.details.privileges')}</dt>
          <dd>
            {admin.privileges.length === 0 ? (
              t('admins.details.noPrivileges')
            ) : (
              <ul className="plain-list">
                {admin.privileges.map((privilege) => (
                  <li key={privilege}>
                    {privilegeText(privilege)} <span className="muted">({t('admins.details.privilegeName', { name: privilege })})</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>{t('admins.details.passwordState')}</dt>
          <dd>
            {admin.passwordState === null
              ? t('admins.password.none')
              : admin.passwordState === 'ALIVE'
                ? t('admins.password.ALIVE', { date: formatDate(admin.passwordExpires) })
                : t(`admins.password.${admin.passwordState}`)}
          </dd>
          {admin.lastPasswordChange === null ? null : (
            <>
              <dt>{t('admins.details.lastPasswordChange')}</dt>
              <dd>{formatDate(admin.lastPasswordChange)}</dd>
            </>
          )}
          {admin.failedAttempts === null ? null : (
            <>
              <dt>{t('admins.details.failedAttempts')}</dt>
              <dd>{admin.failedAttempts}</dd>
            </>
          )}
          {admin.idpPersonId === null ? null : (
            <>
              <dt>{t('admins.details.idpPersonId')}</dt>
              <dd>{admin.idpPersonId}</dd>
            </>
          )}
          {admin.identityProviderId === null ? null : (
            <>
              <dt>{t('admins.details.identityProvider')}</dt>
              <dd>#{admin.identityProviderId}</dd>
            </>
          )}
          {admin.created === null ? null : (
            <>
              <dt>{t('admins.details.created')}</dt>
              <dd>{formatDate(admin.created)}</dd>
            </>
          )}
        </dl>
        </>
      )}
    </aside>
  );
}

import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../../shared/profiles';
import type { Identity, PasswordInfo } from '../../../../shared/session';
import { formatDate } from '../../lib/format';

type Flag = 'on' | 'off' | 'unknown';

function ApiFlag({ value }: { value: boolean | null }) {
  const { t } = useTranslation();
  const state: Flag = value === null ? 'unknown' : value ? 'on' : 'off';
  return (
    <span className={`flag flag-${state}`}>
      <span aria-hidden="true">{state === 'on' ? '✓ ' : state === 'off' ? '✕ ' : '? '}</span>
      {t(`home.session.${state}`)}
    </span>
  );
}

interface SessionDetailsProps {
  identity: Identity;
  password: PasswordInfo | null;
  profile: ProfileView | undefined;
}

const methodNames = { password: 'home.reentry.secrets.password', certificate: 'home.reentry.secrets.certificate', oauth2: 'home.reentry.secrets.oauth2' } as const;

/** Who the console is signed in as, and what that admin may do where. */
export function SessionDetails({ identity, password, profile }: SessionDetailsProps) {
  const { t } = useTranslation();
  const names = new Map(identity.organizations.map((unit) => [unit.id, unit.name]));
  const orElse = (value: string | null): string => (value === null || value === '' ? t('home.session.unreadable') : value);

  const passwordText = (): string => {
    if (password === null) return profile === undefined ? t('home.session.notKnown') : t('home.session.noPassword', { method: t(methodNames[profile.authKind]).toLowerCase() });
    if (password.state === 'NEVER_EXPIRE') return t('home.session.neverExpires');
    if (password.state === 'EXPIRED') return t('home.session.expired');
    const date = password.expires === null ? t('home.session.unknownDate') : formatDate(password.expires);
    if (password.daysLeft === null) return t('home.session.expiresOn', { date });
    if (password.daysLeft < 0) return t('home.session.pastDate', { date });
    return t('home.session.expiresOnLeft', { date, count: password.daysLeft });
  };

  return (
    <>
      <dl className="facts identity">
        <dt>{t('home.session.login')}</dt>
        <dd>{identity.login}</dd>
        <dt>{t('home.session.adminType')}</dt>
        <dd>{orElse(identity.type)}</dd>
        <dt>{t('home.session.name')}</dt>
        <dd>{orElse(identity.name)}</dd>
        <dt>{t('home.session.email')}</dt>
        <dd>{orElse(identity.email)}</dd>
        <dt>{t('home.session.password')}</dt>
        <dd data-testid="password-state">{passwordText()}</dd>
      </dl>
      {password?.warning === true ? (
        <p className="warning">
          <strong>{t('home.session.expiresSoon')}</strong> {t('home.session.expiresSoonHint')}
        </p>
      ) : null}

      <h2>{t('home.session.roles')}</h2>
      {identity.roles.length === 0 ? (
        <p>{t('home.session.noRoles')}</p>
      ) : (
        <ul className="roles">
          {identity.roles.map((role) => (
            <li key={`${role.role}-${role.orgId ?? 'all'}`}>
              <strong>{role.role}</strong>{' '}
              {role.orgId === null ? t('home.session.wholeTenant') : t('home.session.forUnit', { name: role.orgName ?? t('home.session.organizationNumber', { id: role.orgId }) })}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('home.session.privileges')}</h2>
      {identity.privileges.length === 0 ? (
        <p>{t('home.session.noPrivileges')}</p>
      ) : (
        <ul className="privileges">
          {identity.privileges.map((privilege) => (
            <li key={privilege}>
              <code>{privilege}</code>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('home.session.scope')}</h2>
      {identity.organizations.length === 0 ? (
        <p>{t('home.session.noScope')}</p>
      ) : (
        <div className="table-scroll">
          <table className="scope">
            <thead>
              <tr>
                <th scope="col">{t('home.session.scopeName')}</th>
                <th scope="col">{t('home.session.scopeKind')}</th>
                <th scope="col">{t('home.session.sslApi')}</th>
                <th scope="col">{t('home.session.clientApi')}</th>
              </tr>
            </thead>
            <tbody>
              {identity.organizations.map((unit) => (
                <tr key={unit.id}>
                  <th scope="row" className={unit.parentId === null ? undefined : 'department'}>
                    {unit.name}
                  </th>
                  <td>
                    {unit.parentId === null
                      ? t('home.session.organization')
                      : t('home.session.departmentIn', { name: names.get(unit.parentId) ?? t('home.session.organizationNumber', { id: unit.parentId }) })}
                  </td>
                  <td>
                    <ApiFlag value={unit.sslApi} />
                  </td>
                  <td>
                    <ApiFlag value={unit.clientApi} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

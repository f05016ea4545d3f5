import { authKindLabels, type ProfileView } from '../../../../shared/profiles';
import type { Identity, PasswordInfo } from '../../../../shared/session';

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

function passwordText(password: PasswordInfo | null, profile: ProfileView | undefined): string {
  if (password === null) return profile === undefined ? 'Not known' : `No password: this profile signs in with ${authKindLabels[profile.authKind].toLowerCase()}`;
  if (password.state === 'NEVER_EXPIRE') return 'Does not expire';
  if (password.state === 'EXPIRED') return 'Expired';
  const left = password.daysLeft === null ? '' : password.daysLeft < 0 ? ' (past its date)' : ` (${days(password.daysLeft)} left)`;
  return `Expires on ${password.expires ?? 'an unknown date'}${left}`;
}

const flagText = { on: 'On', off: 'Off', unknown: 'Unknown' } as const;

function ApiFlag({ value }: { value: boolean | null }) {
  const state = value === null ? 'unknown' : value ? 'on' : 'off';
  return (
    <span className={`flag flag-${state}`}>
      <span aria-hidden="true">{state === 'on' ? '✓ ' : state === 'off' ? '✕ ' : '? '}</span>
      {flagText[state]}
    </span>
  );
}

function unknownIfEmpty(value: string | null): string {
  return value === null || value === '' ? 'Not readable with this sign-in' : value;
}

interface SessionDetailsProps {
  identity: Identity;
  password: PasswordInfo | null;
  profile: ProfileView | undefined;
}

/** Who the console is signed in as, and what that admin may do where. */
export function SessionDetails({ identity, password, profile }: SessionDetailsProps) {
  const names = new Map(identity.organizations.map((unit) => [unit.id, unit.name]));
  return (
    <>
      <dl className="facts identity">
        <dt>Login</dt>
        <dd>{identity.login}</dd>
        <dt>Admin type</dt>
        <dd>{unknownIfEmpty(identity.type)}</dd>
        <dt>Name</dt>
        <dd>{unknownIfEmpty(identity.name)}</dd>
        <dt>Email</dt>
        <dd>{unknownIfEmpty(identity.email)}</dd>
        <dt>Password</dt>
        <dd data-testid="password-state">{passwordText(password, profile)}</dd>
      </dl>
      {password?.warning === true ? (
        <p className="warning">
          <strong>The password expires soon.</strong> Change it before it runs out, or every script that uses this account stops working.
        </p>
      ) : null}

      <h2>Roles</h2>
      {identity.roles.length === 0 ? (
        <p>No roles are readable with this sign-in.</p>
      ) : (
        <ul className="roles">
          {identity.roles.map((role) => (
            <li key={`${role.role}-${role.orgId ?? 'all'}`}>
              <strong>{role.role}</strong> {role.orgId === null ? 'for the whole tenant' : `for ${role.orgName ?? `organization ${role.orgId}`}`}
            </li>
          ))}
        </ul>
      )}

      <h2>Privileges</h2>
      {identity.privileges.length === 0 ? (
        <p>No privileges are readable with this sign-in.</p>
      ) : (
        <ul className="privileges">
          {identity.privileges.map((privilege) => (
            <li key={privilege}>
              <code>{privilege}</code>
            </li>
          ))}
        </ul>
      )}

      <h2>Organizations and departments in scope</h2>
      {identity.organizations.length === 0 ? (
        <p>This admin sees no organization.</p>
      ) : (
        <div className="table-scroll">
          <table className="scope">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">SSL REST API</th>
                <th scope="col">Client certificate REST API</th>
              </tr>
            </thead>
            <tbody>
              {identity.organizations.map((unit) => (
                <tr key={unit.id}>
                  <th scope="row" className={unit.parentId === null ? undefined : 'department'}>
                    {unit.name}
                  </th>
                  <td>{unit.parentId === null ? 'Organization' : `Department in ${names.get(unit.parentId) ?? `organization ${unit.parentId}`}`}</td>
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

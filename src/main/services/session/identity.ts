import { passwordWarnDays } from '../../../shared/admins';
import type { StoredProfile } from '../../../shared/profiles';
import type { AdminDetails } from '../../../shared/scm/types';
import type { Identity, PasswordInfo } from '../../../shared/session';
import { AdminsApi } from '../../scm/admins';
import type { ScmClient } from '../../scm/client';
import { OrganizationsApi } from '../../scm/organizations';
import { readPasswordStatus } from '../passwordStatus';


export async function readPasswordInfo(client: ScmClient, now: number): Promise<PasswordInfo> {
  const status = await readPasswordStatus(client, now);
  const daysLeft = status.state === 'ALIVE' ? status.daysLeft : null;
  return { state: status.state, expires: status.expires, daysLeft, warning: daysLeft !== null && daysLeft < passwordWarnDays };
}

/** Who the profile signs in as, and what it can reach: its organizations and departments with their REST API flags. */
export async function readIdentity(client: ScmClient, profile: StoredProfile): Promise<Identity> {
  const organizationsApi = new OrganizationsApi(client);
  const organizations = await organizationsApi.list();
  const units = organizations.flatMap((org) => [{ id: org.id, name: org.name, parentId: null as number | null }, ...org.departments.map((dept) => ({ id: dept.id, name: dept.name, parentId: org.id as number | null }))]);
  const flags = await Promise.all(
    units.slice(0, 50).map((unit) =>
      organizationsApi.get(unit.id).then(
        (details) => ({ ssl: details.sslCertsApiEnabled, client: details.clientCertsApiEnabled }),
        () => ({ ssl: null, client: null }),
      ),
    ),
  );
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  let admin: AdminDetails | undefined;
  if (profile.authKind !== 'oauth2') {
    try {
      const admins = new AdminsApi(client);
      const found = await admins.findByLogin(profile.login);
      admin = found === undefined ? undefined : await admins.get(found.id);
    } catch {
      // Some admins may not read admin records; the scope above still says what they can do.
      admin = undefined;
    }
  }
  return {
    login: profile.authKind === 'oauth2' ? (profile.clientId ?? '') : profile.login,
    type: admin?.type ?? null,
    name: admin === undefined ? '' : `${admin.forename} ${admin.surname}`.trim(),
    email: admin?.email ?? '',
    roles: (admin?.credentials ?? []).map((credential) => ({ role: credential.role, orgId: credential.orgId, orgName: credential.orgId === null ? null : (names.get(credential.orgId) ?? null) })),
    privileges: admin?.privileges ?? [],
    organizations: units.map((unit, index) => ({ ...unit, sslApi: flags[index]?.ssl ?? null, clientApi: flags[index]?.client ?? null })),
  };
}

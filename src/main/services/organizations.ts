import type { OrganizationDetails } from '../../shared/scm/types';
import type { ScmClient } from '../scm/client';
import { OrganizationsApi } from '../scm/organizations';

/** Every organization and department in the admin's scope, each with its details (REST API flags, validation). */
export async function organizationDetails(client: ScmClient): Promise<OrganizationDetails[]> {
  const organizations = new OrganizationsApi(client);
  const units = (await organizations.list()).flatMap((org) => [org, ...org.departments]);
  return Promise.all(units.map((unit) => organizations.get(unit.id)));
}

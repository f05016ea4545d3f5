import type { DcvRow, DomainDetails } from '../../shared/scm/types';
import type { ScmClient } from '../scm/client';
import { DomainsApi } from '../scm/domains';

/** Every domain in scope with its delegation and validation. */
export async function domainDetails(client: ScmClient): Promise<DomainDetails[]> {
  const domains = new DomainsApi(client);
  return Promise.all((await domains.list()).map((domain) => domains.get(domain.id)));
}

/** Domain control validations; with `withinDays`, only those that end within that many days. */
export function domainValidations(client: ScmClient, withinDays?: number): Promise<DcvRow[]> {
  return new DomainsApi(client).validations(withinDays === undefined ? {} : { expiresIn: withinDays });
}

import { ScmError } from './errors';
import type { Domain, DomainRequestPrivilege, Organization } from './state/model';

/*
 * Which registered domain covers a name, in the sandbox's one reading of SCM's rules. SCM documents
 * none of this; the sandbox decides as follows, and the SSL and S/MIME enrollment checks and the
 * domain and DCV routes all ask here.
 *
 * Two senses of "covers":
 * - A certificate name falls under a domain record (enrollment): the record's own name, unless the
 *   record is a wildcard, and every name below it. `*.example.org` covers `www.example.org` and
 *   `*.example.org`, not `example.org`.
 * - A domain's validation stands for a name (DCV): a wildcard record is validated through its base
 *   name, so a validation of `example.org` stands for `example.org`, `*.example.org` and every name
 *   below, and the record `*.example.org` counts as below `example.org`.
 *
 * A name is ordered only when the most specific records covering it (a name and its wildcard record
 * tie) include one that is active, delegated for the certificate type to the ordering organization or
 * its parent (for SSL with the request privilege the name needs), and validated; otherwise the refusal
 * is the one of the record that got furthest: not allowed (-1010), then DCV expired (-107) or not
 * done (-1137).
 */

export type CoveredCertType = 'SSL' | 'SMIME';

/** The name a domain record is about, lower case: a wildcard record's is its base name. */
export function domainBase(name: string): string {
  return name.toLowerCase().replace(/^\*\./, '');
}

function isWildcard(name: string): boolean {
  return name.startsWith('*.');
}

/** Whether a certificate name (lower case) falls under a domain record. */
export function recordCovers(domain: Domain, name: string): boolean {
  const base = domainBase(domain.name);
  if (name === base) return !isWildcard(domain.name);
  return name.endsWith(`.${base}`);
}

/** The records that cover a certificate name most specifically; more than one when a name and its wildcard record tie. */
export function closestDomains(domains: Iterable<Domain>, name: string): Domain[] {
  let best: Domain[] = [];
  let bestLength = -1;
  for (const domain of domains) {
    if (!recordCovers(domain, name)) continue;
    const length = domainBase(domain.name).length;
    if (length > bestLength) {
      best = [domain];
      bestLength = length;
    } else if (length === bestLength) best.push(domain);
  }
  return best;
}

/** Whether a validation of domain `name` stands for `candidate`: the same base name, or one below it. */
export function validationCovers(name: string, candidate: string): boolean {
  const base = domainBase(name);
  const other = domainBase(candidate);
  return other === base || other.endsWith(`.${base}`);
}

/** Whether `lower` sits below `upper`: a name under it, or its wildcard record under the plain one. */
export function isBelow(lower: string, upper: string): boolean {
  const lowerBase = domainBase(lower);
  const upperBase = domainBase(upper);
  return lowerBase.endsWith(`.${upperBase}`) || (lowerBase === upperBase && isWildcard(lower) && !isWildcard(upper));
}

/** The records whose validation stands for a name, closest first. */
export function coveringDomains(domains: readonly Domain[], name: string): Domain[] {
  return domains.filter((domain) => validationCovers(domain.name, name)).sort((a, b) => domainBase(b.name).length - domainBase(a.name).length);
}

/** The other records below a domain (subdomains, and its wildcard record), which its validation also stands for. */
export function domainsBelow(domains: Iterable<Domain>, domain: Domain): Domain[] {
  return [...domains].filter((other) => other.id !== domain.id && isBelow(other.name, domain.name));
}

/** The records above a name whose validation stands for it, closest first. */
export function domainsAbove(domains: Iterable<Domain>, name: string): Domain[] {
  return [...domains].filter((domain) => isBelow(name, domain.name)).sort((a, b) => domainBase(b.name).length - domainBase(a.name).length);
}

/** The request privilege a delegation needs for an SSL name under a record with this base name. */
export function requestPrivilegeFor(name: string, base: string): DomainRequestPrivilege {
  if (name === base) return 'DOMAIN';
  if (name === `*.${base}`) return 'WILDCARD_1ST_LEVEL';
  if (name.startsWith('*.')) return 'WILDCARD_2ND_LEVEL';
  return 'SUBDOMAIN';
}

/** The organizations whose delegations count for an order: the one ordering and its parent. */
export function delegationHolders(org: Organization): Set<number> {
  const ids = new Set([org.id]);
  if (org.parentId !== null) ids.add(org.parentId);
  return ids;
}

/** Why a record does not allow a name for an order; the stage says how far the name got. */
function recordProblem(domain: Domain, name: string, certType: CoveredCertType, orgIds: ReadonlySet<number>, now: number): { stage: number; error: ScmError } | undefined {
  // Request privileges speak of server names; an email address's domain needs none.
  const privilege = certType === 'SSL' ? requestPrivilegeFor(name, domainBase(domain.name)) : undefined;
  const delegated = domain.delegations.some(
    (delegation) =>
      orgIds.has(delegation.orgId) &&
      delegation.status === 'ACTIVE' &&
      delegation.certTypes.includes(certType) &&
      (privilege === undefined || delegation.domainCertificateRequestPrivileges.includes(privilege)),
  );
  if (!domain.active || !delegated) return { stage: 1, error: new ScmError(400, -1010, `Domain '${name}' is not allowed.`) };
  const validation = domain.validation;
  const expired = validation.status === 'EXPIRED' || (validation.status === 'VALIDATED' && validation.expires !== null && validation.expires <= now);
  if (expired) {
    return {
      stage: 2,
      error: new ScmError(400, -107, `Domain Control Validation is either incomplete or expired for ${domain.name}. Please complete it before requesting a certificate.`),
    };
  }
  if (validation.status !== 'VALIDATED') {
    return { stage: 2, error: new ScmError(400, -1137, `The domain(s) ${domain.name} have not been validated under the DCV procedure.`) };
  }
  return undefined;
}

/**
 * The refusal for ordering a name (lower case; for S/MIME, the email address's domain) for an
 * organization, or undefined when it may be ordered. `writtenAs` is the name as the order gave it,
 * for the refusal when no record covers it at all. Records are read as they are: settle them first.
 */
export function coverageProblem(
  domains: Iterable<Domain>,
  name: string,
  certType: CoveredCertType,
  org: Organization,
  now: number,
  writtenAs: string = name,
): ScmError | undefined {
  const candidates = closestDomains(domains, name);
  if (candidates.length === 0) return new ScmError(400, -1010, `Domain '${writtenAs}' is not allowed.`);
  const orgIds = delegationHolders(org);
  let worst: { stage: number; error: ScmError } | undefined;
  for (const domain of candidates) {
    const problem = recordProblem(domain, name, certType, orgIds, now);
    if (problem === undefined) return undefined;
    if (worst === undefined || problem.stage > worst.stage) worst = problem;
  }
  return worst?.error;
}

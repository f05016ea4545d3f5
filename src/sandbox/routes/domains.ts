import {
  created,
  idParam,
  jsonBody,
  listPage,
  noContent,
  ok,
  optionalBoolean,
  optionalString,
  type Route,
  type RouteContext,
  type RouteResult,
} from '../context';
import { isoDate, isoTimestamp } from '../dates';
import { ScmError, invalidField, requiredField } from '../errors';
import { domainsAbove, validationCovers } from '../coverage';
import { settleDomain } from '../lifecycle';
import type { CertTypeCode, DcvMethod, Delegation, Domain, DomainRequestPrivilege, DomainValidation } from '../state/model';

/*
 * The domain API (/api/domain/v1) and the domains report.
 *
 * Where SCM is silent the sandbox decides as follows:
 * - An admin sees a domain when one of its delegations is to an organization or department in the admin's
 *   scope; the details show only those delegations. A domain without delegations is seen by an MRAO only.
 * - A domain's delegationStatus is REQUESTED while any delegation the admin sees awaits approval, else ACTIVE;
 *   the list's status filter (requested, approved) follows it. The name filter matches part of the name.
 * - A delegation made by an admin holding approveDomainDelegation (every MRAO) is ACTIVE at once; anyone
 *   else's is REQUESTED until such an admin approves it. Changing an existing delegation keeps its status.
 * - POST /{id}/delegation adds certificate types and request privileges to the organization's delegation.
 *   DELETE /{id}/delegation takes away the certificate types it names, or else the request privileges it
 *   names, and drops the delegation when it names neither or nothing is left. Omitted request privileges
 *   on a new delegation mean all four, as clients from before the field existed expect.
 * - Suspending, activating, deleting and changing CT log monitoring need the admin to manage every
 *   organization the domain is delegated to (-738), as SCM documents for delete.
 * - A new domain under an already validated domain starts out validated until the parent's validation
 *   ends (see inheritedValidation), so the SSL enroll check, which reads the closest domain record, treats
 *   its names as validated.
 * - The sandbox has no certificate buckets: ctLogMonitoring.bucketId takes a numeric id.
 */

const certTypeCodes: readonly CertTypeCode[] = ['SSL', 'SMIME', 'CodeSign'];
const requestPrivileges: readonly DomainRequestPrivilege[] = ['DOMAIN', 'SUBDOMAIN', 'WILDCARD_1ST_LEVEL', 'WILDCARD_2ND_LEVEL'];
const domainNamePattern = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The certificate-request method codes the domain details use for a validation. */
const validationMethodCodes: Record<DcvMethod, string> = {
  CNAME: 'CNAME_CSR_HASH',
  HTTP: 'HTTP_CSR_HASH',
  HTTPS: 'HTTPS_CSR_HASH',
  TXT: 'DNSTXT_RANDOM_VALUE',
  EMAIL: 'EMAIL',
};

const notFound = (id: string) => new ScmError(404, -727, `The domain '${id}' does not exist.`);
const organizationNotFound = (id: number) => new ScmError(400, -1023, `Organization '${id}' not found.`);
const operationDenied = (operation: string) => new ScmError(400, -738, `Access denied. You are not allowed to perform the ${operation} operation on this domain.`);

export function canSeeDomain(context: RouteContext, domain: Domain): boolean {
  return context.scope.isMrao || domain.delegations.some((delegation) => context.scope.canSee(delegation.orgId));
}

/** Brings a domain's validation up to the request's time before it is read. */
export function settled(context: RouteContext, domain: Domain): Domain {
  if (settleDomain(domain, context.now)) context.store.changed();
  return domain;
}

/** Every domain the admin sees, settled, in id order. */
export function visibleDomains(context: RouteContext): Domain[] {
  return [...context.store.domains.values()]
    .filter((domain) => canSeeDomain(context, domain))
    .sort((a, b) => a.id - b.id)
    .map((domain) => settled(context, domain));
}

export function emptyValidation(): DomainValidation {
  return {
    status: 'NOT_VALIDATED',
    orderStatus: 'NOT_INITIATED',
    method: null,
    validated: null,
    expires: null,
    host: '',
    point: '',
    url: '',
    firstLine: '',
    secondLine: '',
    email: '',
    emailReference: null,
    orderBackendId: '',
    submitted: null,
    lastCheck: null,
    completesAt: null,
  };
}

/**
 * A new domain below a validated one needs no validation of its own while the parent's lasts: it starts
 * with the closest validated parent's validation.
 */
function inheritedValidation(context: RouteContext, name: string): DomainValidation {
  const domains = [...context.store.domains.values()].map((domain) => settled(context, domain));
  const parent = domainsAbove(domains, name).find((domain) => domain.validation.status === 'VALIDATED');
  const validation = emptyValidation();
  if (parent === undefined) return validation;
  return {
    ...validation,
    status: 'VALIDATED',
    method: parent.validation.method,
    validated: parent.validation.validated,
    expires: parent.validation.expires,
    lastCheck: parent.validation.lastCheck,
  };
}

function delegationStatus(delegations: readonly Delegation[]): 'ACTIVE' | 'REQUESTED' {
  return delegations.some((delegation) => delegation.status === 'REQUESTED') ? 'REQUESTED' : 'ACTIVE';
}

function visibleDelegations(context: RouteContext, domain: Domain): Delegation[] {
  return domain.delegations.filter((delegation) => context.scope.canSee(delegation.orgId));
}

function details(context: RouteContext, domain: Domain) {
  const delegations = visibleDelegations(context, domain);
  const validation = domain.validation;
  const monitoring = domain.ctLogMonitoring;
  return {
    id: domain.id,
    name: domain.name,
    delegationStatus: delegationStatus(delegations),
    state: domain.active ? 'ACTIVE' : 'SUSPENDED',
    validationStatus: validation.status,
    ...(validation.method === null || validation.status === 'NOT_VALIDATED' ? {} : { validationMethod: validationMethodCodes[validation.method] }),
    ...(validation.validated === null ? {} : { dcvValidation: isoDate(validation.validated) }),
    ...(validation.expires === null ? {} : { dcvExpiration: isoDate(validation.expires) }),
    delegations: delegations.map((delegation) => ({
      orgId: delegation.orgId,
      certTypes: delegation.certTypes,
      domainCertificateRequestPrivileges: delegation.domainCertificateRequestPrivileges,
      status: delegation.status,
    })),
    ctLogMonitoring: {
      enabled: monitoring.enabled,
      includeSubdomains: monitoring.includeSubdomains,
      ...(monitoring.bucketId === null ? {} : { bucketId: String(monitoring.bucketId) }),
    },
  };
}

function findVisible(context: RouteContext): Domain {
  const raw = context.params.id ?? '';
  const domain = context.store.domains.get(idParam(context, 'id', () => notFound(raw)));
  if (domain === undefined || !canSeeDomain(context, domain)) throw notFound(raw);
  return settled(context, domain);
}

/** Changing a domain as a whole needs every organization it is delegated to in the admin's scope. */
function requireWholeDomain(context: RouteContext, domain: Domain, operation: string): void {
  if (!context.scope.isMrao && !domain.delegations.every((delegation) => context.scope.canSee(delegation.orgId))) throw operationDenied(operation);
}

function readFilter(context: RouteContext, name: string): string | undefined {
  const value = context.query.get(name);
  return value === null || value.trim() === '' ? undefined : value.trim();
}

/** The list's filters: name (part of it), state, status and orgId. */
function filtered(context: RouteContext): Domain[] {
  const name = readFilter(context, 'name')?.toLowerCase();
  const state = readFilter(context, 'state')?.toLowerCase();
  if (state !== undefined && state !== 'active' && state !== 'inactive') throw invalidField('state', 'use active or inactive');
  const status = readFilter(context, 'status')?.toLowerCase();
  if (status !== undefined && status !== 'requested' && status !== 'approved') throw invalidField('status', 'use requested or approved');
  const orgRaw = readFilter(context, 'orgId');
  if (orgRaw !== undefined && !/^\d+$/.test(orgRaw)) throw invalidField('orgId', 'must be a number');
  const orgId = orgRaw === undefined ? undefined : Number(orgRaw);
  return visibleDomains(context).filter((domain) => {
    if (name !== undefined && !domain.name.toLowerCase().includes(name)) return false;
    if (state !== undefined && domain.active !== (state === 'active')) return false;
    if (status !== undefined && delegationStatus(visibleDelegations(context, domain)) !== (status === 'requested' ? 'REQUESTED' : 'ACTIVE')) return false;
    if (orgId !== undefined && !domain.delegations.some((delegation) => delegation.orgId === orgId)) return false;
    return true;
  });
}

function readOrgId(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') throw requiredField(field);
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) throw invalidField(field, 'must be at least 1');
  return number;
}

/** An organization or department the admin sees; others do not exist for the admin. */
function visibleOrganization(context: RouteContext, orgId: number): number {
  if (context.store.organization(orgId) === undefined || !context.scope.canSee(orgId)) throw organizationNotFound(orgId);
  return orgId;
}

function readCertTypes(value: unknown, field: string, required: boolean): CertTypeCode[] | undefined {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    if (required) throw requiredField(field);
    return undefined;
  }
  if (!Array.isArray(value)) throw invalidField(field, 'must be a list');
  for (const entry of value) if (typeof entry !== 'string' || !(certTypeCodes as readonly string[]).includes(entry)) throw invalidField(field, 'use SSL, SMIME or CodeSign');
  return [...new Set(value as CertTypeCode[])];
}

function readRequestPrivileges(value: unknown, field: string): DomainRequestPrivilege[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidField(field, 'must be a list');
  for (const entry of value) {
    if (typeof entry !== 'string' || !(requestPrivileges as readonly string[]).includes(entry)) {
      throw invalidField(field, 'use DOMAIN, SUBDOMAIN, WILDCARD_1ST_LEVEL or WILDCARD_2ND_LEVEL');
    }
  }
  return [...new Set(value as DomainRequestPrivilege[])];
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

/** A new delegation's status: approvers delegate at once, everyone else asks. */
function newDelegationStatus(context: RouteContext): Delegation['status'] {
  return context.scope.has('approveDomainDelegation') ? 'ACTIVE' : 'REQUESTED';
}

/** Adds certificate types and privileges to an organization's delegation, creating it when needed. */
function delegate(context: RouteContext, domain: Domain, orgId: number, certTypes: CertTypeCode[], privileges: DomainRequestPrivilege[]): void {
  const existing = domain.delegations.find((delegation) => delegation.orgId === orgId);
  if (existing === undefined) {
    domain.delegations.push({ orgId, certTypes, domainCertificateRequestPrivileges: privileges, status: newDelegationStatus(context) });
    return;
  }
  existing.certTypes = union(existing.certTypes, certTypes);
  existing.domainCertificateRequestPrivileges = union(existing.domainCertificateRequestPrivileges, privileges);
}

function readMonitoring(value: unknown, current: Domain['ctLogMonitoring']): Domain['ctLogMonitoring'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidField('ctLogMonitoring', 'must be an object');
  const body = value as Record<string, unknown>;
  const enabled = optionalBoolean(body, 'enabled') ?? current.enabled;
  const includeSubdomains = optionalBoolean(body, 'includeSubdomains') ?? current.includeSubdomains;
  let bucketId = current.bucketId;
  const rawBucket = body.bucketId;
  if (rawBucket !== undefined && rawBucket !== null && rawBucket !== '') {
    const text = String(rawBucket);
    if (!/^\d{1,12}$/.test(text)) throw invalidField('bucketId', `no certificate bucket ${text}`);
    bucketId = Number(text);
  }
  if (enabled && bucketId === null) throw requiredField('bucketId');
  return { enabled, includeSubdomains, bucketId };
}

/** SSL certificates whose names fall under a domain; a domain with any cannot be deleted. */
function hasCertificates(context: RouteContext, domain: Domain): boolean {
  const under = (name: string) => validationCovers(domain.name, name);
  for (const certificate of context.store.ssl.values()) {
    if (under(certificate.commonName) || certificate.subjectAlternativeNames.some(under)) return true;
  }
  return false;
}

function readDomainName(body: Record<string, unknown>): string {
  const raw = body.name;
  if (raw === undefined || raw === null || raw === '') throw requiredField('name');
  if (typeof raw !== 'string') throw invalidField('name', 'must be a string');
  const name = raw.trim().toLowerCase();
  if (name.length < 4) throw new ScmError(400, -712, 'The domain name should be at least 4 characters in length.');
  if (name.length > 255) throw new ScmError(400, -713, 'The domain name should be at most 255 characters in length.');
  if (!domainNamePattern.test(name)) throw new ScmError(400, -732, 'Invalid domain name.');
  return name;
}

const done = (): RouteResult => ({ status: 200 });

/** The domains report's DCV status wording. */
function reportDcvStatus(validation: DomainValidation): string {
  if (validation.status === 'VALIDATED') return 'Validated';
  if (validation.status === 'EXPIRED') return 'Expired';
  return validation.orderStatus === 'NOT_INITIATED' ? 'Not Initiated' : 'Action Required';
}

export const domainsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/domain/v1',
    handler: (context) => listPage(context, filtered(context), (domain) => ({ id: domain.id, name: domain.name })),
  },
  {
    method: 'GET',
    path: '/api/domain/v1/count',
    handler: (context) => ok({ count: filtered(context).length }),
  },
  {
    method: 'GET',
    path: '/api/domain/v1/{id}',
    handler: (context) => ok(details(context, findVisible(context))),
  },
  {
    method: 'POST',
    path: '/api/domain/v1',
    handler(context) {
      context.scope.require('allowManageDomains', 'domain creation');
      const body = jsonBody(context);
      const name = readDomainName(body);
      const description = optionalString(body, 'description', 255) ?? '';
      const active = optionalBoolean(body, 'active') ?? true;
      if ([...context.store.domains.values()].some((domain) => domain.name.toLowerCase() === name)) throw new ScmError(400, -700, 'Such domain already exists');
      const rawDelegations = body.delegations;
      if (!Array.isArray(rawDelegations) || rawDelegations.length === 0) throw new ScmError(400, -709, 'Please delegate domain to at least one organization or department.');
      const domain: Domain = {
        id: 0,
        name,
        description,
        active,
        delegations: [],
        validation: emptyValidation(),
        ctLogMonitoring: { enabled: false, includeSubdomains: false, bucketId: null },
        created: context.now,
      };
      for (const entry of rawDelegations) {
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw invalidField('delegations', 'each must be an object');
        const item = entry as Record<string, unknown>;
        const orgId = visibleOrganization(context, readOrgId(item.orgId, 'delegations[].orgId'));
        const certTypes = readCertTypes(item.certTypes, 'delegations[].certTypes', true) ?? [];
        const privileges = readRequestPrivileges(item.domainCertificateRequestPrivileges, 'delegations[].domainCertificateRequestPrivileges') ?? [...requestPrivileges];
        delegate(context, domain, orgId, certTypes, privileges);
      }
      if (body.ctLogMonitoring !== undefined && body.ctLogMonitoring !== null) domain.ctLogMonitoring = readMonitoring(body.ctLogMonitoring, domain.ctLogMonitoring);
      domain.validation = inheritedValidation(context, name);
      domain.id = context.store.nextId();
      context.store.domains.set(domain.id, domain);
      context.store.record(context.admin.login, 'Domain created', name, context.now);
      context.store.changed();
      return created(context, `/api/domain/v1/${domain.id}`);
    },
  },
  {
    method: 'DELETE',
    path: '/api/domain/v1/{id}',
    handler(context) {
      const domain = findVisible(context);
      context.scope.require('allowManageDomains', 'domain deletion');
      requireWholeDomain(context, domain, 'delete');
      if (hasCertificates(context, domain)) {
        throw new ScmError(400, -740, 'This operation cannot be performed due to SSL certificates enrolled for this domain or its subdomains.');
      }
      context.store.domains.delete(domain.id);
      context.store.record(context.admin.login, 'Domain deleted', domain.name, context.now);
      context.store.changed();
      return noContent();
    },
  },
  ...(['activate', 'suspend'] as const).map(
    (action): Route => ({
      method: 'PUT',
      path: `/api/domain/v1/{id}/${action}`,
      handler(context) {
        const domain = findVisible(context);
        context.scope.require('allowManageDomains', `domain ${action === 'activate' ? 'activation' : 'suspension'}`);
        requireWholeDomain(context, domain, action);
        domain.active = action === 'activate';
        context.store.record(context.admin.login, action === 'activate' ? 'Domain activated' : 'Domain suspended', domain.name, context.now);
        context.store.changed();
        return done();
      },
    }),
  ),
  {
    method: 'PUT',
    path: '/api/domain/v1/{id}/monitoring',
    handler(context) {
      const domain = findVisible(context);
      context.scope.require('allowManageDomains', 'CT log monitoring change');
      requireWholeDomain(context, domain, 'monitoring');
      domain.ctLogMonitoring = readMonitoring(jsonBody(context), domain.ctLogMonitoring);
      context.store.record(context.admin.login, 'Domain CT log monitoring changed', domain.name, context.now);
      context.store.changed();
      return done();
    },
  },
  {
    method: 'POST',
    path: '/api/domain/v1/delegation',
    handler(context) {
      context.scope.require('allowManageDomains', 'domain delegation');
      const body = jsonBody(context);
      const rawIds = body.domainIds;
      if (rawIds === undefined || rawIds === null) throw requiredField('domainIds');
      if (!Array.isArray(rawIds) || rawIds.length === 0 || rawIds.length > 1000) throw invalidField('domainIds', 'size must be between 1 and 1000');
      const orgId = visibleOrganization(context, readOrgId(body.orgId, 'orgId'));
      const certTypes = readCertTypes(body.certTypes, 'certTypes', true) ?? [];
      const privileges = readRequestPrivileges(body.domainCertificateRequestPrivileges, 'domainCertificateRequestPrivileges');
      if (privileges !== undefined && privileges.length === 0) throw invalidField('domainCertificateRequestPrivileges', 'size must be at least 1');
      // Every domain is checked before any changes, so a bad id leaves all of them as they were.
      const domains = rawIds.map((raw) => {
        const text = String(raw);
        const domain = /^\d{1,12}$/.test(text) ? context.store.domains.get(Number(text)) : undefined;
        if (domain === undefined || !canSeeDomain(context, domain)) throw new ScmError(400, -727, `The domain '${text}' does not exist.`);
        return domain;
      });
      for (const domain of domains) delegate(context, domain, orgId, certTypes, privileges ?? [...requestPrivileges]);
      context.store.record(context.admin.login, 'Domains delegated', `${domains.map((domain) => domain.name).join(', ')} to ${orgId}`, context.now);
      context.store.changed();
      return done();
    },
  },
  {
    method: 'POST',
    path: '/api/domain/v1/{id}/delegation',
    handler(context) {
      const domain = findVisible(context);
      context.scope.require('allowManageDomains', 'domain delegation');
      const body = jsonBody(context);
      const orgId = visibleOrganization(context, readOrgId(body.orgId, 'orgId'));
      const certTypes = readCertTypes(body.certTypes, 'certTypes', true) ?? [];
      const privileges = readRequestPrivileges(body.domainCertificateRequestPrivileges, 'domainCertificateRequestPrivileges') ?? [...requestPrivileges];
      delegate(context, domain, orgId, certTypes, privileges);
      context.store.record(context.admin.login, 'Domain delegated', `${domain.name} to ${orgId}`, context.now);
      context.store.changed();
      return done();
    },
  },
  {
    method: 'DELETE',
    path: '/api/domain/v1/{id}/delegation',
    handler(context) {
      const domain = findVisible(context);
      context.scope.require('allowManageDomains', 'domain delegation removal');
      const body = jsonBody(context);
      const orgId = visibleOrganization(context, readOrgId(body.orgId, 'orgId'));
      const certTypes = readCertTypes(body.certTypes, 'certTypes', false);
      const privileges = readRequestPrivileges(body.domainCertificateRequestPrivileges, 'domainCertificateRequestPrivileges');
      const existing = domain.delegations.find((delegation) => delegation.orgId === orgId);
      if (existing === undefined) throw new ScmError(400, -707, 'This domain delegation request has already been deleted.');
      if (certTypes !== undefined) existing.certTypes = existing.certTypes.filter((type) => !certTypes.includes(type));
      else if (privileges !== undefined) {
        existing.domainCertificateRequestPrivileges = existing.domainCertificateRequestPrivileges.filter((privilege) => !privileges.includes(privilege));
      }
      const emptied = existing.certTypes.length === 0 || existing.domainCertificateRequestPrivileges.length === 0;
      if ((certTypes === undefined && privileges === undefined) || emptied) domain.delegations = domain.delegations.filter((delegation) => delegation !== existing);
      context.store.record(context.admin.login, 'Domain delegation removed', `${domain.name} from ${orgId}`, context.now);
      context.store.changed();
      return done();
    },
  },
  ...(['approve', 'reject'] as const).map(
    (action): Route => ({
      method: 'POST',
      path: `/api/domain/v1/{id}/delegation/${action}`,
      handler(context) {
        const domain = findVisible(context);
        context.scope.require('approveDomainDelegation', `domain delegation ${action === 'approve' ? 'approval' : 'rejection'}`);
        const orgId = visibleOrganization(context, readOrgId(jsonBody(context).orgId, 'orgId'));
        const delegation = domain.delegations.find((candidate) => candidate.orgId === orgId);
        if (delegation === undefined) throw new ScmError(400, -707, 'This domain delegation request has already been deleted.');
        if (delegation.status !== 'REQUESTED') throw new ScmError(400, -705, "This operation cannot be performed as the delegation status is other than 'Requested'.");
        if (action === 'approve') delegation.status = 'ACTIVE';
        else domain.delegations = domain.delegations.filter((candidate) => candidate !== delegation);
        context.store.record(context.admin.login, action === 'approve' ? 'Domain delegation approved' : 'Domain delegation rejected', `${domain.name} for ${orgId}`, context.now);
        context.store.changed();
        return done();
      },
    }),
  ),
  {
    method: 'POST',
    path: '/api/report/v1/domains',
    handler(context) {
      jsonBody(context, { optional: true });
      const reports = visibleDomains(context).map((domain) => ({
        id: domain.id,
        name: domain.name,
        status: domain.active ? 'Active' : 'Suspended',
        requested: isoTimestamp(domain.created),
        dcvStatus: reportDcvStatus(domain.validation),
        ...(domain.validation.expires === null ? {} : { stickyUntil: isoTimestamp(domain.validation.expires) }),
      }));
      return ok(
        { statusCode: 0, reports },
        { 'content-disposition': 'attachment; filename="rest_api_domains.json"', 'cache-control': 'must-revalidate', pragma: 'public' },
      );
    },
  },
];

import { colonSerial, keySize, normalSerial, positiveIdParam, reportDate, sandboxSignatureAlgorithm } from '../../certificateForms';
import { jsonBody, listPage, optionalString, reportAnswer, requireInteger, type Route, type RouteContext } from '../../context';
import { isoTimestamp } from '../../dates';
import { invalidField } from '../../errors';
import { adminName, type SslCertificate, type SslStatus } from '../../state/model';
import type { SandboxStore } from '../../state/store';
import { restApi, settle, sslStatuses, vendor } from './certificates';
import { issuerOf, keyType, pemFacts } from './details';

/* The list (identities, paged, with its filters) and the SSL certificate report. */

/** The list filter's codes for `requestedVia`. */
const requestedViaCodes: Record<string, string> = {
  WEB_FORM: 'Enrollment Form',
  CLIENT_ADMIN: 'Client Admin',
  API: 'Web API',
  DISCOVERY: 'Discovery',
  IMPORTED: 'Imported',
  SCEP: 'SCEP',
  CD_AGENT: 'CD Agent',
  MS_AGENT: 'MS Agent',
  MS_CA: 'MS CA',
  BULK_REQUEST: 'Bulk Request',
  ACME: 'ACME',
  EST: 'EST',
  REST: restApi,
};

/** The report filter's numbers for the request source. */
const reportRequestSources: Record<number, string> = {
  0: 'Enrollment Form', 1: 'Client Admin', 2: 'Web API', 3: 'Discovery', 4: 'Imported', 5: 'SCEP',
  7: 'MS Agent', 9: 'Bulk Request', 10: 'ACME', 11: 'EST', 12: restApi,
};

/** The list shows identities only; details come from GET /{sslId}. */
function identity(certificate: SslCertificate) {
  return {
    sslId: certificate.id,
    commonName: certificate.commonName,
    subjectAlternativeNames: certificate.subjectAlternativeNames,
    serialNumber: certificate.issued === null ? '' : colonSerial(certificate.serialNumber),
  };
}

type CertificateFilter = (certificate: SslCertificate) => boolean;

function contains(value: string, wanted: string): boolean {
  return value.toLowerCase().includes(wanted.toLowerCase());
}

/** The list's query filters; an empty value means no filter (some clients always send every field). */
function listFilters(context: RouteContext): CertificateFilter[] {
  const filters: CertificateFilter[] = [];
  const text = (name: string) => {
    const value = context.query.get(name);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };
  const commonName = text('commonName');
  if (commonName !== undefined) filters.push((c) => contains(c.commonName, commonName));
  const san = text('subjectAlternativeName');
  if (san !== undefined) filters.push((c) => c.subjectAlternativeNames.some((name) => contains(name, san)));
  const status = text('status');
  if (status !== undefined) {
    const wanted = sslStatuses.find((candidate) => candidate.toLowerCase() === status.toLowerCase());
    if (wanted === undefined) throw invalidField('status', `use one of ${sslStatuses.join(', ')}`);
    filters.push((c) => c.status === wanted);
  }
  const typeId = text('sslTypeId');
  if (typeId !== undefined) {
    const id = positiveIdParam('sslTypeId', typeId);
    filters.push((c) => c.profileId === id);
  }
  const orgId = text('orgId');
  if (orgId !== undefined) {
    const id = positiveIdParam('orgId', orgId);
    filters.push((c) => c.orgId === id);
  }
  const serial = text('serialNumber');
  if (serial !== undefined) {
    const wanted = normalSerial(serial);
    filters.push((c) => c.issued !== null && normalSerial(c.serialNumber) === wanted);
  }
  const requester = text('requester');
  if (requester !== undefined) filters.push((c) => contains(c.requester, requester));
  const external = text('externalRequester');
  if (external !== undefined) filters.push((c) => contains(c.externalRequester, external));
  const algorithm = text('keyAlgorithm');
  if (algorithm !== undefined) {
    const wanted = algorithm.toUpperCase() === 'ECDSA' || algorithm.toUpperCase() === 'ECC' ? 'EC' : algorithm.toUpperCase();
    filters.push((c) => c.keyAlgorithm === wanted);
  }
  const keyParam = text('keyParam') ?? text('keySize');
  if (keyParam !== undefined) filters.push((c) => c.keyParam.toLowerCase() === keyParam.toLowerCase() || String(keySize(c)) === keyParam);
  const via = text('requestedVia');
  if (via !== undefined) {
    const wanted = requestedViaCodes[via.toUpperCase()] ?? via;
    filters.push((c) => c.requestedVia.toLowerCase() === wanted.toLowerCase());
  }
  const vendorFilter = text('vendor');
  if (vendorFilter !== undefined) filters.push(() => contains(vendor, vendorFilter));
  const issuer = text('issuer');
  if (issuer !== undefined) filters.push((c) => contains(issuerOf(context, c) ?? '', issuer));
  const signature = text('signatureAlgorithm');
  if (signature !== undefined) {
    filters.push((c) => c.issued !== null && c.requestedVia !== 'Imported' && sandboxSignatureAlgorithm.toLowerCase() === signature.toLowerCase());
  }
  const keyUsage = text('keyUsage');
  if (keyUsage !== undefined) {
    filters.push((c) => c.issued !== null && c.requestedVia !== 'Imported' && ['digitalSignature', 'keyEncipherment'].some((usage) => usage.toLowerCase() === keyUsage.toLowerCase()));
  }
  const extendedKeyUsage = text('extendedKeyUsage');
  if (extendedKeyUsage !== undefined) {
    filters.push((c) => c.issued !== null && c.requestedVia !== 'Imported' && ['serverAuth', 'clientAuth'].some((usage) => usage.toLowerCase() === extendedKeyUsage.toLowerCase()));
  }
  for (const [name, key] of [['sha1Hash', 'sha1'], ['md5Hash', 'md5'], ['sha256Hash', 'sha256']] as const) {
    const hash = text(name);
    if (hash !== undefined) {
      const wanted = hash.replace(/:/g, '').toUpperCase();
      filters.push((c) => pemFacts(c)?.[key] === wanted);
    }
  }
  return filters;
}

/** Visible certificates, brought up to date, that pass every filter, in id order. */
function matching(context: RouteContext, filters: CertificateFilter[], inScope: (orgId: number) => boolean): SslCertificate[] {
  const rows: SslCertificate[] = [];
  for (const certificate of context.store.ssl.values()) {
    if (!inScope(certificate.orgId)) continue;
    settle(context, certificate);
    if (filters.every((filter) => filter(certificate))) rows.push(certificate);
  }
  return rows;
}

interface CachedList {
  generation: number;
  /** The first moment a certificate in the tenant changes state by itself. */
  validUntil: number;
  rows: SslCertificate[];
}

const listCache = new WeakMap<SandboxStore, Map<string, CachedList>>();

/**
 * The certificates a list request matches. A client paging through 100,000
 * certificates asks the same question hundreds of times, so the answer is kept
 * until the data changes or a certificate is due to move on by itself
 * (issuance, expiry), whichever comes first.
 */
function listedCertificates(context: RouteContext): SslCertificate[] {
  const query = new URLSearchParams(context.query);
  query.delete('position');
  query.delete('size');
  query.sort();
  const key = `${context.admin.id}|${query.toString()}`;
  let cache = listCache.get(context.store);
  if (cache === undefined) {
    cache = new Map();
    listCache.set(context.store, cache);
  }
  const cached = cache.get(key);
  if (cached !== undefined && cached.generation === context.store.generation && context.now < cached.validUntil) return cached.rows;
  const rows = matching(context, listFilters(context), (orgId) => context.scope.canSee(orgId, 'ssl'));
  let validUntil = Number.POSITIVE_INFINITY;
  for (const certificate of context.store.ssl.values()) {
    if (certificate.status === 'Applied' && certificate.issueAt !== null) validUntil = Math.min(validUntil, certificate.issueAt);
    else if (certificate.status === 'Issued') {
      if (certificate.expires !== null) validUntil = Math.min(validUntil, certificate.expires);
      if (certificate.replacedById !== null) validUntil = context.now;
    }
  }
  if (cache.size > 100) cache.clear();
  cache.set(key, { generation: context.store.generation, validUntil, rows });
  return rows;
}

const reportStatuses: Record<number, readonly SslStatus[] | undefined> = {
  0: undefined,
  1: ['Requested', 'Approved', 'Applied', 'SAApproved', 'Init'],
  2: ['Issued'],
  3: ['Revoked'],
  4: ['Expired'],
};

const reportDates: Record<number, (c: SslCertificate) => number | null> = {
  2: (c) => c.revoked,
  3: (c) => c.expires,
  4: (c) => c.requested,
  5: (c) => c.issued,
};

/** The report body's filters; organizations include their departments. */
function reportFilters(context: RouteContext, body: Record<string, unknown>): { filters: CertificateFilter[]; orgIds: Set<number> | undefined } {
  const filters: CertificateFilter[] = [];
  let orgIds: Set<number> | undefined;
  if (body.organizationIds !== undefined && body.organizationIds !== null) {
    if (!Array.isArray(body.organizationIds) || body.organizationIds.some((id) => typeof id !== 'number')) throw invalidField('organizationIds', 'must be a list of ids');
    const ids = body.organizationIds as number[];
    if (ids.length > 0) {
      orgIds = new Set(ids);
      for (const id of ids) for (const department of context.store.departmentsOf(id)) orgIds.add(department.id);
    }
  }
  if (body.certificateStatus !== undefined && body.certificateStatus !== null) {
    const code = requireInteger(body, 'certificateStatus');
    if (!(code in reportStatuses)) throw invalidField('certificateStatus', 'use 0 to 4');
    const statuses = reportStatuses[code];
    if (statuses !== undefined) filters.push((c) => statuses.includes(c.status));
  }
  const from = reportDate(body, 'from');
  const to = reportDate(body, 'to');
  if (from !== undefined || to !== undefined) {
    const attribute = body.certificateDateAttribute === undefined || body.certificateDateAttribute === null ? 4 : requireInteger(body, 'certificateDateAttribute');
    const dateOf = reportDates[attribute];
    if (dateOf === undefined) throw invalidField('certificateDateAttribute', 'use 2, 3, 4 or 5');
    filters.push((c) => {
      const time = dateOf(c);
      return time !== null && (from === undefined || time >= from) && (to === undefined || time <= to);
    });
  } else if (body.certificateDateAttribute !== undefined && body.certificateDateAttribute !== null) {
    if (reportDates[requireInteger(body, 'certificateDateAttribute')] === undefined) throw invalidField('certificateDateAttribute', 'use 2, 3, 4 or 5');
  }
  const commonName = optionalString(body, 'commonName');
  if (commonName !== undefined && commonName.trim() !== '') filters.push((c) => contains(c.commonName, commonName.trim()));
  const external = optionalString(body, 'externalRequester');
  if (external !== undefined && external.trim() !== '') filters.push((c) => contains(c.externalRequester, external.trim()));
  if (body.certificateRequestSource !== undefined && body.certificateRequestSource !== null) {
    const source = reportRequestSources[requireInteger(body, 'certificateRequestSource')];
    if (source === undefined) throw invalidField('certificateRequestSource');
    filters.push((c) => c.requestedVia === source);
  }
  return { filters, orgIds };
}

/** One row of the SSL report: dates as ISO timestamps, SANs joined with "; ". */
function reportRow(context: RouteContext, certificate: SslCertificate, plainSerial: boolean) {
  const { store } = context;
  const profile = store.profiles.get(certificate.profileId);
  const org = store.organization(certificate.orgId);
  const facts = pemFacts(certificate);
  const issued = certificate.issued !== null;
  const approver = certificate.approverId === null ? undefined : store.admins.get(certificate.approverId);
  return {
    id: certificate.id,
    type: profile?.name ?? null,
    typeId: certificate.profileId,
    orgId: certificate.orgId,
    commonName: certificate.commonName,
    subjAltNames: certificate.subjectAlternativeNames.join('; '),
    status: certificate.status,
    // A discovered certificate has no requester.
    requester: certificate.requester === '' ? null : certificate.requester,
    approver: approver === undefined ? null : adminName(approver),
    organizationName: org?.name ?? null,
    orderNumber: Number(certificate.backendCertId) || null,
    backendCertId: certificate.backendCertId,
    requestedVia: certificate.requestedVia,
    term: certificate.term,
    comments: certificate.comments,
    requested: isoTimestamp(certificate.requested),
    approved: isoTimestamp(certificate.approved),
    declined: isoTimestamp(certificate.declined),
    downloaded: isoTimestamp(certificate.downloaded),
    expires: isoTimestamp(certificate.expires),
    revoked: isoTimestamp(certificate.revoked),
    replaced: isoTimestamp(certificate.replaced),
    issuer: issuerOf(context, certificate),
    serialNumber: issued ? (plainSerial ? certificate.serialNumber : colonSerial(certificate.serialNumber)) : null,
    city: org?.city ?? null,
    state: org?.stateOrProvince ?? null,
    country: org?.country ?? null,
    sha1: facts?.sha1 ?? null,
    md5: facts?.md5 ?? null,
    publicKeyType: keyType(certificate),
    customFields: certificate.customFields,
  };
}

export const sslListingRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/ssl/v1',
    handler(context) {
      return listPage(context, listedCertificates(context), identity);
    },
  },
  {
    method: 'POST',
    path: '/api/report/v1/ssl-certificates',
    handler(context) {
      const body = jsonBody(context, { optional: true });
      const { filters, orgIds } = reportFilters(context, body);
      const inScope = (orgId: number) => context.scope.canSee(orgId, 'ssl') && (orgIds === undefined || orgIds.has(orgId));
      const plainSerial = body.serialNumberFormat === 'HEXWithLeadingZeros';
      return reportAnswer(matching(context, filters, inScope), (certificate) => reportRow(context, certificate, plainSerial), {
        'content-disposition': 'attachment; filename="rest_api_ssl-certificates.json"',
        'cache-control': 'must-revalidate',
        pragma: 'public',
      });
    },
  },
];

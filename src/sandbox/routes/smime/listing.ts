import { colonSerial, keySize, normalSerial, positiveIdParam, reportDate, sandboxSignatureAlgorithm } from '../../certificateForms';
import { jsonBody, listPage, ok, reportAnswer, requireInteger, type Route, type RouteContext, type RouteResult } from '../../context';
import { isoTimestamp } from '../../dates';
import { invalidField, ScmError } from '../../errors';
import type { Person, SmimeCertificate, SmimeState } from '../../state/model';
import { personByEmail } from '../persons';
import { imported, visibleCertificates } from './certificates';
import { extendedKeyUsages, issuerOf, keyUsages, listItem, pemFacts } from './details';

/* The v2 list with its filters, a person's certificates, and the client certificate report. */

const smimeStates: readonly SmimeState[] = ['blank', 'created', 'requested', 'issued', 'downloaded', 'expired', 'revoked', 'rejected', 'pre_revoked'];

type CertificateFilter = (certificate: SmimeCertificate) => boolean;

/** The v2 list's query filters; an empty value means no filter. */
function listFilters(context: RouteContext): CertificateFilter[] {
  const filters: CertificateFilter[] = [];
  const text = (name: string) => {
    const value = context.query.get(name);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };
  const state = text('state');
  if (state !== undefined) {
    const wanted = smimeStates.find((candidate) => candidate === state.toLowerCase());
    if (wanted === undefined) throw invalidField('state', `use one of ${smimeStates.join(', ')}`);
    filters.push((c) => c.state === wanted);
  }
  const personId = text('personId');
  if (personId !== undefined) {
    const id = positiveIdParam('personId', personId);
    filters.push((c) => c.personId === id);
  }
  const certTypeId = text('certTypeId');
  if (certTypeId !== undefined) {
    const id = positiveIdParam('certTypeId', certTypeId);
    filters.push((c) => c.profileId === id);
  }
  const serial = text('serialNumber');
  if (serial !== undefined) {
    const wanted = normalSerial(serial);
    filters.push((c) => c.issued !== null && normalSerial(c.serialNumber) === wanted);
  }
  const backendCertId = text('backendCertId');
  if (backendCertId !== undefined) filters.push((c) => c.backendCertId === backendCertId);
  const email = text('email');
  if (email !== undefined) filters.push((c) => c.email.toLowerCase() === email.toLowerCase());
  const keyVault = text('keyVault');
  if (keyVault !== undefined) {
    if (keyVault !== 'true' && keyVault !== 'false') throw invalidField('keyVault', 'use true or false');
    // The sandbox never escrows keys: no certificate has its key in the vault.
    filters.push(() => keyVault === 'false');
  }
  const algorithm = text('keyAlgorithm');
  if (algorithm !== undefined) {
    const wanted = ['ECDSA', 'ECC'].includes(algorithm.toUpperCase()) ? 'EC' : algorithm.toUpperCase();
    filters.push((c) => c.keyAlgorithm === wanted);
  }
  const keyParam = text('keyParam');
  if (keyParam !== undefined) filters.push((c) => c.keyParam.toLowerCase() === keyParam.toLowerCase() || String(keySize(c)) === keyParam);
  const sandboxIssued = (c: SmimeCertificate) => c.issued !== null && c.requestedVia !== imported;
  const signature = text('signatureAlgorithm');
  if (signature !== undefined) filters.push((c) => sandboxIssued(c) && sandboxSignatureAlgorithm.toLowerCase() === signature.toLowerCase());
  const keyUsage = text('keyUsage');
  if (keyUsage !== undefined) filters.push((c) => sandboxIssued(c) && keyUsages.some((usage) => usage.toLowerCase() === keyUsage.toLowerCase()));
  const extendedKeyUsage = text('extendedKeyUsage');
  if (extendedKeyUsage !== undefined) {
    filters.push((c) => sandboxIssued(c) && extendedKeyUsages.some((usage) => usage.toLowerCase() === extendedKeyUsage.toLowerCase()));
  }
  return filters;
}

/** The report's certificateStatus codes. */
const reportStatuses: Record<number, readonly SmimeState[] | undefined> = {
  0: undefined,
  2: ['issued', 'downloaded'],
  3: ['revoked', 'pre_revoked'],
  4: ['expired'],
  5: ['requested'],
  6: ['blank', 'created', 'rejected'],
};

/** The report's certificateDateAttribute codes. */
const reportDates: Record<number, (c: SmimeCertificate) => number | null> = {
  0: (c) => c.requested,
  1: (c) => c.issued,
  2: (c) => c.revoked,
  3: (c) => c.expires,
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
    if (!(code in reportStatuses)) throw invalidField('certificateStatus', 'use 0, 2, 3, 4, 5 or 6');
    const states = reportStatuses[code];
    if (states !== undefined) filters.push((c) => states.includes(c.state));
  }
  const attribute = body.certificateDateAttribute === undefined || body.certificateDateAttribute === null ? 0 : requireInteger(body, 'certificateDateAttribute');
  const dateOf = reportDates[attribute];
  if (dateOf === undefined) throw invalidField('certificateDateAttribute', 'use 0, 1, 2 or 3');
  const from = reportDate(body, 'from');
  const to = reportDate(body, 'to');
  if (from !== undefined || to !== undefined) {
    filters.push((c) => {
      const time = dateOf(c);
      return time !== null && (from === undefined || time >= from) && (to === undefined || time <= to);
    });
  }
  return { filters, orgIds };
}

/** One row of the client certificate report: dates as ISO timestamps. */
function reportRow(context: RouteContext, certificate: SmimeCertificate) {
  const { store } = context;
  const profile = store.profiles.get(certificate.profileId);
  const org = store.organization(certificate.orgId);
  const person = store.persons.get(certificate.personId);
  const issued = certificate.issued !== null;
  const facts = pemFacts(certificate);
  return {
    id: certificate.id,
    personId: certificate.personId,
    email: certificate.email,
    firstName: person?.firstName ?? null,
    lastName: person?.lastName ?? null,
    commonName: certificate.commonName,
    status: certificate.state,
    type: profile?.name ?? null,
    typeId: certificate.profileId,
    orgId: certificate.orgId,
    organizationName: org?.name ?? null,
    orderNumber: Number(certificate.backendCertId),
    backendCertId: certificate.backendCertId,
    requestedVia: certificate.requestedVia,
    term: certificate.term,
    comments: certificate.comments,
    requested: isoTimestamp(certificate.requested),
    issued: isoTimestamp(certificate.issued),
    expires: isoTimestamp(certificate.expires),
    revoked: isoTimestamp(certificate.revoked),
    reasonCode: certificate.state === 'revoked' ? certificate.reasonCode : null,
    issuer: issuerOf(context, certificate),
    serialNumber: issued ? colonSerial(certificate.serialNumber) : null,
    sha1: facts?.sha1 ?? null,
    md5: facts?.md5 ?? null,
    publicKeyType: `${certificate.keyAlgorithm} - ${certificate.keyParam}`,
    customFields: certificate.customFields,
  };
}

const reportHeaders = { 'content-disposition': 'attachment; filename="rest_api_client-certificates.json"', 'cache-control': 'must-revalidate', pragma: 'public' };

/** Certificates of a person the caller can see, or 404 -105 when there is no such person. */
function byPerson(context: RouteContext, person: Person | undefined, missing: string, headers?: Record<string, string>): RouteResult {
  if (person === undefined || !context.scope.canSee(person.organizationId)) throw new ScmError(404, -105, `Person with ${missing} was not found`);
  const rows = visibleCertificates(context).filter((certificate) => certificate.personId === person.id);
  return ok(
    rows.map((certificate) => listItem(context, certificate)),
    headers,
  );
}

export const smimeListingRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/smime/v2',
    handler(context) {
      const filters = listFilters(context);
      const rows = visibleCertificates(context).filter((certificate) => filters.every((filter) => filter(certificate)));
      return listPage(context, rows, (certificate) => listItem(context, certificate));
    },
  },
  {
    method: 'GET',
    path: '/api/smime/v2/byPersonId/{personId}',
    handler(context) {
      const raw = context.params.personId ?? '';
      const person = /^\d{1,12}$/.test(raw) ? context.store.persons.get(Number(raw)) : undefined;
      return byPerson(context, person, `id: ${raw}`);
    },
  },
  {
    method: 'GET',
    path: '/api/smime/v2/byPersonEmail/{email}',
    handler(context) {
      const email = context.params.email ?? '';
      // SCM's framework labels this answer as an inline text file.
      return byPerson(context, personByEmail(context, email), `e-mail: ${email}`, { 'content-disposition': 'inline;filename=f.txt' });
    },
  },
  {
    method: 'POST',
    path: '/api/report/v1/client-certificates',
    handler(context) {
      const body = jsonBody(context, { optional: true });
      const { filters, orgIds } = reportFilters(context, body);
      const inScope = (orgId: number) => context.scope.canSee(orgId, 'smime') && (orgIds === undefined || orgIds.has(orgId));
      const rows = visibleCertificates(context, inScope).filter((certificate) => filters.every((filter) => filter(certificate)));
      return reportAnswer(rows, (certificate) => reportRow(context, certificate), reportHeaders);
    },
  },
];

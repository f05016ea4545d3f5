import { z } from 'zod';
import type { ActivityEntry, SmimeInventoryRow, SslInventoryRow } from '../../shared/scm/types';
import type { ScmClient } from './client';
import { isoDate } from './dates';
import { ScmClientError } from './errors';
import type { ListProgress } from './paging';
import type { SmimeApi } from './smime';
import { sanList, type SslApi, type SslListFilter } from './ssl';
import { reportMaxResponseBytes } from './transport';

const sslReportRow = z.looseObject({
  id: z.number(),
  orgId: z.number(),
  organizationName: z.string().nullish(),
  commonName: z.string().nullish(),
  subjAltNames: z.string().nullish(),
  status: z.string(),
  type: z.string().nullish(),
  requester: z.string().nullish(),
  requested: z.string().nullish(),
  issued: z.string().nullish(),
  expires: z.string().nullish(),
  serialNumber: z.string().nullish(),
});

const sslReport = z.looseObject({ statusCode: z.number().optional(), reports: z.array(sslReportRow) });

export interface InventoryOptions {
  /** Details calls in flight at once when the report is not available. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ListProgress) => void;
}

export interface Inventory {
  rows: SslInventoryRow[];
  /** How it was built: one report request, or the list plus a details call per certificate. */
  source: 'report' | 'details';
}

/**
 * The SSL inventory with status and dates. The list endpoint gives identities
 * only, so status and expiry would cost a details call per certificate; the
 * report endpoint gives them all in one request, and is used wherever the admin
 * may use it. Otherwise: the list, then bounded concurrent details calls.
 */
export async function sslInventory(client: ScmClient, ssl: SslApi, filter: SslListFilter & { organizationIds?: number[] } = {}, options: InventoryOptions = {}): Promise<Inventory> {
  try {
    const answer = await client.json(
      {
        method: 'POST',
        path: '/api/report/v1/ssl-certificates',
        body: { ...(filter.organizationIds === undefined ? {} : { organizationIds: filter.organizationIds }), ...(filter.commonName === undefined ? {} : { commonName: filter.commonName }) },
        // A report changes nothing, so it may be asked for again.
        idempotent: true,
        patience: 'long',
        maxResponseBytes: reportMaxResponseBytes,
        operation: 'read the SSL certificate report',
        ...(options.signal ? { signal: options.signal } : {}),
      },
      sslReport,
    );
    const rows = answer.reports.map(
      (row): SslInventoryRow => ({
        id: row.id,
        orgId: row.orgId,
        organizationName: row.organizationName ?? null,
        commonName: row.commonName ?? '',
        subjectAlternativeNames: sanList(row.subjAltNames),
        status: row.status,
        profileName: row.type ?? null,
        requester: row.requester ?? null,
        requested: isoDate(row.requested),
        issued: isoDate(row.issued),
        expires: isoDate(row.expires),
        serialNumber: row.serialNumber ?? null,
      }),
    );
    options.onProgress?.({ done: rows.length, total: rows.length });
    return { rows: rows.filter((row) => filter.status === undefined || row.status === filter.status), source: 'report' };
  } catch (error) {
    if (!reportRefused(error)) throw error;
  }
  return { rows: await inventoryFromDetails(ssl, filter, options), source: 'details' };
}

/** The inventory the slow way: every certificate's details, a bounded number at a time. */
export async function inventoryFromDetails(ssl: SslApi, filter: SslListFilter, options: InventoryOptions = {}): Promise<SslInventoryRow[]> {
  const ids: number[] = [];
  for await (const page of ssl.list(filter, options.signal ? { signal: options.signal } : {})) ids.push(...page.map((row) => row.id));
  const rows = new Array<SslInventoryRow>(ids.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const index = next++;
      const certificate = await ssl.get(ids[index]!, options.signal);
      rows[index] = {
        id: certificate.id,
        orgId: certificate.orgId,
        organizationName: null,
        commonName: certificate.commonName,
        subjectAlternativeNames: certificate.subjectAlternativeNames,
        status: certificate.status,
        profileName: certificate.profileName,
        requester: certificate.requester,
        requested: certificate.requested,
        issued: certificate.issued,
        expires: certificate.expires,
        serialNumber: certificate.serialNumber,
      };
      done += 1;
      options.onProgress?.({ done, total: ids.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, Math.max(ids.length, 1)) }, worker));
  return rows;
}

const smimeReportRow = z.looseObject({
  id: z.number(),
  backendCertId: z.union([z.string(), z.number()]).nullish(),
  orderNumber: z.number().nullish(),
  email: z.string().nullish(),
  commonName: z.string().nullish(),
  status: z.string(),
  orgId: z.number().nullish(),
  organizationName: z.string().nullish(),
  type: z.string().nullish(),
  issued: z.string().nullish(),
  expires: z.string().nullish(),
  serialNumber: z.string().nullish(),
});

/** Report failures that mean "not for this admin": the inventory then takes the slower way. */
function reportRefused(error: unknown): boolean {
  return error instanceof ScmClientError && ['permission', 'not-found', 'validation'].includes(error.kind);
}

/**
 * The client-certificate inventory: the report in one request where the admin
 * may use it; otherwise the v2 list, which carries state and expiry itself.
 */
export async function smimeInventory(client: ScmClient, smime: SmimeApi, filter: { organizationIds?: number[]; email?: string } = {}, options: InventoryOptions = {}): Promise<{ rows: SmimeInventoryRow[]; source: 'report' | 'list' }> {
  try {
    const answer = await client.json(
      {
        method: 'POST',
        path: '/api/report/v1/client-certificates',
        body: { ...(filter.organizationIds === undefined ? {} : { organizationIds: filter.organizationIds }) },
        idempotent: true,
        patience: 'long',
        maxResponseBytes: reportMaxResponseBytes,
        operation: 'read the client certificate report',
        ...(options.signal ? { signal: options.signal } : {}),
      },
      z.looseObject({ reports: z.array(smimeReportRow) }),
    );
    const rows = answer.reports
      .filter((row) => filter.email === undefined || row.email?.toLowerCase() === filter.email.toLowerCase())
      .map(
        (row): SmimeInventoryRow => ({
          id: row.id,
          backendCertId: String(row.backendCertId ?? row.orderNumber ?? ''),
          email: row.email ?? '',
          commonName: row.commonName ?? '',
          status: row.status,
          orgId: row.orgId ?? null,
          organizationName: row.organizationName ?? null,
          profileName: row.type ?? null,
          issued: isoDate(row.issued),
          expires: isoDate(row.expires),
          serialNumber: row.serialNumber ?? null,
        }),
      );
    options.onProgress?.({ done: rows.length, total: rows.length });
    return { rows, source: 'report' };
  } catch (error) {
    if (!reportRefused(error)) throw error;
  }
  return { rows: await smimeInventoryFromList(smime, filter, options), source: 'list' };
}

/** The client-certificate inventory from the v2 list: state and expiry without a call per certificate. */
export async function smimeInventoryFromList(smime: SmimeApi, filter: { email?: string } = {}, options: InventoryOptions = {}): Promise<SmimeInventoryRow[]> {
  const rows: SmimeInventoryRow[] = [];
  for await (const page of smime.list(filter.email === undefined ? {} : { email: filter.email }, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) })) {
    for (const row of page) {
      rows.push({ id: row.id, backendCertId: row.backendCertId, email: '', commonName: row.subject ?? '', status: row.state, orgId: null, organizationName: null, profileName: null, issued: null, expires: row.expires, serialNumber: row.serialNumber });
    }
  }
  return rows;
}

const activityRow = z.looseObject({ date: z.string().nullish(), admin: z.string().nullish(), action: z.string().nullish(), details: z.string().nullish() });

/** SCM's record of what admins changed between two dates (ISO). */
export async function activityReport(client: ScmClient, range: { from?: string; to?: string } = {}): Promise<ActivityEntry[]> {
  const answer = await client.json(
    { method: 'POST', path: '/api/report/v1/activity', body: range, idempotent: true, patience: 'long', maxResponseBytes: reportMaxResponseBytes, operation: 'read the activity report' },
    z.looseObject({ reports: z.array(activityRow) }),
  );
  return answer.reports.map((row) => ({ date: row.date ?? null, admin: row.admin ?? '', action: row.action ?? '', details: row.details ?? '' }));
}

const domainReportRow = z.looseObject({ id: z.number(), name: z.string(), status: z.string().nullish(), dcvStatus: z.string().nullish(), stickyUntil: z.string().nullish() });

/** Every domain with its state and validation, in one request. */
export async function domainReport(client: ScmClient): Promise<{ id: number; name: string; status: string | null; dcvStatus: string | null; validUntil: string | null }[]> {
  const answer = await client.json(
    { method: 'POST', path: '/api/report/v1/domains', body: {}, idempotent: true, patience: 'long', maxResponseBytes: reportMaxResponseBytes, operation: 'read the domain report' },
    z.looseObject({ reports: z.array(domainReportRow) }),
  );
  return answer.reports.map((row) => ({ id: row.id, name: row.name, status: row.status ?? null, dcvStatus: row.dcvStatus ?? null, validUntil: isoDate(row.stickyUntil) }));
}

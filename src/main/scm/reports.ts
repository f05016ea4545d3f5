import { z } from 'zod';
import type { SslInventoryRow } from '../../shared/scm/types';
import type { ScmClient } from './client';
import { isoDate } from './dates';
import { ScmClientError } from './errors';
import type { ListProgress } from './paging';
import { sanList, type SslApi, type SslListFilter } from './ssl';

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
    if (!(error instanceof ScmClientError) || !['permission', 'not-found', 'validation'].includes(error.kind)) throw error;
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

import { z } from 'zod';
import type { ActivityEntry, SmimeInventoryRow, SslCertificate, SslInventoryRow } from '../../shared/scm/types';
import type { ScmClient } from './client';
import { isoDate } from './dates';
import { ScmClientError } from './errors';
import type { ListProgress } from './paging';
import type { SmimeApi } from './smime';
import { sanList, type SslApi, type SslListFilter } from './ssl';
import { persist } from './transient';

// Report rows: only the id is certain, whatever Sectigo's example shows.
const sslReportRow = z.looseObject({
  id: z.number(),
  orgId: z.number().nullish(),
  organizationName: z.string().nullish(),
  commonName: z.string().nullish(),
  subjAltNames: z.string().nullish(),
  status: z.string().nullish(),
  type: z.string().nullish(),
  requester: z.string().nullish(),
  requested: z.string().nullish(),
  issued: z.string().nullish(),
  expires: z.string().nullish(),
  serialNumber: z.string().nullish(),
  term: z.number().nullish(),
});

const sslReport_ = z.looseObject({ statusCode: z.number().optional(), reports: z.array(sslReportRow) });

export interface InventoryOptions {
  /** Details calls in flight at once when the report is not available. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ListProgress) => void;
  /** Details already read by an earlier run with the same filter: those certificates are not read again. */
  resume?: DetailsCheckpoint;
  /** Hears what the details run has read so far: every `checkpointEvery` certificates, and when it ends either way. */
  onCheckpoint?: (checkpoint: DetailsCheckpoint) => void;
  /** Certificates read between two checkpoints; 500 unless told. */
  checkpointEvery?: number;
  /** Rounds per certificate (and per list page) when every try fails for a passing reason; 4 unless told. */
  attempts?: number;
  /** The pause before a certificate's second round, doubling after; 2 s unless told. */
  retryPauseMs?: number;
  /** For tests: the clock's sleep between rounds. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
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
    const rows = await sslReport(
      client,
      { ...(filter.organizationIds === undefined ? {} : { organizationIds: filter.organizationIds }), ...(filter.commonName === undefined ? {} : { commonName: filter.commonName }) },
      options.signal,
    );
    options.onProgress?.({ done: rows.length, total: rows.length });
    return { rows: rows.filter((row) => filter.status === undefined || row.status === filter.status), source: 'report' };
  } catch (error) {
    if (!reportRefused(error)) throw error;
  }
  return { rows: await inventoryFromDetails(ssl, filter, options), source: 'details' };
}

/** The report's filter body, as far as the console uses it. */
export interface SslReportFilter {
  organizationIds?: number[];
  commonName?: string;
  /** 2 revocation, 3 expiration, 4 request, 5 issuance: which date `from` and `to` are about. */
  certificateDateAttribute?: 2 | 3 | 4 | 5;
  /** ISO timestamps. */
  from?: string;
  to?: string;
}

/**
 * One SSL certificate report: every certificate the filter selects, with status
 * and dates, in one request. Throws what SCM answered, refusal included (see
 * `reportRefused`).
 */
export async function sslReport(client: ScmClient, body: SslReportFilter, signal?: AbortSignal): Promise<SslInventoryRow[]> {
  const answer = await client.json(
    {
      method: 'POST',
      path: '/api/report/v1/ssl-certificates',
      body,
      // A report changes nothing, so it may be asked for again.
      idempotent: true,
      patience: 'long',
      maxResponseBytes: client.maxReportBytes,
      operation: 'read the SSL certificate report',
      ...(signal ? { signal } : {}),
    },
    sslReport_,
  );
  return answer.reports.map(
    (row): SslInventoryRow => ({
      id: row.id,
      orgId: row.orgId ?? null,
      organizationName: row.organizationName ?? null,
      commonName: row.commonName ?? '',
      subjectAlternativeNames: sanList(row.subjAltNames),
      status: row.status ?? '',
      profileName: row.type ?? null,
      requester: row.requester ?? null,
      requested: isoDate(row.requested),
      issued: isoDate(row.issued),
      expires: isoDate(row.expires),
      serialNumber: row.serialNumber ?? null,
      term: row.term ?? null,
    }),
  );
}

/** What a details run has read so far. Plain data, so a job can keep it as JSON and continue later. */
export interface DetailsCheckpoint {
  /** The certificates read so far, each once, in no particular order. */
  rows: SslInventoryRow[];
}

/**
 * An inventory run that stopped part way, by failure or cancellation. It is the
 * failure itself (kind, message, hint, anchor), plus what was read before it:
 * passing `checkpoint` as `resume` to a new run reads only the rest.
 */
export class IncompleteInventoryError extends ScmClientError {
  readonly checkpoint: DetailsCheckpoint;

  constructor(failure: ScmClientError, checkpoint: DetailsCheckpoint) {
    super({
      kind: failure.kind,
      message: failure.message,
      reason: failure.reason,
      ...(failure.code === undefined ? {} : { code: failure.code }),
      ...(failure.status === undefined ? {} : { status: failure.status }),
      ...(failure.scmDescription === undefined ? {} : { scmDescription: failure.scmDescription }),
      ...(failure.hint === undefined ? {} : { hint: failure.hint }),
      ...(failure.network === undefined ? {} : { network: failure.network }),
      anchor: failure.anchor,
      outcomeUnknown: failure.outcomeUnknown,
    });
    this.name = 'IncompleteInventoryError';
    this.checkpoint = checkpoint;
  }
}

function asScmError(error: unknown): ScmClientError {
  if (error instanceof ScmClientError) return error;
  return new ScmClientError({
    kind: 'internal',
    message: `Could not read the SSL certificates' details: the console failed (${error instanceof Error ? error.name : 'unknown'}).`,
    reason: `The console failed (${error instanceof Error ? error.name : 'unknown'}).`,
  });
}

function detailsRow(certificate: SslCertificate): SslInventoryRow {
  return {
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
    term: certificate.term,
  };
}

/**
 * The inventory the slow way: the list, then every certificate's details, a
 * bounded number at a time, in the list's order. Built for thousands of calls:
 * a certificate whose read fails for a passing reason is read again after a
 * pause, on top of the transport's own tries; the first lasting failure stops
 * the other reads at once. A run that stops part way throws an
 * `IncompleteInventoryError` with what it read, and `onCheckpoint` hears of the
 * progress as it goes; either, given back as `resume` (with the same filter),
 * lets a new run read only the certificates not yet read. The list itself is
 * read again on resume: it is one call per 200 certificates, and shows what
 * changed meanwhile.
 */
export async function inventoryFromDetails(ssl: SslApi, filter: SslListFilter, options: InventoryOptions = {}): Promise<SslInventoryRow[]> {
  const read = new Map<number, SslInventoryRow>();
  for (const row of options.resume?.rows ?? []) read.set(row.id, row);
  const checkpoint = (): DetailsCheckpoint => ({ rows: [...read.values()] });
  const rounds = {
    attempts: Math.max(1, options.attempts ?? 4),
    pauseMs: options.retryPauseMs ?? 2_000,
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  };
  // One signal for every read: the caller's cancel, or the first lasting failure.
  const stop = new AbortController();
  const onCancel = (): void => stop.abort(options.signal?.reason);
  if (options.signal?.aborted === true) stop.abort(options.signal.reason);
  options.signal?.addEventListener('abort', onCancel, { once: true });
  try {
    const ids: number[] = [];
    const listed = new Set<number>();
    try {
      for await (const page of ssl.list(filter, { signal: stop.signal, pageAttempts: rounds.attempts, retryPauseMs: rounds.pauseMs, ...(options.sleep === undefined ? {} : { sleep: options.sleep }) })) {
        for (const { id } of page) {
          if (listed.has(id)) continue;
          listed.add(id);
          ids.push(id);
        }
      }
    } catch (error) {
      throw new IncompleteInventoryError(options.signal?.aborted === true ? cancelledError() : asScmError(error), checkpoint());
    }
    const todo = ids.filter((id) => !read.has(id));
    const total = ids.length;
    let done = total - todo.length;
    if (done > 0) options.onProgress?.({ done, total });
    const every = Math.max(1, options.checkpointEvery ?? 500);
    let sinceCheckpoint = 0;
    let failure: unknown;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (failure === undefined && !stop.signal.aborted && next < todo.length) {
        const id = todo[next++]!;
        try {
          const certificate = await persist(() => ssl.get(id, stop.signal), { ...rounds, signal: stop.signal });
          read.set(id, detailsRow(certificate));
        } catch (error) {
          failure ??= error;
          stop.abort();
          return;
        }
        done += 1;
        options.onProgress?.({ done, total });
        sinceCheckpoint += 1;
        if (sinceCheckpoint >= every && options.onCheckpoint !== undefined) {
          sinceCheckpoint = 0;
          options.onCheckpoint(checkpoint());
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, Math.max(todo.length, 1)) }, worker));
    if (failure !== undefined || options.signal?.aborted === true) {
      const stopped = new IncompleteInventoryError(options.signal?.aborted === true ? cancelledError() : asScmError(failure), checkpoint());
      options.onCheckpoint?.(stopped.checkpoint);
      throw stopped;
    }
    options.onCheckpoint?.(checkpoint());
    return ids.map((id) => read.get(id)!);
  } finally {
    options.signal?.removeEventListener('abort', onCancel);
  }
}

function cancelledError(): ScmClientError {
  return new ScmClientError({ kind: 'cancelled', message: 'Stopped: reading the SSL certificates was cancelled.', reason: 'It was cancelled.' });
}

const smimeReportRow = z.looseObject({
  id: z.number(),
  backendCertId: z.union([z.string(), z.number()]).nullish(),
  orderNumber: z.number().nullish(),
  email: z.string().nullish(),
  commonName: z.string().nullish(),
  status: z.string().nullish(),
  orgId: z.number().nullish(),
  organizationName: z.string().nullish(),
  type: z.string().nullish(),
  issued: z.string().nullish(),
  expires: z.string().nullish(),
  serialNumber: z.string().nullish(),
});

/** Report failures that mean "not for this admin": the inventory then takes the slower way. */
export function reportRefused(error: unknown): boolean {
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
        maxResponseBytes: client.maxReportBytes,
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
          status: row.status ?? '',
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
    { method: 'POST', path: '/api/report/v1/activity', body: range, idempotent: true, patience: 'long', maxResponseBytes: client.maxReportBytes, operation: 'read the activity report' },
    z.looseObject({ reports: z.array(activityRow) }),
  );
  return answer.reports.map((row) => ({ date: row.date ?? null, admin: row.admin ?? '', action: row.action ?? '', details: row.details ?? '' }));
}

const domainReportRow = z.looseObject({ id: z.number(), name: z.string().nullish(), status: z.string().nullish(), dcvStatus: z.string().nullish(), stickyUntil: z.string().nullish() });

/** Every domain with its state and validation, in one request. */
export async function domainReport(client: ScmClient): Promise<{ id: number; name: string; status: string | null; dcvStatus: string | null; validUntil: string | null }[]> {
  const answer = await client.json(
    { method: 'POST', path: '/api/report/v1/domains', body: {}, idempotent: true, patience: 'long', maxResponseBytes: client.maxReportBytes, operation: 'read the domain report' },
    z.looseObject({ reports: z.array(domainReportRow) }),
  );
  return answer.reports.map((row) => ({ id: row.id, name: row.name ?? '', status: row.status ?? null, dcvStatus: row.dcvStatus ?? null, validUntil: isoDate(row.stickyUntil) }));
}

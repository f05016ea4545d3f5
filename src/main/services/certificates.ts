import type { SmimeCertificateRow, SslCertificate, SslInventoryRow } from '../../shared/scm/types';
import type { ScmClient } from '../scm/client';
import { daysUntil } from '../scm/dates';
import { collectAll } from '../scm/paging';
import { sslInventory } from '../scm/reports';
import { SmimeApi } from '../scm/smime';
import { SslApi } from '../scm/ssl';

/** The states SCM gives SSL certificates. */
export const sslStatuses = ['Invalid', 'Requested', 'Approved', 'Declined', 'Applied', 'Issued', 'Revoked', 'Expired', 'Replaced', 'Rejected', 'SAApproved', 'Init'] as const;
/** The formats SCM collects a certificate in; `chain` is the console's own: PEM, leaf to root. */
export const collectFormats = ['x509', 'x509CO', 'base64', 'bin', 'x509IO', 'x509IOR', 'pem', 'pemco', 'pemia', 'x509R'] as const;

export interface SslCertificateFilter {
  status?: string;
  /** An organization or department; an organization includes its departments. */
  organizationId?: number;
  /** Issued certificates that expire within this many days. */
  expiringWithinDays?: number;
  /** Common names that contain this text, in any case. */
  commonName?: string;
}

export type Progress = (done: number, total: number) => void;

/** The SSL certificates the filter selects, with status and dates. */
export async function sslCertificateRows(client: ScmClient, filter: SslCertificateFilter, options: { now?: number; onProgress?: Progress } = {}): Promise<SslInventoryRow[]> {
  const now = options.now ?? Date.now();
  const { rows } = await sslInventory(client, new SslApi(client), filter.organizationId === undefined ? {} : { organizationIds: [filter.organizationId] }, {
    ...(options.onProgress === undefined ? {} : { onProgress: ({ done, total }: { done: number; total: number }) => options.onProgress!(done, total) }),
  });
  const name = filter.commonName?.toLowerCase();
  return rows.filter((row) => {
    if (filter.status !== undefined && row.status !== filter.status) return false;
    if (name !== undefined && !row.commonName.toLowerCase().includes(name)) return false;
    if (filter.expiringWithinDays !== undefined) {
      const left = daysUntil(row.expires, now);
      return row.status === 'Issued' && left !== null && left >= 0 && left <= filter.expiringWithinDays;
    }
    return true;
  });
}

export function readSslCertificate(client: ScmClient, id: number): Promise<SslCertificate> {
  return new SslApi(client).get(id);
}

/**
 * An issued certificate's file, waiting up to `waitSeconds` while Sectigo is
 * still processing it: in one of SCM's formats, or `chain` for PEM, leaf first.
 */
export async function collectSslCertificate(client: ScmClient, id: number, format: string, waitSeconds: number): Promise<Buffer> {
  const ssl = new SslApi(client);
  const deadlineMs = waitSeconds * 1000;
  if (format === 'chain') return Buffer.from((await ssl.collectChain(id, { deadlineMs })).join(''));
  return ssl.collect(id, { format, deadlineMs });
}

/** Client (S/MIME) certificates, of one person or in one state when asked. */
export function smimeCertificateRows(client: ScmClient, filter: { email?: string; state?: string }, onProgress?: Progress): Promise<SmimeCertificateRow[]> {
  return collectAll(new SmimeApi(client).list(filter, onProgress === undefined ? {} : { onProgress: ({ done, total }) => onProgress(done, total) }));
}

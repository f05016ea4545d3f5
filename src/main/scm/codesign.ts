import { z } from 'zod';
import type { ScmClient } from './client';
import { isoDate } from './dates';
import { ScmClientError } from './errors';
import { collectAll, listAll, type ListOptions } from './paging';
import type { RevocationReason } from './ssl';

export interface CodeSigningCertificate {
  id: number;
  orgId: number | null;
  commonName: string;
  subject: string;
  serialNumber: string;
  status: string;
  issued: string | null;
  expires: string | null;
  revoked: string | null;
  owner: string;
  backendCertId: string;
}

// Only the id is certain: a certificate SCM describes sparsely must not cost the list.
const rowWire = z.looseObject({
  id: z.number(),
  orgId: z.number().nullish(),
  commonName: z.string().nullish(),
  subject: z.string().nullish(),
  serialNumber: z.string().nullish(),
  status: z.string().nullish(),
  issued: z.string().nullish(),
  expires: z.string().nullish(),
  revoked: z.string().nullish(),
  owner: z.string().nullish(),
  backendCertId: z.union([z.string(), z.number()]).nullish(),
});

const importWire = z.array(
  z.looseObject({
    cert: z.looseObject({ id: z.number(), subject: z.string().nullish(), serialNumber: z.string().nullish() }).nullish(),
    created: z.boolean().nullish(),
    errorMessage: z.string().nullish(),
  }),
);

export type ImportOutcome = { id: number; created: boolean } | { error: string };

/**
 * Code-signing certificates (`/api/cscert/v1`): SCM 25.x lists, imports and
 * records manual revocations; it does not order them through the API.
 */
export class CodeSigningApi {
  constructor(private readonly client: ScmClient) {}

  async list(filter: { orgId?: number; status?: string; commonName?: string; serialNumber?: string } = {}, options: ListOptions = {}): Promise<CodeSigningCertificate[]> {
    const rows = await collectAll(listAll(this.client, { path: '/api/cscert/v1', query: filter, operation: 'list code-signing certificates' }, rowWire, options));
    return rows.map((row) => ({
      id: row.id,
      orgId: row.orgId ?? null,
      commonName: row.commonName ?? '',
      subject: row.subject ?? '',
      serialNumber: row.serialNumber ?? '',
      status: row.status ?? '',
      issued: isoDate(row.issued),
      expires: isoDate(row.expires),
      revoked: isoDate(row.revoked),
      owner: row.owner ?? '',
      backendCertId: row.backendCertId === undefined || row.backendCertId === null ? '' : String(row.backendCertId),
    }));
  }

  /**
   * Imports certificates obtained elsewhere (PEM, or DER in base64), up to 128 at a time. SCM
   * recognises one it has already, so a repeat after a lost answer adds nothing.
   * Each entry's outcome comes back in order.
   */
  async import(certificates: readonly { orgId: number; certificate: string; owner?: string }[]): Promise<ImportOutcome[]> {
    if (certificates.length === 0 || certificates.length > 128) throw new ScmClientError({ kind: 'validation', message: 'Import 1 to 128 certificates at a time.' });
    const body = certificates.map((entry) => ({ orgID: entry.orgId, cert: entry.certificate, ...(entry.owner === undefined ? {} : { owner: entry.owner }) }));
    const rows = await this.client.json({ method: 'POST', path: '/api/cscert/v1/import', body, idempotent: true, operation: 'import code-signing certificates' }, importWire);
    return rows.map((row) => (row.cert === undefined || row.cert === null ? { error: row.errorMessage ?? 'not imported' } : { id: row.cert.id, created: row.created ?? true }));
  }

  /** Records that a certificate was revoked outside SCM; one already revoked counts as done. */
  async revokeManually(by: { certId: number } | { serialNumber: string; issuer: string }, reasonCode: RevocationReason, reason = ''): Promise<void> {
    try {
      await this.client.call({ method: 'POST', path: '/api/cscert/v1/revoke/manual', body: { ...by, reasonCode, reason }, idempotent: true, operation: 'record the revocation of a code-signing certificate', alreadyDone: [-159] });
    } catch (error) {
      if (!(error instanceof ScmClientError) || error.code !== -159) throw error;
    }
  }
}

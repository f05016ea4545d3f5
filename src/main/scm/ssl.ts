import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { z } from 'zod';
import type { CertificateProfile, CustomField, SslCertificate, SslIdentity } from '../../shared/scm/types';
import { readChain } from './chain';
import type { QueryValue, ScmClient } from './client';
import { isoDate } from './dates';
import { ScmClientError } from './errors';
import { listAll, listCount, type ListOptions } from './paging';

export const profileWire = z.looseObject({
  id: z.number(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  terms: z.array(z.number()).nullish(),
  keyTypes: z.record(z.string(), z.array(z.string())).nullish(),
});

const customFieldWire = z.looseObject({ id: z.number(), name: z.string().nullish(), mandatory: z.boolean().nullish() });

const identityWire = z.looseObject({
  sslId: z.number(),
  commonName: z.string().nullish(),
  subjectAlternativeNames: z.union([z.array(z.string()), z.string()]).nullish(),
  serialNumber: z.string().nullish(),
});

/** The details; SCM gives `id`, or `sslId` in older releases, and leaves out what has no value. */
const detailsWire = z.looseObject({
  sslId: z.number().nullish(),
  id: z.number().nullish(),
  orgId: z.number().nullish(),
  commonName: z.string().nullish(),
  status: z.string().nullish(),
  certType: z.looseObject({ id: z.number(), name: z.string().nullish() }).nullish(),
  term: z.number().nullish(),
  requester: z.string().nullish(),
  externalRequester: z.string().nullish(),
  comments: z.string().nullish(),
  requested: z.string().nullish(),
  approved: z.string().nullish(),
  issued: z.string().nullish(),
  expires: z.string().nullish(),
  revoked: z.string().nullish(),
  serialNumber: z.string().nullish(),
  keyType: z.string().nullish(),
  subjectAlternativeNames: z.union([z.array(z.string()), z.string()]).nullish(),
  renewId: z.string().nullish(),
});

/** SANs as an array whatever the wire used: an array, a comma string or a "; " string. */
export function sanList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  const items = typeof value === 'string' ? value.split(/[;,]/) : value;
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

export interface SslListFilter {
  commonName?: string;
  status?: string;
  orgId?: number;
  serialNumber?: string;
  requester?: string;
}

export interface EnrollRequest {
  orgId: number;
  csr: string;
  profileId: number;
  term: number;
  subjectAlternativeNames?: string[];
  comments?: string;
  externalRequester?: string;
  customFields?: { name: string; value: string }[];
}

export type RevocationReason = 0 | 1 | 3 | 4 | 5;

export interface CollectOptions {
  format?: string;
  /** Give up waiting for issuance after this many milliseconds. */
  deadlineMs?: number;
  signal?: AbortSignal;
  /** For tests: the pause between polls. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const pollSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new ScmClientError({ kind: 'cancelled', message: 'Stopped: waiting for the certificate was cancelled.' }));
    }, { once: true });
  });

function toCertificate(row: z.infer<typeof detailsWire>, requestedId: number): SslCertificate {
  return {
    id: row.id ?? row.sslId ?? requestedId,
    orgId: row.orgId ?? null,
    commonName: row.commonName ?? '',
    subjectAlternativeNames: sanList(row.subjectAlternativeNames),
    status: row.status ?? '',
    profileId: row.certType?.id ?? null,
    profileName: row.certType?.name ?? null,
    term: row.term ?? null,
    requester: row.requester ?? null,
    externalRequester: row.externalRequester ?? null,
    comments: row.comments ?? '',
    requested: isoDate(row.requested),
    approved: isoDate(row.approved),
    issued: isoDate(row.issued),
    expires: isoDate(row.expires),
    revoked: isoDate(row.revoked),
    serialNumber: row.serialNumber ?? null,
    keyType: row.keyType ?? null,
    renewId: row.renewId ?? null,
  };
}

/** The common name a CSR asks for, to narrow a search; undefined if it cannot be read. */
function commonNameOf(csr: string): string | undefined {
  try {
    return new x509.Pkcs10CertificateRequest(csr.trim()).subjectName.getField('CN')[0];
  } catch {
    return undefined;
  }
}

/** The marker the console adds to an enroll's comments, so a lost answer can be found again. */
export function enrollMarker(): string {
  return `[tcs-console ${randomUUID()}]`;
}

/** SSL certificates (`/api/ssl/v1`). */
export class SslApi {
  constructor(private readonly client: ScmClient) {}

  async profiles(orgId?: number): Promise<CertificateProfile[]> {
    const rows = await this.client.json(
      { method: 'GET', path: '/api/ssl/v1/types', query: { organizationId: orgId }, operation: 'list SSL certificate profiles' },
      z.array(profileWire),
    );
    return rows.map((row) => ({ id: row.id, name: row.name ?? '', description: row.description ?? '', terms: row.terms ?? [], keyTypes: row.keyTypes ?? {} }));
  }

  async customFields(): Promise<CustomField[]> {
    const rows = await this.client.json({ method: 'GET', path: '/api/ssl/v1/customFields', operation: 'list SSL custom fields' }, z.array(customFieldWire));
    return rows.map((row) => ({ id: row.id, name: row.name ?? '', mandatory: row.mandatory ?? false }));
  }

  /** Every certificate matching the filter, page by page; identities only, as SCM's list gives. */
  async *list(filter: SslListFilter = {}, options: ListOptions = {}): AsyncGenerator<SslIdentity[]> {
    for await (const page of listAll(this.client, { path: '/api/ssl/v1', query: filter as Record<string, QueryValue>, operation: 'list SSL certificates' }, identityWire, options)) {
      yield page.map((row) => ({ id: row.sslId, commonName: row.commonName ?? '', subjectAlternativeNames: sanList(row.subjectAlternativeNames), serialNumber: row.serialNumber ?? null }));
    }
  }

  async count(filter: SslListFilter = {}): Promise<number> {
    const operation = 'count SSL certificates';
    const response = await this.client.call({ method: 'HEAD', path: '/api/ssl/v1', query: filter as Record<string, QueryValue>, operation });
    return listCount(response, operation);
  }

  async get(id: number, signal?: AbortSignal): Promise<SslCertificate> {
    const row = await this.client.json({ method: 'GET', path: `/api/ssl/v1/${id}`, operation: `read SSL certificate ${id}`, ...(signal ? { signal } : {}) }, detailsWire);
    return toCertificate(row, id);
  }

  /**
   * Orders a certificate and returns its id. Enroll creates an order, so it is
   * never simply repeated: its comments carry a unique marker, and when the
   * answer is lost the certificate with that marker is looked for first.
   */
  async enroll(request: EnrollRequest): Promise<{ id: number; renewId: string | null; marker: string }> {
    const marker = enrollMarker();
    const comments = [request.comments ?? '', marker].filter((part) => part !== '').join(' ');
    const body = {
      orgId: request.orgId,
      csr: request.csr,
      certType: request.profileId,
      term: request.term,
      subjAltNames: (request.subjectAlternativeNames ?? []).join(','),
      comments,
      ...(request.externalRequester === undefined ? {} : { externalRequester: request.externalRequester }),
      ...(request.customFields === undefined ? {} : { customFields: request.customFields }),
    };
    const send = () =>
      this.client.json(
        { method: 'POST', path: '/api/ssl/v1/enroll', body, patience: 'long', operation: 'order the SSL certificate' },
        z.looseObject({ sslId: z.number(), renewId: z.string().nullish() }),
      );
    try {
      const answer = await send();
      return { id: answer.sslId, renewId: answer.renewId ?? null, marker };
    } catch (error) {
      if (!(error instanceof ScmClientError) || !error.outcomeUnknown) throw error;
      // A look-up that fails leaves the order's outcome as unknown as it was: that is what the caller must hear.
      const found = await this.findByMarker(marker, request.orgId, commonNameOf(request.csr)).catch(() => {
        throw error;
      });
      if (found !== undefined) return { id: found.id, renewId: found.renewId, marker };
      const answer = await send();
      return { id: answer.sslId, renewId: answer.renewId ?? null, marker };
    }
  }

  /** The certificate whose comments carry the marker, among the organization's certificates for that name. */
  async findByMarker(marker: string, orgId: number, commonName: string | undefined): Promise<SslCertificate | undefined> {
    const candidates: number[] = [];
    const filter: SslListFilter = commonName === undefined ? { orgId } : { orgId, commonName };
    for await (const page of this.list(filter)) candidates.push(...page.map((row) => row.id));
    // Newest first: a lost order is among the latest.
    for (const id of candidates.sort((a, b) => b - a)) {
      const certificate = await this.get(id);
      if (certificate.comments.includes(marker)) return certificate;
    }
    return undefined;
  }

  /**
   * Downloads a certificate, waiting while SCM says it is being processed
   * (code 0, -1400, -109 or -183) with growing pauses, up to the deadline.
   */
  async collect(id: number, options: CollectOptions = {}): Promise<Buffer> {
    const format = options.format ?? 'x509';
    const deadline = Date.now() + (options.deadlineMs ?? 10 * 60_000);
    const sleep = options.sleep ?? pollSleep;
    for (let pause = 1_000; ; pause = Math.min(pause * 2, 30_000)) {
      try {
        const response = await this.client.call({
          method: 'GET',
          path: `/api/ssl/v1/collect/${id}`,
          query: { format },
          patience: 'long',
          operation: `download SSL certificate ${id}`,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        return response.body;
      } catch (error) {
        if (!(error instanceof ScmClientError) || error.kind !== 'pending') throw error;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new ScmClientError({
            kind: 'pending',
            ...(error.code === undefined ? {} : { code: error.code }),
            message: `SSL certificate ${id} is still being processed by Sectigo.`,
            hint: 'Collect it again later; it is not lost.',
          });
        }
        await sleep(Math.min(pause, left), options.signal);
      }
    }
  }

  /** The issued certificate and its chain as PEM, leaf first, root last, whatever order SCM sent. */
  async collectChain(id: number, options: Omit<CollectOptions, 'format'> = {}): Promise<string[]> {
    return readChain(await this.collect(id, { ...options, format: 'x509' }), `SSL certificate ${id}`);
  }

  /** Renews a certificate as a new order; returns the new certificate's id. */
  async renew(id: number, csr?: string): Promise<number> {
    const answer = await this.client.json(
      { method: 'POST', path: `/api/ssl/v1/renewById/${id}`, body: csr === undefined ? {} : { csr }, patience: 'long', operation: `renew SSL certificate ${id}` },
      z.looseObject({ sslId: z.number() }),
    );
    return answer.sslId;
  }

  /** Revokes; a certificate that is already revoked (a repeat after a lost answer, say) counts as done. */
  async revoke(id: number, reasonCode: RevocationReason, reason: string): Promise<void> {
    try {
      await this.client.call({ method: 'POST', path: `/api/ssl/v1/revoke/${id}`, body: { reasonCode, reason }, idempotent: true, operation: `revoke SSL certificate ${id}`, alreadyDone: [-159] });
    } catch (error) {
      if (!(error instanceof ScmClientError) || error.code !== -159) throw error;
    }
  }

  /**
   * Replaces a certificate with a new key (the old one is revoked by SCM once the
   * new one is issued). Not repeated on a lost answer: look at the certificate first.
   */
  async replace(id: number, csr: string, reason: string, commonName?: string): Promise<void> {
    if (reason.trim() === '') throw new ScmClientError({ kind: 'validation', message: 'SCM wants a reason for a replacement.' });
    await this.client.call({ method: 'POST', path: `/api/ssl/v1/replace/${id}`, body: { csr, reason, ...(commonName === undefined ? {} : { commonName }) }, patience: 'long', operation: `replace SSL certificate ${id}` });
  }

  async approve(id: number, message: string): Promise<void> {
    await this.client.call({ method: 'POST', path: `/api/ssl/v1/approve/${id}`, body: { message }, operation: `approve SSL certificate ${id}` });
  }

  async decline(id: number, message: string): Promise<void> {
    await this.client.call({ method: 'POST', path: `/api/ssl/v1/decline/${id}`, body: { message }, operation: `decline SSL certificate ${id}` });
  }
}

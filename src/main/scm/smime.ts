import { z } from 'zod';
import type { Person, SmimeCertificateRow } from '../../shared/scm/types';
import type { QueryValue, ScmClient } from './client';
import { isoDate } from './dates';
import { ScmClientError } from './errors';
import { listAll, type ListOptions } from './paging';

const rowWire = z.looseObject({
  id: z.number(),
  state: z.string(),
  backendCertId: z.union([z.string(), z.number()]).nullish(),
  orderNumber: z.number().nullish(),
  certificateDetails: z.looseObject({ subject: z.string().nullish() }).nullish(),
  serialNumber: z.string().nullish(),
  expires: z.string().nullish(),
  comments: z.string().nullish(),
});

const personWire = z.looseObject({
  id: z.number(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  email: z.string(),
  organizationId: z.number().nullish(),
});

export interface SmimeListFilter {
  email?: string;
  state?: string;
  personId?: number;
  serialNumber?: string;
}

/** Client (S/MIME) certificates (`/api/smime`): v2 for lists, v1 for the rest, as SCM documents them. */
export class SmimeApi {
  constructor(private readonly client: ScmClient) {}

  async *list(filter: SmimeListFilter = {}, options: ListOptions = {}): AsyncGenerator<SmimeCertificateRow[]> {
    for await (const page of listAll(this.client, { path: '/api/smime/v2', query: filter as Record<string, QueryValue>, operation: 'list client certificates' }, rowWire, options)) {
      yield page.map((row) => ({
        id: row.id,
        backendCertId: String(row.backendCertId ?? row.orderNumber ?? ''),
        state: row.state,
        subject: row.certificateDetails?.subject ?? null,
        serialNumber: row.serialNumber ?? null,
        expires: isoDate(row.expires),
        comments: row.comments ?? '',
      }));
    }
  }

  /** Downloads a client certificate by its backendCertId, waiting while SCM says it is not collectable yet. */
  async collect(backendCertId: string, options: { format?: string; deadlineMs?: number; signal?: AbortSignal; sleep?: (ms: number) => Promise<void> } = {}): Promise<Buffer> {
    const deadline = Date.now() + (options.deadlineMs ?? 10 * 60_000);
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (let pause = 1_000; ; pause = Math.min(pause * 2, 30_000)) {
      try {
        const response = await this.client.call({
          method: 'GET',
          path: `/api/smime/v1/collect/${encodeURIComponent(backendCertId)}`,
          query: { format: options.format ?? 'x509' },
          patience: 'long',
          operation: `download client certificate ${backendCertId}`,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        return response.body;
      } catch (error) {
        if (!(error instanceof ScmClientError) || error.kind !== 'pending' || Date.now() >= deadline) throw error;
        await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
      }
    }
  }
}

/** Persons (`/api/person/v1`). */
export class PersonsApi {
  constructor(private readonly client: ScmClient) {}

  async findByEmail(email: string): Promise<Person | undefined> {
    const rows = await this.client.json(
      { method: 'GET', path: '/api/person/v1', query: { email, size: 25 }, operation: `look up the person ${email}` },
      z.array(personWire),
    );
    const row = rows.find((candidate) => candidate.email.toLowerCase() === email.toLowerCase());
    return row === undefined ? undefined : { id: row.id, firstName: row.firstName ?? '', lastName: row.lastName ?? '', email: row.email, organizationId: row.organizationId ?? null };
  }
}

import { z } from 'zod';
import type { CertificateProfile, Person, SmimeCertificateRow } from '../../shared/scm/types';
import { parseWith, type QueryValue, type ScmClient } from './client';
import { isoDate } from './dates';
import { ScmClientError } from './errors';
import { collectAll, listAll, listCount, type ListOptions } from './paging';
import { enrollMarker, profileWire, type RevocationReason } from './ssl';

// Sectigo's list example carries more, but only the id is certain.
const rowWire = z.looseObject({
  id: z.number(),
  state: z.string().nullish(),
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
  email: z.string().nullish(),
  organizationId: z.number().nullish(),
});

export interface SmimeListFilter {
  email?: string;
  state?: string;
  personId?: number;
  serialNumber?: string;
}

/** A client certificate order for a person. */
export interface SmimeEnrollRequest {
  orgId: number;
  csr: string;
  profileId: number;
  term: number;
  email: string;
  firstName: string;
  lastName: string;
  middleName?: string;
  commonName?: string;
  comments?: string;
  customFields?: { name: string; value: string }[];
}

const orderWire = z.looseObject({ orderNumber: z.number().nullish(), backendCertId: z.union([z.string(), z.number()]).nullish() });

function backendIdOf(row: z.infer<typeof orderWire>, operation: string): string {
  const id = row.backendCertId ?? row.orderNumber;
  if (id === undefined || id === null) throw new ScmClientError({ kind: 'protocol', message: `Could not ${operation}: SCM's answer had no order number.` });
  return String(id);
}

/** "Already revoked" is what a repeated revoke gets: the certificate is revoked, which was the point. */
function alreadyRevoked(error: unknown): boolean {
  return error instanceof ScmClientError && error.code === -159;
}

/** Client (S/MIME) certificates (`/api/smime`): v2 for lists, v1 for the rest, as SCM documents them. */
export class SmimeApi {
  constructor(private readonly client: ScmClient) {}

  async *list(filter: SmimeListFilter = {}, options: ListOptions = {}): AsyncGenerator<SmimeCertificateRow[]> {
    for await (const page of listAll(this.client, { path: '/api/smime/v2', query: filter as Record<string, QueryValue>, operation: 'list client certificates' }, rowWire, options)) {
      yield page.map((row) => ({
        id: row.id,
        backendCertId: String(row.backendCertId ?? row.orderNumber ?? ''),
        state: row.state ?? '',
        subject: row.certificateDetails?.subject ?? null,
        serialNumber: row.serialNumber ?? null,
        expires: isoDate(row.expires),
        comments: row.comments ?? '',
      }));
    }
  }

  /** The client certificate profiles an organization may use. */
  async profiles(orgId?: number): Promise<CertificateProfile[]> {
    const rows = await this.client.json({ method: 'GET', path: '/api/smime/v1/types', query: { organizationId: orgId }, operation: 'list client certificate profiles' }, z.array(profileWire));
    return rows.map((row) => ({ id: row.id, name: row.name ?? '', description: row.description ?? '', terms: row.terms ?? [], keyTypes: row.keyTypes ?? {} }));
  }

  /**
   * Orders a client certificate for a person (SCM creates the person if new).
   * A unique marker goes into the comments; when the answer is lost, the
   * person's certificates are searched for it before anything is ordered again.
   */
  async enroll(request: SmimeEnrollRequest): Promise<{ backendCertId: string; marker: string }> {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(request.email)) throw new ScmClientError({ kind: 'validation', message: `“${request.email}” is not an email address.` });
    const marker = enrollMarker();
    const { profileId, comments, ...rest } = request;
    const body = { ...rest, certType: profileId, comments: [comments ?? '', marker].filter((part) => part !== '').join(' ') };
    const operation = `order a client certificate for ${request.email}`;
    const send = async () => backendIdOf(await this.client.json({ method: 'POST', path: '/api/smime/v1/enroll', body, patience: 'long', operation }, orderWire), operation);
    try {
      return { backendCertId: await send(), marker };
    } catch (error) {
      if (!(error instanceof ScmClientError) || !error.outcomeUnknown) throw error;
      // A look-up that fails leaves the order's outcome as unknown as it was: that is what the caller must hear.
      const found = await this.findByMarker(request.email, marker).catch(() => {
        throw error;
      });
      if (found !== undefined) return { backendCertId: found.backendCertId, marker };
      return { backendCertId: await send(), marker };
    }
  }

  async findByMarker(email: string, marker: string): Promise<SmimeCertificateRow | undefined> {
    const rows = (await collectAll(this.list({ email }))).filter((row) => row.comments.includes(marker));
    return rows[0];
  }

  /** Renews as a new order for the same key; returns the new order's backendCertId. */
  async renew(by: { backendCertId: string } | { serialNumber: string }): Promise<string> {
    const path = 'backendCertId' in by ? `/api/smime/v2/renew/order/${encodeURIComponent(by.backendCertId)}` : `/api/smime/v2/renew/serial/${encodeURIComponent(by.serialNumber)}`;
    const operation = 'renew a client certificate';
    return backendIdOf(await this.client.json({ method: 'POST', path, body: {}, patience: 'long', operation }, orderWire), operation);
  }

  /** Replaces with a new key; SCM revokes the old certificate unless told not to. */
  async replace(backendCertId: string, csr: string, reason: string, revokeOld = true): Promise<void> {
    await this.client.call({ method: 'POST', path: `/api/smime/v2/replace/order/${encodeURIComponent(backendCertId)}`, body: { csr, reason, revoke: revokeOld }, patience: 'long', operation: `replace client certificate ${backendCertId}` });
  }

  /** Revokes one certificate; revoking one already revoked counts as done. */
  async revoke(by: { backendCertId: string } | { serialNumber: string }, reasonCode: RevocationReason, reason = ''): Promise<void> {
    const path = 'backendCertId' in by ? `/api/smime/v1/revoke/order/${encodeURIComponent(by.backendCertId)}` : `/api/smime/v1/revoke/serial/${encodeURIComponent(by.serialNumber)}`;
    try {
      await this.client.call({ method: 'POST', path, body: { reasonCode, reason }, idempotent: true, operation: 'revoke a client certificate', alreadyDone: [-159] });
    } catch (error) {
      if (!alreadyRevoked(error)) throw error;
    }
  }

  /** Revokes every valid client certificate of a person, as when they leave. */
  async revokeAllOf(email: string, reasonCode: RevocationReason, reason = ''): Promise<void> {
    await this.client.call({ method: 'POST', path: '/api/smime/v1/revoke', body: { email, reasonCode, reason }, idempotent: true, operation: `revoke the client certificates of ${email}` });
  }

  /** Marks as revoked a certificate revoked outside SCM (by serial and issuer). */
  async revokeManually(serialNumber: string, issuer: string, reasonCode: RevocationReason, reason = ''): Promise<void> {
    try {
      await this.client.call({ method: 'POST', path: '/api/smime/v1/revoke/manual', body: { serialNumber, issuer, reasonCode, reason }, idempotent: true, operation: `record the revocation of client certificate ${serialNumber}`, alreadyDone: [-159] });
    } catch (error) {
      if (!alreadyRevoked(error)) throw error;
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

function toPerson(row: z.infer<typeof personWire>): Person {
  return { id: row.id, firstName: row.firstName ?? '', lastName: row.lastName ?? '', email: row.email ?? '', organizationId: row.organizationId ?? null };
}

export interface PersonInput {
  firstName: string;
  lastName: string;
  middleName?: string;
  email: string;
  organizationId: number;
  validationType?: 'STANDARD' | 'HIGH';
  phone?: string;
  secondaryEmails?: string[];
  commonName?: string;
  eppn?: string;
  upn?: string;
}

/** Persons (`/api/person/v1`). */
export class PersonsApi {
  constructor(private readonly client: ScmClient) {}

  async list(filter: { email?: string; name?: string; organizationId?: number } = {}, options: ListOptions = {}): Promise<Person[]> {
    const rows = await collectAll(listAll(this.client, { path: '/api/person/v1', query: filter, operation: 'list persons' }, personWire, options));
    return rows.map(toPerson);
  }

  /** The first `size` persons matching, and how many match in all: for a search box, not a full list. */
  async search(filter: { email?: string; name?: string }, size = 50): Promise<{ persons: Person[]; total: number }> {
    const operation = 'find persons';
    const response = await this.client.call({ method: 'GET', path: '/api/person/v1', query: { ...filter, position: 0, size }, operation });
    let data: unknown;
    try {
      data = JSON.parse(response.body.toString('utf8'));
    } catch {
      throw new ScmClientError({ kind: 'protocol', message: `Could not ${operation}: SCM's answer is not JSON.` });
    }
    const rows = parseWith(z.array(personWire), data, operation);
    return { persons: rows.map(toPerson), total: listCount(response, operation) };
  }

  async get(id: number): Promise<Person> {
    return toPerson(await this.client.json({ method: 'GET', path: `/api/person/v1/${id}`, operation: `read person ${id}` }, personWire));
  }

  /** Adds a person and returns the id; a lost answer is followed by a look-up by email, not a second create. */
  async create(person: PersonInput): Promise<number> {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(person.email)) throw new ScmClientError({ kind: 'validation', message: `“${person.email}” is not an email address.` });
    return this.client.createOnce(
      { method: 'POST', path: '/api/person/v1', body: { validationType: 'STANDARD', ...person }, operation: `add the person ${person.email}` },
      async () => (await this.findByEmail(person.email))?.id,
    );
  }

  async update(id: number, changes: Partial<PersonInput>): Promise<void> {
    await this.client.call({ method: 'PUT', path: `/api/person/v1/${id}`, body: changes, operation: `change person ${id}` });
  }

  async delete(id: number): Promise<void> {
    await this.client.call({ method: 'DELETE', path: `/api/person/v1/${id}`, operation: `delete person ${id}` });
  }

  async findByEmail(email: string): Promise<Person | undefined> {
    const rows = await this.client.json(
      { method: 'GET', path: '/api/person/v1', query: { email, size: 25 }, operation: `look up the person ${email}` },
      z.array(personWire),
    );
    const row = rows.find((candidate) => candidate.email?.toLowerCase() === email.toLowerCase());
    return row === undefined ? undefined : toPerson(row);
  }
}

import { z } from 'zod';
import type { DcvRow, DomainDetails, DomainRow } from '../../shared/scm/types';
import type { QueryValue, ScmClient } from './client';
import { isoDate } from './dates';
import { ScmClientError } from './errors';
import { collectAll, listAll, type ListOptions } from './paging';

// Only ids are certain; validation fields, for one, appear only where DCV is on for the customer.
const rowWire = z.looseObject({ id: z.number(), name: z.string().nullish() });
const detailsWire = rowWire.extend({
  delegationStatus: z.string().nullish(),
  state: z.string().nullish(),
  validationStatus: z.string().nullish(),
  validationMethod: z.string().nullish(),
  dcvValidation: z.string().nullish(),
  dcvExpiration: z.string().nullish(),
  delegations: z.array(z.looseObject({ orgId: z.number().nullish(), certTypes: z.array(z.string()).nullish(), status: z.string().nullish() })).nullish(),
});
// A validation row has no id: even its domain is read as optional, so one odd row cannot cost the list.
const dcvWire = z.looseObject({
  domain: z.string().nullish(),
  dcvStatus: z.string().nullish(),
  dcvMethod: z.string().nullish(),
  dcvOrderStatus: z.string().nullish(),
  expirationDate: z.string().nullish(),
});

export type DomainCertType = 'SSL' | 'SMIME';

/** A domain's delegation to an organization or department. */
export interface DomainDelegationInput {
  orgId: number;
  certTypes: DomainCertType[];
}

function checkDomainName(name: string): void {
  if (!/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(name.trim())) {
    throw new ScmClientError({ kind: 'validation', message: `“${name}” is not a domain name.` });
  }
}

/** Domains (`/api/domain/v1`) and their validation (`/api/dcv`). */
export class DomainsApi {
  constructor(private readonly client: ScmClient) {}

  async list(filter: { name?: string; orgId?: number } = {}, options: ListOptions = {}): Promise<DomainRow[]> {
    const rows = await collectAll(listAll(this.client, { path: '/api/domain/v1', query: filter, operation: 'list domains' }, rowWire, options));
    return rows.map((row) => ({ id: row.id, name: row.name ?? '' }));
  }

  async get(id: number): Promise<DomainDetails> {
    const row = await this.client.json({ method: 'GET', path: `/api/domain/v1/${id}`, operation: `read domain ${id}` }, detailsWire);
    return {
      id: row.id,
      name: row.name ?? '',
      delegationStatus: row.delegationStatus ?? null,
      state: row.state ?? null,
      validationStatus: row.validationStatus ?? null,
      validationMethod: row.validationMethod ?? null,
      dcvValidation: isoDate(row.dcvValidation),
      dcvExpiration: isoDate(row.dcvExpiration),
      delegations: (row.delegations ?? []).map((delegation) => ({ orgId: delegation.orgId ?? null, certTypes: delegation.certTypes ?? [], status: delegation.status ?? null })),
    };
  }

  /**
   * Adds a domain delegated to the given organizations, and returns its id. A
   * lost answer is followed by a look-up by name (SCM keeps names unique), not
   * by a second create.
   */
  async create(domain: { name: string; description?: string; delegations: DomainDelegationInput[] }): Promise<number> {
    checkDomainName(domain.name);
    if (domain.delegations.length === 0) throw new ScmClientError({ kind: 'validation', message: 'Delegate the domain to at least one organization or department.' });
    const name = domain.name.trim().toLowerCase();
    return this.client.createOnce(
      {
        method: 'POST',
        path: '/api/domain/v1',
        body: { name, ...(domain.description === undefined ? {} : { description: domain.description }), delegations: domain.delegations.map((d) => ({ orgId: d.orgId, certTypes: d.certTypes })) },
        operation: `add domain ${name}`,
      },
      async () => (await this.list({ name })).find((row) => row.name.toLowerCase() === name)?.id,
    );
  }

  async delete(id: number): Promise<void> {
    await this.client.call({ method: 'DELETE', path: `/api/domain/v1/${id}`, operation: `delete domain ${id}` });
  }

  async suspend(id: number): Promise<void> {
    await this.client.call({ method: 'PUT', path: `/api/domain/v1/${id}/suspend`, operation: `suspend domain ${id}` });
  }

  async activate(id: number): Promise<void> {
    await this.client.call({ method: 'PUT', path: `/api/domain/v1/${id}/activate`, operation: `activate domain ${id}` });
  }

  /** Delegates a domain to another organization or department; an MRAO may have to approve it. */
  async delegate(id: number, delegation: DomainDelegationInput): Promise<void> {
    // Delegating the same thing twice changes nothing, so a retry is harmless.
    await this.client.call({ method: 'POST', path: `/api/domain/v1/${id}/delegation`, body: delegation, idempotent: true, operation: `delegate domain ${id} to ${delegation.orgId}` });
  }

  /** Removes a delegation, or only some of its certificate types. */
  async removeDelegation(id: number, orgId: number, certTypes?: DomainCertType[]): Promise<void> {
    await this.client.call({ method: 'DELETE', path: `/api/domain/v1/${id}/delegation`, body: { orgId, ...(certTypes === undefined ? {} : { certTypes }) }, operation: `remove the delegation of domain ${id} to ${orgId}` });
  }

  /** An MRAO's answer to a requested delegation. */
  async approveDelegation(id: number, orgId: number): Promise<void> {
    await this.client.call({ method: 'POST', path: `/api/domain/v1/${id}/delegation/approve`, body: { orgId }, operation: `approve the delegation of domain ${id} to ${orgId}` });
  }

  async rejectDelegation(id: number, orgId: number): Promise<void> {
    await this.client.call({ method: 'POST', path: `/api/domain/v1/${id}/delegation/reject`, body: { orgId }, operation: `reject the delegation of domain ${id} to ${orgId}` });
  }

  /** Domain validations; `expiresIn` (days) narrows to those ending soon. */
  async validations(filter: { domain?: string; expiresIn?: number } = {}, options: ListOptions = {}): Promise<DcvRow[]> {
    const rows = await collectAll(
      listAll(this.client, { path: '/api/dcv/v1/validation', query: filter as Record<string, QueryValue>, operation: 'list domain validations' }, dcvWire, options),
    );
    return rows.map((row) => ({ domain: row.domain ?? '', status: row.dcvStatus ?? '', method: row.dcvMethod ?? null, orderStatus: row.dcvOrderStatus ?? null, expires: isoDate(row.expirationDate) }));
  }
}

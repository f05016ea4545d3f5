import { z } from 'zod';
import type { DcvRow, DomainDetails, DomainRow } from '../../shared/scm/types';
import type { QueryValue, ScmClient } from './client';
import { isoDate } from './dates';
import { collectAll, listAll, type ListOptions } from './paging';

const rowWire = z.looseObject({ id: z.number(), name: z.string() });
const detailsWire = rowWire.extend({
  delegationStatus: z.string().nullish(),
  state: z.string().nullish(),
  validationStatus: z.string().nullish(),
  validationMethod: z.string().nullish(),
  dcvValidation: z.string().nullish(),
  dcvExpiration: z.string().nullish(),
  delegations: z.array(z.looseObject({ orgId: z.number(), certTypes: z.array(z.string()).nullish(), status: z.string().nullish() })).nullish(),
});
const dcvWire = z.looseObject({
  domain: z.string(),
  dcvStatus: z.string(),
  dcvMethod: z.string().nullish(),
  dcvOrderStatus: z.string().nullish(),
  expirationDate: z.string().nullish(),
});

/** Domains (`/api/domain/v1`) and their validation (`/api/dcv`). */
export class DomainsApi {
  constructor(private readonly client: ScmClient) {}

  async list(filter: { name?: string; orgId?: number } = {}, options: ListOptions = {}): Promise<DomainRow[]> {
    const rows = await collectAll(listAll(this.client, { path: '/api/domain/v1', query: filter, operation: 'list domains' }, rowWire, options));
    return rows.map((row) => ({ id: row.id, name: row.name }));
  }

  async get(id: number): Promise<DomainDetails> {
    const row = await this.client.json({ method: 'GET', path: `/api/domain/v1/${id}`, operation: `read domain ${id}` }, detailsWire);
    return {
      id: row.id,
      name: row.name,
      delegationStatus: row.delegationStatus ?? null,
      state: row.state ?? null,
      validationStatus: row.validationStatus ?? null,
      validationMethod: row.validationMethod ?? null,
      dcvValidation: isoDate(row.dcvValidation),
      dcvExpiration: isoDate(row.dcvExpiration),
      delegations: (row.delegations ?? []).map((delegation) => ({ orgId: delegation.orgId, certTypes: delegation.certTypes ?? [], status: delegation.status ?? null })),
    };
  }

  /** Domain validations; `expiresIn` (days) narrows to those ending soon. */
  async validations(filter: { domain?: string; expiresIn?: number } = {}, options: ListOptions = {}): Promise<DcvRow[]> {
    const rows = await collectAll(
      listAll(this.client, { path: '/api/dcv/v1/validation', query: filter as Record<string, QueryValue>, operation: 'list domain validations' }, dcvWire, options),
    );
    return rows.map((row) => ({ domain: row.domain, status: row.dcvStatus, method: row.dcvMethod ?? null, orderStatus: row.dcvOrderStatus ?? null, expires: isoDate(row.expirationDate) }));
  }
}

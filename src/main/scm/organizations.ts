import { z } from 'zod';
import type { Organization, OrganizationDetails } from '../../shared/scm/types';
import type { ScmClient } from './client';

const departmentWire = z.looseObject({ id: z.number(), name: z.string() });
const organizationWire = z.looseObject({ id: z.number(), name: z.string(), departments: z.array(departmentWire).optional() });
const detailsWire = z.looseObject({
  id: z.number(),
  name: z.string(),
  parentId: z.number().nullish(),
  parentName: z.string().nullish(),
  sslCertsApiEnabled: z.boolean().nullish(),
  clientCertsApiEnabled: z.boolean().nullish(),
  validationStatus: z.string().nullish(),
  certTypes: z.array(z.string()).nullish(),
  contactEmails: z.string().nullish(),
  country: z.string().nullish(),
});

/** Organizations and departments (`/api/organization/v1`). */
export class OrganizationsApi {
  constructor(private readonly client: ScmClient) {}

  /** Every organization the admin can see, with the departments it can see. */
  async list(signal?: AbortSignal): Promise<Organization[]> {
    const rows = await this.client.json({ method: 'GET', path: '/api/organization/v1', operation: 'list organizations', ...(signal ? { signal } : {}) }, z.array(organizationWire));
    return rows.map((row) => ({ id: row.id, name: row.name, departments: (row.departments ?? []).map((dept) => ({ id: dept.id, name: dept.name })) }));
  }

  async get(id: number): Promise<OrganizationDetails> {
    const row = await this.client.json({ method: 'GET', path: `/api/organization/v1/${id}`, operation: `read organization ${id}` }, detailsWire);
    return {
      id: row.id,
      name: row.name,
      parentId: row.parentId ?? null,
      parentName: row.parentName ?? null,
      sslCertsApiEnabled: row.sslCertsApiEnabled ?? null,
      clientCertsApiEnabled: row.clientCertsApiEnabled ?? null,
      validationStatus: row.validationStatus ?? null,
      certTypes: row.certTypes ?? [],
      contactEmails: (row.contactEmails ?? '').split(',').map((email) => email.trim()).filter((email) => email !== ''),
      country: row.country ?? null,
    };
  }

  /** Turns the REST API flags of an organization or department on or off. */
  async setApiFlags(id: number, flags: { sslCertsApiEnabled?: boolean; clientCertsApiEnabled?: boolean }): Promise<OrganizationDetails> {
    await this.client.call({ method: 'PUT', path: `/api/organization/v1/${id}`, body: flags, operation: `change the REST API settings of organization ${id}` });
    return this.get(id);
  }
}

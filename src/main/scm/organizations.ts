import { z } from 'zod';
import type { Organization, OrganizationDetails } from '../../shared/scm/types';
import type { ScmClient } from './client';
import { ScmClientError } from './errors';

// Only ids are certain: a unit SCM describes sparsely must not cost the whole list.
const departmentWire = z.looseObject({ id: z.number(), name: z.string().nullish() });
const organizationWire = z.looseObject({ id: z.number(), name: z.string().nullish(), departments: z.array(departmentWire).nullish() });
const detailsWire = z.looseObject({
  id: z.number(),
  name: z.string().nullish(),
  parentId: z.number().nullish(),
  parentName: z.string().nullish(),
  sslCertsApiEnabled: z.boolean().nullish(),
  clientCertsApiEnabled: z.boolean().nullish(),
  validationStatus: z.string().nullish(),
  certTypes: z.array(z.string()).nullish(),
  contactEmails: z.string().nullish(),
  country: z.string().nullish(),
  address1: z.string().nullish(),
  city: z.string().nullish(),
  stateOrProvince: z.string().nullish(),
  postalCode: z.string().nullish(),
});

/** An organization or, with `parentName`, a department, as SCM takes it on create. */
export interface NewOrganization {
  name: string;
  /** The organization a department belongs to; leave out for a top-level organization (MRAO only). */
  parentName?: string;
  address1: string;
  city?: string;
  stateProvince?: string;
  postalCode?: string;
  /** Two-letter country code. */
  country: string;
  contactEmails?: string[];
  /** The REST API flags can be set on create since SCM 23.6.1. */
  sslCertsApiEnabled?: boolean;
  clientCertsApiEnabled?: boolean;
}

/** Organizations and departments (`/api/organization/v1`). */
export class OrganizationsApi {
  constructor(private readonly client: ScmClient) {}

  /** Every organization the admin can see, with the departments it can see. */
  async list(signal?: AbortSignal): Promise<Organization[]> {
    const rows = await this.client.json({ method: 'GET', path: '/api/organization/v1', operation: 'list organizations', ...(signal ? { signal } : {}) }, z.array(organizationWire));
    return rows.map((row) => ({ id: row.id, name: row.name ?? '', departments: (row.departments ?? []).map((dept) => ({ id: dept.id, name: dept.name ?? '' })) }));
  }

  async get(id: number): Promise<OrganizationDetails> {
    const row = await this.client.json({ method: 'GET', path: `/api/organization/v1/${id}`, operation: `read organization ${id}` }, detailsWire);
    return {
      id: row.id,
      name: row.name ?? '',
      parentId: row.parentId ?? null,
      parentName: row.parentName ?? null,
      sslCertsApiEnabled: row.sslCertsApiEnabled ?? null,
      clientCertsApiEnabled: row.clientCertsApiEnabled ?? null,
      validationStatus: row.validationStatus ?? null,
      certTypes: row.certTypes ?? [],
      contactEmails: (row.contactEmails ?? '').split(',').map((email) => email.trim()).filter((email) => email !== ''),
      country: row.country ?? null,
      address1: row.address1 ?? null,
      city: row.city ?? null,
      stateOrProvince: row.stateOrProvince ?? null,
      postalCode: row.postalCode ?? null,
    };
  }

  /** The id of the organization, or of the department under `parentName`, with this exact name. */
  async findByName(name: string, parentName?: string): Promise<number | undefined> {
    const organizations = await this.list();
    if (parentName === undefined) return organizations.find((org) => org.name === name)?.id;
    return organizations.find((org) => org.name === parentName)?.departments.find((dept) => dept.name === name)?.id;
  }

  /**
   * Creates an organization or a department and returns its id. If the answer is
   * lost, it is looked up by name under its parent (names are unique there)
   * before the create is sent again.
   */
  async create(organization: NewOrganization): Promise<number> {
    if (organization.name.trim() === '' || organization.name.length > 128) throw new ScmClientError({ kind: 'validation', message: 'An organization needs a name of 1 to 128 characters.' });
    if (organization.city === undefined && organization.stateProvince === undefined) throw new ScmClientError({ kind: 'validation', message: 'SCM needs a city or a state or province for an organization.' });
    const { parentName, contactEmails, ...fields } = organization;
    const body = {
      ...fields,
      ...(parentName === undefined ? { clientCertificate: { allowKeyRecoveryByMasterAdmins: false, allowKeyRecoveryByOrgAdmins: false, allowKeyRecoveryByDepartmentAdmins: false } } : { parentOrgName: parentName }),
      ...(contactEmails === undefined ? {} : { contactEmails: contactEmails.join(',') }),
    };
    const kind = parentName === undefined ? 'organization' : 'department';
    return this.client.createOnce({ method: 'POST', path: '/api/organization/v1', body, operation: `create ${kind} “${organization.name}”` }, () => this.findByName(organization.name, parentName));
  }

  /** Changes an organization's fields (a PUT: repeating it is harmless). */
  async update(id: number, changes: Partial<Omit<NewOrganization, 'parentName'>>): Promise<OrganizationDetails> {
    const { contactEmails, ...fields } = changes;
    await this.client.call({ method: 'PUT', path: `/api/organization/v1/${id}`, body: { ...fields, ...(contactEmails === undefined ? {} : { contactEmails: contactEmails.join(',') }) }, operation: `change organization ${id}` });
    return this.get(id);
  }

  async delete(id: number): Promise<void> {
    await this.client.call({ method: 'DELETE', path: `/api/organization/v1/${id}`, operation: `delete organization ${id}` });
  }

  /** Turns the REST API flags of an organization or department on or off. */
  async setApiFlags(id: number, flags: { sslCertsApiEnabled?: boolean; clientCertsApiEnabled?: boolean }): Promise<OrganizationDetails> {
    await this.client.call({ method: 'PUT', path: `/api/organization/v1/${id}`, body: flags, operation: `change the REST API settings of organization ${id}` });
    return this.get(id);
  }
}

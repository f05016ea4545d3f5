import type { AdminActor } from '../../shared/adminRules';
import { unitActionRefusal, type UnitAction, type UnitDependents, type UnitDraft, type UnitRow } from '../../shared/organizations';
import type { FieldError } from '../../shared/result';
import type { OrganizationDetails } from '../../shared/scm/types';
import { adminDisplayName } from '../../shared/scm/types';
import { AdminsApi } from '../scm/admins';
import type { ScmClient } from '../scm/client';
import { DomainsApi } from '../scm/domains';
import { ScmClientError } from '../scm/errors';
import { OrganizationsApi, type NewOrganization } from '../scm/organizations';
import { SmimeApi } from '../scm/smime';
import { smimeInventory } from '../scm/reports';
import { SslApi } from '../scm/ssl';
import { ServiceError } from './errors';

/*
 * Organizations and departments: the tree in scope with what hangs on each
 * unit, and the changes SCM allows (a new department, an edit, a delete),
 * each checked for the signed-in admin's rights and, for a delete, for what
 * still depends on the unit, before SCM is asked.
 */

const anchor = 'organizations';
/** Units read at once. */
const inFlight = 6;

async function eachLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));
  return results;
}

function rowOf(details: OrganizationDetails, extra: Pick<UnitRow, 'departments' | 'domains' | 'admins'>): UnitRow {
  return {
    id: details.id,
    name: details.name,
    parentId: details.parentId,
    parentName: details.parentName,
    certTypes: details.certTypes,
    sslApi: details.sslCertsApiEnabled,
    clientApi: details.clientCertsApiEnabled,
    validationStatus: details.validationStatus,
    contactEmails: details.contactEmails,
    address1: details.address1,
    city: details.city,
    stateOrProvince: details.stateOrProvince,
    postalCode: details.postalCode,
    country: details.country,
    ...extra,
  };
}

/** One unit with its domains and admins; what cannot be read is null, not a failure of the whole. */
export async function readUnit(client: ScmClient, id: number, parent: { id: number; name: string } | null, departments: number, listedName = ''): Promise<UnitRow> {
  const [details, domains, admins] = await Promise.all([
    new OrganizationsApi(client).get(id).catch((error: unknown) => {
      // A DRAO sees its department's organization in the list but may not read it: the list's word stands.
      if (error instanceof ScmClientError && (error.kind === 'not-found' || error.kind === 'permission')) return listedOnly(id, listedName, parent);
      throw error;
    }),
    new DomainsApi(client).list({ orgId: id }).then(
      (rows) => rows.map((row) => row.name).sort(),
      () => null,
    ),
    new AdminsApi(client).list({ orgId: id }).then(
      (rows) => rows.map((admin) => ({ id: admin.id, name: adminDisplayName(admin), type: admin.type })),
      () => null,
    ),
  ]);
  // A department's details may leave its parent out; the list said where it belongs.
  const withParent = parent === null ? details : { ...details, parentId: details.parentId ?? parent.id, parentName: details.parentName ?? parent.name };
  return rowOf(withParent, { departments, domains, admins });
}

/** A unit known only from the list: its name and place, nothing SCM would not show. */
function listedOnly(id: number, name: string, parent: { id: number; name: string } | null): OrganizationDetails {
  return {
    id,
    name,
    parentId: parent?.id ?? null,
    parentName: parent?.name ?? null,
    sslCertsApiEnabled: null,
    clientCertsApiEnabled: null,
    validationStatus: null,
    certTypes: [],
    contactEmails: [],
    country: null,
    address1: null,
    city: null,
    stateOrProvince: null,
    postalCode: null,
  };
}

/** Every organization in scope, each followed by its departments. */
export async function readUnitTree(client: ScmClient): Promise<UnitRow[]> {
  const organizations = await new OrganizationsApi(client).list();
  const order = organizations.flatMap((org) => [
    { id: org.id, name: org.name, parent: null as { id: number; name: string } | null, departments: org.departments.length },
    ...org.departments.map((dept) => ({ id: dept.id, name: dept.name, parent: { id: org.id, name: org.name }, departments: 0 })),
  ]);
  return eachLimited(order, (unit) => readUnit(client, unit.id, unit.parent, unit.departments, unit.name));
}

function problem(field: string, key: string, message: string): FieldError {
  return { field, key: `unit.${key}`, message };
}

/** SCM's needs for a unit's fields, beyond their lengths: an address SCM accepts, and addresses that are addresses. */
export function unitDraftProblems(draft: UnitDraft, creating: boolean): FieldError[] {
  const problems: FieldError[] = [];
  if (/[<>"%;]/.test(draft.name)) problems.push(problem('name', 'nameCharacters', 'Leave out the characters < > " % and ; in the name.'));
  if (creating && draft.address1 === '') problems.push(problem('address1', 'address1', 'Enter the street address: SCM needs one.'));
  if (creating && draft.city === '' && draft.stateOrProvince === '') problems.push(problem('city', 'cityOrState', 'Enter the city, or the state or province: SCM needs one of them.'));
  if ((creating || draft.country !== '') && !/^[A-Za-z]{2}$/.test(draft.country)) problems.push(problem('country', 'country', 'Enter the two-letter country code, such as SE.'));
  const bad = draft.contactEmails.filter((email) => !/^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/.test(email));
  if (bad.length > 0) problems.push(problem('contactEmails', 'contactEmails', `Enter each contact address as name@example.org, one per line; check ${bad.slice(0, 3).join(', ')}.`));
  return problems;
}

function refuseDraft(problems: FieldError[]): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new ServiceError({ kind: 'validation', message: problems.length === 1 ? first.message : `${problems.length} fields need correcting, first ${first.field}: ${first.message}`, field: first.field, fields: problems, anchor });
}

/** The changes to units for one client and the admin it signs in as. */
export class UnitWriter {
  readonly #client: ScmClient;
  readonly #api: OrganizationsApi;

  constructor(
    client: ScmClient,
    readonly actor: AdminActor,
  ) {
    this.#client = client;
    this.#api = new OrganizationsApi(client);
  }

  #refuse(action: UnitAction, unit: { id: number; name: string; parentId: number | null }): void {
    const refusal = unitActionRefusal(action, this.actor, unit);
    if (refusal !== null) throw new ServiceError({ kind: 'permission', message: refusal.message, key: `validation.${refusal.key}`, ...(refusal.params === undefined ? {} : { params: refusal.params }), anchor: `${anchor}#rights` });
  }

  /**
   * A unit the actor may take the action on, as SCM has it now. The rights are
   * checked from what the actor's own list of units says, before the unit is
   * read: a DRAO sees its department's organization in the list, but may not
   * read it.
   */
  async prepare(action: UnitAction, id: number): Promise<OrganizationDetails> {
    const mrao = this.actor.roles.some((role) => role.role === 'MRAO');
    const known = this.actor.units.find((unit) => unit.id === id);
    if (known === undefined && !mrao) {
      throw new ServiceError({ kind: 'permission', message: `Organization or department ${id} is outside what you manage; SCM refuses with -226.`, key: 'validation.unit.refuse.outsideScope', params: { id }, anchor: `${anchor}#rights` });
    }
    if (known !== undefined) this.#refuse(action, known);
    const unit = await this.#api.get(id);
    this.#refuse(action, unit);
    return unit;
  }

  /** Adds a department under an organization; sent once, looked up by name if the answer is lost. */
  async createDepartment(parentId: number, draft: UnitDraft): Promise<number> {
    const parent = await this.prepare('createDepartment', parentId);
    refuseDraft(unitDraftProblems(draft, true));
    const siblings = (await this.#api.list()).find((org) => org.id === parentId)?.departments ?? [];
    if (siblings.some((dept) => dept.name === draft.name)) {
      refuseDraft([problem('name', 'nameTaken', `${parent.name} has a department called ${draft.name} already. Choose another name.`)]);
    }
    const department: NewOrganization = {
      name: draft.name,
      parentName: parent.name,
      address1: draft.address1,
      ...(draft.city === '' ? {} : { city: draft.city }),
      ...(draft.stateOrProvince === '' ? {} : { stateProvince: draft.stateOrProvince }),
      ...(draft.postalCode === '' ? {} : { postalCode: draft.postalCode }),
      country: draft.country.toUpperCase(),
      ...(draft.contactEmails.length === 0 ? {} : { contactEmails: draft.contactEmails }),
      sslCertsApiEnabled: draft.sslCertsApiEnabled,
      clientCertsApiEnabled: draft.clientCertsApiEnabled,
    };
    return this.#api.create(department);
  }

  /**
   * Changes a unit. Only what changed is sent; the reference does not say that
   * SCM keeps the fields an organization update leaves out, so the console
   * sends every field it changes and SCM's own answer is read back.
   */
  async update(id: number, draft: UnitDraft): Promise<void> {
    const current = await this.prepare('edit', id);
    refuseDraft(unitDraftProblems(draft, false));
    const changes: Record<string, unknown> = {};
    if (draft.name !== current.name) changes.name = draft.name;
    if (draft.contactEmails.join(',') !== current.contactEmails.join(',')) changes.contactEmails = draft.contactEmails.join(',');
    if (draft.address1 !== (current.address1 ?? '')) changes.address1 = draft.address1;
    if (draft.city !== (current.city ?? '')) changes.city = draft.city;
    if (draft.stateOrProvince !== (current.stateOrProvince ?? '')) changes.stateProvince = draft.stateOrProvince;
    if (draft.postalCode !== (current.postalCode ?? '')) changes.postalCode = draft.postalCode;
    if (draft.country.toUpperCase() !== (current.country ?? '').toUpperCase() && draft.country !== '') changes.country = draft.country.toUpperCase();
    if (current.sslCertsApiEnabled !== null && draft.sslCertsApiEnabled !== current.sslCertsApiEnabled) changes.sslCertsApiEnabled = draft.sslCertsApiEnabled;
    if (current.clientCertsApiEnabled !== null && draft.clientCertsApiEnabled !== current.clientCertsApiEnabled) changes.clientCertsApiEnabled = draft.clientCertsApiEnabled;
    if (Object.keys(changes).length === 0) return;
    await this.#client.call({ method: 'PUT', path: `/api/organization/v1/${id}`, body: changes, operation: `change ${current.parentId === null ? 'organization' : 'department'} “${current.name}”` });
  }

  /** What still depends on a unit: departments, certificates, delegated domains, and admins (who do not block a delete). */
  async dependents(id: number): Promise<UnitDependents> {
    const organizations = await this.#api.list();
    const departments = organizations.find((org) => org.id === id)?.departments.length ?? 0;
    const [sslCertificates, clientCertificates, domains, admins] = await Promise.all([
      new SslApi(this.#client).count({ orgId: id }),
      countClientCertificates(this.#client, id),
      new DomainsApi(this.#client).list({ orgId: id }).then((rows) => rows.length),
      new AdminsApi(this.#client).list({ orgId: id }).then((rows) => rows.length),
    ]);
    return { departments, sslCertificates, clientCertificates, domains, admins };
  }

  /**
   * Deletes a unit once its name is repeated, and only when nothing SCM keeps
   * depends on it: the console names what does rather than let SCM refuse.
   */
  async delete(id: number, confirmName: string): Promise<{ name: string }> {
    const current = await this.prepare('delete', id);
    if (confirmName !== current.name) throw new ServiceError({ kind: 'validation', message: `Type the name, ${current.name}, to confirm.`, field: 'confirmName', anchor: `${anchor}#delete` });
    const found = await this.dependents(id);
    const blocking = [
      found.departments > 0 ? `${found.departments} department${found.departments === 1 ? '' : 's'}` : '',
      found.sslCertificates > 0 ? `${found.sslCertificates} SSL certificate${found.sslCertificates === 1 ? '' : 's'}` : '',
      found.clientCertificates > 0 ? `${found.clientCertificates} client certificate${found.clientCertificates === 1 ? '' : 's'}` : '',
      found.domains > 0 ? `${found.domains} delegated domain${found.domains === 1 ? '' : 's'}` : '',
    ].filter((part) => part !== '');
    if (blocking.length > 0) {
      throw new ServiceError({
        kind: 'validation',
        message: `${current.name} cannot be deleted while it has ${blocking.join(', ')}. SCM keeps these with the unit; move or delete them first.`,
        key: 'unit.inUse',
        params: { name: current.name, ...found },
        anchor: `${anchor}#delete`,
      });
    }
    try {
      await this.#api.delete(id);
    } catch (error) {
      // A delete repeated after its answer was lost finds the unit gone: it was done.
      if (!(error instanceof ScmClientError && error.kind === 'not-found')) throw error;
    }
    return { name: current.name };
  }
}

/**
 * Client certificates of a unit, from the client certificate report filtered
 * by organization. Where SCM refuses the report the list has no organization,
 * so none can be counted: SCM's own answer to the delete then decides.
 */
async function countClientCertificates(client: ScmClient, orgId: number): Promise<number> {
  const { rows, source } = await smimeInventory(client, new SmimeApi(client), { organizationIds: [orgId] });
  return source === 'report' ? rows.filter((row) => row.orgId === null || row.orgId === orgId).length : 0;
}

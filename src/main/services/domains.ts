import { holds, isMrao, type AdminActor } from '../../shared/adminRules';
import type { DcvRow, DomainDetails } from '../../shared/scm/types';
import type { ScmClient } from '../scm/client';
import { DcvApi, type DcvInstructions, type DcvStatus, type DcvSubmission } from '../scm/dcv';
import { DomainsApi } from '../scm/domains';
import { ServiceError } from './errors';

/** Every domain in scope with its delegation and validation. */
export async function domainDetails(client: ScmClient): Promise<DomainDetails[]> {
  const domains = new DomainsApi(client);
  return Promise.all((await domains.list()).map((domain) => domains.get(domain.id)));
}

/** Domain control validations; with `withinDays`, only those that end within that many days. */
export function domainValidations(client: ScmClient, withinDays?: number): Promise<DcvRow[]> {
  return new DomainsApi(client).validations(withinDays === undefined ? {} : { expiresIn: withinDays });
}

const anchor = 'domains-dcv';

export type DomainCertType = 'SSL' | 'SMIME';
export type DcvMethod = 'CNAME' | 'HTTP' | 'HTTPS' | 'EMAIL';

const domainPattern = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Changes to domains and their validation for one client and the admin it
 * signs in as: the privileges SCM asks for, the units in scope and the name's
 * form are checked before anything is sent. A domain is added with its
 * wildcard entry unless told otherwise; only the registered domain is
 * validated (the wildcard is covered by it, and SCM refuses it with -723).
 */
export class DomainWriter {
  readonly #domains: DomainsApi;
  readonly #dcv: DcvApi;

  constructor(
    client: ScmClient,
    readonly actor: AdminActor,
  ) {
    this.#domains = new DomainsApi(client);
    this.#dcv = new DcvApi(client);
  }

  #require(privilege: string, what: string): void {
    if (!holds(this.actor, privilege)) throw new ServiceError({ kind: 'permission', message: `You do not hold the privilege ${privilege}, which ${what} needs; SCM refuses with -3.`, anchor: `${anchor}#cli` });
  }

  #inScope(orgId: number): void {
    if (!isMrao(this.actor) && !this.actor.units.some((unit) => unit.id === orgId)) {
      throw new ServiceError({ kind: 'permission', message: `Organization or department ${orgId} is outside what you manage; SCM refuses with -226.`, field: 'orgId', anchor: `${anchor}#cli` });
    }
  }

  static nameOf(raw: string): string {
    const name = raw.trim().toLowerCase().replace(/\.$/, '');
    if (name.startsWith('*.')) throw new ServiceError({ kind: 'validation', message: 'Give the registered domain without “*.”: the wildcard entry is added with it.', field: 'name', anchor: `${anchor}#adding-domains` });
    if (name.length < 4 || name.length > 253 || !domainPattern.test(name)) throw new ServiceError({ kind: 'validation', message: `“${raw.slice(0, 100)}” is not a domain name such as example.org.`, field: 'name', anchor: `${anchor}#adding-domains` });
    return name;
  }

  async #byName(name: string): Promise<DomainDetails | undefined> {
    const found = (await this.#domains.list({ name })).find((row) => row.name.toLowerCase() === name);
    return found === undefined ? undefined : this.#domains.get(found.id);
  }

  /** Adds a domain, and its wildcard entry unless `wildcard` is false, delegated to the units; what exists already is left as it is. */
  async add(raw: string, delegations: { orgId: number; certTypes: DomainCertType[] }[], wildcard = true): Promise<{ name: string; id: number; created: boolean }[]> {
    this.#require('allowManageDomains', 'adding a domain');
    const name = DomainWriter.nameOf(raw);
    if (delegations.length === 0) throw new ServiceError({ kind: 'validation', message: 'Delegate the domain to at least one organization or department.', field: 'orgId', anchor: `${anchor}#adding-domains` });
    for (const delegation of delegations) this.#inScope(delegation.orgId);
    const results: { name: string; id: number; created: boolean }[] = [];
    for (const entry of wildcard ? [name, `*.${name}`] : [name]) {
      const existing = await this.#byName(entry);
      if (existing !== undefined) results.push({ name: entry, id: existing.id, created: false });
      else results.push({ name: entry, id: await this.#domains.create({ name: entry, delegations }), created: true });
    }
    return results;
  }

  async delegate(id: number, orgId: number, certTypes: DomainCertType[]): Promise<void> {
    this.#require('allowManageDomains', 'delegating a domain');
    this.#inScope(orgId);
    await this.#domains.delegate(id, { orgId, certTypes });
  }

  /** An approver's answer to a delegation that waits; refused when none waits for that unit. */
  async answer(id: number, orgId: number, approve: boolean): Promise<void> {
    this.#require('approveDomainDelegation', approve ? 'approving a delegation' : 'rejecting a delegation');
    const domain = await this.#domains.get(id);
    const waiting = domain.delegations.find((delegation) => delegation.orgId === orgId);
    if (waiting === undefined || waiting.status !== 'REQUESTED') {
      throw new ServiceError({ kind: 'validation', message: `No delegation of ${domain.name} to ${orgId} waits for an answer${waiting === undefined ? '' : `; it is ${waiting.status ?? 'unknown'}`}.`, field: 'orgId', anchor: `${anchor}#delegation` });
    }
    if (approve) await this.#domains.approveDelegation(id, orgId);
    else await this.#domains.rejectDelegation(id, orgId);
  }

  #dcvName(raw: string): string {
    this.#require('allowDCV', 'domain validation');
    return DomainWriter.nameOf(raw);
  }

  /** Starts validating a registered domain: what to publish, or which addresses may receive the mail. */
  async startDcv(raw: string, method: DcvMethod): Promise<DcvInstructions> {
    return this.#dcv.start(this.#dcvName(raw), method);
  }

  async submitDcv(raw: string, method: DcvMethod, email?: string): Promise<DcvSubmission> {
    return this.#dcv.submit(this.#dcvName(raw), method, email);
  }

  /** Reads the validation afresh, as a recheck. */
  async dcvStatus(raw: string): Promise<DcvStatus> {
    return this.#dcv.status(this.#dcvName(raw));
  }
}

import type { DomainList, DomainRow } from '../../shared/domains';
import type { DomainDetails } from '../../shared/scm/types';
import { daysUntil } from '../scm/dates';
import { DomainsApi } from '../scm/domains';
import type { AdminManagement } from './adminManagement';
import { DomainWriter, type DcvMethod, type DomainCertType } from './domains';

/** Domains read at once. */
const inFlight = 6;

function rowOf(domain: DomainDetails, names: ReadonlyMap<number, string>, now: number): DomainRow {
  return {
    id: domain.id,
    name: domain.name,
    wildcard: domain.name.startsWith('*.'),
    state: domain.state,
    delegationStatus: domain.delegationStatus,
    delegations: domain.delegations.map((delegation) => ({ ...delegation, orgName: delegation.orgId === null ? null : (names.get(delegation.orgId) ?? null) })),
    validationStatus: domain.validationStatus,
    validationMethod: domain.validationMethod,
    dcvValidated: domain.dcvValidation,
    dcvExpires: domain.dcvExpiration,
    daysLeft: daysUntil(domain.dcvExpiration, now),
  };
}

/** The Domains page for the signed-in profile: every domain read afresh, and the changes through `DomainWriter`. */
export class DomainsService {
  readonly #admins: AdminManagement;
  readonly #now: () => number;

  constructor(options: { adminManagement: AdminManagement; now?: () => number }) {
    this.#admins = options.adminManagement;
    this.#now = options.now ?? Date.now;
  }

  async #context() {
    const { actor, client, profileId } = await this.#admins.actor();
    return { writer: new DomainWriter(client, actor), api: new DomainsApi(client), names: new Map(actor.units.map((unit) => [unit.id, unit.name])), profileId };
  }

  async list(): Promise<DomainList> {
    const { api, names, profileId } = await this.#context();
    const summaries = await api.list();
    const rows: DomainRow[] = new Array(summaries.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < summaries.length) {
        const index = next++;
        rows[index] = rowOf(await api.get(summaries[index]!.id), names, this.#now());
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, summaries.length) }, worker));
    return { profileId, rows, readAt: new Date(this.#now()).toISOString() };
  }

  async add(name: string, wildcard: boolean, orgIds: number[], certTypes: DomainCertType[]): Promise<{ name: string; id: number; created: boolean }[]> {
    const { writer } = await this.#context();
    return writer.add(name, orgIds.map((orgId) => ({ orgId, certTypes })), wildcard);
  }

  async delegate(id: number, orgId: number, certTypes: DomainCertType[]): Promise<void> {
    const { writer } = await this.#context();
    await writer.delegate(id, orgId, certTypes);
  }

  async answer(id: number, orgId: number, approve: boolean): Promise<void> {
    const { writer } = await this.#context();
    await writer.answer(id, orgId, approve);
  }

  async startDcv(domain: string, method: DcvMethod) {
    const { writer } = await this.#context();
    return writer.startDcv(domain, method);
  }

  async submitDcv(domain: string, method: DcvMethod, email?: string) {
    const { writer } = await this.#context();
    const submitted = await writer.submitDcv(domain, method, email);
    return { status: submitted.status, orderStatus: submitted.orderStatus };
  }

  async dcvStatus(domain: string) {
    const { writer } = await this.#context();
    const status = await writer.dcvStatus(domain);
    return { status: status.status, orderStatus: status.orderStatus, method: status.method, validated: status.validated, expires: status.expires };
  }
}

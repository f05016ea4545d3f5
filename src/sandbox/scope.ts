import { notAuthorized } from './errors';
import type { Admin, Privilege, Role } from './state/model';
import type { SandboxStore } from './state/store';

/** The certificate families roles are given for. */
export type CertFamily = 'ssl' | 'smime' | 'cs' | 'device';

const familyOfRole: Record<Exclude<Role, 'MRAO'>, CertFamily> = {
  RAO_SSL: 'ssl',
  RAO_SMIME: 'smime',
  RAO_CS: 'cs',
  RAO_DEVICE: 'device',
  DRAO_SSL: 'ssl',
  DRAO_SMIME: 'smime',
  DRAO_CS: 'cs',
  DRAO_DEVICE: 'device',
};

/**
 * What an admin may see: an MRAO everything; an RAO its organization and the
 * departments under it; a DRAO its department only. Per certificate family, as
 * roles are given per family.
 */
export class Scope {
  readonly isMrao: boolean;
  readonly #byFamily = new Map<CertFamily, Set<number>>();
  readonly #all = new Set<number>();

  constructor(
    readonly admin: Admin,
    store: SandboxStore,
  ) {
    this.isMrao = admin.credentials.some((credential) => credential.role === 'MRAO');
    for (const credential of admin.credentials) {
      if (credential.role === 'MRAO' || credential.orgId === null) continue;
      const family = familyOfRole[credential.role];
      const ids = this.#byFamily.get(family) ?? new Set<number>();
      ids.add(credential.orgId);
      if (credential.role.startsWith('RAO_')) {
        for (const department of store.departmentsOf(credential.orgId)) ids.add(department.id);
      }
      this.#byFamily.set(family, ids);
      for (const id of ids) this.#all.add(id);
    }
    if (this.isMrao) for (const id of store.organizations.keys()) this.#all.add(id);
  }

  /** Whether the admin may see an organization or department, for a family or any. */
  canSee(orgId: number, family?: CertFamily): boolean {
    if (this.isMrao) return true;
    if (family === undefined) return this.#all.has(orgId);
    return this.#byFamily.get(family)?.has(orgId) ?? false;
  }

  /** Whether the admin holds any role for a family. */
  hasFamily(family: CertFamily): boolean {
    return this.isMrao || (this.#byFamily.get(family)?.size ?? 0) > 0;
  }

  /** Whether the admin is an RAO (not only DRAO) for the organization. */
  isRaoOf(orgId: number): boolean {
    return this.isMrao || this.admin.credentials.some((credential) => credential.role.startsWith('RAO_') && credential.orgId === orgId);
  }

  has(privilege: Privilege): boolean {
    return this.isMrao || this.admin.privileges.includes(privilege);
  }

  /** Refuses, as SCM does, with -3 "Not authorized to perform ...". */
  require(privilege: Privilege, operation: string): void {
    if (!this.has(privilege)) throw notAuthorized(operation);
  }
}

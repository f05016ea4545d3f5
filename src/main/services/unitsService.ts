import type { UnitDependents, UnitDraft, UnitRow, UnitTree } from '../../shared/organizations';
import { OrganizationsApi } from '../scm/organizations';
import type { AdminManagement } from './adminManagement';
import { readBack } from './readBack';
import { readUnit, readUnitTree, UnitWriter } from './units';

/** The Organizations page for the signed-in profile: the tree read afresh, and its changes. */
export class UnitsService {
  readonly #admins: AdminManagement;
  readonly #now: () => number;

  constructor(options: { adminManagement: AdminManagement; now?: () => number }) {
    this.#admins = options.adminManagement;
    this.#now = options.now ?? Date.now;
  }

  async #writer(): Promise<{ writer: UnitWriter; profileId: string }> {
    const { actor, client, profileId } = await this.#admins.actor();
    return { writer: new UnitWriter(client, actor), profileId };
  }

  async tree(): Promise<UnitTree> {
    const { client, profileId } = await this.#admins.actor();
    return { profileId, units: await readUnitTree(client), readAt: new Date(this.#now()).toISOString() };
  }

  async unit(id: number): Promise<UnitRow> {
    const { client } = await this.#admins.actor();
    const organizations = await new OrganizationsApi(client).list();
    const owner = organizations.find((org) => org.departments.some((dept) => dept.id === id));
    const own = organizations.find((org) => org.id === id);
    const name = own?.name ?? owner?.departments.find((dept) => dept.id === id)?.name ?? '';
    return readUnit(client, id, owner === undefined ? null : { id: owner.id, name: owner.name }, own?.departments.length ?? 0, name);
  }

  async createDepartment(parentId: number, draft: UnitDraft): Promise<UnitRow> {
    const { writer } = await this.#writer();
    const id = await writer.createDepartment(parentId, draft);
    // The new department is in the RAO's scope: the next reads see it.
    this.#admins.forgetActor();
    return readBack(`The department “${draft.name}” was created in SCM`, () => this.unit(id), 'organizations');
  }

  async update(id: number, draft: UnitDraft): Promise<UnitRow> {
    const { writer } = await this.#writer();
    await writer.update(id, draft);
    this.#admins.forgetActor();
    return readBack(`The changes to “${draft.name}” were saved in SCM`, () => this.unit(id), 'organizations');
  }

  async dependents(id: number): Promise<UnitDependents> {
    const { writer } = await this.#writer();
    return writer.dependents(id);
  }

  async delete(id: number, confirmName: string): Promise<{ name: string }> {
    const { writer } = await this.#writer();
    const done = await writer.delete(id, confirmName);
    this.#admins.forgetActor();
    return done;
  }
}

import type { PersonRow } from '../../shared/contract/persons';
import { PersonsApi } from '../scm/smime';
import type { AdminManagement } from './adminManagement';

/** How many persons a search shows; more means the search should be narrower. */
const shownAtMost = 50;

/** Finds persons (client-certificate holders) by email, when the query holds an @, else by name. */
export class PersonsService {
  readonly #admins: AdminManagement;

  constructor(options: { adminManagement: AdminManagement }) {
    this.#admins = options.adminManagement;
  }

  async find(query: string): Promise<{ persons: PersonRow[]; total: number; by: 'email' | 'name' }> {
    const { actor, client } = await this.#admins.actor();
    const by = query.includes('@') ? 'email' : 'name';
    const { persons, total } = await new PersonsApi(client).search(by === 'email' ? { email: query } : { name: query }, shownAtMost);
    const names = new Map(actor.units.map((unit) => [unit.id, unit.name]));
    return {
      by,
      total,
      persons: persons.map((person) => ({
        id: person.id,
        name: `${person.firstName} ${person.lastName}`.trim(),
        email: person.email,
        organizationId: person.organizationId,
        organizationName: person.organizationId === null ? null : (names.get(person.organizationId) ?? null),
      })),
    };
  }
}

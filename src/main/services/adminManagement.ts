import { randomBytes } from 'node:crypto';
import type { AdminDraft, AdminActor } from '../../shared/adminRules';
import type { AdminOptions, AdminRow, PasswordHandOver } from '../../shared/admins';
import type { AdminDetails, AdminSummary } from '../../shared/scm/types';
import { AdminsApi } from '../scm/admins';
import type { ScmClient } from '../scm/client';
import { AdminWriter, readActor } from './adminWrites';
import type { AdminsService } from './admins';
import { ServiceError } from './errors';
import { readBack } from './readBack';
import type { SessionService } from './session';

/** How long a temporary password waits in memory to be shown. */
const handOverMs = 15 * 60_000;
const anchor = 'admins#manage';

interface HandOver {
  profileId: string;
  login: string;
  password: string;
  until: number;
}

/**
 * The Admins page's changes for the signed-in profile: the rules' inputs,
 * each write through `AdminWriter`, the table kept up to date, and temporary
 * passwords held in memory until shown once on request.
 */
export class AdminManagement {
  readonly #session: SessionService;
  readonly #admins: AdminsService;
  readonly #now: () => number;
  /** The actor per client: a new sign-in makes a new client, and so reads it again. */
  #actors = new WeakMap<ScmClient, Promise<AdminActor>>();
  readonly #handOvers = new Map<string, HandOver>();

  constructor(options: { session: SessionService; admins: AdminsService; now?: () => number }) {
    this.#session = options.session;
    this.#admins = options.admins;
    this.#now = options.now ?? Date.now;
  }

  #signedIn(): { client: ScmClient; profileId: string; login: string } {
    const state = this.#session.state();
    const client = this.#session.client();
    return { client, profileId: state.profileId!, login: state.identity?.login ?? '' };
  }

  async #writer(): Promise<{ writer: AdminWriter; profileId: string; client: ScmClient }> {
    const { client, profileId, login } = this.#signedIn();
    let actor = this.#actors.get(client);
    if (actor === undefined) {
      actor = readActor(client, login);
      this.#actors.set(client, actor);
      actor.catch(() => this.#actors.delete(client));
    }
    return { writer: new AdminWriter(client, await actor), profileId, client };
  }

  /** The signed-in admin as the rules see it, read once per sign-in. */
  async actor(): Promise<{ actor: AdminActor; client: ScmClient; profileId: string }> {
    const { writer, client, profileId } = await this.#writer();
    return { actor: writer.actor, client, profileId };
  }

  /** After a change that may alter the signed-in admin's own scope, it is read again. */
  forgetActor(): void {
    this.#actors = new WeakMap();
  }

  async options(): Promise<AdminOptions> {
    const { writer, profileId, client } = await this.#writer();
    const api = new AdminsApi(client);
    const [privileges, identityProviders] = await Promise.all([api.privileges().catch(() => []), api.identityProviders().catch(() => [])]);
    const { actor } = writer;
    return {
      profileId,
      actor: { id: actor.id, roles: [...actor.roles], privileges: [...actor.privileges], units: [...actor.units], assignableRoles: actor.assignableRoles === undefined ? null : [...actor.assignableRoles] },
      privileges,
      identityProviders,
    };
  }

  #handOver(profileId: string, login: string, password: string): PasswordHandOver {
    for (const [id, entry] of this.#handOvers) if (entry.until < this.#now()) this.#handOvers.delete(id);
    const revealId = randomBytes(16).toString('hex');
    this.#handOvers.set(revealId, { profileId, login, password, until: this.#now() + handOverMs });
    return { revealId, login };
  }

  /** A temporary password, once: it is forgotten as it is shown. */
  reveal(revealId: string): { login: string; password: string } {
    const entry = this.#handOvers.get(revealId);
    this.#handOvers.delete(revealId);
    if (entry === undefined || entry.until < this.#now() || entry.profileId !== this.#session.state().profileId) {
      throw new ServiceError({ kind: 'not-found', message: 'That temporary password was shown already or waited too long, and the console has forgotten it. Reset the password again to make a new one.', anchor: 'admins#reset-password' });
    }
    return { login: entry.login, password: entry.password };
  }

  async #changed(id: number, self: boolean): Promise<AdminRow> {
    if (self) this.#actors = new WeakMap();
    return this.#admins.remember(await this.#admins.details(id));
  }

  /**
   * The admin read back after a change that is done in SCM. A read that fails
   * is not reported as if the change had: where the change made a temporary
   * password, which would otherwise be lost, the row is what the console knows
   * without reading (`known`); else the person is told the change was made.
   */
  async #readBack(id: number, self: boolean, done: string, known?: AdminSummary | AdminDetails): Promise<AdminRow> {
    try {
      return await readBack(done, () => this.#changed(id, self), anchor);
    } catch (error) {
      if (known === undefined || !(error instanceof ServiceError)) throw error;
      return this.#admins.known(known);
    }
  }

  async create(draft: AdminDraft): Promise<{ row: AdminRow; handOver: PasswordHandOver | null }> {
    const { writer, profileId } = await this.#writer();
    const created = await writer.create(draft);
    const summary: AdminSummary = { id: created.id, type: draft.type, login: draft.login, email: draft.email, forename: draft.forename, surname: draft.surname, idpPersonId: draft.idpPersonId === '' ? null : draft.idpPersonId };
    const row = await this.#readBack(created.id, false, `The admin ${draft.login} was created in SCM`, created.temporaryPassword === undefined ? undefined : summary);
    return { row, handOver: created.temporaryPassword === undefined ? null : this.#handOver(profileId, draft.login, created.temporaryPassword) };
  }

  async update(id: number, draft: AdminDraft): Promise<AdminRow> {
    const { writer } = await this.#writer();
    await writer.update(id, draft);
    return this.#readBack(id, writer.actor.id === id, `The admin ${draft.login || `#${id}`} was changed in SCM`);
  }

  async setStatus(id: number, status: 'ACTIVE' | 'SUSPENDED'): Promise<AdminRow> {
    const { writer } = await this.#writer();
    await writer.setStatus(id, status);
    return this.#readBack(id, false, `The admin #${id} was ${status === 'ACTIVE' ? 'activated' : 'suspended'} in SCM`);
  }

  async resetPassword(id: number): Promise<{ row: AdminRow; handOver: PasswordHandOver }> {
    const { writer, profileId } = await this.#writer();
    const reset = await writer.resetPassword(id);
    const row = await this.#readBack(id, false, `The password of ${reset.login} was reset in SCM`, reset.admin);
    return { row, handOver: this.#handOver(profileId, reset.login, reset.temporaryPassword) };
  }

  async delete(id: number, confirmName: string, replacingRequesterId?: number): Promise<{ name: string }> {
    const { writer } = await this.#writer();
    const done = await writer.delete(id, confirmName, replacingRequesterId);
    this.#admins.forget(id);
    return done;
  }
}

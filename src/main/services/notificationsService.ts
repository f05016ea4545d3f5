import type { NotificationDraft, NotificationList, NotificationRow } from '../../shared/notifications';
import type { AdminManagement } from './adminManagement';
import { ServiceError } from './errors';
import { NotificationWriter } from './notifications';
import { readBack } from './readBack';

const anchor = 'notifications#manage';

/** The Notifications page for the signed-in profile: the rules read afresh, and their changes. */
export class NotificationsService {
  readonly #admins: AdminManagement;
  readonly #now: () => number;

  constructor(options: { adminManagement: AdminManagement; now?: () => number }) {
    this.#admins = options.adminManagement;
    this.#now = options.now ?? Date.now;
  }

  async #writer(): Promise<{ writer: NotificationWriter; profileId: string }> {
    const { client, profileId } = await this.#admins.actor();
    return { writer: new NotificationWriter(client), profileId };
  }

  async list(): Promise<NotificationList> {
    const { writer, profileId } = await this.#writer();
    const [rules, types] = await Promise.all([writer.list(), writer.types().catch(() => [])]);
    return { profileId, rules, types, readAt: new Date(this.#now()).toISOString() };
  }

  async #row(writer: NotificationWriter, id: number): Promise<NotificationRow> {
    const row = (await writer.list()).find((rule) => rule.id === id);
    if (row === undefined) throw new ServiceError({ kind: 'not-found', message: `SCM no longer lists notification ${id}; someone may have deleted it meanwhile.`, anchor });
    return row;
  }

  async create(draft: NotificationDraft): Promise<NotificationRow> {
    const { writer } = await this.#writer();
    const id = await writer.create(draft);
    return readBack(`The notification “${draft.description}” was created in SCM`, () => this.#row(writer, id), anchor);
  }

  async update(id: number, draft: NotificationDraft): Promise<NotificationRow> {
    const { writer } = await this.#writer();
    await writer.update(id, draft);
    return readBack(`The changes to the notification “${draft.description}” were saved in SCM`, () => this.#row(writer, id), anchor);
  }

  async setActive(id: number, active: boolean): Promise<NotificationRow> {
    const { writer } = await this.#writer();
    await writer.setActive(id, active);
    return readBack(`The notification #${id} was ${active ? 'turned on' : 'turned off'} in SCM`, () => this.#row(writer, id), anchor);
  }

  async delete(id: number, confirmDescription: string): Promise<{ description: string }> {
    const { writer } = await this.#writer();
    return writer.delete(id, confirmDescription);
  }
}

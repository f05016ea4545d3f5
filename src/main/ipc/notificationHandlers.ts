import type { NotificationsService } from '../services/notificationsService';
import type { PersonsService } from '../services/personsService';
import type { HandlerTable } from './dispatch';
import { guarded } from './guarded';

type NotificationChannel = 'notifications:list' | 'notifications:create' | 'notifications:update' | 'notifications:setActive' | 'notifications:delete' | 'persons:find';

/** Notification rules (the list, and the changes checked in main before SCM is asked) and persons found. */
export function notificationHandlers(services: { notifications: NotificationsService; persons: PersonsService }): Pick<HandlerTable, NotificationChannel> {
  const { notifications, persons } = services;
  return {
    'notifications:list': () => guarded(() => notifications.list()),
    'notifications:create': ({ draft }) => guarded(() => notifications.create(draft)),
    'notifications:update': ({ id, draft }) => guarded(() => notifications.update(id, draft)),
    'notifications:setActive': ({ id, active }) => guarded(() => notifications.setActive(id, active)),
    'notifications:delete': ({ id, confirmDescription }) => guarded(() => notifications.delete(id, confirmDescription)),
    'persons:find': ({ query }) => guarded(() => persons.find(query)),
  };
}

import type { NotificationsService } from '../services/notificationsService';
import type { HandlerTable } from './dispatch';
import { guarded } from './guarded';

type NotificationChannel = 'notifications:list' | 'notifications:create' | 'notifications:update' | 'notifications:setActive' | 'notifications:delete';

/** Notification rules: the list, and the changes checked in main before SCM is asked. */
export function notificationHandlers(services: { notifications: NotificationsService }): Pick<HandlerTable, NotificationChannel> {
  const { notifications } = services;
  return {
    'notifications:list': () => guarded(() => notifications.list()),
    'notifications:create': ({ draft }) => guarded(() => notifications.create(draft)),
    'notifications:update': ({ id, draft }) => guarded(() => notifications.update(id, draft)),
    'notifications:setActive': ({ id, active }) => guarded(() => notifications.setActive(id, active)),
    'notifications:delete': ({ id, confirmDescription }) => guarded(() => notifications.delete(id, confirmDescription)),
  };
}

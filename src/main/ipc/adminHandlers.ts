import type { AdminManagement } from '../services/adminManagement';
import type { HandlerTable } from './dispatch';
import { guarded } from './guarded';

type AdminChannel = 'admins:options' | 'admins:create' | 'admins:update' | 'admins:setStatus' | 'admins:resetPassword' | 'admins:reveal' | 'admins:delete';

/** Changes to admins, each checked against SCM's rules in main before it is sent. */
export function adminHandlers(services: { adminManagement: AdminManagement }): Pick<HandlerTable, AdminChannel> {
  const { adminManagement: manage } = services;
  return {
    'admins:options': () => guarded(() => manage.options()),
    'admins:create': ({ draft }) => guarded(() => manage.create(draft)),
    'admins:update': ({ id, draft }) => guarded(() => manage.update(id, draft)),
    'admins:setStatus': ({ id, status }) => guarded(() => manage.setStatus(id, status)),
    'admins:resetPassword': ({ id }) => guarded(() => manage.resetPassword(id)),
    'admins:reveal': ({ revealId }) => guarded(async () => manage.reveal(revealId)),
    'admins:delete': ({ id, confirmName, replacingRequesterId }) => guarded(() => manage.delete(id, confirmName, replacingRequesterId)),
  };
}

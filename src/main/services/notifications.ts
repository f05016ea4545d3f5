import type { NotificationRule } from '../../shared/scm/types';
import type { ScmClient } from '../scm/client';
import { NotificationsApi } from '../scm/notifications';

/** The notification rules in scope. */
export function notificationRules(client: ScmClient): Promise<NotificationRule[]> {
  return new NotificationsApi(client).list();
}

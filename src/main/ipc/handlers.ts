import { ok } from '../../shared/result';
import { sandboxProfileId } from '../../shared/profiles';
import type { AppInfo } from '../../shared/appInfo';
import type { SettingsService } from '../services';
import type { AdminManagement } from '../services/adminManagement';
import type { AttentionService } from '../services/attention';
import type { NotificationsService } from '../services/notificationsService';
import type { PersonsService } from '../services/personsService';
import type { DomainsService } from '../services/domainsService';
import type { UnitsService } from '../services/unitsService';
import type { createExternalLinkOpener } from '../services';
import type { ProfileService } from '../services/profiles';
import type { SandboxRunner } from '../services/sandboxRunner';
import type { SessionService } from '../services/session';
import type { HandlerTable } from './dispatch';
import { adminHandlers } from './adminHandlers';
import { domainHandlers } from './domainHandlers';
import { notificationHandlers } from './notificationHandlers';
import { organizationHandlers } from './organizationHandlers';
import { auditHandlers, type AuditHandlerServices } from './auditHandlers';
import { certificateHandlers } from './certificateHandlers';
import { checklistHandlers } from './checklistHandlers';
import { guarded } from './guarded';
import { healthHandlers, type HealthHandlerServices } from './healthHandlers';
import { workspaceHandlers, type WorkspaceServices } from './workspaceHandlers';

export interface HandlerServices extends WorkspaceServices, AuditHandlerServices, HealthHandlerServices {
  appInfo: () => AppInfo;
  settings: SettingsService;
  openExternal: ReturnType<typeof createExternalLinkOpener>;
  profiles: ProfileService;
  session: SessionService;
  sandbox: SandboxRunner;
  adminManagement: AdminManagement;
  units: UnitsService;
  notifications: NotificationsService;
  persons: PersonsService;
  domains: DomainsService;
  attention: AttentionService;
  now?: () => number;
}

export { guarded };

/** Maps each channel of the contract to the service that answers it. */
export function createHandlerTable(services: HandlerServices): HandlerTable {
  const { profiles, session, sandbox } = services;
  const now = services.now ?? Date.now;
  return {
    ...auditHandlers(services),
    ...healthHandlers(services),
    ...workspaceHandlers(services),
    ...checklistHandlers(services),
    ...certificateHandlers(services),
    ...adminHandlers(services),
    ...organizationHandlers(services),
    ...notificationHandlers(services),
    ...domainHandlers(services),
    'attention:summary': () => guarded(() => services.attention.summary()),
    'app:info': () => ok(services.appInfo()),
    'settings:get': async () => ok(await services.settings.get()),
    'settings:update': async (patch) => ok(await services.settings.update(patch)),
    'shell:openExternal': ({ url }) => services.openExternal(url),
    'profiles:list': () => guarded(() => profiles.list()),
    'profiles:create': ({ secret, ...input }) => guarded(() => profiles.create(input, secret)),
    'profiles:update': ({ id, profile, secret, storedSecret }) =>
      guarded(() => profiles.update(id, profile, { ...(secret === undefined ? {} : { secret }), ...(storedSecret === undefined ? {} : { storedSecret }) })),
    'profiles:duplicate': ({ id }) => guarded(() => profiles.duplicate(id)),
    'profiles:delete': ({ id }) =>
      guarded(async () => {
        if (session.state().profileId === id) await session.signOut();
        return profiles.delete(id);
      }),
    'profiles:setSecret': ({ id, secret }) => guarded(() => profiles.setSecret(id, secret)),
    'profiles:forgetSecret': ({ id }) => guarded(() => profiles.forgetSecret(id)),
    'profiles:export': ({ ids }) =>
      guarded(async () => {
        const text = await profiles.exportProfiles(ids);
        return { fileName: `tcs-admin-profiles-${new Date(now()).toISOString().slice(0, 10)}.json`, text, count: (JSON.parse(text) as { profiles: unknown[] }).profiles.length };
      }),
    'profiles:import': ({ text }) => guarded(() => profiles.importProfiles(text)),
    'session:get': () => ok(session.state()),
    'session:signIn': ({ profileId }) => guarded(() => session.signIn(profileId)),
    'session:signOut': () => guarded(() => session.signOut()),
    'session:changePassword': ({ profileId, newPassword, currentPassword }) =>
      guarded(() => session.changePassword(profileId, { ...(newPassword === undefined ? {} : { newPassword }), ...(currentPassword === undefined ? {} : { currentPassword }) })),
    'sandbox:logins': () => guarded(() => sandbox.logins()),
    'sandbox:reset': () =>
      guarded(async () => {
        await session.signOut();
        await sandbox.reset();
        return session.signIn(sandboxProfileId);
      }),
  };
}

import { ok } from '../../shared/result';
import type { AppInfo } from '../../shared/appInfo';
import type { SettingsService } from '../services';
import type { HandlerTable } from './dispatch';
import type { createExternalLinkOpener } from '../services';

export interface HandlerServices {
  appInfo: () => AppInfo;
  settings: SettingsService;
  openExternal: ReturnType<typeof createExternalLinkOpener>;
}

/** Maps each channel of the contract to the service that answers it. */
export function createHandlerTable(services: HandlerServices): HandlerTable {
  return {
    'app:info': () => ok(services.appInfo()),
    'settings:get': async () => ok(await services.settings.get()),
    'settings:update': async (patch) => ok(await services.settings.update(patch)),
    'shell:openExternal': ({ url }) => services.openExternal(url),
  };
}

import type { HealthService } from '../services/health';
import type { HandlerTable } from './dispatch';
import { guarded } from './guarded';

export interface HealthHandlerServices {
  health: HealthService;
}

/** The tenant's health checks, for the signed-in session. */
export function healthHandlers(services: HealthHandlerServices): Pick<HandlerTable, 'health:check'> {
  return {
    'health:check': () => guarded(() => services.health.check()),
  };
}

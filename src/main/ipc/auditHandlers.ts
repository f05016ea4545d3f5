import type { AuditService } from '../services/audit';
import type { HandlerTable } from './dispatch';
import { guarded } from './guarded';

export interface AuditHandlerServices {
  audit: AuditService;
  now?: () => number;
}

/** The audit log's channels. */
export function auditHandlers(services: AuditHandlerServices): Pick<HandlerTable, 'audit:list' | 'audit:export'> {
  const { audit } = services;
  const now = services.now ?? Date.now;
  return {
    'audit:list': (query) => guarded(() => audit.list(query)),
    'audit:export': ({ filter }) =>
      guarded(async () => {
        const { text, count, total } = await audit.exportCsv(filter);
        return { fileName: `tcs-admin-audit-${new Date(now()).toISOString().slice(0, 10)}.csv`, text, count, total };
      }),
  };
}

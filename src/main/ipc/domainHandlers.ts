import type { DomainsService } from '../services/domainsService';
import type { HandlerTable } from './dispatch';
import { guarded } from './guarded';

type DomainChannel = 'domains:list' | 'domains:add' | 'domains:delegate' | 'domains:answer' | 'dcv:start' | 'dcv:submit' | 'dcv:status';

/** Domains and their validation: the list, and the changes checked in main before SCM is asked. */
export function domainHandlers(services: { domains: DomainsService }): Pick<HandlerTable, DomainChannel> {
  const { domains } = services;
  return {
    'domains:list': () => guarded(() => domains.list()),
    'domains:add': ({ name, wildcard, orgIds, certTypes }) => guarded(() => domains.add(name, wildcard, orgIds, certTypes)),
    'domains:delegate': ({ id, orgId, certTypes }) => guarded(async () => (await domains.delegate(id, orgId, certTypes), { done: true as const })),
    'domains:answer': ({ id, orgId, approve }) => guarded(async () => (await domains.answer(id, orgId, approve), { done: true as const })),
    'dcv:start': ({ domain, method }) => guarded(() => domains.startDcv(domain, method)),
    'dcv:submit': ({ domain, method, email }) => guarded(() => domains.submitDcv(domain, method, email)),
    'dcv:status': ({ domain }) => guarded(() => domains.dcvStatus(domain)),
  };
}

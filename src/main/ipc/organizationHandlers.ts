import type { UnitsService } from '../services/unitsService';
import type { HandlerTable } from './dispatch';
import { guarded } from './guarded';

type OrganizationChannel = 'organizations:tree' | 'organizations:unit' | 'organizations:createDepartment' | 'organizations:update' | 'organizations:dependents' | 'organizations:delete';

/** Organizations and departments: the tree, and the changes checked in main before SCM is asked. */
export function organizationHandlers(services: { units: UnitsService }): Pick<HandlerTable, OrganizationChannel> {
  const { units } = services;
  return {
    'organizations:tree': () => guarded(() => units.tree()),
    'organizations:unit': ({ id }) => guarded(() => units.unit(id)),
    'organizations:createDepartment': ({ parentId, draft }) => guarded(() => units.createDepartment(parentId, draft)),
    'organizations:update': ({ id, draft }) => guarded(() => units.update(id, draft)),
    'organizations:dependents': ({ id }) => guarded(() => units.dependents(id)),
    'organizations:delete': ({ id, confirmName }) => guarded(() => units.delete(id, confirmName)),
  };
}

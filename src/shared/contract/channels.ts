/**
 * Every operation the renderer may ask of main, by channel name (`area:action`).
 * This list is the only part of the contract the preload loads at run time, so it
 * must stay a plain array of strings with no imports.
 */
export const channels = [
  'app:info',
  'settings:get',
  'settings:update',
  'shell:openExternal',
  'profiles:list',
  'profiles:create',
  'profiles:update',
  'profiles:duplicate',
  'profiles:delete',
  'profiles:setSecret',
  'profiles:forgetSecret',
  'profiles:export',
  'profiles:import',
  'session:get',
  'session:signIn',
  'session:signOut',
  'session:changePassword',
  'sandbox:logins',
  'sandbox:reset',
  'jobs:start',
  'jobs:list',
  'jobs:cancel',
  'admins:window',
  'admins:details',
  'admins:export',
  'admins:options',
  'admins:create',
  'admins:update',
  'admins:setStatus',
  'admins:resetPassword',
  'admins:reveal',
  'admins:delete',
  'organizations:tree',
  'organizations:unit',
  'organizations:createDepartment',
  'organizations:update',
  'organizations:dependents',
  'organizations:delete',
  'notifications:list',
  'notifications:create',
  'notifications:update',
  'notifications:setActive',
  'notifications:delete',
  'persons:find',
  'domains:list',
  'domains:add',
  'domains:delegate',
  'domains:answer',
  'dcv:start',
  'dcv:submit',
  'dcv:status',
  'audit:list', 'audit:export',
  'certificates:window',
  'certificates:caches',
  'certificates:details',
  'certificates:act',
  'certificates:export',
  'certificates:exportPart',
  'certificates:plan',
  'certificates:bulkGet',
  'certificates:bulkFile',
  'certificates:codeSigning',
  'certificates:codeSigningRevoke',
  'checklists:list',
  'checklists:prepare',
  'checklists:start',
  'checklists:runs',
  'checklists:get',
  'checklists:plan',
  'checklists:export',
  'checklists:reveal',
  'checklists:secretKey',
  'checklists:secret',
  'checklists:delete',
  'health:check',
  'attention:summary',
] as const;

export type Channel = (typeof channels)[number];

/** What main sends without being asked: the state of a job, as it changes. */
export const jobEventChannel = 'jobs:event';

type MethodNameOf<C extends string> = C extends `${infer Area}:${infer Action}`
  ? `${Area}${Capitalize<Action>}`
  : C;

export type MethodName<C extends Channel = Channel> = MethodNameOf<C>;

/** The `window.api` function name for a channel: `settings:update` is `settingsUpdate`. */
export function methodName<C extends Channel>(channel: C): MethodName<C> {
  const [area, action] = channel.split(':') as [string, string];
  return `${area}${action.charAt(0).toUpperCase()}${action.slice(1)}` as MethodName<C>;
}

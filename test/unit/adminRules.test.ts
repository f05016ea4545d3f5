import { describe, expect, it } from 'vitest';
import { adminActionRefusal, adminDraftProblems, adminWarnings, offeredRoles, type AdminActor, type AdminDraft } from '../../src/shared/adminRules';

const units = [
  { id: 1001, name: 'University', parentId: null },
  { id: 1002, name: 'Physics', parentId: 1001 },
  { id: 1003, name: 'Computing', parentId: 1001 },
];

const rao: AdminActor = {
  id: 2002,
  roles: [{ role: 'RAO_SSL', orgId: 1001 }, { role: 'RAO_SMIME', orgId: 1001 }],
  privileges: ['allowCreate', 'allowEdit', 'allowDelete', 'allowDCV', 'sslRequest', 'sslRenew', 'sslRevoke', 'clientCertRequest'],
  units,
  assignableRoles: ['RAO_SSL', 'RAO_SMIME', 'DRAO_SSL', 'DRAO_SMIME'],
};

const mrao: AdminActor = { id: 2001, roles: [{ role: 'MRAO', orgId: null }], privileges: [], units: [...units, { id: 1005, name: 'Institute', parentId: null }] };

const drao: AdminActor = { id: 2003, roles: [{ role: 'DRAO_SSL', orgId: 1002 }], privileges: ['sslRequest'], units: [units[1]!] };

function draft(changes: Partial<AdminDraft> = {}): AdminDraft {
  return {
    type: 'API',
    login: 'svc-acme',
    email: 'svc@example.org',
    forename: 'Svc',
    surname: 'Acme',
    credentials: [{ role: 'RAO_SSL', orgId: 1001 }],
    privileges: ['sslRequest', 'sslRenew'],
    identityProviderId: null,
    idpPersonId: '',
    ...changes,
  };
}

/** The rule keys the draft breaks, by field. */
function broken(value: AdminDraft, actor: AdminActor = rao, original?: Parameters<typeof adminDraftProblems>[2]): string[] {
  return adminDraftProblems(value, actor, original).map((problem) => `${problem.field} ${problem.key}`);
}

describe('SCM’s rules for a new admin', () => {
  it('accepts a least-privilege API admin within the RAO’s organization', () => {
    expect(broken(draft())).toEqual([]);
  });

  it.each<[string, Partial<AdminDraft>, string[]]>([
    ['no role (-221)', { credentials: [] }, ['credentials admin.rolesMissing']],
    ['RAO and DRAO roles together (-222)', { credentials: [{ role: 'RAO_SSL', orgId: 1001 }, { role: 'DRAO_SMIME', orgId: 1002 }] }, ['credentials admin.sameLevel']],
    ['a role given twice (-223)', { credentials: [{ role: 'DRAO_SSL', orgId: 1002 }, { role: 'DRAO_SSL', orgId: 1003 }] }, ['credentials admin.oneUnitPerRole']],
    ['MRAO by an RAO (-253)', { credentials: [{ role: 'MRAO', orgId: null }] }, ['credentials.MRAO admin.mraoOnly']],
    ['a role SCM does not let the RAO give', { credentials: [{ role: 'RAO_CS', orgId: 1001 }] }, ['credentials.RAO_CS admin.roleNotAssignable']],
    ['a role without its unit (-221)', { credentials: [{ role: 'RAO_SSL', orgId: null }] }, ['credentials.RAO_SSL admin.unitMissing']],
    ['a unit outside the scope (-226)', { credentials: [{ role: 'RAO_SSL', orgId: 1005 }] }, ['credentials.RAO_SSL admin.outsideScope']],
    ['an RAO role for a department', { credentials: [{ role: 'RAO_SSL', orgId: 1002 }] }, ['credentials.RAO_SSL admin.raoNeedsOrganization']],
    ['a DRAO role for an organization', { credentials: [{ role: 'DRAO_SSL', orgId: 1001 }] }, ['credentials.DRAO_SSL admin.draoNeedsDepartment']],
    ['a privilege the RAO lacks (-234)', { privileges: ['approveDomainDelegation'] }, ['privileges.approveDomainDelegation admin.cannotGivePrivilege']],
    ['Allow DCV without an SSL role (-255)', { credentials: [{ role: 'RAO_SMIME', orgId: 1001 }], privileges: ['allowDCV'] }, ['privileges.allowDCV admin.dcvNeedsSsl']],
    ['a login with a space', { login: 'svc acme' }, ['login admin.loginCharacters']],
    ['no login', { login: '' }, ['login admin.loginMissing']],
    ['a name with a semicolon', { surname: 'Acme;' }, ['surname admin.nameCharacters']],
    ['a bad email (-237)', { email: 'svc@' }, ['email admin.email']],
    ['an IdP admin without its IdP', { type: 'IDP' }, ['identityProviderId admin.idpNeeded']],
    ['an IdP without a person id', { type: 'IDP', identityProviderId: 1, idpPersonId: 'anna' }, ['idpPersonId admin.idpPersonId']],
  ])('refuses %s', (_name, changes, expected) => {
    expect(broken(draft(changes))).toEqual(expected);
  });

  it('lets an MRAO give MRAO, any role and any privilege, but not Allow DCV without an SSL role (-255)', () => {
    expect(broken(draft({ credentials: [{ role: 'MRAO', orgId: null }], privileges: ['approveDomainDelegation', 'allowDCV'] }), mrao)).toEqual([]);
    expect(broken(draft({ credentials: [{ role: 'RAO_SMIME', orgId: 1005 }], privileges: ['allowDCV'] }), mrao)).toEqual(['privileges.allowDCV admin.dcvNeedsSsl']);
  });

  it('lets Allow DCV be given by one who does not hold it only when it is kept, not added (-256)', () => {
    const withoutDcv = { ...rao, privileges: rao.privileges.filter((privilege) => privilege !== 'allowDCV') };
    expect(broken(draft({ privileges: ['allowDCV'] }), withoutDcv)).toEqual(['privileges.allowDCV admin.cannotGiveDcv']);
    const original = { id: 3000, type: 'API', roles: [{ role: 'RAO_SSL', orgId: 1001 }], privileges: ['allowDCV'] };
    expect(broken(draft({ privileges: ['allowDCV'] }), withoutDcv, original)).toEqual([]);
  });
});

describe('SCM’s rules for a change', () => {
  const original = { id: 3000, type: 'API', roles: [{ role: 'RAO_SSL', orgId: 1001 }], privileges: ['sslRequest'] };

  it('allows only the type changes SCM documents', () => {
    expect(broken(draft({ type: 'STANDARD' }), rao, original)).toEqual([]);
    expect(broken(draft({ type: 'SAS' }), rao, original)).toEqual(['type admin.typeChange']);
    expect(broken(draft({ type: 'SAS' }), rao, { ...original, type: 'IDP' })).toEqual([]);
  });

  it('keeps an admin from changing its own roles, unless it is an MRAO (-253)', () => {
    const self = { ...original, id: rao.id!, roles: rao.roles };
    expect(broken(draft({ credentials: [{ role: 'RAO_SSL', orgId: 1001 }, { role: 'RAO_SMIME', orgId: 1001 }] }), rao, self)).toEqual([]);
    expect(broken(draft({ credentials: [{ role: 'RAO_SSL', orgId: 1001 }] }), rao, self)).toEqual(['credentials admin.ownRoles']);
  });
});

describe('what the signed-in admin may do to another', () => {
  const target = { id: 3000, type: 'API', roles: [{ role: 'DRAO_SSL', orgId: 1002 }], status: 'ACTIVE' };

  it('needs the privilege for each action, names it, and never lets an admin suspend or delete itself', () => {
    expect(adminActionRefusal('create', rao)).toBeNull();
    expect(adminActionRefusal('create', drao)?.params).toEqual({ privilege: 'allowCreate', code: -233 });
    expect(adminActionRefusal('delete', drao, target)?.params).toEqual({ privilege: 'allowDelete', code: -3 });
    expect(adminActionRefusal('suspend', rao, target)).toBeNull();
    expect(adminActionRefusal('activate', rao, target)?.key).toBe('admin.refuse.alreadyActive');
    expect(adminActionRefusal('delete', rao, { ...target, id: rao.id! })?.key).toBe('admin.refuse.self');
    expect(adminActionRefusal('resetPassword', rao, { ...target, id: rao.id! })?.key).toBe('admin.refuse.ownPassword');
    expect(adminActionRefusal('edit', drao, { ...target, id: drao.id! })).toBeNull();
  });

  it('refuses an admin with roles outside the scope (-226), and a password reset for an IdP admin', () => {
    expect(adminActionRefusal('edit', rao, { ...target, roles: [{ role: 'RAO_SSL', orgId: 1005 }] })?.key).toBe('admin.refuse.scope');
    expect(adminActionRefusal('edit', rao, { ...target, roles: [{ role: 'MRAO', orgId: null }] })?.key).toBe('admin.refuse.scope');
    expect(adminActionRefusal('edit', mrao, { ...target, roles: [{ role: 'MRAO', orgId: null }] })).toBeNull();
    expect(adminActionRefusal('resetPassword', rao, { ...target, type: 'IDP' })?.key).toBe('admin.refuse.noPassword');
  });

  it('offers the roles SCM says may be given, else those of the admin’s level and below', () => {
    expect(offeredRoles(rao)).toEqual(['RAO_SSL', 'RAO_SMIME', 'DRAO_SSL', 'DRAO_SMIME']);
    const { assignableRoles: _, ...unknown } = rao;
    expect(offeredRoles(unknown)).toEqual(['RAO_SSL', 'RAO_SMIME', 'DRAO_SSL', 'DRAO_SMIME']);
    expect(offeredRoles(mrao)).toHaveLength(9);
  });
});

describe('warnings', () => {
  const admin = { type: 'STANDARD', login: 'svc', privileges: [], passwordState: 'ALIVE', passwordExpires: '2026-12-10', idpPersonId: null, detailed: true };
  const options = { today: '2026-12-02', warnDays: 14, apiLogins: new Set<string>() };

  it('warns of a password that ends within the window or has ended', () => {
    expect(adminWarnings(admin, options)).toEqual(['passwordExpiresSoon']);
    expect(adminWarnings({ ...admin, passwordExpires: '2027-02-01' }, options)).toEqual([]);
    expect(adminWarnings({ ...admin, passwordState: 'EXPIRED' }, options)).toEqual(['passwordExpired']);
    expect(adminWarnings({ ...admin, passwordExpires: '2026-11-30' }, options)).toEqual(['passwordExpired']);
  });

  it('warns of an admin the console uses for the API that can also use the web interface, and of an IdP admin without a person id', () => {
    const far = { ...admin, passwordExpires: '2027-06-01' };
    expect(adminWarnings(far, { ...options, apiLogins: new Set(['svc']) })).toEqual(['apiAdminWithWebUi']);
    expect(adminWarnings({ ...far, privileges: ['wsApiUseOnly'] }, { ...options, apiLogins: new Set(['svc']) })).toEqual([]);
    expect(adminWarnings({ ...far, type: 'API' }, { ...options, apiLogins: new Set(['svc']) })).toEqual([]);
    expect(adminWarnings({ ...far, type: 'IDP', login: null, passwordState: null, passwordExpires: null }, options)).toEqual(['idpWithoutPersonId']);
    expect(adminWarnings({ ...far, detailed: false, type: 'IDP' }, options)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { unitActionRefusal, type UnitActor } from '../../src/shared/organizations';
import { unitDraftProblems } from '../../src/main/services/units';

const university = { id: 1001, name: 'Sandbox University', parentId: null };
const physics = { id: 1002, name: 'Department of Physics', parentId: 1001 };

const rao: UnitActor = { roles: [{ role: 'RAO_SSL', orgId: 1001 }], privileges: ['addDepartments', 'editOrganizationAndDepartment'] };
const raoWithout: UnitActor = { roles: [{ role: 'RAO_SSL', orgId: 1001 }], privileges: [] };
const drao: UnitActor = { roles: [{ role: 'DRAO_SSL', orgId: 1002 }], privileges: ['editDepartments'] };
const mrao: UnitActor = { roles: [{ role: 'MRAO', orgId: null }], privileges: [] };

const key = (value: ReturnType<typeof unitActionRefusal>) => value?.key ?? null;

describe('who may change organizations and departments', () => {
  it('lets an RAO of the organization with Add departments add one, and no one add a department to a department', () => {
    expect(key(unitActionRefusal('createDepartment', rao, university))).toBeNull();
    expect(key(unitActionRefusal('createDepartment', raoWithout, university))).toBe('unit.refuse.privilege');
    expect(key(unitActionRefusal('createDepartment', drao, university))).toBe('unit.refuse.notRao');
    expect(key(unitActionRefusal('createDepartment', mrao, physics))).toBe('unit.refuse.departmentOfDepartment');
    expect(key(unitActionRefusal('createDepartment', mrao, university))).toBeNull();
  });

  it('lets a DRAO with Edit departments edit its department but not the organization', () => {
    expect(key(unitActionRefusal('edit', drao, physics))).toBeNull();
    expect(key(unitActionRefusal('edit', drao, university))).toBe('unit.refuse.privilege');
    expect(key(unitActionRefusal('edit', rao, university))).toBeNull();
    expect(key(unitActionRefusal('edit', raoWithout, physics))).toBe('unit.refuse.privilege');
  });

  it('lets an RAO of the organization delete a department, and only an MRAO an organization', () => {
    expect(key(unitActionRefusal('delete', rao, physics))).toBeNull();
    expect(key(unitActionRefusal('delete', drao, physics))).toBe('unit.refuse.notRaoOfParent');
    expect(key(unitActionRefusal('delete', rao, university))).toBe('unit.refuse.mraoOnly');
    expect(key(unitActionRefusal('delete', mrao, university))).toBeNull();
  });
});

describe('what SCM needs of a unit', () => {
  const draft = { name: 'Chemistry', contactEmails: [], address1: 'Main Street 1', city: 'Uppsala', stateOrProvince: '', postalCode: '', country: 'SE', sslCertsApiEnabled: false, clientCertsApiEnabled: false };

  it('needs a street, a city or state and a country to create, and well-formed contact addresses', () => {
    expect(unitDraftProblems(draft, true)).toEqual([]);
    expect(unitDraftProblems({ ...draft, address1: '', city: '' }, true).map((problem) => problem.key)).toEqual(['unit.address1', 'unit.cityOrState']);
    expect(unitDraftProblems({ ...draft, address1: '', city: '' }, false)).toEqual([]);
    expect(unitDraftProblems({ ...draft, country: 'S' }, true).map((problem) => problem.key)).toEqual(['unit.country']);
    expect(unitDraftProblems({ ...draft, contactEmails: ['pki@example.org', 'not an address'] }, false).map((problem) => problem.field)).toEqual(['contactEmails']);
    expect(unitDraftProblems({ ...draft, name: 'Chem;istry' }, false).map((problem) => problem.key)).toEqual(['unit.nameCharacters']);
  });
});

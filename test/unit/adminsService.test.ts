import { describe, expect, it } from 'vitest';
import { matches, sortRows, toCsv } from '../../src/main/services/admins';
import type { AdminRow, AdminSort } from '../../src/shared/admins';
import { parseCsv } from '../support/csv';

/** Noon, 2 November 2026 (UTC): the day filters count from. */
const now = Date.UTC(2026, 10, 2, 12, 0, 0);

function row(id: number, fields: Partial<AdminRow> = {}): AdminRow {
  return {
    id,
    displayName: fields.login ?? `admin${id}`,
    login: `admin${id}`,
    name: `Admin ${id}`,
    forename: 'Admin',
    surname: String(id),
    email: `admin${id}@example.org`,
    type: 'STANDARD',
    status: 'ACTIVE',
    roles: [],
    privileges: [],
    passwordState: 'ALIVE',
    passwordExpires: '2027-01-01',
    idpPersonId: null,
    identityProviderId: null,
    lastPasswordChange: null,
    created: null,
    failedAttempts: null,
    detailed: true,
    warnings: [],
    ...fields,
  };
}

const ids = (rows: AdminRow[]) => rows.map((admin) => admin.id);

describe('matches, the Admins table’s filter', () => {
  it('keeps every admin when nothing is asked for', () => {
    expect(matches(row(1), {}, now)).toBe(true);
  });

  it('filters by type and by status, and a row whose status is not read yet matches no status', () => {
    expect(matches(row(1, { type: 'API' }), { type: 'API' }, now)).toBe(true);
    expect(matches(row(1, { type: 'IDP' }), { type: 'API' }, now)).toBe(false);
    expect(matches(row(1, { status: 'SUSPENDED' }), { status: 'SUSPENDED' }, now)).toBe(true);
    expect(matches(row(1), { status: 'SUSPENDED' }, now)).toBe(false);
    expect(matches(row(1, { status: null, detailed: false }), { status: 'ACTIVE' }, now)).toBe(false);
  });

  it('filters by role and by the organization a role is held in', () => {
    const admin = row(1, { roles: [{ role: 'DRAO_SSL', orgId: 1002, orgName: 'Department of Physics' }] });
    expect(matches(admin, { role: 'DRAO_SSL' }, now)).toBe(true);
    expect(matches(admin, { role: 'RAO_SSL' }, now)).toBe(false);
    expect(matches(admin, { org: 1002 }, now)).toBe(true);
    expect(matches(admin, { org: 1001 }, now)).toBe(false);
  });

  it('counts “password expires within N days” in whole days, expired ones included, and leaves out admins without a password', () => {
    expect(matches(row(1, { passwordExpires: '2026-11-16' }), { expiresWithin: 14 }, now)).toBe(true);
    expect(matches(row(1, { passwordExpires: '2026-11-17' }), { expiresWithin: 14 }, now)).toBe(false);
    expect(matches(row(1, { passwordExpires: '2026-11-02' }), { expiresWithin: 0 }, now)).toBe(true);
    expect(matches(row(1, { passwordExpires: '2026-10-01', passwordState: 'EXPIRED' }), { expiresWithin: 0 }, now)).toBe(true);
    expect(matches(row(1, { passwordExpires: null, passwordState: 'NEVER_EXPIRE' }), { expiresWithin: 3650 }, now)).toBe(false);
    expect(matches(row(1, { type: 'IDP', passwordExpires: null, passwordState: null }), { expiresWithin: 3650 }, now)).toBe(false);
  });

  it('finds free text in the name, login, email and IdP person id, in any case, ignoring spaces around it', () => {
    const idp = row(7, { login: null, displayName: 'eva.lindqvist@uni.example', name: 'Eva Lindqvist', email: 'eva@uni.example', idpPersonId: 'eva.lindqvist@uni.example', type: 'IDP' });
    expect(matches(idp, { q: 'LINDQVIST' }, now)).toBe(true);
    expect(matches(idp, { q: '  eva@uni ' }, now)).toBe(true);
    expect(matches(row(8, { login: 'api-backup-8' }), { q: 'backup' }, now)).toBe(true);
    expect(matches(row(9), { q: 'lindqvist' }, now)).toBe(false);
    expect(matches(row(9), { q: '   ' }, now)).toBe(true);
  });

  it('asks for every condition at once', () => {
    const admin = row(1, { type: 'API', status: 'SUSPENDED' });
    expect(matches(admin, { type: 'API', status: 'SUSPENDED', q: 'admin1' }, now)).toBe(true);
    expect(matches(admin, { type: 'API', status: 'ACTIVE', q: 'admin1' }, now)).toBe(false);
  });
});

describe('sortRows', () => {
  const byLogin = (desc: boolean): AdminSort => ({ column: 'login', desc });

  it('sorts as people read: case and accents aside, numbers by their value', () => {
    const rows = [row(1, { login: 'b-10' }), row(2, { login: 'B-9' }), row(3, { login: 'a' }), row(4, { login: 'Å' })];
    expect(sortRows(rows, byLogin(false)).map((admin) => admin.login)).toEqual(['a', 'Å', 'B-9', 'b-10']);
    expect(sortRows(rows, byLogin(true)).map((admin) => admin.login)).toEqual(['b-10', 'B-9', 'a', 'Å']);
  });

  it('puts rows without a value last, ascending and descending alike', () => {
    const rows = [row(1, { login: null }), row(2, { login: 'mats' }), row(3, { login: null }), row(4, { login: 'anna' }), row(5, { login: 'tove' })];
    expect(ids(sortRows(rows, byLogin(false)))).toEqual([4, 2, 5, 1, 3]);
    expect(ids(sortRows(rows, byLogin(true)))).toEqual([5, 2, 4, 1, 3]);
    const statuses = [row(1, { status: null }), row(2, { status: 'SUSPENDED' }), row(3, { status: 'ACTIVE' })];
    expect(ids(sortRows(statuses, { column: 'status', desc: false }))).toEqual([3, 2, 1]);
    expect(ids(sortRows(statuses, { column: 'status', desc: true }))).toEqual([2, 3, 1]);
    const expiries = [row(1, { passwordExpires: null }), row(2, { passwordExpires: '2027-03-01' }), row(3, { passwordExpires: '2026-12-24' })];
    expect(ids(sortRows(expiries, { column: 'passwordExpires', desc: false }))).toEqual([3, 2, 1]);
    expect(ids(sortRows(expiries, { column: 'passwordExpires', desc: true }))).toEqual([2, 3, 1]);
  });

  it('keeps SCM’s order among equals, in both directions', () => {
    const rows = [row(3, { type: 'API' }), row(1, { type: 'IDP' }), row(2, { type: 'API' }), row(4, { type: 'IDP' })];
    expect(ids(sortRows(rows, { column: 'type', desc: false }))).toEqual([3, 2, 1, 4]);
    expect(ids(sortRows(rows, { column: 'type', desc: true }))).toEqual([1, 4, 3, 2]);
  });

  it('sorts by name, falling back to the display name when SCM has no name', () => {
    const rows = [row(1, { name: 'Tove Berg' }), row(2, { name: '', displayName: 'anna.dahl@uni.example' }), row(3, { name: 'Mats Ek' })];
    expect(ids(sortRows(rows, { column: 'name', desc: false }))).toEqual([2, 3, 1]);
  });

  it('leaves the rows it was given as they were', () => {
    const rows = [row(2), row(1)];
    sortRows(rows, { column: 'login', desc: false });
    expect(ids(rows)).toEqual([2, 1]);
  });
});

describe('toCsv', () => {
  it('writes a header and one line per admin, CRLF-ended, with roles and privileges in one cell each', () => {
    const text = toCsv([
      row(2001, {
        login: 'rao',
        name: 'Rao Sandbox',
        roles: [
          { role: 'RAO_SSL', orgId: 1001, orgName: 'Sandbox University' },
          { role: 'MRAO', orgId: null, orgName: null },
        ],
        privileges: ['sslRequest', 'allowDCV'],
      }),
      row(2012, { login: null, type: 'IDP', status: 'SUSPENDED', passwordState: null, passwordExpires: null, idpPersonId: 'ines@uni.example' }),
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4);
    expect(parseCsv(text)).toEqual([
      ['id', 'login', 'name', 'email', 'type', 'status', 'roles', 'privileges', 'password state', 'password expires', 'IdP person id'],
      ['2001', 'rao', 'Rao Sandbox', 'admin2001@example.org', 'STANDARD', 'ACTIVE', 'RAO_SSL (Sandbox University); MRAO', 'sslRequest allowDCV', 'ALIVE', '2027-01-01', ''],
      ['2012', '', 'Admin 2012', 'admin2012@example.org', 'IDP', 'SUSPENDED', '', '', '', '', 'ines@uni.example'],
    ]);
  });

  it('writes only the header when no admin matches', () => {
    expect(toCsv([])).toBe('id,login,name,email,type,status,roles,privileges,password state,password expires,IdP person id\r\n');
  });

  it('quotes commas, quotes and line breaks, and reads back exactly', () => {
    const name = 'Lind, "Kalle"\nthe second';
    const parsed = parseCsv(toCsv([row(1, { name })]));
    expect(parsed).toHaveLength(2);
    expect(parsed[1]![2]).toBe(name);
  });

  it('never starts a cell with a character a spreadsheet reads as a formula', () => {
    const dangerous = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1'];
    const text = toCsv(dangerous.map((name, index) => row(index + 1, { name, login: name, email: `${name}@example.org` })));
    const cells = parseCsv(text).slice(1).flat();
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // The value is kept, behind an apostrophe, as spreadsheets themselves write it.
    const names = parseCsv(text).slice(1).map((fields) => fields[2]);
    expect(names).toEqual(dangerous.map((name) => `'${name}`));
  });

  it('leaves ordinary values unquoted', () => {
    const line = toCsv([row(5, { login: 'api-backup-5', name: 'Service api-backup-5' })]).split('\r\n')[1]!;
    expect(line.startsWith('5,api-backup-5,Service api-backup-5,')).toBe(true);
    expect(line).not.toContain('"');
  });
});

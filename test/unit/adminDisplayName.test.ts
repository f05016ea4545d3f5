import { describe, expect, it } from 'vitest';
import { adminDisplayName } from '../../src/shared/scm/types';

const blank = { id: 2011, login: null, email: '', forename: '', surname: '', idpPersonId: null };

describe('adminDisplayName', () => {
  it('names an admin by login first', () => {
    expect(adminDisplayName({ ...blank, login: 'rao', idpPersonId: 'rao@idp.example', email: 'rao@example.org', forename: 'Ra', surname: 'O' })).toBe('rao');
  });

  it('names an admin without a login by IdP person id, then email, then names, then id', () => {
    expect(adminDisplayName({ ...blank, idpPersonId: 'eva@idp.example', email: 'eva@example.org', forename: 'Eva' })).toBe('eva@idp.example');
    expect(adminDisplayName({ ...blank, email: 'eva@example.org', forename: 'Eva' })).toBe('eva@example.org');
    expect(adminDisplayName({ ...blank, forename: 'Eva', surname: 'Lind' })).toBe('Eva Lind');
    expect(adminDisplayName({ ...blank, surname: 'Lind' })).toBe('Lind');
    expect(adminDisplayName(blank)).toBe('#2011');
  });

  it('passes over empty and blank values, and list rows that carry no IdP person id', () => {
    expect(adminDisplayName({ ...blank, login: '  ', idpPersonId: '', email: 'x@example.org' })).toBe('x@example.org');
    const { idpPersonId: _omitted, ...row } = blank;
    expect(adminDisplayName({ ...row, forename: 'Sam' })).toBe('Sam');
  });
});

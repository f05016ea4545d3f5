import { describe, expect, it } from 'vitest';
import { adminsSearchSchema } from '../../src/renderer/src/features/admins/search';
import { auditSearchSchema } from '../../src/renderer/src/features/audit/search';

/**
 * The Admins and Audit log pages keep their view in the address
 * (`#/admins?type=API&expiresWithin=14`), so a link can be pasted. The router
 * hands these schemas what it read from the address: strings for what was
 * typed, numbers and booleans for what it could read as JSON.
 */
describe('the Admins page address', () => {
  it('keeps every good value', () => {
    const search = { type: 'API', status: 'SUSPENDED', role: 'RAO_SSL', org: 1001, expiresWithin: 14, q: 'berg', sort: 'login', desc: true, admin: 2_000_001 };
    expect(adminsSearchSchema().parse(search)).toEqual(search);
  });

  it('opens with no filter at all', () => {
    expect(adminsSearchSchema().parse({})).toEqual({});
  });

  it('reads numbers given as strings', () => {
    expect(adminsSearchSchema().parse({ org: '1001', expiresWithin: '0', admin: '2000001' })).toEqual({ org: 1001, expiresWithin: 0, admin: 2_000_001 });
  });

  it('drops each bad value without an error, and keeps the good ones beside it', () => {
    const parsed = adminsSearchSchema().parse({
      type: 'ROBOT',
      status: 'active',
      role: 'rao ssl; drop table',
      org: 'the university',
      expiresWithin: '3651',
      q: 'x'.repeat(201),
      sort: 'privileges',
      desc: 'yes',
      admin: -3,
    });
    expect(parsed).toEqual({});
    expect(adminsSearchSchema().parse({ type: 'IDP', expiresWithin: -1, q: 'lind', org: 1.5 })).toEqual({ type: 'IDP', q: 'lind' });
  });

  it('takes the limits themselves and nothing past them', () => {
    expect(adminsSearchSchema().parse({ expiresWithin: 3650 })).toEqual({ expiresWithin: 3650 });
    expect(adminsSearchSchema().parse({ expiresWithin: 3651 })).toEqual({});
    expect(adminsSearchSchema().parse({ q: 'x'.repeat(200) }).q).toHaveLength(200);
    expect(adminsSearchSchema().parse({ org: 0 })).toEqual({});
  });

  it('ignores a parameter it does not know', () => {
    expect(adminsSearchSchema().parse({ type: 'SAS', page: 4 })).toEqual({ type: 'SAS' });
  });
});

describe('the Audit log page address', () => {
  it('keeps every good value', () => {
    const search = { q: 'delete admin', operation: 'change the password', result: 'failed', from: '2026-11-01', to: '2026-11-30' };
    expect(auditSearchSchema().parse(search)).toEqual(search);
  });

  it('opens with no filter at all', () => {
    expect(auditSearchSchema().parse({})).toEqual({});
  });

  it('knows every result the log records', () => {
    for (const result of ['ok', 'failed', 'outcome-unknown']) expect(auditSearchSchema().parse({ result })).toEqual({ result });
  });

  it('drops each bad value without an error, and keeps the good ones beside it', () => {
    expect(auditSearchSchema().parse({ q: 42, operation: 'x'.repeat(201), result: 'maybe', from: '1 Nov 2026', to: '2026-11-1' })).toEqual({});
    expect(auditSearchSchema().parse({ result: 'lost', from: '2026-11-01', to: 20261130 })).toEqual({ from: '2026-11-01' });
  });
});

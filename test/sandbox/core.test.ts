import { describe, expect, it } from 'vitest';
import { callerFor, passwordOf, useSandbox } from './helpers';

const sandbox = useSandbox();

describe('sandbox authentication', () => {
  it('answers every failure with 401 -16 Unknown user', async () => {
    const s = sandbox();
    const unknownUser = { code: -16, description: 'Unknown user' };
    const cases = [
      callerFor(s, 'rao', 'wrong-password'),
      callerFor(s, 'nobody', 'whatever'),
      callerFor(s, 'idp-only', 'anything'),
      callerFor(s, 'rao-locked'),
    ];
    for (const call of cases) {
      const reply = await call('GET', '/api/organization/v1');
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual(unknownUser);
    }
    const wrongCustomer = await callerFor(s, 'rao')('GET', '/api/organization/v1', undefined, { customerUri: 'elsewhere' });
    expect(wrongCustomer.status).toBe(401);
    const noHeaders = await fetch(`${s.url}/api/organization/v1`);
    expect(noHeaders.status).toBe(401);
  });

  it('refuses the /private prefix without a client certificate', async () => {
    const reply = await callerFor(sandbox(), 'rao')('GET', '/private/api/organization/v1');
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ code: -16 });
  });

  it('lets an admin with an expired password do nothing but read and change it', async () => {
    const s = sandbox();
    const seeded = passwordOf(s, 'rao-expired');
    const expired = callerFor(s, 'rao-expired');
    expect((await expired('GET', '/api/organization/v1')).status).toBe(401);
    const state = await expired('GET', '/api/admin/v1/password');
    expect(state.status).toBe(200);
    expect(state.json).toMatchObject({ state: 'EXPIRED' });
    expect((await expired('POST', '/api/admin/v1/changepassword', { newPassword: 'short' })).json).toMatchObject({ code: -7306 });
    expect((await expired('POST', '/api/admin/v1/changepassword', { newPassword: 'Rao-expired-is-my-name1!' })).json).toMatchObject({ code: -7306 });
    const changed = await expired('POST', '/api/admin/v1/changepassword', { newPassword: 'Fresh-Granite-2026!' });
    expect(changed.status).toBe(204);
    const renewed = callerFor(s, 'rao-expired', 'Fresh-Granite-2026!');
    expect((await renewed('GET', '/api/organization/v1')).status).toBe(200);
    expect((await renewed('GET', '/api/admin/v1/password')).json).toMatchObject({ state: 'ALIVE' });
    expect((await callerFor(s, 'rao-expired', seeded)('GET', '/api/admin/v1/password')).status).toBe(401);
  });

  it('locks an account after five wrong passwords', async () => {
    const s = sandbox();
    const wrong = callerFor(s, 'rao-institute', 'not-the-password');
    for (let attempt = 0; attempt < 5; attempt++) await wrong('GET', '/api/organization/v1');
    expect((await callerFor(s, 'rao-institute')('GET', '/api/organization/v1')).status).toBe(401);
  });
});

describe('sandbox scope', () => {
  it('shows an RAO its organization and departments, and nothing of another organization', async () => {
    const orgs = (await callerFor(sandbox(), 'rao')('GET', '/api/organization/v1')).json as { id: number; departments: { id: number }[] }[];
    expect(orgs.map((org) => org.id)).toEqual([1001]);
    expect(orgs[0]!.departments.map((dept) => dept.id)).toEqual([1002, 1003, 1004]);
    expect((await callerFor(sandbox(), 'rao')('GET', '/api/organization/v1/1005')).status).toBe(404);
  });

  it('shows a DRAO its department only', async () => {
    const orgs = (await callerFor(sandbox(), 'drao-physics')('GET', '/api/organization/v1')).json as { id: number; departments: { id: number }[] }[];
    expect(orgs).toEqual([expect.objectContaining({ id: 1001, departments: [expect.objectContaining({ id: 1002 })] })]);
    expect((await callerFor(sandbox(), 'drao-physics')('GET', '/api/organization/v1/1003')).status).toBe(404);
  });

  it('shows an MRAO every organization', async () => {
    const orgs = (await callerFor(sandbox(), 'mrao')('GET', '/api/organization/v1')).json as { id: number }[];
    expect(orgs.map((org) => org.id)).toEqual([1001, 1005]);
  });
});

describe('sandbox lists', () => {
  it('pages with position and size, 25 by default, and counts with X-Total-Count and HEAD', async () => {
    const call = callerFor(sandbox(), 'mrao');
    const all = await call('GET', '/api/admin/v1?size=200');
    const total = Number(all.headers.get('x-total-count'));
    expect(total).toBe((all.json as unknown[]).length);
    const page = await call('GET', '/api/admin/v1?position=2&size=3');
    expect((page.json as unknown[]).length).toBe(3);
    expect(page.json).toEqual((all.json as unknown[]).slice(2, 5));
    const head = await call('HEAD', '/api/admin/v1');
    expect(head.status).toBe(200);
    expect(head.headers.get('x-total-count')).toBe(String(total));
    expect(head.text).toBe('');
  });

  it('refuses a malformed paging value', async () => {
    const reply = await callerFor(sandbox(), 'mrao')('GET', '/api/admin/v1?size=lots');
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ code: -1601 });
  });
});

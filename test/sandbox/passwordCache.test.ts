import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { callerFor, withSandbox } from './helpers';

vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof crypto>();
  return { ...original, scrypt: vi.fn(original.scrypt) };
});

const scryptCalls = () => vi.mocked(crypto.scrypt).mock.calls.length;

describe('sandbox password checks', () => {
  it('runs scrypt once for a password, then answers from memory until the password changes', async () => {
    await withSandbox({ certificates: 0 }, async (sandbox) => {
      const seeded = sandbox.seededPassword('rao')!;
      const rao = callerFor(sandbox, 'rao', seeded);
      expect((await rao('GET', '/api/organization/v1')).status).toBe(200);
      const afterFirst = scryptCalls();
      for (let request = 0; request < 20; request++) expect((await rao('GET', '/api/admin/v1/password')).status).toBe(200);
      expect(scryptCalls()).toBe(afterFirst);

      // A wrong password is never remembered.
      expect((await callerFor(sandbox, 'rao', `${seeded}x`)('GET', '/api/admin/v1/password')).status).toBe(401);
      expect(scryptCalls()).toBe(afterFirst + 1);

      const next = 'Cached-Then-Changed-3!';
      expect((await rao('POST', '/api/admin/v1/changepassword', { newPassword: next })).status).toBe(204);
      expect((await rao('GET', '/api/admin/v1/password')).status).toBe(401);
      const renewed = callerFor(sandbox, 'rao', next);
      expect((await renewed('GET', '/api/admin/v1/password')).status).toBe(200);
      const afterChange = scryptCalls();
      expect((await renewed('GET', '/api/admin/v1/password')).status).toBe(200);
      expect(scryptCalls()).toBe(afterChange);
    });
  });
});

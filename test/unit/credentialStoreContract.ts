import { describe, expect, it } from 'vitest';
import { CredentialStoreError, type CredentialStore } from '../../src/main/credentials';

/** What every credential store must do, run against the memory store and a real keychain alike. */
export function credentialStoreContract(name: string, make: () => CredentialStore, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip === true)(`${name}: the credential store contract`, () => {
    it('stores, reads, replaces and deletes a secret per profile and kind', async () => {
      const store = make();
      expect(await store.get('p1', 'password')).toBeUndefined();
      await store.set('p1', 'password', 'First-Secret-1!');
      await store.set('p1', 'client-secret', 'Client-Secret-1!');
      await store.set('p2', 'password', 'Second-Profile-1!');
      expect(await store.get('p1', 'password')).toBe('First-Secret-1!');
      await store.set('p1', 'password', 'Replaced-Secret-2!');
      expect(await store.get('p1', 'password')).toBe('Replaced-Secret-2!');
      expect(await store.get('p1', 'client-secret')).toBe('Client-Secret-1!');
      await store.delete('p1', 'password');
      expect(await store.get('p1', 'password')).toBeUndefined();
      await store.delete('p1', 'password');
      expect(await store.get('p2', 'password')).toBe('Second-Profile-1!');
    });

    it('lists its own entries by profile and kind', async () => {
      const store = make();
      await store.set('aa', 'password', 'One-Secret-1!');
      await store.set('bb', 'private-key', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----');
      const entries = await store.list();
      expect(entries).toEqual(expect.arrayContaining([{ profileId: 'aa', secret: 'password' }, { profileId: 'bb', secret: 'private-key' }]));
      expect(entries).toHaveLength(2);
    });

    it('keeps characters as they are: unicode, quotes, newlines and long values', async () => {
      const store = make();
      const value = `Pässwörd "quoted" 'single' \\ ${'x'.repeat(4000)}\nline two ✓`;
      await store.set('cc', 'password', value);
      expect(await store.get('cc', 'password')).toBe(value);
    });

    it('refuses bad keys and values without echoing the value', async () => {
      const store = make();
      const secret = 'Do-Not-Echo-Me-1!';
      for (const attempt of [
        () => store.set('Not A Profile', 'password', secret),
        () => store.set('dd', 'token' as never, secret),
        () => store.set('dd', 'password', ''),
        () => store.set('dd', 'password', 'y'.repeat(16 * 1024 + 1)),
      ]) {
        const error = await attempt().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(CredentialStoreError);
        expect((error as Error).message).not.toContain(secret);
      }
      expect(await store.list()).toEqual([]);
    });
  });
}

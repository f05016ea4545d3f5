import { describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { credentialStoreContract } from './credentialStoreContract';

credentialStoreContract('memory', () => new MemoryCredentialStore());

describe('the memory store', () => {
  it('is a store of its own: two instances share nothing', async () => {
    const one = new MemoryCredentialStore();
    await one.set('ee', 'password', 'Only-In-One-1!');
    expect(await new MemoryCredentialStore().get('ee', 'password')).toBeUndefined();
    expect(one.kind).toBe('memory');
  });
});

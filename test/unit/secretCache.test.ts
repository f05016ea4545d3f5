import { afterEach, describe, expect, it, vi } from 'vitest';
import { keptWhileInUse } from '../../src/main/services/secretCache';

afterEach(() => {
  vi.useRealTimers();
});

describe('a secret kept while in use', () => {
  it('is read once for many requests, and again only after it went unused for a while', async () => {
    vi.useFakeTimers();
    const read = vi.fn(async () => 'Secret-123!');
    const secret = keptWhileInUse(read, 60_000);
    for (let i = 0; i < 5000; i++) expect(await secret()).toBe('Secret-123!');
    expect(read).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(59_000);
    await secret();
    vi.advanceTimersByTime(59_000);
    await secret();
    expect(read).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_001);
    await secret();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps no failed read', async () => {
    const read = vi.fn().mockRejectedValueOnce(new Error('keychain locked')).mockResolvedValue('Secret-123!');
    const secret = keptWhileInUse(read);
    await expect(secret()).rejects.toThrow('keychain locked');
    expect(await secret()).toBe('Secret-123!');
    expect(read).toHaveBeenCalledTimes(2);
  });
});

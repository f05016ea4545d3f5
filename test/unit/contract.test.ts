import { describe, expect, it } from 'vitest';
import { channels, contract, methodName } from '../../src/shared/contract';
import { z } from 'zod';

describe('the contract', () => {
  it('lists exactly the channels that have a schema pair', () => {
    expect([...channels].sort()).toEqual(Object.keys(contract).sort());
  });

  it('names every channel area:action with no duplicates', () => {
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
  });

  it('gives every channel a distinct window.api function name', () => {
    const names = channels.map(methodName);
    expect(new Set(names).size).toBe(names.length);
    expect(methodName('settings:update')).toBe('settingsUpdate');
    expect(methodName('shell:openExternal')).toBe('shellOpenExternal');
  });

  it('has a zod schema for the arguments and the answer of every channel', () => {
    for (const channel of channels) {
      expect(contract[channel].args).toBeInstanceOf(z.ZodType);
      expect(contract[channel].result).toBeInstanceOf(z.ZodType);
    }
  });

  it('keeps the preload-facing channel list free of imports', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../../src/shared/contract/channels.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
  });
});

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

  it('bounds a checklist’s form values before any checklist reads them', () => {
    const start = contract['checklists:start'].args;
    const form = { checklistId: 'first-certificate', inputs: { orgId: 1001, commonName: 'www.example.org', subjectAlternativeNames: ['example.org'], customFields: [{ name: 'Owner', value: 'IT' }], keep: true, note: null } };
    expect(start.safeParse(form).success).toBe(true);
    let deep: unknown = 'x';
    for (let level = 0; level < 200; level++) deep = [deep];
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`field${index}`, 'x']));
    for (const inputs of [{ login: 'x'.repeat(10_001) }, { list: deep }, many, { names: Array.from({ length: 1_001 }, () => 'x') }, { fn: undefined }]) {
      expect(start.safeParse({ checklistId: 'api-admin', inputs }).success).toBe(false);
    }
  });

  it('keeps the preload-facing channel list free of imports', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../../src/shared/contract/channels.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type HandlerTable } from '../../src/main/ipc';
import { ok } from '../../src/shared/result';
import { refusingHandlers } from './handlerStubs';

function handlerTable(overrides: Partial<HandlerTable> = {}): HandlerTable {
  return {
    ...refusingHandlers(),
    'app:info': () =>
      ok({
        name: 'TCS Admin Console',
        version: '1.0.0',
        shell: 'browser',
        platform: 'linux',
        arch: 'x64',
        versions: { node: '20.0.0' },
        userDataDir: '/tmp/x',
        notices: [],
      }),
    'settings:get': () => ok({ theme: 'system', language: 'system' }),
    'settings:update': (patch) => ok({ theme: patch.theme ?? 'system', language: patch.language ?? 'system' }),
    'shell:openExternal': () => ok({ opened: false }),
    ...overrides,
  };
}

describe('the dispatcher', () => {
  it('refuses bad arguments with a validation error and never runs the handler', async () => {
    const update = vi.fn(() => ok({ theme: 'dark' as const, language: 'system' as const }));
    const dispatch = createDispatcher(handlerTable({ 'settings:update': update }));

    const result = await dispatch('settings:update', { theme: 'sepia' });

    expect(update).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('validation');
      expect(result.error.message).toContain('theme');
      expect(result.error.anchor).toBe('errors#kind-validation');
    }
  });

  it('names every wrong field at once, each with what to do, and never the raw channel or the values', async () => {
    const create = vi.fn();
    const dispatch = createDispatcher(handlerTable({ 'profiles:create': create }));
    const secret = 'x'.repeat(100_000);
    const result = await dispatch('profiles:create', { name: 'n'.repeat(300), host: 'h'.repeat(3000), customerUri: 'c', login: 'l', authKind: 'telepathy', colour: secret });

    expect(create).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).not.toMatch(/request for|profiles:create|Too big/);
    expect(result.error.fields).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'Enter at most 200 characters.', key: 'tooBig.string', params: { maximum: 200 } },
        { field: 'host', message: 'Enter at most 2,048 characters.', key: 'tooBig.string', params: { maximum: 2048 } },
        { field: 'authKind', message: 'Choose one of: password, certificate, oauth2.', key: 'choose', params: { values: 'password, certificate, oauth2' } },
        { field: 'colour', message: 'The console does not know this field.', key: 'unknownField' },
      ]),
    );
    expect(JSON.stringify(result)).not.toContain('xxxxxxxx');

    const tooLong = await dispatch('profiles:setSecret', { id: 'abc', secret });
    expect(tooLong).toMatchObject({ ok: false, error: { field: 'secret', fields: [{ field: 'secret', message: 'Enter at most 16,384 characters.' }] } });
    expect(JSON.stringify(tooLong)).not.toContain('xxxxxxxx');
  });

  it('refuses fields the contract does not know', async () => {
    const update = vi.fn(() => ok({ theme: 'dark' as const, language: 'system' as const }));
    const dispatch = createDispatcher(handlerTable({ 'settings:update': update }));

    const result = await dispatch('settings:update', { theme: 'dark', password: 'hunter2-secret' });

    expect(update).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('hunter2-secret');
  });

  it('refuses a channel that does not exist', async () => {
    const result = await createDispatcher(handlerTable())('admin:deleteEverything', {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('turns an unexpected exception into an internal error with no message or stack in it', async () => {
    const logged: string[] = [];
    const dispatch = createDispatcher(
      handlerTable({
        'settings:get': () => {
          throw new Error('connection string password=topsecret failed');
        },
      }),
      { onInternalError: (channel, error) => logged.push(`${channel} ${String(error)}`) },
    );

    const result = await dispatch('settings:get', undefined);

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('internal');
      expect(result.error.message).not.toContain('topsecret');
      expect(JSON.stringify(result)).not.toMatch(/topsecret|at .*\.ts/);
    }
    expect(logged).toHaveLength(1);
  });

  it('passes an expected failure from a handler through unchanged', async () => {
    const dispatch = createDispatcher(
      handlerTable({
        'shell:openExternal': () => ({ ok: false, error: { kind: 'validation', message: 'not allowed' } }),
      }),
    );
    expect(await dispatch('shell:openExternal', { url: 'https://example.org' })).toEqual({
      ok: false,
      error: { kind: 'validation', message: 'not allowed' },
    });
  });

  it('strips from an answer every field the contract does not list', async () => {
    const leaky = { theme: 'dark', language: 'sv', storedPassword: 'never-leave-main' };
    const dispatch = createDispatcher(handlerTable({ 'settings:get': () => ok(leaky as never) }));

    const result = await dispatch('settings:get', undefined);

    expect(result).toEqual({ ok: true, value: { theme: 'dark', language: 'sv' } });
  });

  it('refuses to send an answer that breaks the contract', async () => {
    const dispatch = createDispatcher(handlerTable({ 'settings:get': () => ok({ theme: 42 } as never) }));
    expect(await dispatch('settings:get', undefined)).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });
});

import { describe, expect, it } from 'vitest';
import { profileInputSchema, profileNameProblem } from '../../src/shared/profiles';

const base = { host: 'cert-manager.com', customerUri: 'sunet', login: 'api-admin', authKind: 'password' as const };

describe('profile names', () => {
  it.each([
    ['a zero-width space', 'Prod\u200Buction', '200B'],
    ['a right-to-left override', 'Test\u202Enoitcudorp', '202E'],
    ['a byte-order mark inside', 'Pro\uFEFFduction', 'FEFF'],
    ['a NUL', 'Prod\u0000uction', '0000'],
    ['a carriage return and line feed', 'Prod\r\nuction', '000D'],
    ['a tab', 'Prod\tuction', '0009'],
    ['a no-break space', 'Prod\u00A0uction', '00A0'],
    ['a line separator', 'Prod\u2028uction', '2028'],
    ['a soft hyphen', 'Pro\u00ADduction', '00AD'],
    ['a private-use character', 'Prod\uE000uction', 'E000'],
  ])('refuses %s, naming the character and where it is', (_what, name, code) => {
    const parsed = profileInputSchema.safeParse({ ...base, name });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((candidate) => candidate.path[0] === 'name');
    expect(issue?.message).toContain(`U+${code}`);
    expect(profileNameProblem(name)).toMatch(/invisible or control character/);
  });

  it.each(['Production', 'Universitet – SSL API', 'Ärenden för Göteborg', 'Müller & Söhne (test)', '東京大学'])('takes the ordinary name %s', (name) => {
    expect(profileInputSchema.safeParse({ ...base, name }).success).toBe(true);
  });

  it('stores a name in one Unicode form, so two spellings of é are the same name', () => {
    const composed = profileInputSchema.parse({ ...base, name: 'Caf\u00e9' }).name;
    const decomposed = profileInputSchema.parse({ ...base, name: 'Cafe\u0301' }).name;
    expect(decomposed).toBe(composed);
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProfileError, validateProfile } from '../../src/main/services/profiles/validation';
import { fieldErrorsOf, withMessageKey } from '../../src/shared/fieldErrors';
import { profileInputSchema, type ProfileInput } from '../../src/shared/profiles';
import type { FieldError, MessageParams } from '../../src/shared/result';
import { validationEn } from '../../src/renderer/src/lib/validationMessages';
import { validationSv } from '../../src/renderer/src/lib/validationMessages.sv';

/**
 * A field's problem travels as English and as a key with values, so the
 * command line reads the English and the interface words it in the user's
 * language. These tests hold the two together: every key a check gives is in
 * both catalogues, and the English catalogue says what the English message says.
 */

type Tree = { readonly [key: string]: string | Tree };

function entry(catalogue: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = catalogue;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** An entry with its values put in, numbers as English writes them. */
function worded(template: string, params: MessageParams = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => {
    const value = params[name];
    return typeof value === 'number' ? value.toLocaleString('en') : (value ?? `{{${name}}}`);
  });
}

/** Checks a problem has a key both catalogues know, whose English is the message itself. */
function expectKeyed(problem: FieldError | undefined): void {
  expect(problem?.key, `a key for “${problem?.message}”`).toBeDefined();
  const english = entry(validationEn, problem!.key!);
  expect(english, `validation.${problem!.key} in English`).toBeDefined();
  expect(entry(validationSv, problem!.key!), `validation.${problem!.key} in Swedish`).toBeDefined();
  expect(worded(english!, problem!.params)).toBe(problem!.message);
}

function problemsOf(input: unknown): FieldError[] {
  const parsed = profileInputSchema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return fieldErrorsOf(parsed.error);
}

function refusalOf(work: () => unknown): FieldError[] {
  try {
    work();
  } catch (error) {
    if (error instanceof ProfileError) return error.fields;
    throw error;
  }
  throw new Error('expected a refusal');
}

const base: ProfileInput = { name: 'University API', host: 'cert-manager.com', customerUri: 'sunet', login: 'api-admin', authKind: 'password' };

describe('the problems zod finds by itself', () => {
  const schema = z
    .object({
      text: z.string().max(80),
      short: z.string().min(1),
      longer: z.string().min(12),
      items: z.array(z.string()).max(2),
      few: z.array(z.string()).min(3),
      count: z.number().max(10_000),
      least: z.number().min(5),
      needed: z.string(),
      typed: z.string(),
      number: z.number(),
      kind: z.enum(['password', 'oauth2']),
      pattern: z.string().regex(/^a+$/),
    })
    .strict();

  const problems = fieldErrorsOf(
    schema.safeParse({ text: 't'.repeat(81), short: '', longer: 'short', items: ['a', 'b', 'c'], few: [], count: 20_000, least: 1, typed: 4, number: 'four', kind: 'telepathy', pattern: 'b', colour: 'red' }).error!,
  );
  const byField = new Map(problems.map((problem) => [problem.field, problem]));

  it.each([
    ['text', 'tooBig.string', { maximum: 80 }, 'Enter at most 80 characters.'],
    ['short', 'tooSmall.empty', undefined, 'This cannot be empty.'],
    ['longer', 'tooSmall.string', { minimum: 12 }, 'Enter at least 12 characters.'],
    ['items', 'tooBig.items', { maximum: 2 }, 'Give at most 2 items.'],
    ['few', 'tooSmall.items', { minimum: 3 }, 'Give at least 3 items.'],
    ['count', 'tooBig.number', { maximum: 10_000 }, 'Enter 10,000 or less.'],
    ['least', 'tooSmall.number', { minimum: 5 }, 'Enter 5 or more.'],
    ['needed', 'required', undefined, 'This is needed.'],
    ['typed', 'wrongType.text', undefined, 'This must be text.'],
    ['number', 'wrongType.other', { expected: 'number' }, 'This must be of the type number.'],
    ['kind', 'choose', { values: 'password, oauth2' }, 'Choose one of: password, oauth2.'],
    ['pattern', 'invalid', undefined, 'This is not in the expected form.'],
    ['colour', 'unknownField', undefined, 'The console does not know this field.'],
  ])('words %s as what to do, with the key %s and its values', (field, key, params, message) => {
    const problem = byField.get(field);
    expect(problem).toEqual({ field, message, key, ...(params === undefined ? {} : { params }) });
    expectKeyed(problem);
  });

  it('keeps the numbers in the values as numbers, for each language to write its own way', () => {
    expect(byField.get('count')?.params).toEqual({ maximum: 10_000 });
  });
});

describe('the profile schema’s own messages', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['an empty name', { name: '   ' }, 'name', 'profile.nameMissing'],
    ['a long name', { name: 'N'.repeat(81) }, 'name', 'profile.nameTooLong'],
    ['a hidden character in the name', { name: 'Prod\u200Buction' }, 'name', 'profile.nameHidden'],
    ['an empty host', { host: ' ' }, 'host', 'profile.hostMissing'],
    ['a host that is no host', { host: 'https://exa mple.org' }, 'host', 'profile.hostUnreadable'],
    ['a host with a login', { host: 'https://user:pw@cert-manager.com' }, 'host', 'profile.hostCredentials'],
    ['plain http to another machine', { host: 'http://example.org' }, 'host', 'profile.hostHttp'],
    ['another scheme', { host: 'ftp://cert-manager.com' }, 'host', 'profile.hostScheme'],
    ['a query', { host: 'https://cert-manager.com/?a=1' }, 'host', 'profile.hostQuery'],
    ['a path', { host: 'https://cert-manager.com/customer/sunet' }, 'host', 'profile.hostPath'],
    ['a customer URI with a space', { customerUri: 'a b' }, 'customerUri', 'profile.customerUri'],
    ['a login with a space', { login: 'has space' }, 'login', 'profile.login'],
    ['OAuth2 without a client ID', { authKind: 'oauth2' }, 'clientId', 'profile.clientIdMissing'],
    ['a token URL over http', { authKind: 'oauth2', clientId: 'c', tokenUrl: 'http://example.org/token' }, 'tokenUrl', 'profile.tokenUrl'],
    ['a certificate sign-in without a certificate', { authKind: 'certificate' }, 'certificate', 'profile.certificateMissing'],
    ['a certificate not in PEM form', { authKind: 'certificate', certificate: 'MIIB…' }, 'certificate', 'profile.certificatePem'],
  ])('gives %s its key', (_what, change, field, key) => {
    const problem = problemsOf({ ...base, ...change }).find((candidate) => candidate.field === field);
    expect(problem?.key).toBe(key);
    expectKeyed(problem);
  });

  it('carries the character and its place for a hidden character, never the name', () => {
    const problem = problemsOf({ ...base, name: 'Prod\u200Buction' }).find((candidate) => candidate.field === 'name');
    expect(problem?.params).toEqual({ code: '200B', position: 5 });
  });

  it('cuts a long host short in the values', () => {
    const host = `https://${'a b'.repeat(400)}`;
    const problem = problemsOf({ ...base, host }).find((candidate) => candidate.field === 'host');
    expect(problem?.key).toBe('profile.hostUnreadable');
    expect(String(problem?.params?.host).length).toBeLessThanOrEqual(100);
  });
});

describe('the profile service’s refusals', () => {
  it.each<[string, () => unknown, string, string]>([
    ['a name in use', () => validateProfile(base, new Set(['university api'])), 'name', 'profile.nameTaken'],
    ['an unreadable certificate', () => validateProfile({ ...base, authKind: 'certificate', certificate: '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----' }, new Set()), 'certificate', 'profile.certificateUnreadable'],
    ['an empty password', () => validateProfile(base, new Set(), ''), 'secret', 'profile.secretMissing.password'],
    ['an empty client secret', () => validateProfile({ ...base, authKind: 'oauth2', clientId: 'c' }, new Set(), ''), 'secret', 'profile.secretMissing.oauth2'],
    ['a password longer than SCM takes', () => validateProfile(base, new Set(), 'p'.repeat(20_000)), 'secret', 'profile.secretTooLong.password'],
    ['a private key with a passphrase', () => validateProfile({ ...base, authKind: 'certificate', certificate: '' }, new Set(), '-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----'), 'secret', 'profile.privateKeyEncrypted'],
    ['an unreadable private key', () => validateProfile({ ...base, authKind: 'certificate', certificate: '' }, new Set(), 'not a key'), 'secret', 'profile.privateKeyUnreadable'],
  ])('words %s by its key once the form receives it', (_what, work, field, key) => {
    const problem = refusalOf(work).map(withMessageKey).find((candidate) => candidate.field === field);
    expect(problem?.key).toBe(key);
    expectKeyed(problem);
  });
});

describe('giving a message its key', () => {
  it('leaves a message it does not know as it is', () => {
    const problem = { field: 'name', message: 'Something only main says.' };
    expect(withMessageKey(problem)).toBe(problem);
  });

  it('keeps a key that is there already', () => {
    const problem = { field: 'name', message: 'Give the profile a name.', key: 'tooSmall.empty' };
    expect(withMessageKey(problem)).toBe(problem);
  });
});

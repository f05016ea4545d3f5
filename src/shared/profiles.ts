import { z } from 'zod';
import { profileIdPattern } from './profileIds';

export { profileIdPattern, sandboxProfileId } from './profileIds';

/** How a profile signs in to SCM. */
export const authKinds = ['password', 'certificate', 'oauth2'] as const;
export type AuthKind = (typeof authKinds)[number];

export const authKindLabels: Record<AuthKind, string> = {
  password: 'Password',
  certificate: 'Client certificate',
  oauth2: 'OAuth2 client credentials',
};

/** The secret each sign-in method keeps in the keychain. */
export const secretKindOf = {
  password: 'password',
  certificate: 'private-key',
  oauth2: 'client-secret',
} as const satisfies Record<AuthKind, string>;

export const defaultHost = 'https://cert-manager.com';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A host as people type it (`cert-manager.com`, `https://hard.cert-manager.com/api/`)
 * reduced to its origin. Any https host is allowed; plain http only on this machine.
 * Returns an error message instead when the text is not such a host.
 */
export function normaliseHost(raw: string): { origin: string } | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: 'Enter the SCM host, for example cert-manager.com.' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { error: `“${text}” is not a host name or address.` };
  }
  if (url.username !== '' || url.password !== '') return { error: 'The host must not contain a login or password.' };
  if (url.protocol === 'http:' && !loopbackHosts.has(url.hostname)) return { error: 'SCM is reached over https. Plain http is allowed only for a sandbox on this machine (127.0.0.1).' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: 'The host must start with https://.' };
  if (url.search !== '' || url.hash !== '') return { error: 'The host must not contain a query or a fragment.' };
  if (!/^\/?(api\/?)?$/.test(url.pathname)) return { error: 'Enter only the host (for example https://cert-manager.com), without a path.' };
  return { origin: url.origin };
}

/** SCM's own rules: customer URIs are short names; logins allow a few symbols. */
export const customerUriPattern = /^[A-Za-z0-9_.-]{1,64}$/;
export const loginPattern = /^[a-zA-Z0-9!@_.\-+']{1,128}$/;

/**
 * Characters that change how a name reads without showing: controls (NUL,
 * CR, LF, tab…), format characters (zero-width space and joiners, the
 * direction overrides and isolates, the byte-order mark, soft hyphen), line
 * and paragraph separators, private-use and unassigned code points, and any
 * space but the plain one. With them "Prod\u200Buction" would pass for
 * "Production".
 */
const hiddenCharacter = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;

/** Why a profile name cannot be used, or null. Names are compared after NFC normalisation. */
export function profileNameProblem(value: string): string | null {
  const match = hiddenCharacter.exec(value);
  if (match !== null) {
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `The name contains an invisible or control character (U+${code}) at position ${match.index + 1}. Type the name again with letters, digits, punctuation and plain spaces.`;
  }
  return null;
}

const name = z
  .string()
  .transform((value) => value.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'Give the profile a name.')
      .max(80, 'Keep the name to 80 characters or fewer.')
      .superRefine((value, context) => {
        const problem = profileNameProblem(value);
        if (problem !== null) context.addIssue({ code: 'custom', message: problem });
      }),
  );

const host = z.string().max(2048).transform((value, context) => {
  const result = normaliseHost(value);
  if ('error' in result) {
    context.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  }
  return result.origin;
});

const customerUri = z
  .string()
  .transform((value) => value.trim())
  .pipe(z.string().regex(customerUriPattern, 'The customer URI holds letters, digits, dots, dashes and underscores only: the part after /customer/ in your SCM login address.'));

const login = z
  .string()
  .transform((value) => value.trim())
  .pipe(z.string().regex(loginPattern, 'The login holds letters, digits and ! @ _ . - + \' only, up to 128 characters.'));

const certificatePem = z
  .string()
  .max(64 * 1024)
  .refine((value) => /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(value), 'Paste the certificate in PEM form (-----BEGIN CERTIFICATE-----).');

/** What a person enters for a profile; main validates it before anything is saved. */
export const profileInputSchema = z
  .object({
    name,
    host,
    customerUri,
    login,
    authKind: z.enum(authKinds),
    /** OAuth2 only. */
    clientId: z.string().trim().max(256).optional(),
    /** OAuth2 only; Sectigo's token service when left out. */
    tokenUrl: z.string().max(2048).optional(),
    /** Client certificate only: the admin's certificate chain, PEM (public, so kept in the profile). */
    certificate: certificatePem.optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.authKind === 'oauth2' && (input.clientId === undefined || input.clientId === '')) {
      context.addIssue({ code: 'custom', path: ['clientId'], message: 'OAuth2 sign-in needs the client ID Sectigo issued.' });
    }
    if (input.authKind === 'certificate' && input.certificate === undefined) {
      context.addIssue({ code: 'custom', path: ['certificate'], message: 'Certificate sign-in needs the admin’s certificate.' });
    }
    if (input.tokenUrl !== undefined && input.tokenUrl.trim() !== '') {
      let url: URL | undefined;
      try {
        url = new URL(input.tokenUrl.trim());
      } catch {
        url = undefined;
      }
      if (url === undefined || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname)))) {
        context.addIssue({ code: 'custom', path: ['tokenUrl'], message: 'The token URL must be an https address.' });
      }
    }
  });

export type ProfileInput = z.input<typeof profileInputSchema>;
export type ValidProfileInput = z.output<typeof profileInputSchema>;

export const profileIdSchema = z.string().regex(profileIdPattern, 'Not a profile id.');

/** A profile as kept in profiles.json: no secret, ever. */
export const storedProfileSchema = z.object({
  id: profileIdSchema,
  kind: z.enum(['scm', 'sandbox']),
  name: z.string().min(1).max(80),
  host: z.string(),
  customerUri: z.string(),
  login: z.string(),
  authKind: z.enum(authKinds),
  clientId: z.string().optional(),
  tokenUrl: z.string().optional(),
  certificate: z.string().optional(),
  created: z.string(),
  updated: z.string(),
  /** When a sign-in last worked, and when the secret was last replaced: they tell a stale secret from a new typo. */
  lastSignIn: z.string().optional(),
  secretChanged: z.string().optional(),
  /**
   * When SCM last refused the stored secret. Until the secret is typed again,
   * the console does not send it: repeated failures lock the account.
   */
  secretRefused: z.string().optional(),
});

export type StoredProfile = z.infer<typeof storedProfileSchema>;

/** Where a profile's secret is: the keychain, this session's memory, or nowhere yet. */
export const secretStates = ['stored', 'session', 'missing', 'built-in'] as const;
export type SecretState = (typeof secretStates)[number];

/** What the renderer sees of a profile. */
export const profileViewSchema = storedProfileSchema.extend({
  secret: z.enum(secretStates),
  /** Subject and expiry of the client certificate, for display. */
  certificateSummary: z.string().optional(),
});

export type ProfileView = z.infer<typeof profileViewSchema>;

export const profilesViewSchema = z.object({
  profiles: z.array(profileViewSchema),
  activeId: z.string().nullable(),
  /** Where secrets go: the OS keychain, or memory for this session only when none is reachable. */
  secretStore: z.enum(['keychain', 'session']),
});

export type ProfilesView = z.infer<typeof profilesViewSchema>;

/** The file handed to a colleague: profiles without ids, dates or any secret. */
export const profileExportSchema = z.object({
  format: z.literal('tcs-admin-console-profiles'),
  version: z.literal(1),
  profiles: z.array(
    storedProfileSchema.pick({ name: true, host: true, customerUri: true, login: true, authKind: true, clientId: true, tokenUrl: true, certificate: true }),
  ),
});

export type ProfileExport = z.infer<typeof profileExportSchema>;

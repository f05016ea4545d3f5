import { z } from 'zod';
import { messageParamsSchema } from './result';

/** Why a sign-in failed, as far as the console can tell. */
export const signInCauses = [
  'wrong-password',
  'unknown-login',
  'locked',
  'suspended',
  'expired-password',
  'idp-only',
  'unknown-customer',
  'not-scm',
  'unreachable',
  'no-secret',
  'keychain',
  /** SCM refused this secret before; the console does not send it again until it is typed anew. */
  'held',
  'other',
] as const;
export type SignInCause = (typeof signInCauses)[number];

export const signInProblemSchema = z.object({
  /** The cause the console settled on; `other` when it could not narrow it down. */
  cause: z.enum(signInCauses),
  title: z.string(),
  explanation: z.string(),
  /** What to do next, in order. */
  steps: z.array(z.string()),
  /** The handbook section for this cause, `page#anchor`. */
  anchor: z.string(),
  /** When SCM's answer fits several causes: the others still possible, most likely first. */
  alsoPossible: z.array(z.enum(signInCauses)),
  /** SCM's code, when it gave one. */
  code: z.number().int().optional(),
  /**
   * Whether trying again with the same secret can help. False when SCM refused
   * the secret: the console then asks for it to be entered again, as repeated
   * failures lock the account.
   */
  retry: z.boolean(),
  /**
   * Which wording of the cause applies, where one cause has several (a
   * network failure's kind, a password that worked before): the interface
   * words the problem from `variant`, else `cause`, with `params`. The English
   * texts above are for the command line and the fallback.
   */
  variant: z.string().max(64).optional(),
  params: messageParamsSchema.optional(),
});
export type SignInProblem = z.infer<typeof signInProblemSchema>;

export const passwordInfoSchema = z.object({
  state: z.enum(['ALIVE', 'EXPIRED', 'NEVER_EXPIRE']),
  /** ISO date, or null when it never expires. */
  expires: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  /** Fewer than 14 days left. */
  warning: z.boolean(),
});
export type PasswordInfo = z.infer<typeof passwordInfoSchema>;

export const identitySchema = z.object({
  login: z.string(),
  /** STANDARD, API, IDP… as SCM names the admin type; null when not readable (OAuth2 clients). */
  type: z.string().nullable(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.object({ role: z.string(), orgId: z.number().nullable(), orgName: z.string().nullable() })),
  privileges: z.array(z.string()),
  organizations: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      parentId: z.number().nullable(),
      sslApi: z.boolean().nullable(),
      clientApi: z.boolean().nullable(),
    }),
  ),
});
export type Identity = z.infer<typeof identitySchema>;

export const sessionStatuses = ['signed-out', 'signed-in', 'failed', 'password-expired'] as const;

export const sessionSchema = z.object({
  profileId: z.string().nullable(),
  status: z.enum(sessionStatuses),
  /** The sandbox: practice, not a real tenant. */
  practice: z.boolean(),
  /** `customerUri @ host`, for the title bar. */
  tenant: z.string().nullable(),
  identity: identitySchema.nullable(),
  password: passwordInfoSchema.nullable(),
  problem: signInProblemSchema.nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

export const signedOut: Session = { profileId: null, status: 'signed-out', practice: false, tenant: null, identity: null, password: null, problem: null };

/**
 * The policy the console checks before it sends a new password: SCM's sandbox
 * policy, which is also the strictest common ground of real tenants (a tenant
 * may add rules; SCM then says which).
 */
export function passwordPolicyProblems(candidate: string, login: string): string[] {
  return passwordPolicyGaps(candidate, login).map((gap) => passwordPolicyWords[gap]);
}

/** What a new password still lacks, as codes the interface words in the user's language. */
export const passwordPolicyGapCodes = ['length', 'tooLong', 'upper', 'lower', 'digit', 'symbol', 'login'] as const;
export type PasswordPolicyGap = (typeof passwordPolicyGapCodes)[number];

const passwordPolicyWords: Record<PasswordPolicyGap, string> = {
  length: 'at least 12 characters',
  tooLong: 'at most 64 characters',
  upper: 'an upper-case letter',
  lower: 'a lower-case letter',
  digit: 'a digit',
  symbol: 'a symbol',
  login: 'not containing the login',
};

export function passwordPolicyGaps(candidate: string, login: string): PasswordPolicyGap[] {
  const gaps: PasswordPolicyGap[] = [];
  if (candidate.length < 12) gaps.push('length');
  if (candidate.length > 64) gaps.push('tooLong');
  if (!/[A-Z]/.test(candidate)) gaps.push('upper');
  if (!/[a-z]/.test(candidate)) gaps.push('lower');
  if (!/[0-9]/.test(candidate)) gaps.push('digit');
  if (!/[^A-Za-z0-9]/.test(candidate)) gaps.push('symbol');
  if (login !== '' && candidate.toLowerCase().includes(login.toLowerCase())) gaps.push('login');
  return gaps;
}

export const passwordPolicyText =
  'At least 12 characters (at most 64), with an upper-case letter, a lower-case letter, a digit and a symbol; it must not contain the login and must differ from the current password.';

export const passwordChangeSchema = z
  .object({
    profileId: z.string().regex(/^[a-z0-9-]{1,64}$/),
    /** Leave out to have the console generate a strong password. */
    newPassword: z.string().min(1).max(64).optional(),
    /**
     * The password in use now, typed by the person changing it: a script that
     * can call the console cannot know it. Needed unless a generated password
     * goes straight into the keychain, unseen by anyone.
     */
    currentPassword: z.string().min(1).max(16 * 1024).optional(),
  })
  .strict();

export const passwordChangeResultSchema = z.object({
  session: sessionSchema,
  /**
   * A generated password where no keychain can keep it: shown once, so that
   * the person can keep it themselves. Never present when a keychain holds it.
   */
  generatedPassword: z.string().optional(),
  /** Where the new password is kept: the keychain, or this session's memory only. */
  keptIn: z.enum(['keychain', 'session']),
});
export type PasswordChangeResult = z.infer<typeof passwordChangeResultSchema>;

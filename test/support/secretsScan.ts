import { createPrivateKey, type KeyObject } from 'node:crypto';

/**
 * One scan for every secret a run used, over everything the console wrote,
 * printed or answered: the end-to-end run's teardown and the main-process
 * suite both use it. It reports where a secret was found and of what kind,
 * never the secret.
 */

/**
 * The environment variable naming the end-to-end run's scan folder, made by
 * its global setup in the system's temporary folder (never under
 * test-results), and read and deleted by its teardown: the secrets each worker
 * met, the consoles' data folders and output, the answers pages got and the
 * files they downloaded.
 */
export const secretsRunVariable = 'TCS_E2E_SECRETS_RUN';

/** The kinds of secret a run meets, each with where it may show by design. */
export const secretKinds = {
  /** Typed by a person into the console: a sign-in password, a new or current password. */
  'typed password': { output: false, answers: 0 },
  /** A password the sandbox was seeded with, for its admins. */
  'seeded password': { output: false, answers: 0 },
  /** The built-in sandbox's own fake passwords, which the console shows so that anyone can practise. */
  'practice password': { output: false, answers: Number.POSITIVE_INFINITY },
  /** A password the console generated and shows once, where no keychain keeps it. */
  'generated password': { output: false, answers: 1 },
  /** A temporary password made for an admin, shown once on request. */
  'temporary password': { output: false, answers: 1 },
  /** A value made for an older SCM's Secret Key field, shown once. */
  'secret key': { output: false, answers: 1 },
  /** A passphrase for a private key, or a password for a PKCS#12 file. */
  passphrase: { output: false, answers: 0 },
  'OAuth2 client secret': { output: false, answers: 0 },
  /** A private key, typed or made on this computer (found by its key material). */
  'private key': { output: false, answers: 0 },
  /** The one-time token in an address the browser shell prints. */
  'console token': { output: true, answers: 0 },
  /** The key a tab trades a token for, sent with each operation. */
  'tab key': { output: false, answers: 0 },
} as const satisfies Record<string, { output: boolean; answers: number }>;

export type SecretKind = keyof typeof secretKinds;

export function isSecretKind(value: unknown): value is SecretKind {
  return typeof value === 'string' && Object.hasOwn(secretKinds, value);
}

/** Shorter values (a "short" typed to test a policy) would match by chance: they are not looked for. */
export const shortestSecret = 8;

/**
 * What a scan reads: a file, something a process printed, or one answer the
 * console gave its page.
 */
export interface ScanItem {
  /** Where it is, for the report: a path or "answer to admins:reveal (…)". */
  label: string;
  place: 'file' | 'output' | 'answer';
  bytes: Buffer;
  /** Whether an unencrypted private key here is the sandbox's own (its test CA's), not anyone's secret. */
  sandboxKeysAllowed?: boolean;
}

export interface Finding {
  label: string;
  kind: string;
}

export interface ScanOutcome {
  /** The distinct secrets looked for. */
  looked: number;
  /** Secrets too short to look for. */
  tooShort: number;
  /** Files, outputs and answers read. */
  scanned: number;
  findings: Finding[];
}

/** The forms a secret takes when written: as it is, inside a JSON string, percent-encoded, in HTML, as base64. */
export function needlesOf(secret: string): Buffer[] {
  const forms = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  forms.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
  forms.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;'));
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  forms.add(base64);
  forms.add(base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
  return [...forms].map((form) => Buffer.from(form, 'utf8'));
}

/** An unencrypted private key in PEM: never written by the console, whoever's key it is. */
const unencryptedKey = /-----BEGIN (RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----/;

/**
 * Looks for every secret in every item. A secret registered under several
 * kinds may show wherever any of its kinds may: a practice password the page
 * shows and a person then types is still the page's to show.
 */
export function scanForSecrets(secrets: Iterable<{ kind: SecretKind; value: string }>, items: Iterable<ScanItem>): ScanOutcome {
  const byValue = new Map<string, Set<SecretKind>>();
  for (const { kind, value } of secrets) {
    const kinds = byValue.get(value) ?? new Set<SecretKind>();
    kinds.add(kind);
    byValue.set(value, kinds);
  }
  const sought: { kinds: string; needles: Buffer[]; output: boolean; answers: number; answersSeen: string[] }[] = [];
  let tooShort = 0;
  for (const [value, kinds] of byValue) {
    if (value.length < shortestSecret) {
      tooShort += 1;
      continue;
    }
    const rules = [...kinds].map((kind) => secretKinds[kind]);
    sought.push({
      kinds: [...kinds].sort().join(', '),
      needles: needlesOf(value),
      output: rules.some((rule) => rule.output),
      answers: Math.max(...rules.map((rule) => rule.answers)),
      answersSeen: [],
    });
  }
  const findings: Finding[] = [];
  let scanned = 0;
  for (const item of items) {
    scanned += 1;
    for (const secret of sought) {
      if (!secret.needles.some((needle) => item.bytes.includes(needle))) continue;
      if (item.place === 'output' && secret.output) continue;
      if (item.place === 'answer') {
        secret.answersSeen.push(item.label);
        if (secret.answersSeen.length <= secret.answers) continue;
      }
      findings.push({ label: item.label, kind: item.place === 'answer' && secret.answers > 0 ? `${secret.kinds} (in more answers than the ${secret.answers} that show it)` : secret.kinds });
    }
    if (!item.sandboxKeysAllowed && unencryptedKey.test(item.bytes.toString('latin1'))) findings.push({ label: item.label, kind: 'unencrypted private key' });
  }
  return { looked: sought.length, tooShort, scanned, findings };
}

/**
 * The built-in sandbox's state file (SCM's side of the practice tenant) as
 * the scan reads it: the seed's own fake passwords, which it keeps in clear
 * by design while they are unchanged (the console shows them to anyone who
 * practises), are left out; everything else in it is scanned.
 */
export function withoutSeedPasswords(bytes: Buffer): Buffer {
  let state: unknown;
  try {
    state = JSON.parse(bytes.toString('utf8'));
  } catch {
    return bytes;
  }
  const blank = (value: unknown): void => {
    if (Array.isArray(value)) for (const entry of value) blank(entry);
    else if (value !== null && typeof value === 'object') {
      for (const [name, entry] of Object.entries(value)) {
        if (name === 'seededPassword' && typeof entry === 'string') (value as Record<string, unknown>)[name] = '(the seed’s own)';
        else blank(entry);
      }
    }
  };
  blank(state);
  return Buffer.from(JSON.stringify(state), 'utf8');
}

/** Findings of one kind in one place, once each, with how many secrets. */
export function groupFindings(findings: Finding[]): string[] {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const line = describeFinding(finding);
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([line, count]) => (count === 1 ? line : `${line} (${count} secrets)`));
}

/** A finding as the report prints it: where, and what kind of secret. Never the secret. */
export function describeFinding(finding: Finding): string {
  return `${finding.label}: a ${finding.kind}`;
}

/**
 * The secret key material of every encrypted private key in `pems` that one of
 * `passphrases` opens: what the key would look like wherever it leaked,
 * unencrypted (its private scalar or exponent, as JWK writes it, and its
 * PKCS#8 body).
 */
export function keyMaterialOf(pems: Iterable<string>, passphrases: Iterable<string>): string[] {
  const material = new Set<string>();
  const candidates = [...new Set(passphrases)];
  for (const text of pems) {
    for (const pem of text.match(/-----BEGIN ENCRYPTED PRIVATE KEY-----[\s\S]+?-----END ENCRYPTED PRIVATE KEY-----/g) ?? []) {
      let key: KeyObject | undefined;
      for (const passphrase of candidates) {
        try {
          key = createPrivateKey({ key: pem, format: 'pem', passphrase });
          break;
        } catch {
          // Not this passphrase.
        }
      }
      if (key === undefined) continue;
      const jwk = key.export({ format: 'jwk' });
      if (typeof jwk.d === 'string') material.add(jwk.d);
      const body = (key.export({ format: 'pem', type: 'pkcs8' }) as string).split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
      // The first line is mostly the algorithm's header, the same for every key of the type; the next holds the key itself.
      if (body[1] !== undefined) material.add(body[1]);
    }
  }
  return [...material];
}

/** Field names whose values are secrets a person or a script sends the console, by kind. */
const sentFields: Record<string, SecretKind> = {
  secret: 'typed password',
  password: 'passphrase',
  newPassword: 'typed password',
  currentPassword: 'typed password',
  passphrase: 'passphrase',
  keyPassphrase: 'passphrase',
  clientSecret: 'OAuth2 client secret',
};

/** The operations whose answers show a secret on purpose, the field it is in, and its kind. */
const answeredFields: Record<string, Record<string, SecretKind>> = {
  'session:changePassword': { generatedPassword: 'generated password' },
  'sandbox:logins': { practicePassword: 'practice password' },
  'admins:reveal': { password: 'temporary password' },
  'checklists:reveal': { password: 'temporary password' },
  'checklists:secretKey': { value: 'secret key' },
};

/** Strings anywhere in `value` under a property named in `fields`, with their kind. */
function fieldSecrets(value: unknown, fields: Record<string, SecretKind>, found: { kind: SecretKind; value: string }[] = []): { kind: SecretKind; value: string }[] {
  if (Array.isArray(value)) for (const entry of value) fieldSecrets(entry, fields, found);
  else if (value !== null && typeof value === 'object') {
    for (const [name, entry] of Object.entries(value)) {
      const kind = Object.hasOwn(fields, name) ? fields[name] : undefined;
      if (kind !== undefined && typeof entry === 'string') found.push({ kind, value: entry });
      else fieldSecrets(entry, fields, found);
    }
  }
  return found;
}

/**
 * The secrets in an operation's arguments: typed passwords, passphrases,
 * client secrets, and a private key typed for a PKCS#12 file or a certificate
 * sign-in (by its key material).
 */
export function secretsSent(channel: string, args: unknown): { kind: SecretKind; value: string }[] {
  const found = fieldSecrets(args, sentFields);
  // A profile's secret is the password, the client secret or the certificate's key its sign-in kind takes.
  if (channel.startsWith('profiles:') && args !== null && typeof args === 'object') {
    const profile = (args as { profile?: { authKind?: unknown }; authKind?: unknown }).profile ?? args;
    const authKind = (profile as { authKind?: unknown }).authKind;
    for (const entry of found) if (authKind === 'oauth2' && entry.kind === 'typed password') entry.kind = 'OAuth2 client secret';
  }
  if (channel === 'checklists:secret' && args !== null && typeof args === 'object' && typeof (args as { value?: unknown }).value === 'string') {
    found.push({ kind: 'passphrase', value: (args as { value: string }).value });
  }
  const keys: { kind: SecretKind; value: string }[] = [];
  for (const entry of [...found, ...fieldSecrets(args, { keyFile: 'private key' })]) {
    if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(entry.value)) continue;
    try {
      const jwk = createPrivateKey(entry.value).export({ format: 'jwk' });
      if (typeof jwk.d === 'string') keys.push({ kind: 'private key', value: jwk.d });
    } catch {
      // Not a key node can read: nothing to look for.
    }
  }
  return [...found.filter((entry) => entry.kind !== 'private key'), ...keys];
}

/** The secrets an answer shows on purpose: a generated or temporary password, a practice password, a Secret Key. */
export function secretsAnswered(channel: string, answer: unknown): { kind: SecretKind; value: string }[] {
  const fields = Object.hasOwn(answeredFields, channel) ? answeredFields[channel] : undefined;
  if (fields === undefined || answer === null || typeof answer !== 'object') return [];
  // A Result: the value is under `value`; an answer given as it is, itself.
  const value = 'ok' in answer ? (answer as { value?: unknown }).value : answer;
  return fieldSecrets(value, fields);
}

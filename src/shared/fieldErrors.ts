import type { z } from 'zod';
import type { FieldError, MessageParams } from './result';

/**
 * A problem worded in English, with the key the interface words it by in the
 * user's language (`validation.<key>`) and the values that go into it.
 */
export interface Wording {
  message: string;
  key?: string;
  params?: MessageParams;
}

/** An issue as a parse reports it, or as an error map receives it before it has a message. */
export type IssueLike = z.core.$ZodIssue | z.core.$ZodRawIssue;

/**
 * A zod issue as a person reads it on a form: what to do, never what the code
 * checked, and never the value that was sent (it may be a password typed into
 * the wrong field). A message the schema itself gives wins, with its key when
 * the console knows it.
 */
export function describeIssue(issue: IssueLike): Wording {
  const message = issue.message ?? '';
  if (!isDefaultMessage(message)) return withMessageKey({ message });
  switch (issue.code) {
    case 'too_big': {
      const maximum = Number(issue.maximum);
      const limit = maximum.toLocaleString('en');
      if (issue.origin === 'string') return { message: `Enter at most ${limit} characters.`, key: 'tooBig.string', params: { maximum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { message: `Give at most ${limit} items.`, key: 'tooBig.items', params: { maximum } };
      return { message: `Enter ${limit} or less.`, key: 'tooBig.number', params: { maximum } };
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      const limit = minimum.toLocaleString('en');
      if (issue.origin === 'string') {
        return minimum <= 1 ? { message: 'This cannot be empty.', key: 'tooSmall.empty' } : { message: `Enter at least ${limit} characters.`, key: 'tooSmall.string', params: { minimum } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { message: `Give at least ${limit} items.`, key: 'tooSmall.items', params: { minimum } };
      return { message: `Enter ${limit} or more.`, key: 'tooSmall.number', params: { minimum } };
    }
    case 'invalid_type':
      // A parse's issues no longer hold the input (it could be a secret); only zod's own wording tells a missing value then.
      if ('input' in issue ? issue.input === undefined : / received undefined$/.test(message)) return { message: 'This is needed.', key: 'required' };
      return issue.expected === 'string'
        ? { message: 'This must be text.', key: 'wrongType.text' }
        : { message: `This must be of the type ${issue.expected}.`, key: 'wrongType.other', params: { expected: issue.expected } };
    case 'invalid_value': {
      const values = issue.values.map(String).join(', ');
      return { message: `Choose one of: ${values}.`, key: 'choose', params: { values } };
    }
    case 'unrecognized_keys':
      return { message: 'The console does not know this field.', key: 'unknownField' };
    default:
      return { message: 'This is not in the expected form.', key: 'invalid' };
  }
}

/** zod's own wording ("Too big: expected string to have <=80 characters"), as opposed to a schema's. */
function isDefaultMessage(message: string): boolean {
  return message === '' || /^(Too big|Too small|Invalid|Expected|Unrecognized key)/.test(message);
}

/** Every problem of a failed parse, one per field (the first for each). */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  const byField = new Map<string, Wording>();
  for (const issue of error.issues) {
    const fields = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [issue.path.map(String).join('.')];
    for (const field of fields) if (!byField.has(field)) byField.set(field, describeIssue(issue));
  }
  return [...byField].map(([field, wording]) => ({ field, ...wording }));
}

/** A value from a message, cut short: a parameter is shown, never stored, and has a bounded size. */
const shortened = (text: string): string => (text.length > 100 ? `${text.slice(0, 99)}…` : text);

interface KnownMessage {
  pattern: RegExp;
  key: (match: RegExpExecArray) => string;
  params?: (match: RegExpExecArray) => MessageParams;
}

const known = (pattern: RegExp, key: string, params?: (match: RegExpExecArray) => MessageParams): KnownMessage => ({ pattern, key: () => key, ...(params === undefined ? {} : { params }) });

/**
 * The messages the shared profile schema words itself (zod keeps only a
 * custom issue's text), each with its key, so the interface can word them in
 * the user's language. The profile service's own refusals carry their key.
 */
const knownMessages: readonly KnownMessage[] = [
  known(/^Give the profile a name\.$/, 'profile.nameMissing'),
  known(/^Keep the name to (\d+) characters or fewer\.$/, 'profile.nameTooLong', (match) => ({ maximum: Number(match[1]) })),
  known(/^The name contains an invisible or control character \(U\+([0-9A-F]{4,6})\) at position (\d+)\./, 'profile.nameHidden', (match) => ({ code: match[1]!, position: Number(match[2]) })),
  known(/^Enter the SCM host, for example cert-manager\.com\.$/, 'profile.hostMissing'),
  known(/^“([\s\S]*)” is not a host name or address\.$/, 'profile.hostUnreadable', (match) => ({ host: shortened(match[1]!) })),
  known(/^The host must not contain a login or password\.$/, 'profile.hostCredentials'),
  known(/^SCM is reached over https\. Plain http is allowed only for a sandbox on this machine/, 'profile.hostHttp'),
  known(/^The host must start with https:\/\/\.$/, 'profile.hostScheme'),
  known(/^The host must not contain a query or a fragment\.$/, 'profile.hostQuery'),
  known(/^Enter only the host \(for example https:\/\/cert-manager\.com\), without a path\.$/, 'profile.hostPath'),
  known(/^The customer URI holds letters, digits, dots, dashes and underscores only/, 'profile.customerUri'),
  known(/^The login holds letters, digits and /, 'profile.login'),
  known(/^OAuth2 sign-in needs the client ID Sectigo issued\.$/, 'profile.clientIdMissing'),
  known(/^The token URL must be an https address\.$/, 'profile.tokenUrl'),
  known(/^Certificate sign-in needs the admin’s certificate\.$/, 'profile.certificateMissing'),
  known(/^Paste the certificate in PEM form/, 'profile.certificatePem'),
  known(/^Enter at most (\d+) characters\.$/, 'tooBig.string', (match) => ({ maximum: Number(match[1]) })),
  known(/^This cannot be empty\.$/, 'tooSmall.empty'),
  known(/^Enter a login of 3 to 128 characters\.$/, 'checklist.login'),
  known(/^Use only letters, digits and .* in the login\.$/, 'checklist.loginCharacters'),
  known(/^Leave out the characters < > " % and ; /, 'checklist.nameCharacters'),
  known(/^Enter an email address such as pki@example\.org\.$/, 'checklist.email'),
  known(/^Choose an organization or department\.$/, 'checklist.unit'),
  known(/^Give each only once\.$/, 'checklist.distinct'),
  known(/^Choose (roles|privileges|recipients) from the list\.$|^Choose a notification type from the list\.$|^Choose SSL or client certificates\.$/, 'checklist.fromList'),
  known(/^Choose at least one role\.$/, 'checklist.oneRole'),
  known(/^Choose at most (\d+) roles\.$/, 'checklist.rolesMax', (match) => ({ maximum: Number(match[1]) })),
  known(/^Choose RAO roles or DRAO roles, not both/, 'checklist.roleLevels'),
  known(/^Choose at least one kind of certificate\.$/, 'checklist.oneKind'),
  known(/^Give at most (\d+) addresses\.$/, 'checklist.addressesMax', (match) => ({ maximum: Number(match[1]) })),
  known(/^Enter whole days\.$/, 'checklist.wholeDays'),
  known(/^Enter 1 to 365 days\.$/, 'checklist.days'),
  known(/^Choose at least one recipient: a role or an address\.$/, 'checklist.recipient'),
  known(/^Keep at least one notification\.$/, 'checklist.oneRule'),
  known(/^Give at most (\d+) notifications\.$/, 'checklist.rulesMax', (match) => ({ maximum: Number(match[1]) })),
  known(/^Give each type only once\.$/, 'checklist.typeOnce'),
  known(/^Choose an organization\.$/, 'checklist.organization'),
  known(/^Enter the city\.$/, 'checklist.city'),
  known(/^Enter the department’s name\.$/, 'checklist.departmentName'),
  known(/^Enter the street address\.$/, 'checklist.street'),
  known(/^Enter the two-letter country code, such as SE\.$/, 'checklist.country'),
  known(/^Leave out the characters < > " % and ; in the name\.$/, 'checklist.nameCharacters'),
  known(/^Choose an identity provider from the list\.$/, 'checklist.identityProvider'),
  known(/^Enter a domain name such as example\.org, as your IdP releases it in schacHomeOrganization\.$/, 'checklist.schac'),
  known(/^Enter an ePPN of the form user@scope/, 'checklist.eppn'),
  known(/^Give at most (\d+) admins\.$/, 'checklist.adminsMax', (match) => ({ maximum: Number(match[1]) })),
  known(/^Enter a domain of 4 to 253 characters, such as example\.org\.$/, 'checklist.domainLength'),
  known(/^Enter the domain without “\*\.”/, 'checklist.domainWildcard'),
  known(/^Enter a domain name such as example\.org: letters, digits and hyphens/, 'checklist.domainName'),
  known(/^Choose SSL or S\/MIME\.$/, 'checklist.fromList'),
  known(/^Choose at least one certificate type\.$/, 'checklist.oneCertType'),
  known(/^Choose how to validate: CNAME, HTTP, HTTPS or email\.$/, 'checklist.dcvMethod'),
  known(/^Choose the mailbox that receives the validation message\.$/, 'checklist.mailbox'),
  known(/^Choose a certificate profile\.$/, 'checklist.certificateProfile'),
  known(/^Choose a term\.$/, 'checklist.term'),
  known(/^Choose a key type\.$/, 'checklist.keyType'),
  known(/^Enter a name of 4 to 253 characters, such as www\.example\.org\.$/, 'checklist.hostLength'),
  known(/^Enter a host name such as www\.example\.org: letters, digits and hyphens/, 'checklist.hostName'),
  known(/^Enter the full path of the key file to make/, 'checklist.keyFile'),
  known(/^End the key file’s name with \.key/, 'checklist.keyFileName'),
];

/**
 * A problem with the key of its wording, when it has none yet and its
 * message is one the console knows; unchanged otherwise. Main's refusals of
 * a profile come through here, so the form words them like its own.
 */
export function withMessageKey<T extends Wording>(problem: T): T {
  if (problem.key !== undefined) return problem;
  for (const entry of knownMessages) {
    const match = entry.pattern.exec(problem.message);
    if (match !== null) return { ...problem, key: entry.key(match), ...(entry.params === undefined ? {} : { params: entry.params(match) }) };
  }
  return problem;
}

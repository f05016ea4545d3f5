import type { z } from 'zod';
import type { FieldError } from './result';

/**
 * A zod issue as a person reads it on a form: what to do, never what the code
 * checked, and never the value that was sent (it may be a password typed into
 * the wrong field). A message the schema itself gives wins.
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (!isDefaultMessage(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_big': {
      const limit = Number(issue.maximum).toLocaleString('en');
      if (issue.origin === 'string') return `Enter at most ${limit} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Give at most ${limit} items.`;
      return `Enter ${limit} or less.`;
    }
    case 'too_small': {
      const limit = Number(issue.minimum).toLocaleString('en');
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'This cannot be empty.' : `Enter at least ${limit} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Give at least ${limit} items.`;
      return `Enter ${limit} or more.`;
    }
    case 'invalid_type':
      return issue.input === undefined ? 'This is needed.' : `This must be ${issue.expected === 'string' ? 'text' : `a ${issue.expected}`}.`;
    case 'invalid_value':
      return `Choose one of: ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return 'The console does not know this field.';
    default:
      return 'This is not in the expected form.';
  }
}

/** zod's own wording ("Too big: expected string to have <=80 characters"), as opposed to a schema's. */
function isDefaultMessage(message: string): boolean {
  return message === '' || /^(Too big|Too small|Invalid|Expected|Unrecognized key)/.test(message);
}

/** Every problem of a failed parse, one per field (the first for each). */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  const byField = new Map<string, string>();
  for (const issue of error.issues) {
    const fields = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [issue.path.map(String).join('.')];
    for (const field of fields) if (!byField.has(field)) byField.set(field, describeIssue(issue));
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

import { z } from 'zod';
import { adminPrivilegeValues } from '../admins';
import { loginPattern } from '../profiles';

/**
 * The fields several checklists ask for, checked the same way wherever they
 * appear. Messages say what to do, in English; the interface words them in
 * the user's language by the keys in `src/shared/fieldErrors.ts`.
 */

/** An SCM login, as SCM accepts it for a new admin. */
export const scmLogin = z
  .string()
  .trim()
  .min(3, 'Enter a login of 3 to 128 characters.')
  .max(128, 'Enter a login of 3 to 128 characters.')
  .regex(loginPattern, 'Use only letters, digits and ! @ _ . - + \' in the login.');

/** A first or last name, without the characters SCM refuses in names. */
export const personName = z
  .string()
  .trim()
  .min(1, 'This cannot be empty.')
  .max(64, 'Enter at most 64 characters.')
  .refine((value) => !/[<>"%;]/.test(value), 'Leave out the characters < > " % and ; which SCM does not accept in names.');

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const emailAddress = z.string().trim().max(128, 'Enter at most 128 characters.').regex(emailPattern, 'Enter an email address such as pki@example.org.');

/** A list whose items are each given once. */
export const distinct = <T extends z.ZodType>(item: T) => z.array(item).refine((values) => new Set(values).size === values.length, 'Give each only once.');

/** The privileges a new admin can be given (never `wsApiUseOnly` here: the console sets it itself where it is needed). */
export const grantablePrivileges = adminPrivilegeValues.filter((privilege) => privilege !== 'wsApiUseOnly');

/** Which of a unit's REST API switches to turn on. */
export const apiFlagValues = ['ssl', 'client'] as const;
export type ApiFlag = (typeof apiFlagValues)[number];

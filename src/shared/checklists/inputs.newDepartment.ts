import { z } from 'zod';
import { apiFlagValues, distinct, emailAddress, grantablePrivileges, personName, scmLogin } from './fields';

/**
 * What the checklist “A new department and its DRAO” asks for: the department
 * (its organization, name, address and REST API switches), an existing
 * validated domain to delegate to it, and the person who will be its DRAO.
 */

const unitId = z.number({ error: 'Choose an organization.' }).int().positive('Choose an organization.');

/** The DRAO roles a department's administrator can hold here: server and client certificates. */
export const draoRoleValues = ['DRAO_SSL', 'DRAO_SMIME'] as const;
export type DraoRole = (typeof draoRoleValues)[number];

/** What a department's administrator needs to run its certificates, and no more, by role. */
export const draoLeastPrivileges: Record<DraoRole, readonly string[]> = {
  DRAO_SSL: ['sslRequest', 'sslRenew', 'sslRevoke'],
  DRAO_SMIME: ['clientCertRequest', 'clientCertRevoke'],
};

export const newDepartmentInputSchema = z
  .object({
    /** The organization the department is made under. */
    orgId: unitId,
    /** The department's name, as it will appear as OU= in its certificates. */
    name: z
      .string()
      .transform((value) => value.normalize('NFC').trim())
      .pipe(z.string().min(1, 'Enter the department’s name.').max(128, 'Enter at most 128 characters.').refine((value) => !/[<>"%;]/.test(value), 'Leave out the characters < > " % and ; in the name.')),
    address1: z.string().trim().min(1, 'Enter the street address.').max(128, 'Enter at most 128 characters.'),
    city: z.string().trim().min(1, 'Enter the city.').max(64, 'Enter at most 64 characters.'),
    postalCode: z.string().trim().max(32, 'Enter at most 32 characters.').optional(),
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'Enter the two-letter country code, such as SE.')
      .transform((value) => value.toUpperCase()),
    /** The REST API switches to turn on for the department; none leaves both off. */
    apiFlags: distinct(z.enum(apiFlagValues, { error: 'Choose SSL or client certificates.' })),
    /** An existing, validated domain of the organization to delegate to the department; left out, none is delegated. */
    domain: z.string().trim().max(255).optional(),
    /** The DRAO's login, first name, last name and email. */
    login: scmLogin,
    forename: personName,
    surname: personName,
    email: emailAddress,
    roles: distinct(z.enum(draoRoleValues, { error: 'Choose roles from the list.' })).min(1, 'Choose at least one role.'),
    privileges: distinct(z.enum(grantablePrivileges, { error: 'Choose privileges from the list.' })).max(grantablePrivileges.length),
  })
  .strict();

export type NewDepartmentInput = z.output<typeof newDepartmentInputSchema>;

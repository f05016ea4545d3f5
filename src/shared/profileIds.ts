/**
 * How profiles are named in files and addresses, without the schemas of
 * `profiles.ts` (which re-exports these): the session's store and the route
 * searches read only these, at every start.
 */

/** The built-in sandbox's profile, present in every data folder. */
export const sandboxProfileId = 'sandbox';

/** A profile's id: lower-case letters, digits and hyphens, as the console makes them. */
export const profileIdPattern = /^[a-z0-9-]{1,64}$/;

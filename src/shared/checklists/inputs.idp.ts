import { z } from 'zod';
import { scmLogin } from './fields';

/**
 * What the IdP checklist asks for: the organization, the identity provider SCM
 * offers its admins, the `schacHomeOrganization` the institution's IdP
 * releases, and the ePPN of each admin to link.
 */

/** A domain name as an IdP releases it in `schacHomeOrganization` and after the @ of an ePPN. */
export const domainNamePattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** An eduPersonPrincipalName: a user part, an @, and the IdP's scope, a domain name. */
export const eppnPattern = /^[^@\s]{1,64}@(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

const domainName = z
  .string()
  .trim()
  .min(1, 'This cannot be empty.')
  .max(253, 'Enter at most 253 characters.')
  .regex(domainNamePattern, 'Enter a domain name such as example.org, as your IdP releases it in schacHomeOrganization.');

const eppn = z
  .string()
  .trim()
  .min(1, 'This cannot be empty.')
  .max(128, 'Enter at most 128 characters.')
  .regex(eppnPattern, 'Enter an ePPN of the form user@scope, such as anna.svensson@example.org.');

/** An admin to link: named by its login, or by its email where it has no login (an IdP admin); both fit a login's form. */
const adminName = scmLogin;

export const idpAdminLinkSchema = z.object({ login: adminName, eppn }).strict();
export type IdpAdminLink = z.output<typeof idpAdminLinkSchema>;

export const idpInputSchema = z
  .object({
    /** The organization whose admins are linked, with its departments' admins. */
    orgId: z.number({ error: 'Choose an organization.' }).int().positive('Choose an organization.'),
    /** The identity provider, as SCM lists it for admins (`GET /api/admin/v1/idp`). */
    identityProviderId: z.number({ error: 'Choose an identity provider from the list.' }).int().positive('Choose an identity provider from the list.'),
    schacHomeOrganization: domainName,
    admins: z
      .array(idpAdminLinkSchema)
      .max(100, 'Give at most 100 admins.')
      .superRefine((links, context) => {
        const logins = new Set<string>();
        const eppns = new Set<string>();
        for (const [index, link] of links.entries()) {
          if (logins.has(link.login.toLowerCase())) context.addIssue({ code: 'custom', path: [index, 'login'], message: 'Give each only once.' });
          if (eppns.has(link.eppn.toLowerCase())) context.addIssue({ code: 'custom', path: [index, 'eppn'], message: 'Give each only once.' });
          logins.add(link.login.toLowerCase());
          eppns.add(link.eppn.toLowerCase());
        }
      }),
  })
  .strict();

export type IdpInput = z.output<typeof idpInputSchema>;

import { z } from 'zod';

/** The certificate types a domain can be delegated for here. */
export const domainCertTypeValues = ['SSL', 'SMIME'] as const;
export type DomainCertTypeInput = (typeof domainCertTypeValues)[number];

/** The ways to prove control of a domain that the checklist guides. */
export const dcvMethodValues = ['CNAME', 'HTTP', 'HTTPS', 'EMAIL'] as const;
export type DcvMethodInput = (typeof dcvMethodValues)[number];

/** The mailboxes every domain can be validated through, whatever its registration data says. */
export const dcvMailboxValues = ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'] as const;
export type DcvMailbox = (typeof dcvMailboxValues)[number];

const domainNamePattern = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

const domainName = z
  .string()
  .transform((value) => value.trim().toLowerCase().replace(/\.$/, ''))
  .pipe(
    z
      .string()
      .min(4, 'Enter a domain of 4 to 253 characters, such as example.org.')
      .max(253, 'Enter a domain of 4 to 253 characters, such as example.org.')
      .refine((value) => !value.startsWith('*.'), 'Enter the domain without “*.”: the checklist adds the wildcard entry itself.')
      .refine((value) => value.startsWith('*.') || domainNamePattern.test(value), 'Enter a domain name such as example.org: letters, digits and hyphens, with a dot between the parts.'),
  );

export const domainDcvInputSchema = z
  .object({
    /** The registered domain, such as example.org; its wildcard entry is added beside it. */
    domain: domainName,
    /** The organization or department that will request certificates for it. */
    orgId: z.number({ error: 'Choose an organization or department.' }).int().positive('Choose an organization or department.'),
    certTypes: z
      .array(z.enum(domainCertTypeValues, { error: 'Choose SSL or S/MIME.' }))
      .min(1, 'Choose at least one certificate type.')
      .refine((values) => new Set(values).size === values.length, 'Give each only once.'),
    method: z.enum(dcvMethodValues, { error: 'Choose how to validate: CNAME, HTTP, HTTPS or email.' }),
    /** For email validation: the mailbox at the domain that receives Sectigo's message. */
    mailbox: z.enum(dcvMailboxValues, { error: 'Choose the mailbox that receives the validation message.' }).optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.method === 'EMAIL' && input.mailbox === undefined) context.addIssue({ code: 'custom', path: ['mailbox'], message: 'Choose the mailbox that receives the validation message.' });
  });

export type DomainDcvInput = z.output<typeof domainDcvInputSchema>;

import { z } from 'zod';
import { distinct } from './fields';

/** The keys the console makes on this machine, as the form names them. */
export const localKeyTypeValues = ['RSA-2048', 'RSA-3072', 'RSA-4096', 'EC-P-256', 'EC-P-384'] as const;
export type LocalKeyTypeValue = (typeof localKeyTypeValues)[number];

/** Files made besides the key, the CSR, the certificate and its chain. */
export const certificateBundleValues = ['pkcs12'] as const;

const dnsNamePattern = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

const hostName = z
  .string()
  .transform((value) => value.trim().toLowerCase().replace(/\.$/, ''))
  .pipe(
    z
      .string()
      .min(4, 'Enter a name of 4 to 253 characters, such as www.example.org.')
      .max(253, 'Enter a name of 4 to 253 characters, such as www.example.org.')
      .regex(dnsNamePattern, 'Enter a host name such as www.example.org: letters, digits and hyphens, with a dot between the parts (a wildcard starts with “*.”).'),
  );

/** An absolute path, as Windows, macOS and Linux write one. */
const absolutePath = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export const firstCertificateInputSchema = z
  .object({
    /** The organization or department the certificate is ordered for. */
    orgId: z.number({ error: 'Choose an organization or department.' }).int().positive('Choose an organization or department.'),
    /** The certificate profile (SCM's “type”), from the server. */
    profileId: z.number({ error: 'Choose a certificate profile.' }).int().positive('Choose a certificate profile.'),
    /** Days, one of the profile's terms. */
    term: z.number({ error: 'Choose a term.' }).int().positive('Choose a term.'),
    keyType: z.enum(localKeyTypeValues, { error: 'Choose a key type.' }),
    commonName: hostName,
    subjectAlternativeNames: distinct(hostName).max(100).default([]),
    /** Where the private key is written; the CSR, the certificate and its chain go beside it. */
    keyFile: z
      .string()
      .trim()
      .min(1, 'Enter the full path of the key file to make, such as /etc/ssl/private/www.example.org.key.')
      .max(1000)
      .regex(absolutePath, 'Enter the full path of the key file to make, such as /etc/ssl/private/www.example.org.key.')
      .refine((value) => /\.key$/i.test(value), 'End the key file’s name with .key, such as www.example.org.key.'),
    /** SCM's custom fields for SSL certificates: every mandatory one needs a value. */
    customFields: z
      .array(
        z
          .object({
            name: z.string().trim().min(1, 'This cannot be empty.').max(128, 'Enter at most 128 characters.'),
            value: z.string().trim().min(1, 'This cannot be empty.').max(256, 'Enter at most 256 characters.'),
          })
          .strict(),
      )
      .max(20)
      .refine((fields) => new Set(fields.map((field) => field.name.toLowerCase())).size === fields.length, 'Give each only once.')
      .default([]),
    bundles: distinct(z.enum(certificateBundleValues)).default([]),
  })
  .strict();

export type FirstCertificateInput = z.output<typeof firstCertificateInputSchema>;

import { z } from 'zod';

export const adminTypeValues = ['STANDARD', 'API', 'IDP', 'SAS'] as const;
export const adminStatusValues = ['ACTIVE', 'SUSPENDED'] as const;

/** SCM's roles (`ClientRole`): an MRAO for the tenant, RAOs for an organization, DRAOs for a department. */
export const adminRoleValues = ['MRAO', 'RAO_SSL', 'RAO_SMIME', 'RAO_CS', 'RAO_DEVICE', 'DRAO_SSL', 'DRAO_SMIME', 'DRAO_CS', 'DRAO_DEVICE'] as const;
export type AdminRole = (typeof adminRoleValues)[number];

/** SCM's privileges, as the admin API names them; `wsApiUseOnly` only on servers from before admin type API. */
export const adminPrivilegeValues = [
  'allowCreate', 'allowEdit', 'allowDelete', 'allowDCV', 'autoApproveCertificates', 'allowMsAdDiscovery', 'allowKeyVault',
  'approveDomainDelegation', 'allowManageDomains', 'sslRequest', 'sslRenew', 'sslReplace', 'sslRevoke', 'sslApprove', 'sslManage',
  'clientCertRequest', 'clientCertRevoke', 'clientCertManage', 'csRequest', 'csRevoke', 'csManage', 'deviceRequest', 'deviceRenew',
  'deviceReplace', 'deviceRevoke', 'deviceApprove', 'deviceManage', 'editOrganizationAndDepartment', 'addOrganizationAndDepartments',
  'addDepartments', 'editDepartments', 'orgValidationManager', 'viewUsage', 'viewSubscriptions', 'manageSubscriptions',
  'acceptCustomerLicenseAgreement', 'externalClm', 'wsApiUseOnly',
] as const;
export type AdminPrivilege = (typeof adminPrivilegeValues)[number];
/** What deserves attention about an admin. */
export const adminWarningValues = ['passwordExpiresSoon', 'passwordExpired', 'apiAdminWithWebUi', 'idpWithoutPersonId'] as const;
export type AdminWarning = (typeof adminWarningValues)[number];

/** Days before a password's expiry from which the console warns about it. */
export const passwordWarnDays = 14;

export const adminSortColumns = ['name', 'login', 'email', 'type', 'status', 'passwordExpires'] as const;
export type AdminSortColumn = (typeof adminSortColumns)[number];

/** An admin as the Admins table shows it: the list's fields, and the details' once they are read. */
export const adminRowSchema = z.object({
  id: z.number().int(),
  /** The login, else the IdP person id, else the email, else the names: IdP and SAS admins may have no login. */
  displayName: z.string(),
  login: z.string().nullable(),
  name: z.string(),
  forename: z.string(),
  surname: z.string(),
  email: z.string(),
  type: z.string().nullable(),
  status: z.enum(adminStatusValues).nullable(),
  roles: z.array(z.object({ role: z.string(), orgId: z.number().nullable(), orgName: z.string().nullable() })),
  privileges: z.array(z.string()),
  passwordState: z.enum(['ALIVE', 'EXPIRED', 'NEVER_EXPIRE']).nullable(),
  /** ISO day. */
  passwordExpires: z.string().nullable(),
  idpPersonId: z.string().nullable(),
  identityProviderId: z.number().nullable(),
  lastPasswordChange: z.string().nullable(),
  created: z.string().nullable(),
  failedAttempts: z.number().nullable(),
  /** Whether the details were read; the list alone has no roles, status or password. */
  detailed: z.boolean(),
  /** What deserves attention about the admin (see `adminWarnings`). */
  warnings: z.array(z.enum(adminWarningValues)),
});
export type AdminRow = z.infer<typeof adminRowSchema>;

export const adminFilterSchema = z
  .object({
    type: z.enum(adminTypeValues).optional(),
    status: z.enum(adminStatusValues).optional(),
    role: z.string().regex(/^[A-Z_]{2,40}$/).optional(),
    /** An organization or department the admin holds a role in. */
    org: z.number().int().positive().optional(),
    /** Password expires within this many days (expired ones included). */
    expiresWithin: z.number().int().min(0).max(3650).optional(),
    /** Free text over the name, login, email and IdP person id. */
    q: z.string().max(200).optional(),
    /** Only admins with a warning. */
    attention: z.literal(true).optional(),
  })
  .strict();
export type AdminFilter = z.infer<typeof adminFilterSchema>;

export const adminSortSchema = z.object({ column: z.enum(adminSortColumns), desc: z.boolean() }).strict();
export type AdminSort = z.infer<typeof adminSortSchema>;

export const adminsWindowArgsSchema = z
  .object({
    filter: adminFilterSchema,
    sort: adminSortSchema,
    offset: z.number().int().min(0).max(10_000_000),
    limit: z.number().int().min(1).max(500),
  })
  .strict();
export type AdminsWindowArgs = z.infer<typeof adminsWindowArgsSchema>;

export const adminsWindowSchema = z.object({
  /** The profile the admins are from; null when signed out. */
  profileId: z.string().nullable(),
  /** Where `rows` start among the matching admins. */
  offset: z.number().int(),
  rows: z.array(adminRowSchema),
  /** How many match the filter, and how many there are. */
  matching: z.number().int(),
  total: z.number().int(),
  /** When the list was read; null before the first load. */
  loadedAt: z.string().nullable(),
  /** Whether every admin's details were read. */
  complete: z.boolean(),
  /** The load under way or last run, to follow its progress. */
  jobId: z.string().nullable(),
  /** The roles seen, for the role filter. */
  roles: z.array(z.string()),
});
export type AdminsWindow = z.infer<typeof adminsWindowSchema>;

const unitSchema = z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable() });

/** What the admin forms need: who is acting, what SCM offers, and the identity providers. */
export const adminOptionsSchema = z.object({
  profileId: z.string().nullable(),
  actor: z.object({
    id: z.number().int().nullable(),
    roles: z.array(z.object({ role: z.string(), orgId: z.number().int().nullable() })),
    privileges: z.array(z.string()),
    units: z.array(unitSchema),
    /** The roles SCM lets this admin give; null when SCM would not say. */
    assignableRoles: z.array(z.string()).nullable(),
  }),
  /** The privileges SCM knows, with its own description. */
  privileges: z.array(z.object({ name: z.string(), description: z.string() })),
  identityProviders: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type AdminOptions = z.infer<typeof adminOptionsSchema>;

/** A temporary password made for an admin, to be shown once on request. */
export const passwordHandOverSchema = z.object({ revealId: z.string().regex(/^[0-9a-f]{32}$/), login: z.string() });
export type PasswordHandOver = z.infer<typeof passwordHandOverSchema>;

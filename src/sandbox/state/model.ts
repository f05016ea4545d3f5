/**
 * The sandbox's data, shaped after what SCM keeps rather than after its wire
 * formats: times are epoch milliseconds, and each route renders them in its own
 * endpoint's format.
 */

export type CertTypeCode = 'SSL' | 'SMIME' | 'CodeSign' | 'Device';

export interface Organization {
  id: number;
  name: string;
  /** The parent organization's id for a department; null for an organization. */
  parentId: number | null;
  secondaryName: string;
  alias: string;
  academicCode: string;
  contactEmails: string;
  address1: string;
  address2: string;
  address3: string;
  city: string;
  stateOrProvince: string;
  postalCode: string;
  country: string;
  validationStatus: 'VALIDATED' | 'NOT_VALIDATED' | 'PENDING';
  sslCertsApiEnabled: boolean;
  clientCertsApiEnabled: boolean;
  certTypes: CertTypeCode[];
  clientCertificate: {
    allowKeyRecoveryByMasterAdmins: boolean;
    allowKeyRecoveryByOrgAdmins: boolean;
    allowKeyRecoveryByDepartmentAdmins: boolean;
  };
}

export const roles = ['MRAO', 'RAO_SSL', 'RAO_SMIME', 'RAO_CS', 'RAO_DEVICE', 'DRAO_SSL', 'DRAO_SMIME', 'DRAO_CS', 'DRAO_DEVICE'] as const;
export type Role = (typeof roles)[number];

export const privileges = [
  'allowCreate', 'allowEdit', 'allowDelete', 'allowDCV', 'autoApproveCertificates', 'allowMsAdDiscovery',
  'allowKeyVault', 'approveDomainDelegation', 'allowManageDomains', 'sslRequest', 'sslRenew', 'sslReplace',
  'sslRevoke', 'sslApprove', 'sslManage', 'clientCertRequest', 'clientCertRevoke', 'clientCertManage',
  'csRequest', 'csRevoke', 'csManage', 'deviceRequest', 'deviceRenew', 'deviceReplace', 'deviceRevoke',
  'deviceApprove', 'deviceManage', 'editOrganizationAndDepartment', 'addOrganizationAndDepartments',
  'addDepartments', 'editDepartments', 'orgValidationManager', 'viewUsage', 'viewSubscriptions',
  'manageSubscriptions', 'allowSslAutoApprove',
] as const;
export type Privilege = (typeof privileges)[number] | 'wsApiUseOnly';

export interface Credential {
  role: Role;
  /** Organization id for RAO roles, department id for DRAO roles, null for MRAO. */
  orgId: number | null;
}

export type AdminType = 'STANDARD' | 'API' | 'IDP' | 'SAS';

export interface Admin {
  id: number;
  type: AdminType;
  /**
   * Null for IdP and SAS admins who have none: they sign in at their identity
   * provider, and Sectigo's examples list them without a login.
   */
  login: string | null;
  /** A salted hash of the password (see passwords.ts); null for an admin who has none, such as an IdP admin. */
  passwordHash: string | null;
  /** The hash of the password before the last change, which the next one must differ from. */
  previousPasswordHash: string | null;
  /**
   * The seed's own password while it is still the admin's: fake, fixed per seed
   * and printed by the command line, so it may stay in clear. Null once the
   * password has been changed, and for admins the seed did not make.
   */
  seededPassword: string | null;
  /** Set by another admin and never changed by the owner: must change before any other call. */
  temporaryPassword: boolean;
  passwordExpires: number | null;
  lastPasswordChange: number;
  forename: string;
  surname: string;
  email: string;
  title: string;
  telephone: string;
  street: string;
  locality: string;
  state: string;
  postalCode: string;
  country: string;
  relationship: string;
  certificateSerialNumber: string;
  identityProviderId: number | null;
  idpPersonId: string;
  credentials: Credential[];
  privileges: Privilege[];
  activeStatus: 'ACTIVE' | 'SUSPENDED';
  /** Too many failed sign-ins; only an MRAO can unlock. */
  locked: boolean;
  failedAttempts: number;
  failedDate: number | null;
  creatorId: number | null;
  created: number;
  modified: number;
}

/** An admin with a login, as every admin who signs in to the API is. */
export type SignedInAdmin = Admin & { login: string };

export function hasLogin(admin: Admin): admin is SignedInAdmin {
  return admin.login !== null;
}

/**
 * What to call an admin in the activity report and as a certificate's
 * requester: the login, else the IdP person id, else the email, else the name.
 */
export function adminName(admin: Admin): string {
  return admin.login ?? (admin.idpPersonId || admin.email || `${admin.forename} ${admin.surname}`.trim() || `#${admin.id}`);
}

/** An admin record with every other field plain: no password, no contact details, active, never failed. */
export function adminRecord(
  fields: Pick<Admin, 'id' | 'type' | 'login' | 'forename' | 'surname' | 'email' | 'credentials' | 'privileges' | 'created'> & Partial<Admin>,
): Admin {
  return {
    passwordHash: null,
    previousPasswordHash: null,
    seededPassword: null,
    temporaryPassword: false,
    passwordExpires: null,
    lastPasswordChange: fields.created,
    title: '',
    telephone: '',
    street: '',
    locality: '',
    state: '',
    postalCode: '',
    country: 'SE',
    relationship: '',
    certificateSerialNumber: '',
    identityProviderId: null,
    idpPersonId: '',
    activeStatus: 'ACTIVE',
    locked: false,
    failedAttempts: 0,
    failedDate: null,
    creatorId: null,
    modified: fields.created,
    ...fields,
  };
}

export interface IdentityProvider {
  id: number;
  name: string;
}

export interface CertificateProfile {
  id: number;
  kind: 'ssl' | 'smime';
  name: string;
  description: string;
  terms: number[];
  keyTypes: Record<string, string[]>;
  useSecondaryOrgName: boolean;
  validationType: string;
  allowRenew: boolean;
  /** EV profiles: a requester may not approve their own certificate. */
  ev: boolean;
}

export interface CustomField {
  id: number;
  kind: 'ssl' | 'smime';
  name: string;
  mandatory: boolean;
}

export type SslStatus =
  | 'Invalid' | 'Requested' | 'Approved' | 'Declined' | 'Applied' | 'Issued'
  | 'Revoked' | 'Expired' | 'Replaced' | 'Rejected' | 'SAApproved' | 'Init';

export interface SslCertificate {
  id: number;
  orgId: number;
  commonName: string;
  subjectAlternativeNames: string[];
  status: SslStatus;
  profileId: number;
  term: number;
  requesterId: number | null;
  requester: string;
  approverId: number | null;
  externalRequester: string;
  comments: string;
  customFields: { name: string; value: string }[];
  requestedVia: string;
  renewId: string;
  backendCertId: string;
  requested: number;
  approved: number | null;
  issued: number | null;
  declined: number | null;
  expires: number | null;
  revoked: number | null;
  replaced: number | null;
  /** When an Applied certificate becomes Issued. */
  issueAt: number | null;
  reasonCode: number | null;
  revokeReason: string;
  serialNumber: string;
  keyAlgorithm: 'RSA' | 'EC';
  keyParam: string;
  /** The subject key (SPKI DER, base64); null for seeded certificates, which share one key. */
  publicKey: string | null;
  dcvMode: string;
  renewed: boolean;
  renewedFromId: number | null;
  renewedToId: number | null;
  replacedById: number | null;
  /** The PEM once issued, so collect returns the same certificate every time. */
  certificatePem: string | null;
  autoRenewState: 'Not scheduled' | 'Scheduled';
  autoRenewDays: number;
  suspendNotifications: boolean;
  /** When it was marked renewed by hand (renew/manual). */
  manuallyRenewed: number | null;
  /** When it was first collected. */
  downloaded: number | null;
}

export type SmimeState = 'blank' | 'created' | 'requested' | 'issued' | 'downloaded' | 'expired' | 'revoked' | 'rejected' | 'pre_revoked';

export interface SmimeCertificate {
  id: number;
  backendCertId: string;
  orgId: number;
  personId: number;
  email: string;
  commonName: string;
  state: SmimeState;
  profileId: number;
  term: number;
  requestedVia: string;
  requested: number;
  issued: number | null;
  expires: number | null;
  revoked: number | null;
  issueAt: number | null;
  reasonCode: number | null;
  serialNumber: string;
  keyAlgorithm: 'RSA' | 'EC';
  keyParam: string;
  publicKey: string | null;
  comments: string;
  customFields: { name: string; value: string }[];
  certificatePem: string | null;
}

export interface Person {
  id: number;
  firstName: string;
  middleName: string;
  lastName: string;
  email: string;
  organizationId: number;
  validationType: 'STANDARD' | 'HIGH';
  phone: string;
  secondaryEmails: string[];
  commonName: string;
  eppn: string;
  upn: string;
  created: number;
  createdBy: string;
  modified: number;
  modifiedBy: string;
}

export type DomainRequestPrivilege = 'DOMAIN' | 'SUBDOMAIN' | 'WILDCARD_1ST_LEVEL' | 'WILDCARD_2ND_LEVEL';

export interface Delegation {
  orgId: number;
  certTypes: CertTypeCode[];
  domainCertificateRequestPrivileges: DomainRequestPrivilege[];
  status: 'ACTIVE' | 'REQUESTED';
}

export type DcvMethod = 'CNAME' | 'HTTP' | 'HTTPS' | 'TXT' | 'EMAIL';

export interface DomainValidation {
  status: 'VALIDATED' | 'NOT_VALIDATED' | 'EXPIRED';
  orderStatus: 'NOT_INITIATED' | 'AWAITING_SUBMISSION' | 'SUBMITTED' | 'REJECTED';
  method: DcvMethod | null;
  validated: number | null;
  expires: number | null;
  /** What the owner must publish (or the address mailed) for the order in progress. */
  host: string;
  point: string;
  url: string;
  firstLine: string;
  secondLine: string;
  email: string;
  emailReference: number | null;
  orderBackendId: string;
  submitted: number | null;
  lastCheck: number | null;
  /** When a submitted order completes (the sandbox stands in for the DNS/HTTP/mail check). */
  completesAt: number | null;
}

export interface Domain {
  id: number;
  name: string;
  description: string;
  active: boolean;
  delegations: Delegation[];
  validation: DomainValidation;
  ctLogMonitoring: { enabled: boolean; includeSubdomains: boolean; bucketId: number | null };
  created: number;
}

export interface NotificationRule {
  id: number;
  description: string;
  active: boolean;
  type: string;
  orgData: { selectedOrgType: 'ANY' | 'ANYDEPT' | 'SELECTED'; orgDelegations: number[] };
  recipientData: { notifyRoles: string[]; recipients: { type: 'EMAIL' | 'SLACK' | 'TEAMS' | 'WEBHOOK'; value: string }[] };
  additionalData: { days?: number; certTypeId?: number; freq?: 'ONCE' | 'DAILY'; revokedByAdmin?: boolean; revokedByUser?: boolean };
  created: number;
  createdBy: string;
  modified: number;
  modifiedBy: string;
}

export interface CodeSigningCertificate {
  id: number;
  orgId: number;
  subject: string;
  commonName: string;
  serialNumber: string;
  status: 'Issued' | 'Revoked' | 'Expired';
  issued: number;
  expires: number;
  revoked: number | null;
  reasonCode: number | null;
  owner: string;
  backendCertId: string;
  certificatePem: string;
}

export interface ActivityEntry {
  time: number;
  admin: string;
  action: string;
  details: string;
}

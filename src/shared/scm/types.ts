/**
 * SCM's data as the console works with it, whatever the wire looked like:
 * dates as ISO 8601 (`2025-05-21`, or a full timestamp where SCM gives a time),
 * SANs as arrays, ids as numbers. SCM leaves fields out freely (Sectigo's own
 * examples do), so only ids are taken as always there: text it left out is ''
 * or null, lists are empty.
 */

export interface Department {
  id: number;
  name: string;
}

export interface Organization {
  id: number;
  name: string;
  departments: Department[];
}

export interface OrganizationDetails {
  id: number;
  name: string;
  /** The parent organization for a department; null for an organization. */
  parentId: number | null;
  parentName: string | null;
  /** Null where the SCM release has no such flag. */
  sslCertsApiEnabled: boolean | null;
  clientCertsApiEnabled: boolean | null;
  validationStatus: string | null;
  certTypes: string[];
  contactEmails: string[];
  country: string | null;
  /** The postal address, as SCM keeps it; null for what it left out. */
  address1: string | null;
  city: string | null;
  stateOrProvince: string | null;
  postalCode: string | null;
}

export type AdminType = 'STANDARD' | 'API' | 'IDP' | 'SAS' | 'DYNAMIC_IDP_TEMPLATE';
export type PasswordState = 'ALIVE' | 'EXPIRED' | 'NEVER_EXPIRE';

/**
 * An admin as SCM lists it. Sectigo's own examples list IdP and SAS admins
 * without a login, and any other field may be missing too: text SCM left out
 * is '' (names, email) or null, so name an admin with `adminDisplayName`.
 */
export interface AdminSummary {
  id: number;
  type: AdminType | string | null;
  /** Null for admins who sign in through an identity provider (IdP, SAS) and have none. */
  login: string | null;
  email: string;
  forename: string;
  surname: string;
  /** The person's id at the identity provider (an EPPN), where SCM gives it. */
  idpPersonId: string | null;
}

export interface AdminCredential {
  role: string;
  orgId: number | null;
}

export interface AdminDetails extends AdminSummary {
  passwordState: PasswordState | null;
  passwordExpiryDate: string | null;
  lastPasswordChange: string | null;
  activeStatus: 'ACTIVE' | 'SUSPENDED' | null;
  credentials: AdminCredential[];
  privileges: string[];
  identityProviderId: number | null;
  created: string | null;
  failedAttempts: number | null;
}

/**
 * A name a person recognises an admin by, even one without a login: the
 * login, else the IdP person id, else the email, else the names, else `#id`.
 */
export function adminDisplayName(admin: Pick<AdminSummary, 'id' | 'login' | 'email' | 'forename' | 'surname'> & { idpPersonId?: string | null }): string {
  const names = `${admin.forename} ${admin.surname}`.trim();
  for (const candidate of [admin.login, admin.idpPersonId, admin.email, names]) {
    if (candidate !== null && candidate !== undefined && candidate.trim() !== '') return candidate.trim();
  }
  return `#${admin.id}`;
}

export interface PasswordStatus {
  state: PasswordState;
  expires: string | null;
}

export interface CertificateProfile {
  id: number;
  name: string;
  description: string;
  /** Days. */
  terms: number[];
  /** Algorithm to allowed sizes or curves, e.g. `{ RSA: ['2048'], EC: ['P-256'] }`. */
  keyTypes: Record<string, string[]>;
}

export interface CustomField {
  id: number;
  name: string;
  mandatory: boolean;
}

export interface SslIdentity {
  id: number;
  commonName: string;
  subjectAlternativeNames: string[];
  serialNumber: string | null;
}

export interface SslCertificate {
  id: number;
  /** Null where SCM left it out; so are the other fields, as '' or null. */
  orgId: number | null;
  commonName: string;
  subjectAlternativeNames: string[];
  status: string;
  profileId: number | null;
  profileName: string | null;
  term: number | null;
  requester: string | null;
  externalRequester: string | null;
  comments: string;
  requested: string | null;
  approved: string | null;
  issued: string | null;
  expires: string | null;
  revoked: string | null;
  serialNumber: string | null;
  keyType: string | null;
  renewId: string | null;
}

/** One row of the certificate inventory: what a list of thousands needs, from the report or the details. */
export interface SslInventoryRow {
  id: number;
  orgId: number | null;
  organizationName: string | null;
  commonName: string;
  subjectAlternativeNames: string[];
  status: string;
  profileName: string | null;
  requester: string | null;
  requested: string | null;
  issued: string | null;
  expires: string | null;
  serialNumber: string | null;
  /** Days; the report gives it, the list does not. */
  term?: number | null;
}

export interface SmimeCertificateRow {
  id: number;
  backendCertId: string;
  state: string;
  subject: string | null;
  serialNumber: string | null;
  expires: string | null;
  comments: string;
}

export interface Person {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  organizationId: number | null;
}

export interface DomainRow {
  id: number;
  name: string;
}

export interface DomainDetails extends DomainRow {
  delegationStatus: string | null;
  state: string | null;
  validationStatus: string | null;
  validationMethod: string | null;
  dcvValidation: string | null;
  dcvExpiration: string | null;
  delegations: { orgId: number | null; certTypes: string[]; status: string | null }[];
}

export interface DcvRow {
  domain: string;
  status: string;
  method: string | null;
  orderStatus: string | null;
  expires: string | null;
}

export interface NotificationRule {
  id: number;
  description: string;
  type: string;
  active: boolean;
  selectedOrgType: string | null;
  orgIds: number[];
  notifyRoles: string[];
  recipients: { type: string; value: string }[];
  days: number | null;
}

export interface CodeSigningRow {
  id: number;
  commonName: string;
  serialNumber: string | null;
  status: string;
  expires: string | null;
}

/** A client certificate in the inventory: who holds it, its state and dates. */
export interface SmimeInventoryRow {
  id: number;
  backendCertId: string;
  email: string;
  commonName: string;
  status: string;
  orgId: number | null;
  organizationName: string | null;
  profileName: string | null;
  issued: string | null;
  expires: string | null;
  serialNumber: string | null;
}

/** One change recorded in SCM's activity report. */
export interface ActivityEntry {
  date: string | null;
  admin: string;
  action: string;
  details: string;
}

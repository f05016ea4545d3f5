import { webcrypto } from 'node:crypto';
import { createSandboxCa } from './ca';
import { dayMs } from './dates';
import { shapeSmimeInventory, shapeSslInventory } from './inventorySeed';
import { seedManyAdmins } from './manyAdmins';
import { seedManyNotifications } from './manyNotifications';
import { hashPassword } from './passwords';
import { SeededRandom } from './random';
import {
  adminRecord,
  type Admin,
  type CertificateProfile,
  type Credential,
  type Domain,
  type DomainValidation,
  type Organization,
  type Person,
  type Privilege,
  type SmimeCertificate,
  type SmimeState,
  type SslCertificate,
  type SslStatus,
} from './state/model';
import type { SandboxData } from './state/store';

export const sandboxCustomerUri = 'sandbox-university';
export const sandboxDomain = 'sandbox-university.example';

/** A seeded login, printed by the command line and used by tests. */
export interface SeededLogin {
  login: string;
  password: string;
  description: string;
}

export const allPrivileges: Privilege[] = [
  'allowCreate', 'allowEdit', 'allowDelete', 'allowDCV', 'autoApproveCertificates', 'approveDomainDelegation',
  'allowManageDomains', 'sslRequest', 'sslRenew', 'sslReplace', 'sslRevoke', 'sslApprove', 'sslManage',
  'clientCertRequest', 'clientCertRevoke', 'clientCertManage', 'csRequest', 'csRevoke', 'csManage',
  'editOrganizationAndDepartment', 'addOrganizationAndDepartments', 'addDepartments', 'editDepartments', 'viewUsage',
];

const raoPrivileges: Privilege[] = allPrivileges.filter((privilege) => privilege !== 'approveDomainDelegation' && privilege !== 'addOrganizationAndDepartments');

const draoPrivileges: Privilege[] = ['allowDCV', 'allowManageDomains', 'sslRequest', 'sslRenew', 'sslReplace', 'sslRevoke', 'sslManage', 'clientCertRequest', 'clientCertRevoke', 'clientCertManage', 'editDepartments'];

/** The library's DRAO, who may manage its certificates and domains but not edit the department itself. */
const libraryDraoLogin = 'drao-library';

/**
 * An API admin as SCM kept one before admin type API existed: a STANDARD admin
 * with the privilege that makes it API-only.
 */
function withoutApiType(admin: Admin): Admin {
  return admin.type === 'API' ? { ...admin, type: 'STANDARD', privileges: [...admin.privileges, 'wsApiUseOnly'] } : admin;
}

function organization(id: number, name: string, parentId: number | null, overrides: Partial<Organization> = {}): Organization {
  return {
    id,
    name,
    parentId,
    secondaryName: '',
    alias: '',
    academicCode: parentId === null ? 'sandbox-university.example' : '',
    contactEmails: 'pki@sandbox-university.example',
    address1: '1 University Square',
    address2: '',
    address3: '',
    city: 'Sandbyn',
    stateOrProvince: '',
    postalCode: '123 45',
    country: 'SE',
    validationStatus: 'VALIDATED',
    sslCertsApiEnabled: true,
    clientCertsApiEnabled: true,
    certTypes: ['SSL', 'SMIME', 'CodeSign'],
    clientCertificate: { allowKeyRecoveryByMasterAdmins: false, allowKeyRecoveryByOrgAdmins: false, allowKeyRecoveryByDepartmentAdmins: false },
    ...overrides,
  };
}

function validation(overrides: Partial<DomainValidation>): DomainValidation {
  return {
    status: 'NOT_VALIDATED',
    orderStatus: 'NOT_INITIATED',
    method: null,
    validated: null,
    expires: null,
    host: '',
    point: '',
    url: '',
    firstLine: '',
    secondLine: '',
    email: '',
    emailReference: null,
    orderBackendId: '',
    submitted: null,
    lastCheck: null,
    completesAt: null,
    ...overrides,
  };
}

/** A password that meets the sandbox's policy, fixed for a seed. */
function seededPassword(random: SeededRandom): string {
  const words = ['Birch', 'Fjord', 'Granite', 'Heron', 'Lantern', 'Meadow', 'Pine', 'Quartz', 'River', 'Tundra'];
  return `${random.pick(words)}-${random.pick(words)}-${random.int(1000, 9999)}!`;
}

/**
 * The seeded admins, with their passwords in clear (not hashed yet). They are
 * the first thing a seed's random sequence makes, so the same seed gives the
 * same admins and passwords whatever else the sandbox holds.
 */
function seedAdmins(seed: number, random: SeededRandom, now: number): { admins: Admin[]; logins: SeededLogin[] } {
  const ago = (days: number) => now - days * dayMs;
  // The organizations' ids, as seedSandbox makes them.
  const university = { id: 1001 };
  const physics = { id: 1002 };
  const computing = { id: 1003 };
  const library = { id: 1004 };
  const institute = { id: 1005 };
  const logins: SeededLogin[] = [];
  const admins: Admin[] = [];
  let adminId = 2001;
  const admin = (
    login: string,
    description: string,
    type: Admin['type'],
    credentials: Credential[],
    privileges: Privilege[],
    overrides: Partial<Admin> = {},
    draws: SeededRandom = random,
  ): Admin => {
    // The draws come in this order whatever changes around them, so a seed keeps its passwords and dates.
    const password = type === 'IDP' ? null : seededPassword(draws);
    const passwordExpires = type === 'IDP' ? null : now + draws.int(60, 300) * dayMs;
    const lastPasswordChange = ago(draws.int(10, 90));
    const createdAt = ago(draws.int(100, 900));
    const modified = ago(draws.int(1, 90));
    const created = adminRecord({
      id: adminId++,
      type,
      login,
      seededPassword: password,
      passwordExpires,
      lastPasswordChange,
      forename: login.split('-')[0]!.replace(/^./, (c) => c.toUpperCase()),
      surname: 'Sandbox',
      email: `${login}@${sandboxDomain}`,
      credentials,
      privileges,
      created: createdAt,
      modified,
      ...overrides,
    });
    admins.push(created);
    if (created.seededPassword !== null) logins.push({ login, password: created.seededPassword, description });
    return created;
  };

  admin('mrao', 'MRAO: the whole tenant', 'STANDARD', [{ role: 'MRAO', orgId: null }], [...allPrivileges]);
  admin('rao', 'RAO for Sandbox University (SSL, S/MIME, code signing)', 'STANDARD', [
    { role: 'RAO_SSL', orgId: university.id },
    { role: 'RAO_SMIME', orgId: university.id },
    { role: 'RAO_CS', orgId: university.id },
  ], raoPrivileges);
  admin('drao-physics', 'DRAO for the Department of Physics, without auto-approval', 'STANDARD', [
    { role: 'DRAO_SSL', orgId: physics.id },
    { role: 'DRAO_SMIME', orgId: physics.id },
  ], draoPrivileges);
  admin('drao-computing', 'DRAO for the Department of Computer Science, with auto-approval', 'STANDARD', [
    { role: 'DRAO_SSL', orgId: computing.id },
  ], [...draoPrivileges, 'autoApproveCertificates']);
  admin('api-automation', 'API-only admin for Sandbox University', 'API', [{ role: 'RAO_SSL', orgId: university.id }], raoPrivileges);
  admin('idp-only', 'IdP admin: signs in through the IdP only, cannot use the API', 'IDP', [{ role: 'RAO_SSL', orgId: university.id }], ['sslRequest'], {
    identityProviderId: 1,
    idpPersonId: `idp-only@${sandboxDomain}`,
  });
  admin('rao-expired', 'RAO whose password has expired', 'STANDARD', [{ role: 'RAO_SSL', orgId: university.id }], raoPrivileges, {
    passwordExpires: ago(3),
  });
  admin('api-new', 'API admin just created: temporary password, must change it first', 'API', [{ role: 'RAO_SSL', orgId: university.id }], raoPrivileges, {
    temporaryPassword: true,
  });
  admin('rao-locked', 'RAO locked after too many failed sign-ins', 'STANDARD', [{ role: 'RAO_SSL', orgId: university.id }], raoPrivileges, {
    locked: true,
    failedAttempts: 5,
    failedDate: ago(1),
  });
  admin('rao-institute', 'RAO for Sandbox Research Institute (the other organization)', 'STANDARD', [
    { role: 'RAO_SSL', orgId: institute.id },
    { role: 'RAO_SMIME', orgId: institute.id },
  ], raoPrivileges);

  // Admins who sign in at an identity provider and have no login, as Sectigo's examples list them. They
  // draw nothing from the random sequence, so the rest of a seed's data stays as it was before them.
  const withoutLogin = (type: 'IDP' | 'SAS', forename: string, surname: string, credentials: Credential[], privileges: Privilege[], overrides: Partial<Admin> = {}): void => {
    const email = `${forename}.${surname}@${sandboxDomain}`.toLowerCase();
    admins.push(adminRecord({ id: adminId++, type, login: null, forename, surname, email, credentials, privileges, created: ago(420), modified: ago(35), ...overrides }));
  };
  withoutLogin('IDP', 'Eva', 'Lindqvist', [{ role: 'RAO_SMIME', orgId: university.id }], ['clientCertRequest', 'clientCertRevoke', 'clientCertManage'], {
    identityProviderId: 1,
    idpPersonId: `eva.lindqvist@${sandboxDomain}`,
  });
  withoutLogin('SAS', 'Samir', 'Haddad', [{ role: 'DRAO_SSL', orgId: physics.id }], ['sslRequest', 'sslRenew', 'sslRevoke']);
  // Invited, not yet linked to the IdP: neither a login nor an IdP person id names her.
  withoutLogin('IDP', 'Ines', 'Moreau', [{ role: 'DRAO_SMIME', orgId: computing.id }], ['clientCertRequest'], { activeStatus: 'SUSPENDED' });

  // Admins after the ones without a login draw from a stream of their own, derived from the seed, so the
  // passwords, dates and ids above stay the same for a seed, and so does everything seeded after them.
  const ownStream = new SeededRandom((seed ^ 0x5eed) >>> 0);
  admin(libraryDraoLogin, 'DRAO for the University Library, which has the REST API off; may not edit the department', 'STANDARD', [
    { role: 'DRAO_SSL', orgId: library.id },
  ], ['sslRequest', 'sslRenew', 'sslRevoke', 'sslManage', 'allowDCV', 'allowManageDomains'], {}, ownStream);
  return { admins, logins };
}

/** A seeded admin who signs in with a password, and the id it has in the sandbox. */
export interface SeededAdmin extends SeededLogin {
  id: number;
}

const rosters = new Map<number, readonly SeededAdmin[]>();

/** A seed's own admins with passwords, as a fresh sandbox with that seed has them. */
export function seededAdmins(seed: number): readonly SeededAdmin[] {
  let roster = rosters.get(seed);
  if (roster === undefined) {
    const { admins, logins } = seedAdmins(seed, new SeededRandom(seed), 0);
    roster = logins.map((login) => ({ ...login, id: admins.find((admin) => admin.login === login.login)!.id }));
    rosters.set(seed, roster);
  }
  return roster;
}

/**
 * Hashes of seeded passwords, made once per process and shared by the sandboxes
 * it starts: hashing is slow on purpose, tests start many sandboxes from one
 * seed, and these passwords are printed for anyone anyway.
 */
const seededHashes = new Map<string, Promise<string>>();

async function hashSeededPasswords(admins: Admin[]): Promise<void> {
  await Promise.all(
    admins.map(async (admin) => {
      if (admin.seededPassword === null) return;
      let hash = seededHashes.get(admin.seededPassword);
      if (hash === undefined) {
        hash = hashPassword(admin.seededPassword);
        seededHashes.set(admin.seededPassword, hash);
      }
      admin.passwordHash = await hash;
    }),
  );
}

/**
 * Persons with client certificates for a seed of `certificateCount` SSL
 * certificates: thirty, or one for every ten SSL certificates when that is
 * more. Each has none, one or two (one on average), so the client certificates
 * number about the same.
 */
export function clientCertificatePersons(certificateCount: number): number {
  return Math.max(30, Math.round(certificateCount / 10));
}

/** What the seed takes from the sandbox's options. */
export interface SeedSettings {
  /** Admins in all: the practice roster, then as many of manyAdmins.ts as it takes. Unset: the roster alone. */
  adminCount?: number | undefined;
  /** Notification rules in all: the two seeded ones, then as many of manyNotifications.ts as it takes (fewer keeps the first). Unset: the two. */
  notificationCount?: number | undefined;
  /**
   * A server before admin type API existed: the admins the seed makes of type
   * API are STANDARD admins with `wsApiUseOnly` instead, with the same ids,
   * logins and passwords.
   */
  legacyAdminTypes?: boolean;
}

/**
 * An institution to practise on: an organization with three departments (and a
 * second organization an RAO of the first must not see), admins of every role
 * and type (IdP and SAS admins among them without a login), domains in every
 * state, certificates over every status, persons with S/MIME certificates,
 * notifications. The same seed gives the same data; dates are relative to
 * `now` so expiries stay meaningful.
 */
export async function seedSandbox(seed: number, certificateCount: number, now: number, { adminCount, notificationCount, legacyAdminTypes = false }: SeedSettings = {}): Promise<SandboxData> {
  const random = new SeededRandom(seed);
  const ca = await createSandboxCa('Sandbox', now);
  const seedKeys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const seedCertificateKey = Buffer.from(await webcrypto.subtle.exportKey('spki', seedKeys.publicKey)).toString('base64');
  const ago = (days: number) => now - days * dayMs;

  const university = organization(1001, 'Sandbox University', null);
  const physics = organization(1002, 'Department of Physics', 1001);
  const computing = organization(1003, 'Department of Computer Science', 1001);
  const library = organization(1004, 'University Library', 1001, { sslCertsApiEnabled: false, clientCertsApiEnabled: false });
  const institute = organization(1005, 'Sandbox Research Institute', null, {
    academicCode: 'institute.example',
    contactEmails: 'pki@institute.example',
    city: 'Provbo',
  });
  const organizations = [university, physics, computing, library, institute];

  const { admins } = seedAdmins(seed, random, now);
  if (adminCount !== undefined && adminCount < admins.length) throw new RangeError(`admins must be at least ${admins.length}, the practice roster`);
  await hashSeededPasswords(admins);

  const keyTypes = { RSA: ['2048', '3072', '4096'], EC: ['P-256', 'P-384'] };
  const profiles: CertificateProfile[] = [
    { id: 3001, kind: 'ssl', name: 'Sandbox OV SSL', description: 'Organization-validated single-name certificate', terms: [365, 730], keyTypes, useSecondaryOrgName: false, validationType: 'Organization Validation (OV)', allowRenew: true, ev: false },
    { id: 3002, kind: 'ssl', name: 'Sandbox OV Multi-Domain', description: 'Organization-validated certificate for several names', terms: [365, 730], keyTypes, useSecondaryOrgName: false, validationType: 'Organization Validation (OV)', allowRenew: true, ev: false },
    { id: 3003, kind: 'ssl', name: 'Sandbox OV Wildcard', description: 'Organization-validated wildcard certificate', terms: [365], keyTypes: { RSA: ['2048', '3072', '4096'] }, useSecondaryOrgName: false, validationType: 'Organization Validation (OV)', allowRenew: false, ev: false },
    { id: 3004, kind: 'ssl', name: 'Sandbox EV SSL', description: 'Extended-validation certificate', terms: [365], keyTypes: { RSA: ['2048', '3072', '4096'] }, useSecondaryOrgName: false, validationType: 'Extended Validation (EV)', allowRenew: true, ev: true },
    { id: 3011, kind: 'smime', name: 'Sandbox S/MIME Standard', description: 'Personal email signing and encryption', terms: [365, 730, 1095], keyTypes, useSecondaryOrgName: false, validationType: 'Individual', allowRenew: true, ev: false },
    { id: 3012, kind: 'smime', name: 'Sandbox IGTF Personal', description: 'Grid certificate for researchers', terms: [395], keyTypes: { RSA: ['2048', '3072', '4096'] }, useSecondaryOrgName: true, validationType: 'Individual', allowRenew: true, ev: false },
    { id: 3013, kind: 'smime', name: 'Sandbox S/MIME One-off', description: 'Short-lived certificate that must be ordered anew rather than renewed', terms: [365], keyTypes, useSecondaryOrgName: false, validationType: 'Individual', allowRenew: false, ev: false },
  ];

  const customFields = [
    { id: 3101, kind: 'ssl' as const, name: 'Service owner', mandatory: true },
    { id: 3102, kind: 'ssl' as const, name: 'Cost centre', mandatory: false },
    { id: 3111, kind: 'smime' as const, name: 'Employee number', mandatory: false },
  ];

  const domain = (id: number, name: string, delegations: Domain['delegations'], dcv: Partial<DomainValidation>, active = true): Domain => ({
    id,
    name,
    description: '',
    active,
    delegations,
    validation: validation(dcv),
    ctLogMonitoring: { enabled: false, includeSubdomains: false, bucketId: null },
    created: ago(random.int(200, 1500)),
  });
  const sslAndSmime = ['SSL', 'SMIME'] as Domain['delegations'][number]['certTypes'];
  const allRequestPrivileges: Domain['delegations'][number]['domainCertificateRequestPrivileges'] = ['DOMAIN', 'SUBDOMAIN', 'WILDCARD_1ST_LEVEL', 'WILDCARD_2ND_LEVEL'];
  const validatedFor = (days: number) => ({ status: 'VALIDATED' as const, method: 'CNAME' as const, validated: ago(397 - days), expires: now + days * dayMs, lastCheck: ago(1) });
  const domains: Domain[] = [
    domain(4001, sandboxDomain, [{ orgId: university.id, certTypes: sslAndSmime, domainCertificateRequestPrivileges: allRequestPrivileges, status: 'ACTIVE' }], validatedFor(300)),
    domain(4002, `*.${sandboxDomain}`, [{ orgId: university.id, certTypes: ['SSL'], domainCertificateRequestPrivileges: allRequestPrivileges, status: 'ACTIVE' }], validatedFor(300)),
    domain(4003, `physics.${sandboxDomain}`, [{ orgId: physics.id, certTypes: sslAndSmime, domainCertificateRequestPrivileges: ['DOMAIN', 'SUBDOMAIN'], status: 'ACTIVE' }], validatedFor(21)),
    domain(4004, `cs.${sandboxDomain}`, [{ orgId: computing.id, certTypes: ['SSL'], domainCertificateRequestPrivileges: ['DOMAIN', 'SUBDOMAIN'], status: 'REQUESTED' }], validatedFor(200)),
    domain(4005, `library.${sandboxDomain}`, [{ orgId: library.id, certTypes: ['SSL'], domainCertificateRequestPrivileges: ['DOMAIN', 'SUBDOMAIN'], status: 'ACTIVE' }], {}),
    domain(4006, 'old-project.example', [{ orgId: university.id, certTypes: ['SSL'], domainCertificateRequestPrivileges: ['DOMAIN'], status: 'ACTIVE' }], { status: 'EXPIRED', method: 'EMAIL', validated: ago(800), expires: ago(403) }),
    domain(4007, 'retired.example', [{ orgId: university.id, certTypes: ['SSL'], domainCertificateRequestPrivileges: ['DOMAIN'], status: 'ACTIVE' }], validatedFor(120), false),
    domain(4008, 'institute.example', [{ orgId: institute.id, certTypes: sslAndSmime, domainCertificateRequestPrivileges: allRequestPrivileges, status: 'ACTIVE' }], validatedFor(250)),
  ];

  const sslNames: { orgId: number; suffix: string }[] = [
    { orgId: university.id, suffix: sandboxDomain },
    { orgId: physics.id, suffix: `physics.${sandboxDomain}` },
    { orgId: computing.id, suffix: `cs.${sandboxDomain}` },
    { orgId: library.id, suffix: `library.${sandboxDomain}` },
    { orgId: institute.id, suffix: 'institute.example' },
  ];
  const hosts = ['www', 'mail', 'vpn', 'wiki', 'git', 'lab', 'portal', 'api', 'sso', 'files', 'print', 'db', 'cluster', 'monitor', 'login'];
  const requesters = new Map<number, Admin>();
  // A certificate's requester is the first admin with a role on its unit; the library's DRAO requested none of them.
  for (const candidate of admins) {
    if (candidate.login === libraryDraoLogin) continue;
    for (const credential of candidate.credentials) if (credential.orgId !== null && !requesters.has(credential.orgId)) requesters.set(credential.orgId, candidate);
  }
  // Others who request SSL certificates for a unit: an MRAO, and admins with an SSL role over it (an RAO of
  // its organization included), but never an admin who has not yet signed in, nor the library's DRAO.
  const otherRequesters = new Map<number, Admin[]>();
  for (const unit of organizations) {
    const usual = requesters.get(unit.id);
    const others = admins.filter(
      (candidate) =>
        candidate !== usual &&
        candidate.login !== libraryDraoLogin &&
        !candidate.temporaryPassword &&
        candidate.credentials.some(({ role, orgId }) => role === 'MRAO' || (role === 'RAO_SSL' && (orgId === unit.id || orgId === unit.parentId)) || (role === 'DRAO_SSL' && orgId === unit.id)),
    );
    otherRequesters.set(unit.id, others);
  }
  const statuses: (readonly [SslStatus, number])[] = [
    ['Issued', 55], ['Expired', 14], ['Revoked', 7], ['Replaced', 4], ['Requested', 5], ['Approved', 2],
    ['Applied', 3], ['Declined', 3], ['Rejected', 2], ['Invalid', 2], ['Init', 1], ['SAApproved', 2],
  ];
  const ssl: SslCertificate[] = [];
  let nextSslId = 100_001;
  for (let index = 0; index < certificateCount; index++) {
    const place = random.weighted(sslNames.map((entry, position) => [entry, position === 0 ? 4 : position === 4 ? 1 : 2] as const));
    const host = `${random.pick(hosts)}${random.int(1, 999)}`;
    const commonName = `${host}.${place.suffix}`;
    const extra = random.next() < 0.3 ? [`${random.pick(hosts)}${random.int(1, 99)}.${place.suffix}`] : [];
    const status = random.weighted(statuses);
    const profile = profiles[extra.length > 0 ? 1 : random.next() < 0.9 ? 0 : 3]!;
    const term = random.pick(profile.terms);
    const requester = requesters.get(place.orgId);
    // Issued certificates end anywhere from next week to two years ahead; expired ones ended up to five years ago.
    const expires = status === 'Expired' ? ago(random.int(1, 1800)) : now + random.int(-10, 730) * dayMs;
    const issued = Math.min(expires - term * dayMs, now - dayMs);
    const hasIssued = ['Issued', 'Expired', 'Revoked', 'Replaced'].includes(status);
    const requested = hasIssued ? issued - random.int(0, 3) * dayMs : ago(random.int(0, 60));
    const id = nextSslId++;
    ssl.push({
      id,
      orgId: place.orgId,
      commonName,
      subjectAlternativeNames: [commonName, ...extra],
      status: status === 'Issued' && expires <= now ? 'Expired' : status,
      profileId: profile.id,
      term,
      requesterId: requester?.id ?? null,
      requester: requester?.login ?? 'rao',
      approverId: null,
      externalRequester: random.next() < 0.2 ? `owner${random.int(1, 50)}@${place.suffix}` : '',
      comments: '',
      customFields: [{ name: 'Service owner', value: `team-${random.int(1, 20)}` }],
      requestedVia: random.pick(['Client Admin', 'REST API', 'Enrollment Form', 'ACME']),
      renewId: random.token(20),
      backendCertId: String(900_000_000 + id),
      requested,
      approved: hasIssued || status === 'Applied' || status === 'Approved' ? requested : null,
      issued: hasIssued ? issued : null,
      declined: status === 'Declined' ? requested + dayMs : null,
      expires: hasIssued ? expires : null,
      revoked: status === 'Revoked' ? Math.min(now, issued + random.int(1, 300) * dayMs) : null,
      replaced: status === 'Replaced' ? Math.min(now, issued + random.int(1, 300) * dayMs) : null,
      issueAt: status === 'Applied' ? now + random.int(60, 3600) * 1000 : null,
      reasonCode: status === 'Revoked' ? random.pick([0, 1, 3, 4, 5]) : null,
      revokeReason: status === 'Revoked' ? 'Seeded revocation' : '',
      // Applied certificates have their serial already; it shows once they are issued.
      serialNumber: hasIssued || status === 'Applied' ? random.serial(16) : '',
      keyAlgorithm: 'EC',
      keyParam: 'P-256',
      publicKey: null,
      dcvMode: 'CNAME',
      renewed: false,
      renewedFromId: null,
      renewedToId: null,
      replacedById: null,
      certificatePem: null,
      autoRenewState: 'Not scheduled',
      autoRenewDays: 30,
      suspendNotifications: false,
      manuallyRenewed: null,
      downloaded: null,
    });
  }
  // A stream of its own, so that the certificates drawn above, and everything seeded after them, stay as drawn.
  const shaping = new SeededRandom((seed ^ 0xc3a7) >>> 0);
  shapeSslInventory(ssl, {
    now,
    random: shaping,
    renewableProfiles: new Set(profiles.filter((profile) => profile.kind === 'ssl' && profile.allowRenew).map((profile) => profile.id)),
    singleNameProfile: 3001,
    wildcardProfile: 3003,
    wildcards: new Map([[university.id, `*.${sandboxDomain}`]]),
    otherRequesters,
  });

  const firstNames = ['Astrid', 'Björn', 'Elin', 'Erik', 'Freja', 'Gustav', 'Ingrid', 'Johan', 'Karin', 'Lars', 'Maja', 'Nils', 'Oskar', 'Sara', 'Tove'];
  const lastNames = ['Andersson', 'Berg', 'Dahl', 'Ek', 'Holm', 'Lind', 'Nyström', 'Sjöberg', 'Strand', 'Wik'];
  const persons: Person[] = [];
  const smime: SmimeCertificate[] = [];
  // Persons and client certificates take ids from 5001 and 6001, and past the 900th from blocks of their
  // own (3,000,001 and 4,000,001), so that no id names two things however many there are.
  const blockId = (index: number, first: number, block: number) => (index < 900 ? first + index : block + index);
  let smimeIndex = 0;
  for (let index = 0; index < clientCertificatePersons(certificateCount); index++) {
    const firstName = random.pick(firstNames);
    const lastName = random.pick(lastNames);
    // The first thirty draw their organization from the university alone, so a seed's first thirty persons stay the same at any size.
    const place = random.pick(index < 30 ? [university, physics, computing] : [university, physics, computing, institute]);
    const mailDomain = place === institute ? 'institute.example' : sandboxDomain;
    const email = `${firstName}.${lastName}${index}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '') + `@${mailDomain}`;
    const person: Person = {
      id: blockId(index, 5001, 3_000_001),
      firstName,
      middleName: '',
      lastName,
      email,
      organizationId: place.id,
      validationType: 'STANDARD',
      phone: '',
      secondaryEmails: [],
      commonName: `${firstName} ${lastName}`,
      eppn: email,
      upn: '',
      created: ago(random.int(30, 900)),
      createdBy: place === institute ? 'rao-institute' : 'rao',
      modified: ago(random.int(1, 30)),
      modifiedBy: place === institute ? 'rao-institute' : 'rao',
    };
    persons.push(person);
    const count = random.int(0, 2);
    for (let n = 0; n < count; n++) {
      const state: SmimeState = random.weighted([['issued', 6], ['expired', 2], ['revoked', 1], ['requested', 1]] as const);
      const expires = state === 'expired' ? ago(random.int(1, 700)) : now + random.int(5, 700) * dayMs;
      // A certificate ending more than a year ahead was ordered for two years, so that none was issued in the future.
      const term = expires - now > 360 * dayMs ? 730 : 365;
      const issued = state === 'requested' ? null : expires - term * dayMs;
      const id = blockId(smimeIndex++, 6001, 4_000_001);
      smime.push({
        id,
        backendCertId: String(1_900_000_000 + id),
        orgId: place.id,
        personId: person.id,
        email,
        commonName: person.commonName,
        state,
        profileId: 3011,
        term,
        requestedVia: random.pick(['Admin Enroll', 'IdP Enroll', 'REST Enroll API']),
        requested: issued === null ? ago(1) : issued - dayMs,
        issued,
        expires: issued === null ? null : expires,
        revoked: state === 'revoked' ? Math.min(now, Math.max(issued! + dayMs, ago(random.int(1, 100)))) : null,
        issueAt: state === 'requested' ? now + 3_600_000 : null,
        reasonCode: state === 'revoked' ? 0 : null,
        serialNumber: issued === null ? '' : random.serial(16),
        keyAlgorithm: 'EC',
        keyParam: 'P-256',
        publicKey: null,
        comments: '',
        customFields: [],
        certificatePem: null,
      });
    }
  }

  shapeSmimeInventory(smime, { now, random: shaping, longTermProfile: { id: 3012, term: 395 }, oneOffProfile: 3013 });

  const notification = (id: number, description: string, type: string, days?: number) => ({
    id,
    description,
    active: true,
    type,
    orgData: { selectedOrgType: 'ANY' as const, orgDelegations: [] },
    recipientData: { notifyRoles: ['REQUESTER', 'ORGANIZATION_CONTACT'], recipients: [{ type: 'EMAIL' as const, value: `pki@${sandboxDomain}` }] },
    additionalData: days === undefined ? {} : { days, freq: 'ONCE' as const },
    created: ago(400),
    createdBy: 'rao',
    modified: ago(400),
    modifiedBy: 'rao',
  });

  const codeSigning = [0, 1, 2].map((index) => {
    const issued = ago(random.int(30, 600));
    return {
      id: 7001 + index,
      orgId: university.id,
      subject: `CN=Sandbox University Software ${index + 1}, O=Sandbox University, C=SE`,
      commonName: `Sandbox University Software ${index + 1}`,
      serialNumber: random.serial(16),
      status: index === 2 ? ('Revoked' as const) : ('Issued' as const),
      issued,
      expires: issued + 1095 * dayMs,
      revoked: index === 2 ? ago(10) : null,
      reasonCode: index === 2 ? 1 : null,
      owner: `developer${index + 1}@${sandboxDomain}`,
      backendCertId: String(2_900_000_000 + index),
      certificatePem: '',
    };
  });

  return {
    version: 2,
    seed,
    customerUri: sandboxCustomerUri,
    ca: ca.export(),
    seedCertificateKey,
    nextId: 10_000_000,
    organizations,
    admins: [
      ...admins,
      ...(await seedManyAdmins({
        seed,
        count: (adminCount ?? admins.length) - admins.length,
        now,
        organizations,
        mailDomains: new Map([[university.id, sandboxDomain], [institute.id, 'institute.example']]),
        identityProviderId: 1,
      })),
    ].map((admin) => (legacyAdminTypes ? withoutApiType(admin) : admin)),
    identityProviders: [{ id: 1, name: 'Sandbox University IdP' }],
    profiles,
    customFields,
    ssl,
    smime,
    persons,
    domains,
    notifications: [
      notification(8001, 'SSL expiring in 30 days', 'SSLExpiration', 30),
      notification(8002, 'New admins', 'AdminCreation'),
      ...seedManyNotifications({ seed, count: (notificationCount ?? 2) - 2, now, organizations, mailDomain: sandboxDomain }),
    ].slice(0, notificationCount ?? 2),
    codeSigning,
    activity: [{ time: ago(1), admin: 'rao', action: 'Sign-in', details: 'Seeded activity' }],
  };
}

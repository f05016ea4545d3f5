import { randomBytes } from 'node:crypto';
import { dayMs } from './dates';
import { hashPassword } from './passwords';
import { SeededRandom } from './random';
import { adminRecord, type Admin, type AdminType, type Credential, type Organization, type Privilege, type Role } from './state/model';

/**
 * A tenant's worth of admins beyond the practice roster (`--admins N`), for
 * trying the console on a large institution: every type, RAOs and DRAOs over
 * every organization and department, varied privileges, some suspended or
 * locked, passwords expired, expiring within two weeks or far off, IdP person
 * ids on most IdP admins, and IdP and SAS admins without a login. The same
 * seed gives the same admins.
 *
 * Their ids come from a block of their own, so however many there are they
 * never take an id the rest of the seed uses.
 */

export const manyAdminsFirstId = 2_000_001;
/** The most `--admins` may ask for: enough for any institution, and within the id block above. */
export const maxAdmins = 100_000;

const firstNames = [
  'Aino', 'Alva', 'Amir', 'Anders', 'Astrid', 'Björn', 'Camille', 'Daniel', 'Elin', 'Emil', 'Erik', 'Fatima', 'Freja', 'Gustav',
  'Hanna', 'Ida', 'Ingrid', 'Isak', 'Johan', 'Julia', 'Karin', 'Kenji', 'Lars', 'Leila', 'Linnea', 'Lucas', 'Maja', 'Malik',
  'Maria', 'Mats', 'Mikael', 'Nils', 'Noor', 'Olivia', 'Oskar', 'Petra', 'Rasmus', 'Sara', 'Sofia', 'Tove', 'Ulf', 'Wilma',
];
const lastNames = [
  'Andersson', 'Berg', 'Bergström', 'Dahl', 'Ek', 'Ekström', 'Fors', 'Hansson', 'Holm', 'Ibrahim', 'Johansson', 'Karlsson',
  'Lind', 'Lindberg', 'Lundqvist', 'Martin', 'Nguyen', 'Nilsson', 'Nyström', 'Olsson', 'Persson', 'Sjöberg', 'Strand',
  'Svensson', 'Tanaka', 'Wik', 'Åberg', 'Öberg',
];
const services = ['acme', 'backup', 'ci', 'inventory', 'monitor', 'provisioning', 'renewals', 'wiki'];

const sslPrivileges: Privilege[] = ['sslRequest', 'sslRenew', 'sslReplace', 'sslRevoke', 'sslApprove', 'sslManage', 'allowDCV', 'allowManageDomains', 'autoApproveCertificates'];
const smimePrivileges: Privilege[] = ['clientCertRequest', 'clientCertRevoke', 'clientCertManage'];
const codeSigningPrivileges: Privilege[] = ['csRequest', 'csRevoke', 'csManage'];
const raoPrivileges: Privilege[] = ['allowCreate', 'allowEdit', 'allowDelete', 'editOrganizationAndDepartment', 'addDepartments', 'editDepartments', 'viewUsage'];
const draoPrivileges: Privilege[] = ['allowCreate', 'editDepartments'];

/** Letters a login may hold: names lose their accents, as people's logins do. */
function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A hash of a password nobody is told, made once per process: the many admins
 * can be listed, changed and deleted like any other, but not signed in as, and
 * hashing thousands of passwords would make seeding slow for nothing.
 */
let unknownPasswordHash: Promise<string> | undefined;

function hashOfUnknownPassword(): Promise<string> {
  unknownPasswordHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return unknownPasswordHash;
}

/** Each privilege of a pool at the given odds; with `keepFirst`, always the first, so a role keeps its basic right. */
function somePrivileges(random: SeededRandom, pool: readonly Privilege[], odds: number, keepFirst: boolean): Privilege[] {
  return pool.filter((_, index) => (keepFirst && index === 0) || random.next() < odds);
}

function credentialsAndPrivileges(random: SeededRandom, organizations: readonly Organization[], departments: readonly Organization[]): { credentials: Credential[]; privileges: Privilege[]; orgId: number | null } {
  const level = random.weighted([['MRAO', 1], ['RAO', 34], ['DRAO', 65]] as const);
  if (level === 'MRAO' || (level === 'DRAO' && departments.length === 0) || organizations.length === 0) {
    return { credentials: [{ role: 'MRAO', orgId: null }], privileges: [...sslPrivileges, ...smimePrivileges, ...codeSigningPrivileges, ...raoPrivileges], orgId: null };
  }
  const families = random.weighted([[['SSL'], 4], [['SMIME'], 2], [['SSL', 'SMIME'], 3], [['SSL', 'SMIME', 'CS'], 1]] as const);
  const unit = level === 'RAO' ? random.pick(organizations) : random.pick(departments);
  const privileges: Privilege[] = [];
  const credentials: Credential[] = [];
  for (const family of families) {
    if (level === 'DRAO' && family === 'CS') continue;
    credentials.push({ role: `${level}_${family}` as Role, orgId: unit.id });
    privileges.push(...somePrivileges(random, family === 'SSL' ? sslPrivileges : family === 'SMIME' ? smimePrivileges : codeSigningPrivileges, 0.5, true));
  }
  privileges.push(...somePrivileges(random, level === 'RAO' ? raoPrivileges : draoPrivileges, 0.3, false));
  return { credentials, privileges, orgId: unit.parentId ?? unit.id };
}

export interface ManyAdminsPlan {
  seed: number;
  count: number;
  /** Dates are relative to it. */
  now: number;
  organizations: readonly Organization[];
  /** Each organization's mail domain, for addresses and IdP person ids. */
  mailDomains: ReadonlyMap<number, string>;
  /** The identity provider IdP admins are linked to. */
  identityProviderId: number;
}

/** `count` admins after the roster, with ids from `manyAdminsFirstId`. */
export async function seedManyAdmins({ seed, count, now, organizations, mailDomains, identityProviderId }: ManyAdminsPlan): Promise<Admin[]> {
  if (count <= 0) return [];
  // A stream of its own, so the rest of the seed is the same however many admins are asked for.
  const random = new SeededRandom((seed ^ 0x5ad317) >>> 0);
  const passwordHash = await hashOfUnknownPassword();
  const tops = organizations.filter((org) => org.parentId === null);
  const departments = organizations.filter((org) => org.parentId !== null);
  const ago = (days: number) => now - days * dayMs;
  const admins: Admin[] = [];
  for (let index = 0; index < count; index++) {
    const id = manyAdminsFirstId + index;
    const number = index + 1;
    const type: AdminType = random.weighted([['STANDARD', 50], ['API', 15], ['IDP', 25], ['SAS', 10]] as const);
    const forename = random.pick(firstNames);
    const surname = random.pick(lastNames);
    const { credentials, privileges, orgId } = credentialsAndPrivileges(random, tops, departments);
    const domain = (orgId === null ? undefined : mailDomains.get(orgId)) ?? mailDomains.values().next().value ?? 'example.org';
    const person = `${ascii(forename)}.${ascii(surname)}${number}`;
    const service = type === 'API' ? `api-${random.pick(services)}-${number}` : undefined;
    const withLogin = type === 'STANDARD' || type === 'API' || random.next() < (type === 'IDP' ? 0.4 : 0.3);
    const created = ago(random.int(1, 2000));
    const modified = Math.min(now, created + random.int(0, 400) * dayMs);
    const signsInHere = type === 'STANDARD' || type === 'API';
    // Passwords last 90 days; some ran out, some run out within two weeks, a few never do.
    const expiry = signsInHere ? random.weighted([['expired', 12], ['soon', 12], ['never', 6], ['later', 70]] as const) : undefined;
    const passwordExpires =
      expiry === 'expired' ? ago(random.int(1, 120)) : expiry === 'soon' ? now + random.int(1, 14 * 24 - 1) * 3_600_000 : expiry === 'later' ? now + random.int(15, 89) * dayMs : null;
    const withIdp = type === 'IDP' && random.next() < 0.85;
    const suspended = random.next() < 0.08;
    const locked = signsInHere && random.next() < 0.01;
    const failedAttempts = locked ? 5 : random.next() < 0.1 ? random.int(1, 3) : 0;
    admins.push(
      adminRecord({
        id,
        type,
        login: withLogin ? (service ?? person) : null,
        passwordHash: signsInHere ? passwordHash : null,
        temporaryPassword: type === 'API' && random.next() < 0.05,
        passwordExpires,
        lastPasswordChange: passwordExpires === null ? created : Math.min(now, passwordExpires - 90 * dayMs),
        forename: service === undefined ? forename : 'Service',
        surname: service === undefined ? surname : service,
        email: `${service ?? person}@${domain}`,
        identityProviderId: withIdp ? identityProviderId : null,
        idpPersonId: withIdp ? `${person}@${domain}` : '',
        credentials,
        privileges,
        activeStatus: suspended ? 'SUSPENDED' : 'ACTIVE',
        locked,
        failedAttempts,
        failedDate: failedAttempts > 0 ? ago(random.int(0, 30)) : null,
        created,
        modified,
      }),
    );
  }
  return admins;
}

import { seededOAuthClients, TokenIssuer, tokenPath, type OAuthClient } from './apiClients';
import { loadSandboxCa } from './ca';
import { isoDate } from './dates';
import { settleSmimeInStore, settleSslInStore } from './lifecycle';
import { resolveOptions, type ResolvedOptions, type SandboxOptions } from './options';
import { routes } from './routes';
import { seededAdmins, seedSandbox, type SeededLogin } from './seed';
import { startServer, type FaultSettings } from './server';
import { hasLogin, type Admin, type CertificateProfile, type Organization, type Person, type SignedInAdmin, type SmimeCertificate, type SslCertificate } from './state/model';
import { SandboxStore, readStateFile } from './state/store';
import { adminCertificate, type KeyAndCertificate } from './tls';

export { ManualClock } from './clock';
export type { SandboxOptions } from './options';
export type { SeededLogin } from './seed';
export { clientCertificatePersons } from './seed';
export type { CertificateProfile, Organization, Person, SmimeCertificate, SmimeState, SslCertificate, SslStatus } from './state/model';

/** A record as a test reads it: a copy, read-only all the way down. */
export type ReadOnlyCopy<T> = T extends (infer Item)[] ? readonly ReadOnlyCopy<Item>[] : T extends object ? { readonly [Key in keyof T]: ReadOnlyCopy<T[Key]> } : T;

/**
 * The sandbox's own records, for tests that check what a client shows or did
 * against what the sandbox holds. Each call answers copies made at that moment,
 * so a later change in the sandbox does not show in them, and nothing done to
 * them reaches the sandbox (their type is read-only; they are not frozen, which
 * would make a copy of 100,000 certificates take seconds). Times are epoch
 * milliseconds (null where there is none), and each list is in id order, as SCM
 * lists them. Certificates are first brought up to date at the sandbox's clock,
 * as any read through the API would: an Applied certificate whose time has come
 * is Issued, an Issued one past its end date Expired.
 */
export interface SandboxRecords {
  /** Every SSL certificate. `renewedFromId`/`renewedToId` link a renewal and what it renewed; `replacedById` a replaced one and its replacement. */
  sslCertificates(): ReadOnlyCopy<SslCertificate>[];
  sslCertificate(id: number): ReadOnlyCopy<SslCertificate> | undefined;
  /** Every client (S/MIME) certificate; `state` is SCM's lower-case state. */
  clientCertificates(): ReadOnlyCopy<SmimeCertificate>[];
  clientCertificate(id: number): ReadOnlyCopy<SmimeCertificate> | undefined;
  /** Organizations and departments (a department's `parentId` is its organization's id). */
  organizations(): ReadOnlyCopy<Organization>[];
  /** The persons client certificates are issued to. */
  persons(): ReadOnlyCopy<Person>[];
  /** SSL and client certificate profiles (`kind` tells which). */
  profiles(): ReadOnlyCopy<CertificateProfile>[];
}

/** A client certificate's copy, with its own list of custom fields. */
function smimeCopy(certificate: SmimeCertificate): ReadOnlyCopy<SmimeCertificate> {
  return { ...certificate, customFields: certificate.customFields.map((field) => ({ ...field })) };
}

/** An SSL certificate's copy, with its own lists of names and custom fields. */
function sslCopy(certificate: SslCertificate): ReadOnlyCopy<SslCertificate> {
  return { ...certificate, subjectAlternativeNames: [...certificate.subjectAlternativeNames], customFields: certificate.customFields.map((field) => ({ ...field })) };
}

/**
 * An admin one can practise as: a seeded one, whether or not the seed's
 * password is still theirs, or one created in the sandbox.
 */
export interface PracticeLogin {
  login: string;
  description: string;
  /** False for an admin created in the sandbox. */
  seeded: boolean;
  /**
   * False once the password was changed, and always for an admin created in
   * the sandbox: then only its owner knows it.
   */
  seededPasswordCurrent: boolean;
}

export interface SandboxHandle {
  /** The base URL a client uses, e.g. `http://127.0.0.1:8443`. */
  url: string;
  port: number;
  customerUri: string;
  /**
   * The seeded admins whose password is still the seed's, with it (fake, fixed
   * per seed). An admin whose password was changed is left out: the sandbox
   * keeps only a hash of the new one.
   */
  readonly logins: SeededLogin[];
  /**
   * Every seeded admin that signs in with a password, in seed order, then
   * every admin created in the sandbox that does, in the order they were made.
   */
  readonly practiceLogins: PracticeLogin[];
  /** The seed's password for `login` while it is still that admin's password. */
  seededPassword(login: string): string | undefined;
  /** Whether `candidate` is the current password of the admin with `login`, compared through its hash. */
  checkPassword(login: string, candidate: string): boolean;
  options: ResolvedOptions;
  /** The live state, for tests that count what was created. */
  store: SandboxStore;
  /** Read-only copies of the sandbox's certificates, organizations, persons and profiles, up to date at its clock. */
  records: SandboxRecords;
  /** Fault settings, changeable while running. */
  faults: FaultSettings;
  /** The OAuth2 token endpoint on this sandbox (SCM's is on auth.sso.sectigo.com). */
  tokenUrl: string;
  /** The seeded OAuth2 API clients, with their (fake, fixed per seed) secrets. */
  oauthClients: OAuthClient[];
  /** Bearer tokens issued so far. */
  tokensIssued(): number;
  /** The sandbox CA's root, which a client must trust to reach the sandbox over https. */
  caCertificate: string;
  /** A fresh client certificate and key for an admin's certificate sign-in on `/private`. */
  clientCertificate(login: string): Promise<KeyAndCertificate>;
  /** Requests handled per route, e.g. `POST /api/ssl/v1/enroll`. */
  requestCounts: Map<string, number>;
  /** Stops the server and writes the state file, if any. */
  stop(): Promise<void>;
}

/**
 * Starts an SCM sandbox on 127.0.0.1: seeded fresh, or from its state file when
 * that exists.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const resolved = resolveOptions(options);
  const saved = resolved.stateFile === undefined ? undefined : await readStateFile(resolved.stateFile);
  // A state file is used as it is: its admins keep the types they were seeded or created with.
  const data = saved ?? (await seedSandbox(resolved.seed, resolved.certificates, resolved.now(), { adminCount: resolved.admins, notificationCount: resolved.notifications, legacyAdminTypes: resolved.legacyAdminTypes }));
  const store = new SandboxStore(data, resolved.stateFile);
  // Also writes a file just migrated from an older format, which held passwords in clear.
  if (resolved.stateFile !== undefined) await store.save();
  const signsInWithPassword = (admin: Admin | undefined): admin is SignedInAdmin =>
    admin !== undefined && hasLogin(admin) && (admin.type === 'STANDARD' || admin.type === 'API') && admin.passwordHash !== null;
  const practiceAdmins = () =>
    seededAdmins(store.seed).flatMap((seeded) => {
      const admin = store.admins.get(seeded.id);
      return signsInWithPassword(admin) ? [{ seeded, admin }] : [];
    });
  // An admin another admin created through the API names its creator; the seed names none.
  const createdAdmins = () => {
    const roster = new Set(seededAdmins(store.seed).map((seeded) => seeded.id));
    return [...store.admins.values()]
      .filter((admin): admin is SignedInAdmin => admin.creatorId !== null && !roster.has(admin.id) && signsInWithPassword(admin))
      .sort((a, b) => a.id - b.id);
  };
  const ca = await loadSandboxCa(store.ca);
  const oauthClients = seededOAuthClients(store.seed);
  const tokens = new TokenIssuer(oauthClients, resolved.tokenLifetimeSeconds);
  const server = await startServer(routes, store, ca, resolved, tokens);
  const currentSsl = (certificate: SslCertificate) => {
    settleSslInStore(store, certificate, resolved.now());
    return sslCopy(certificate);
  };
  const currentSmime = (certificate: SmimeCertificate) => {
    settleSmimeInStore(store, certificate, resolved.now());
    return smimeCopy(certificate);
  };
  const records: SandboxRecords = {
    sslCertificates: () => [...store.ssl.values()].map(currentSsl),
    sslCertificate: (id) => {
      const certificate = store.ssl.get(id);
      return certificate === undefined ? undefined : currentSsl(certificate);
    },
    clientCertificates: () => [...store.smime.values()].map(currentSmime),
    clientCertificate: (id) => {
      const certificate = store.smime.get(id);
      return certificate === undefined ? undefined : currentSmime(certificate);
    },
    organizations: () => structuredClone([...store.organizations.values()]),
    persons: () => structuredClone([...store.persons.values()]),
    profiles: () => structuredClone([...store.profiles.values()]),
  };
  return {
    url: server.origin,
    port: server.port,
    customerUri: store.customerUri,
    get logins() {
      return practiceAdmins().flatMap(({ seeded, admin }) =>
        admin.seededPassword === null ? [] : [{ login: admin.login, password: admin.seededPassword, description: seeded.description }],
      );
    },
    get practiceLogins() {
      return [
        ...practiceAdmins().map(({ seeded, admin }) => ({ login: admin.login, description: seeded.description, seeded: true, seededPasswordCurrent: admin.seededPassword !== null })),
        ...createdAdmins().map((admin) => ({ login: admin.login, description: `Created in the sandbox on ${isoDate(admin.created)}`, seeded: false, seededPasswordCurrent: false })),
      ];
    },
    seededPassword: (login) => store.adminByLogin(login)?.seededPassword ?? undefined,
    checkPassword(login, candidate) {
      const admin = store.adminByLogin(login);
      return admin !== undefined && store.passwords.matchesSync(admin, candidate);
    },
    options: resolved,
    store,
    records,
    faults: server.faults,
    requestCounts: server.requestCounts,
    tokenUrl: `${server.origin}${tokenPath}`,
    oauthClients,
    tokensIssued: () => tokens.issued,
    caCertificate: ca.rootPem,
    async clientCertificate(login) {
      const admin = store.adminByLogin(login);
      if (admin === undefined) throw new Error(`No admin with login ${login} in the sandbox`);
      return adminCertificate(ca, admin, resolved.now());
    },
    async stop() {
      await server.close();
      await store.close();
    },
  };
}

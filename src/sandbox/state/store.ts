import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SandboxCaExport } from '../ca';
import { PasswordChecker } from '../passwords';
import { migrateFromVersion1, type SandboxDataVersion1 } from './migrate';
import {
  hasLogin,
  type ActivityEntry,
  type Admin,
  type CertificateProfile,
  type CodeSigningCertificate,
  type CustomField,
  type Domain,
  type IdentityProvider,
  type NotificationRule,
  type Organization,
  type Person,
  type SignedInAdmin,
  type SmimeCertificate,
  type SslCertificate,
} from './model';

/** Everything a sandbox holds, as saved in a state file. */
export interface SandboxData {
  /** 2 since passwords are kept as hashes; version 1 files are migrated on load. */
  version: 2;
  seed: number;
  customerUri: string;
  ca: SandboxCaExport;
  /** The public key (SPKI DER, base64) that seeded certificates are issued for. */
  seedCertificateKey: string;
  nextId: number;
  organizations: Organization[];
  admins: Admin[];
  identityProviders: IdentityProvider[];
  profiles: CertificateProfile[];
  customFields: CustomField[];
  ssl: SslCertificate[];
  smime: SmimeCertificate[];
  persons: Person[];
  domains: Domain[];
  notifications: NotificationRule[];
  codeSigning: CodeSigningCertificate[];
  activity: ActivityEntry[];
}

/**
 * The sandbox's state, indexed by id. Routes change the objects in place and
 * then call `changed()`, which saves to the state file (if any) shortly after.
 */
export class SandboxStore {
  readonly customerUri: string;
  readonly seed: number;
  readonly ca: SandboxCaExport;
  readonly seedCertificateKey: string;
  nextIdValue: number;
  readonly organizations = new Map<number, Organization>();
  readonly admins = new Map<number, Admin>();
  readonly identityProviders = new Map<number, IdentityProvider>();
  readonly profiles = new Map<number, CertificateProfile>();
  readonly customFields = new Map<number, CustomField>();
  readonly ssl = new Map<number, SslCertificate>();
  readonly smime = new Map<number, SmimeCertificate>();
  readonly persons = new Map<number, Person>();
  readonly domains = new Map<number, Domain>();
  readonly notifications = new Map<number, NotificationRule>();
  readonly codeSigning = new Map<number, CodeSigningCertificate>();
  readonly activity: ActivityEntry[];
  /** Checks admins' passwords; what it remembers stays in memory. */
  readonly passwords = new PasswordChecker();
  #saveTimer: NodeJS.Timeout | undefined;
  #saving: Promise<void> = Promise.resolve();

  constructor(
    data: SandboxData,
    readonly stateFile: string | undefined,
  ) {
    this.customerUri = data.customerUri;
    this.seed = data.seed;
    this.ca = data.ca;
    this.seedCertificateKey = data.seedCertificateKey;
    this.nextIdValue = data.nextId;
    const index = <T extends { id: number }>(target: Map<number, T>, items: T[]) => {
      for (const item of items) target.set(item.id, item);
    };
    index(this.organizations, data.organizations);
    index(this.admins, data.admins);
    index(this.identityProviders, data.identityProviders);
    index(this.profiles, data.profiles);
    index(this.customFields, data.customFields);
    index(this.ssl, data.ssl);
    index(this.smime, data.smime);
    index(this.persons, data.persons);
    index(this.domains, data.domains);
    index(this.notifications, data.notifications);
    index(this.codeSigning, data.codeSigning);
    this.activity = data.activity;
  }

  /** Ids come from one sequence, as SCM's do: an id never names two things. */
  nextId(): number {
    const id = this.nextIdValue;
    this.nextIdValue += 1;
    return id;
  }

  /** The admin with this login; admins without one (IdP, SAS) are never found by it. */
  adminByLogin(login: string): SignedInAdmin | undefined {
    for (const admin of this.admins.values()) if (hasLogin(admin) && admin.login === login) return admin;
    return undefined;
  }

  organization(id: number): Organization | undefined {
    return this.organizations.get(id);
  }

  /** An organization's departments. */
  departmentsOf(orgId: number): Organization[] {
    return [...this.organizations.values()].filter((org) => org.parentId === orgId);
  }

  record(admin: string, action: string, details: string, time: number): void {
    this.activity.push({ time, admin, action, details });
  }

  toData(): SandboxData {
    return {
      version: 2,
      seed: this.seed,
      customerUri: this.customerUri,
      ca: this.ca,
      seedCertificateKey: this.seedCertificateKey,
      nextId: this.nextIdValue,
      organizations: [...this.organizations.values()],
      admins: [...this.admins.values()],
      identityProviders: [...this.identityProviders.values()],
      profiles: [...this.profiles.values()],
      customFields: [...this.customFields.values()],
      ssl: [...this.ssl.values()],
      smime: [...this.smime.values()],
      persons: [...this.persons.values()],
      domains: [...this.domains.values()],
      notifications: [...this.notifications.values()],
      codeSigning: [...this.codeSigning.values()],
      activity: this.activity,
    };
  }

  /** Counts changes, so a cached view of the data knows when it is stale. */
  generation = 0;

  changed(): void {
    this.generation += 1;
    if (this.stateFile === undefined || this.#saveTimer !== undefined || this.#closed) return;
    // Real time, not the sandbox's clock: this only batches writes to the file.
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = undefined;
      void this.save();
    }, 200);
  }

  #closed = false;

  /**
   * Writes the state file a last time and writes no more. A request still
   * running when the server stopped (its connection already cut, its answer
   * never sent) may change the data after this: a write it scheduled would be
   * cut off when the process exits, leaving a temporary file behind.
   */
  close(): Promise<void> {
    const last = this.save();
    this.#closed = true;
    return last;
  }

  /** Writes the state file now (temporary file, flush, rename). */
  save(): Promise<void> {
    const path = this.stateFile;
    if (path === undefined) return Promise.resolve();
    if (this.#saveTimer !== undefined) {
      clearTimeout(this.#saveTimer);
      this.#saveTimer = undefined;
    }
    this.#saving = this.#saving.then(async () => {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      const handle = await open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify(this.toData()));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    });
    return this.#saving;
  }
}

/**
 * Reads a state file, bringing an older format up to date (the caller saves
 * it); undefined when there is none yet.
 */
export async function readStateFile(path: string): Promise<SandboxData | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const data = JSON.parse(text) as SandboxData | SandboxDataVersion1;
  if (data.version === 1) return migrateFromVersion1(data);
  if (data.version !== 2) throw new Error(`${path} is not a sandbox state file this version can read`);
  return data;
}

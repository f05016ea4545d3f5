import { join } from 'node:path';
import { createDispatcher, createHandlerTable, type Dispatch } from './ipc';
import { product } from './product';
import {
  Notices,
  createExternalLinkOpener,
  createSettingsService,
  describeApp,
  type OpenInSystemBrowser,
  type SettingsService,
} from './services';
import type { AppInfo } from '../shared/appInfo';
import { KeychainCredentialStore, MemoryCredentialStore, probeKeychain, type CredentialStore } from './credentials';
import type { SandboxOptions } from '../sandbox';
import { ProfileService } from './services/profiles';
import { SandboxRunner } from './services/sandboxRunner';
import { AdminManagement } from './services/adminManagement';
import { AdminsService } from './services/admins';
import { NotificationsService } from './services/notificationsService';
import { PersonsService } from './services/personsService';
import { DomainsService } from './services/domainsService';
import { UnitsService } from './services/unitsService';
import { CertificatesService } from './services/certificates/service';
import { cacheFolderName } from './services/certificates/cache';
import { JobService } from './services/jobs';
import { AuditService } from './services/audit';
import { HealthService } from './services/health';
import { AttentionService } from './services/attention';
import { ChecklistAccounts, ChecklistService } from './services/checklists';
import { ServiceError } from './services/errors';
import { tenantOf } from './services/profileClient';
import { SessionService } from './services/session';
import { removeAbandonedTemporaryFiles } from './storage';

export interface ConsoleOptions {
  userDataDir: string;
  shell: AppInfo['shell'];
  openInSystemBrowser: OpenInSystemBrowser;
  log?: (line: string) => void;
  /** Where secrets go; by default the OS keychain, or memory for this session when none is reachable. */
  credentials?: CredentialStore;
  /** Settings for the built-in sandbox behind the Sandbox profile. */
  sandbox?: SandboxOptions;
}

export interface ConsoleCore {
  dispatch: Dispatch;
  settings: SettingsService;
  notices: Notices;
  profiles: ProfileService;
  session: SessionService;
  sandbox: SandboxRunner;
  /** Every change made in SCM, from any shell. */
  audit: AuditService;
  health: HealthService;
  /** What needs attention for the signed-in profile: for the Home page, and for a notification. */
  attention: AttentionService;
  /** Long work, whose progress every shell passes on to its page. */
  jobs: JobService;
  /** Signs out and stops the built-in sandbox, saving its state. */
  close(): Promise<void>;
}

/** The OS keychain when one answers; otherwise memory, and the user is told. */
export async function chooseCredentialStore(notices: Notices): Promise<CredentialStore> {
  const probe = await probeKeychain();
  if (probe.usable) return new KeychainCredentialStore();
  notices.add(
    `No keychain could be reached (${probe.reason}). Secrets you type are kept in memory for this session only and never written to disk; you will have to type them again after a restart.`,
    'keychainMissing',
    { reason: probe.reason },
  );
  return new MemoryCredentialStore();
}

/**
 * Builds the services and the one handler table that every shell (the Electron
 * window, the browser shell, tests) puts behind its own transport.
 */
export async function createConsoleCore(options: ConsoleOptions): Promise<ConsoleCore> {
  const log = options.log ?? ((line: string) => console.error(line));
  // Writes cut short by a crash or a kill leave their temporary files behind.
  await Promise.all([options.userDataDir, join(options.userDataDir, 'sandbox'), join(options.userDataDir, cacheFolderName)].map((folder) => removeAbandonedTemporaryFiles(folder)));
  const notices = new Notices();
  const settings = createSettingsService(options.userDataDir, notices);
  const credentials = options.credentials ?? (await chooseCredentialStore(notices));
  const profiles = new ProfileService({ userDataDir: options.userDataDir, credentials, notices });
  const sandbox = new SandboxRunner(options.userDataDir, options.sandbox);
  let auditFailureTold = false;
  const audit = new AuditService({
    userDataDir: options.userDataDir,
    onFailure: (message) => {
      log(message);
      // Told once: while the disk stays full, every change would say the same.
      if (!auditFailureTold) notices.add(message);
      auditFailureTold = true;
    },
  });
  const session = new SessionService({ profiles, sandbox, audit });
  const health = new HealthService({ session });
  const jobs = new JobService();
  const admins = new AdminsService({
    session,
    jobs,
    // The admins the console's own profiles sign in as on this tenant work through the API.
    apiLogins: async (profileId) => {
      const all = (await profiles.list()).profiles;
      const current = all.find((profile) => profile.id === profileId);
      return new Set(all.filter((profile) => current !== undefined && profile.authKind === 'password' && profile.host === current.host && profile.customerUri === current.customerUri).map((profile) => profile.login));
    },
  });
  const adminManagement = new AdminManagement({ session, admins });
  const units = new UnitsService({ adminManagement });
  const notificationRulesService = new NotificationsService({ adminManagement });
  const persons = new PersonsService({ adminManagement });
  const domains = new DomainsService({ adminManagement });
  const certificates = new CertificatesService({ userDataDir: options.userDataDir, session, jobs, profileName: async (id) => (await profiles.get(id)).name });
  const checklists = new ChecklistService({
    userDataDir: options.userDataDir,
    accounts: new ChecklistAccounts({ profiles, sandbox, audit }),
    session: async () => {
      const client = session.client();
      const profileId = session.state().profileId;
      if (profileId === null) throw new ServiceError({ kind: 'auth', message: 'Sign in to a profile first.', anchor: 'connecting#profiles' });
      const profile = await profiles.get(profileId);
      return { profile, client, who: profile.login, tenant: tenantOf(profile) };
    },
    onUnreadable: (problem) => notices.add(`A checklist file could not be read (${problem.reason}); it was kept as ${problem.keptAs}.`),
  });
  const attention = new AttentionService({ session, certificates, admins, checklists });
  const handlers = createHandlerTable({
    appInfo: () =>
      describeApp({
        name: product.name,
        version: product.version,
        shell: options.shell,
        userDataDir: options.userDataDir,
        notices,
        processVersions: process.versions,
      }),
    settings,
    openExternal: createExternalLinkOpener(options.openInSystemBrowser),
    profiles,
    session,
    sandbox,
    audit,
    health,
    jobs,
    admins,
    adminManagement,
    units,
    notifications: notificationRulesService,
    persons,
    domains,
    checklists,
    certificates,
    attention,
    activeProfileId: () => session.state().profileId,
  });
  const dispatch = createDispatcher(handlers, {
    onInternalError: (channel, error) => log(`internal error in ${channel}: ${describeError(error)}`),
  });
  return {
    dispatch,
    settings,
    notices,
    profiles,
    session,
    sandbox,
    audit,
    health,
    attention,
    jobs,
    async close() {
      jobs.cancelAll();
      await session.close();
      await sandbox.stop();
    },
  };
}

/**
 * The error's type and where it was thrown, without its message: messages can
 * carry data from a request, and the log must never hold a secret.
 */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 5);
  return [error.name, ...frames.map((frame) => frame.trim())].join(' | ');
}

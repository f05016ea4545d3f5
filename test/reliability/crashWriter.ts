import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { CredentialStore, SecretKind } from '../../src/main/credentials';
import { accountName, checkKey, checkValue, parseAccount } from '../../src/main/credentials/store';
import type { ScmClient } from '../../src/main/scm/client';
import { AuditService } from '../../src/main/services/audit';
import { cachePath, writeCache } from '../../src/main/services/certificates/cache';
import type { Unit } from '../../src/main/services/certificates/query';
import type { StoredRow } from '../../src/main/services/certificates/rows';
import { ChecklistAccounts, ChecklistService, type ChecklistSession } from '../../src/main/services/checklists';
import { Notices } from '../../src/main/services/notices';
import { clientForProfile, tenantOf } from '../../src/main/services/profileClient';
import { ProfileService } from '../../src/main/services/profiles';
import type { SandboxRunner } from '../../src/main/services/sandboxRunner';
import { createSettingsService } from '../../src/main/services/settings';
import { languageChoices, themes } from '../../src/shared/settings';
import type { ChecklistRun, StepAction } from '../../src/shared/checklists';
import { seededRandom } from '../support/reliability';

/**
 * A console process that writes its state over and over, to be killed at any
 * moment: checklist runs stepped against a tenant, settings, profiles, audit
 * records and certificate caches, each through the code the console writes
 * them with. It loads, says so, and waits for what to do on stdin; then it
 * says on stdout what each write left on disk, once the write has returned:
 *
 *   loaded                     waiting for its setup
 *   ready                      the services are open
 *   audit <marker>             an audit record with that marker is in the log
 *   step <run> <step> <state>  a checklist step ended so
 *   wrote <what>               a settings, profile, run or cache write returned
 *   cache-begin big            a large cache write starts now
 *
 * Its choices come from the seed it is given, so a run of the parent repeats
 * the same sequence of writes.
 */


/**
 * A keychain that outlives the process, as the OS keychain does: one JSON
 * file outside the user-data folder, replaced whole on each change before the
 * call returns. What the console keeps in the keychain is not what is tested
 * here; it only has to be there after a restart, as it would be.
 */
export class FileKeychain implements CredentialStore {
  readonly kind = 'keychain';
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  #entries(): Record<string, string> {
    try {
      return JSON.parse(readFileSync(this.#path, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  #save(entries: Record<string, string>): void {
    const next = `${this.#path}.next`;
    writeFileSync(next, JSON.stringify(entries));
    renameSync(next, this.#path);
  }

  async get(profileId: string, secret: SecretKind): Promise<string | undefined> {
    checkKey(profileId, secret);
    return this.#entries()[accountName(profileId, secret)];
  }

  async set(profileId: string, secret: SecretKind, value: string): Promise<void> {
    checkKey(profileId, secret);
    checkValue(value);
    this.#save({ ...this.#entries(), [accountName(profileId, secret)]: value });
  }

  async delete(profileId: string, secret: SecretKind): Promise<void> {
    checkKey(profileId, secret);
    const entries = this.#entries();
    delete entries[accountName(profileId, secret)];
    this.#save(entries);
  }

  async list(): Promise<{ profileId: string; secret: SecretKind }[]> {
    return Object.keys(this.#entries()).flatMap((account) => parseAccount(account) ?? []);
  }
}

/** What the parent tells a writer: one line of JSON on its stdin, once it has loaded. */
export interface WriterSetup {
  userDataDir: string;
  keychainFile: string;
  /** The profile the checklists run as, on the tenant. */
  profileId: string;
  /** A JSON file of `{ units, rows }`: the large inventory a big cache holds. */
  inventoryFile: string;
  /** Names this writer's logins and markers apart from every other's. */
  label: string;
  seed: number;
  /** A large cache write at this write, to be killed in. */
  bigCacheAt: number | null;
}

/** An API admin as the form would send it, for a login no other run uses. */
export function apiAdminInputs(login: string) {
  return {
    login,
    forename: 'Crash',
    surname: 'Robot',
    email: `${login}@sandbox-university.example`,
    orgId: 1001,
    roles: ['RAO_SSL'],
    privileges: ['sslRequest', 'sslRenew'],
  };
}

/** What a person does with a step of a kind to get past it. */
export function actionFor(kind: string): StepAction {
  return kind === 'info' ? 'acknowledge' : kind === 'manual' ? 'verify' : 'run';
}

export function currentStep(run: ChecklistRun): ChecklistRun['steps'][number] | undefined {
  return run.steps.find((step) => step.state !== 'done' && step.state !== 'verified' && step.state !== 'skipped');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function writeForever(setup: WriterSetup): Promise<never> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const random = seededRandom(setup.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const { userDataDir } = setup;
  const notices = new Notices();
  const credentials = new FileKeychain(setup.keychainFile);
  const settings = createSettingsService(userDataDir, notices);
  const profiles = new ProfileService({ userDataDir, credentials, notices });
  // The checklists run as a profile on the tenant: the built-in sandbox is never started here.
  const sandbox = new Proxy({}, {
    get: () => {
      throw new Error('the built-in sandbox is not used here');
    },
  }) as SandboxRunner;
  let auditFailures = 0;
  const audit = new AuditService({ userDataDir, onFailure: () => void (auditFailures += 1) });
  const accounts = new ChecklistAccounts({ profiles, sandbox, audit });
  let client: ScmClient | undefined;
  const session = async (): Promise<ChecklistSession> => {
    const profile = await profiles.get(setup.profileId);
    client ??= await clientForProfile(profile, { secret: async () => (await profiles.secret(profile.id)) ?? '', sandbox, audit });
    return { profile, client, who: profile.login, tenant: tenantOf(profile) };
  };
  const checklists = new ChecklistService({ userDataDir, accounts, session });
  let inventory: { units: Unit[]; rows: StoredRow[] } | undefined;

  // Opened as the console opens them, which may write (a profiles file made whole).
  await settings.get();
  await profiles.list();
  say('ready');

  let runsMade = 0;
  let audits = 0;
  let caches = 0;
  let scratch = 0;

  async function stepChecklist(): Promise<void> {
    const runs = (await checklists.runs(setup.profileId)).filter((run) => run.status !== 'done');
    if (runs.length === 0 || (runs.length < 2 && random() < 0.2)) {
      runsMade += 1;
      const run = await checklists.start('api-admin', apiAdminInputs(`${setup.label}-${runsMade}`));
      say(`wrote run ${run.id}`);
      return;
    }
    const run = await checklists.get(pick(runs).id);
    const step = currentStep(run)!;
    const plan = await checklists.plan(run.id, step.id);
    const after = await checklists.advance(run.id, step.id, actionFor(plan.kind));
    const ended = after.steps.find((candidate) => candidate.id === step.id)!;
    say(`step ${run.id} ${step.id} ${ended.state}`);
  }

  /** A finished run is tidied away as a person would: its record deleted, then the new admin's profile. */
  async function tidyFinished(): Promise<boolean> {
    const done = (await checklists.runs(setup.profileId)).find((run) => run.status === 'done');
    if (done === undefined) return false;
    const run = await checklists.get(done.id);
    await checklists.remove(run.id);
    say(`wrote removed ${run.id}`);
    const account = typeof run.facts.account === 'string' ? run.facts.account : undefined;
    if (account !== undefined && (await profiles.find(account)) !== undefined) {
      await profiles.delete(account);
      say(`wrote profile-deleted ${account}`);
    }
    return true;
  }

  async function changeProfiles(): Promise<void> {
    const { profiles: all } = await profiles.list();
    const scratches = all.filter((profile) => profile.name.startsWith('Scratch '));
    const tenant = all.find((profile) => profile.id === setup.profileId)!;
    const choice = random();
    if (scratches.length === 0 || (scratches.length < 3 && choice < 0.4)) {
      scratch += 1;
      const created = await profiles.create(
        { name: `Scratch ${setup.label}-${scratch}`, host: tenant.host, customerUri: tenant.customerUri, login: `scratch${scratch}`, authKind: 'password' },
        `Scratch-password-${scratch}-${setup.seed}`,
      );
      say(`wrote profile-created ${created.id}`);
    } else if (choice < 0.75) {
      const target = pick(scratches);
      scratch += 1;
      await profiles.update(target.id, { name: `Scratch ${setup.label}-${scratch} renamed`, host: target.host, customerUri: target.customerUri, login: target.login, authKind: 'password' });
      say(`wrote profile-renamed ${target.id}`);
    } else {
      const target = pick(scratches);
      await profiles.delete(target.id);
      say(`wrote profile-deleted ${target.id}`);
    }
  }

  async function recordAudit(): Promise<void> {
    audits += 1;
    const marker = `${setup.label}.${audits}`;
    const before = auditFailures;
    await audit.record({
      time: new Date().toISOString(),
      who: 'rao',
      profileId: setup.profileId,
      profileName: 'rao at the tenant',
      tenant: 'crash test tenant',
      operation: `crash test ${marker}`,
      method: 'PUT',
      path: `/api/admin/v1/${audits}`,
      objectIds: [audits],
      result: 'ok',
      status: 200,
      scmCode: null,
      durationMs: Math.floor(random() * 500),
    });
    if (auditFailures === before) say(`audit ${marker}`);
  }

  async function writeCaches(big: boolean): Promise<void> {
    inventory ??= JSON.parse(await readFile(setup.inventoryFile, 'utf8')) as { units: Unit[]; rows: StoredRow[] };
    caches += 1;
    const rows = big ? inventory.rows.slice(0, inventory.rows.length - (caches % 50)) : inventory.rows.slice(caches % 100, (caches % 100) + 300);
    const profileId = big ? 'crash-big' : setup.profileId;
    if (big) say('cache-begin big');
    await writeCache(cachePath(userDataDir, profileId), {
      profileId,
      profileName: `${setup.label} cache ${caches}`,
      savedAt: new Date().toISOString(),
      sources: ['report'],
      complete: caches % 2 === 0,
      units: inventory.units,
      rows,
    });
    say(`wrote cache ${big ? 'big' : 'small'} ${rows.length}`);
  }

  for (let write = 0; ; write += 1) {
    if (write === setup.bigCacheAt) await writeCaches(true);
    else {
      const choice = random();
      if (choice < 0.4) await stepChecklist();
      else if (choice < 0.47) {
        if (!(await tidyFinished())) await stepChecklist();
      } else if (choice < 0.57) {
        await settings.update({ theme: pick(themes), language: pick(languageChoices) });
        say('wrote settings');
      } else if (choice < 0.67) await changeProfiles();
      else if (choice < 0.9) await recordAudit();
      else await writeCaches(random() < 0.15);
    }
    // A pause of its own between writes, so kills land between them too.
    const pause = Math.floor(random() * random() * 20);
    if (pause > 0) await sleep(pause);
  }
}

/** The first line on stdin. */
function firstLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end));
    });
    process.stdin.on('end', () => reject(new Error('no setup came')));
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write('loaded\n');
  await writeForever(JSON.parse(await firstLine()) as WriterSetup);
}

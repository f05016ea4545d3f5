import type { ChecklistMessage, ChecklistRun, FactValue, RequestPreview } from '../../../shared/checklists';
import type { StoredProfile } from '../../../shared/profiles';
import type { AdminDetails } from '../../../shared/scm/types';
import { AdminsApi } from '../../scm/admins';
import type { ScmClient } from '../../scm/client';
import { ScmClientError } from '../../scm/errors';
import { OrganizationsApi } from '../../scm/organizations';
import { probeWritable } from '../../scm/tenant';
import type { ChecklistAccounts } from './accounts';
import { say } from './words';

/** Who runs the checklist: the signed-in profile and its client. */
export interface ChecklistSession {
  profile: StoredProfile;
  client: ScmClient;
  /** The login SCM sees. */
  who: string;
  /** The tenant, as the audit log names it. */
  tenant: string;
}

/** An organization or department the admin can see. */
export interface Unit {
  id: number;
  name: string;
  kind: 'organization' | 'department';
  parentId: number | null;
  parentName: string | null;
}

/** Whether the tenant takes changes: a tenant after its end of service answers reads only. */
export type TenantState = 'writable' | 'read-only' | 'unknown';

/** What a step has done so far, for its record: what it sent, lines about each item, ids it made. */
export interface StepJournal {
  sent: RequestPreview[];
  details: ChecklistMessage[];
  ids: number[];
}

export interface ChecklistContextOptions<I> {
  session: ChecklistSession;
  accounts: ChecklistAccounts;
  inputs: I;
  run: ChecklistRun | null;
  signal: AbortSignal;
  now: () => number;
  /** Saves the run's facts at once, for a step that makes several things in SCM one by one. */
  checkpoint?: (facts: Record<string, FactValue>) => Promise<void>;
  /** How many of a step's items are done, for the progress bar. */
  progress?: (done: number, total: number | null, phase?: string) => void;
  /** The secret the person gave for this run (a passphrase), held in memory only. */
  secret?: string;
}

/**
 * What a step works with: the inputs, the run's facts, the signed-in admin's
 * client, and what SCM says about the admin and the tenant (read once per
 * step and kept for it).
 */
export class ChecklistContext<I> {
  readonly session: ChecklistSession;
  readonly accounts: ChecklistAccounts;
  readonly inputs: I;
  readonly run: ChecklistRun | null;
  readonly signal: AbortSignal;
  readonly now: () => number;
  readonly journal: StepJournal = { sent: [], details: [], ids: [] };
  readonly #facts: Record<string, FactValue>;
  readonly #checkpoint: ((facts: Record<string, FactValue>) => Promise<void>) | undefined;
  readonly #progress: ((done: number, total: number | null, phase?: string) => void) | undefined;
  readonly #secret: string | undefined;
  #self: Promise<AdminDetails> | undefined;
  #units: Promise<Unit[]> | undefined;

  constructor(options: ChecklistContextOptions<I>) {
    this.session = options.session;
    this.accounts = options.accounts;
    this.inputs = options.inputs;
    this.run = options.run;
    this.signal = options.signal;
    this.now = options.now;
    this.#facts = { ...(options.run?.facts ?? {}) };
    this.#checkpoint = options.checkpoint;
    this.#progress = options.progress;
    this.#secret = options.secret;
  }

  /** The secret the person gave for this run, while this process holds it; never to be written anywhere. */
  secret(): string | undefined {
    return this.#secret;
  }

  /** Tells how many of the step's items are done. */
  progress(done: number, total: number | null, phase?: string): void {
    this.#progress?.(done, total, phase);
  }

  get client(): ScmClient {
    return this.session.client;
  }

  get who(): string {
    return this.session.who;
  }

  get facts(): Readonly<Record<string, FactValue>> {
    return this.#facts;
  }

  fact(name: string): FactValue | undefined {
    return this.#facts[name];
  }

  numberFact(name: string): number | undefined {
    const value = this.#facts[name];
    return typeof value === 'number' ? value : undefined;
  }

  stringFact(name: string): string | undefined {
    const value = this.#facts[name];
    return typeof value === 'string' ? value : undefined;
  }

  setFact(name: string, value: FactValue): void {
    this.#facts[name] = value;
  }

  /** Saves the facts now, before the next thing is made in SCM. */
  async checkpoint(): Promise<void> {
    await this.#checkpoint?.(this.#facts);
  }

  /** Records a request as sent (secrets already masked by the caller). */
  sent(request: Omit<RequestPreview, 'as'> & { as?: string }): void {
    this.journal.sent.push({ as: request.as ?? this.who, method: request.method, path: request.path, ...(request.body === undefined ? {} : { body: request.body }) });
  }

  detail(message: ChecklistMessage): void {
    this.journal.details.push(message);
  }

  madeId(id: number): void {
    if (!this.journal.ids.includes(id)) this.journal.ids.push(id);
  }

  /** Stops between calls once the person pressed Cancel. */
  throwIfCancelled(): void {
    this.signal.throwIfAborted();
  }

  /** The signed-in admin's own details: its roles and privileges. */
  self(): Promise<AdminDetails> {
    this.#self ??= (async () => {
      const admins = new AdminsApi(this.client);
      const summary = await admins.findByLogin(this.who);
      if (summary === undefined) throw new Error(`SCM lists no admin with the login ${this.who}`);
      return admins.get(summary.id, { signal: this.signal });
    })();
    return this.#self;
  }

  async hasPrivilege(privilege: string): Promise<boolean> {
    const self = await this.self();
    return self.credentials.some((credential) => credential.role === 'MRAO') || self.privileges.includes(privilege);
  }

  /** Whether the admin holds an RAO role for this organization (or is the MRAO). */
  async isRaoOf(orgId: number): Promise<boolean> {
    const self = await this.self();
    return self.credentials.some((credential) => credential.role === 'MRAO' || (credential.role.startsWith('RAO_') && credential.orgId === orgId));
  }

  /** The organizations and departments the admin can see, organizations first, each followed by its departments. */
  units(): Promise<Unit[]> {
    this.#units ??= (async () => {
      const organizations = await new OrganizationsApi(this.client).list(this.signal);
      return organizations.flatMap((org): Unit[] => [
        { id: org.id, name: org.name, kind: 'organization', parentId: null, parentName: null },
        ...org.departments.map((dept): Unit => ({ id: dept.id, name: dept.name, kind: 'department', parentId: org.id, parentName: org.name })),
      ]);
    })();
    return this.#units;
  }

  async unit(id: number): Promise<Unit | undefined> {
    return (await this.units()).find((unit) => unit.id === id);
  }

  /** A unit as people name it: a department with its organization. */
  static unitName(unit: Unit): string {
    return unit.parentName === null ? unit.name : `${unit.name} (${unit.parentName})`;
  }

  /**
   * Whether this SCM has admin type API, or is from before it, when
   * `wsApiUseOnly` made an admin API-only. Newer releases no longer offer that
   * privilege; a release that still lists it but already has API admins is new
   * too. Found once per run and remembered.
   */
  async generation(): Promise<'current' | 'legacy'> {
    const known = this.stringFact('generation');
    if (known === 'current' || known === 'legacy') return known;
    const admins = new AdminsApi(this.client);
    const privileges = await admins.privileges();
    let generation: 'current' | 'legacy' = 'current';
    if (privileges.some((privilege) => privilege.name === 'wsApiUseOnly')) {
      const apiAdmins = await admins.list({ type: 'API' }, { signal: this.signal });
      generation = apiAdmins.length > 0 ? 'current' : 'legacy';
    }
    this.setFact('generation', generation);
    return generation;
  }

  /**
   * Whether the tenant takes changes, found once per run before its first
   * write: SCM is asked for an order it must refuse either way, and a
   * read-only tenant refuses it as not allowed (see `probeWritable`).
   */
  async tenantState(): Promise<TenantState> {
    const known = this.stringFact('tenant');
    if (known === 'writable' || known === 'read-only') return known;
    const self = await this.self();
    const units = await this.units();
    const organizations = new OrganizationsApi(this.client);
    let state: TenantState = 'unknown';
    for (const unit of units.slice(0, 10)) {
      // A DRAO sees its department's organization in the list, but may not read it.
      const details = await organizations.get(unit.id).catch((error: unknown) => {
        if (error instanceof ScmClientError && error.kind === 'not-found') return undefined;
        throw error;
      });
      if (details === undefined || details.sslCertsApiEnabled === false) continue;
      const verdict = await probeWritable(this.client, self.credentials, unit.id);
      state = verdict.writable === true ? 'writable' : verdict.writable === false ? 'read-only' : 'unknown';
      break;
    }
    if (state !== 'unknown') this.setFact('tenant', state);
    return state;
  }

  /** The usual blockers of a write: a read-only tenant. */
  async writeBlockers(): Promise<ChecklistMessage[]> {
    return (await this.tenantState()) === 'read-only' ? [say('common.blockers.readOnlyTenant')] : [];
  }

  /** The blocker for a missing privilege, worded with its name from the admins' catalogue. */
  missingPrivilege(code: string, name: string): ChecklistMessage {
    return say('common.blockers.missingPrivilege', { who: this.who, privilege: name, code });
  }
}

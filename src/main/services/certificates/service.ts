import { randomBytes } from 'node:crypto';
import {
  type BulkPlan,
  type BulkPlanArgs,
  type CertificateActionArgs,
  type CertificateActionResult,
  type CertificateCacheInfo,
  type CertificateDetails,
  type CertificateFilter,
  type CertificateSort,
  type CertificatesWindow,
  type CertificatesWindowArgs,
  type CodeSigningRow,
} from '../../../shared/certificates';
import { CodeSigningApi } from '../../scm/codesign';
import type { Job, JobProgress } from '../../../shared/jobs';
import type { AppError } from '../../../shared/result';
import type { SslInventoryRow } from '../../../shared/scm/types';
import type { ScmClient } from '../../scm/client';
import { ScmClientError } from '../../scm/errors';
import { reportRefused, smimeInventory, sslInventory, sslReport } from '../../scm/reports';
import { SmimeApi } from '../../scm/smime';
import { SslApi } from '../../scm/ssl';
import { ServiceError } from '../errors';
import type { JobService } from '../jobs';
import { SessionError, type SessionService } from '../session';
import { act, cachedDetails, details, type ActionContext } from './actions';
import { BulkActions } from './bulk';
import { cachePath, listCaches, readCache, writeCache, type CacheContents } from './cache';
import { csvHeader, csvLines, InventoryIndex, type Unit } from './query';
import { fromSmimeRow, fromSslRow, type StoredRow } from './rows';

const dayMs = 86_400_000;
/** Rows per part of a CSV export: a few megabytes at most per answer. */
const exportPartRows = 5000;
/** Exports prepared and not yet fetched, kept for a while. */
const keptExports = 8;
/** A refresh of what changed looks back this far before the last read, for clocks and time zones that disagree. */
const changesOverlapMs = 2 * dayMs;
/** Certificates whose state can still move, read one by one on a refresh of what changed, at most this many at once. */
const detailsInFlight = 6;

export function describeFailure(error: unknown): AppError {
  if (error instanceof ScmClientError) return error.toAppError();
  if (error instanceof SessionError || error instanceof ServiceError) return error.error;
  return { kind: 'internal', message: 'Reading the certificates failed unexpectedly.', hint: 'Try again; if it keeps failing, restart the console.', anchor: 'errors#kind-internal' };
}

interface Inventory {
  contents: CacheContents | null;
  index: InventoryIndex | null;
  /** Whether the cache file was looked for. */
  opened: boolean;
  jobId: string | null;
  cacheProblem: string | null;
  /** False while a read is under way: the rows may be about to change. */
  reading: boolean;
}

interface PreparedExport {
  id: string;
  index: InventoryIndex;
  selected: Int32Array;
  at: number;
}

export interface CertificatesServiceOptions {
  userDataDir: string;
  session: SessionService;
  jobs: JobService;
  /** A profile's name, for the list of caches. */
  profileName: (profileId: string) => Promise<string>;
  now?: () => number;
}

/** Kinds of certificate an admin may not see at all: left out of the inventory, not a failure. */
function outOfScope(error: unknown): boolean {
  return error instanceof ScmClientError && (error.kind === 'permission' || error.kind === 'api-disabled');
}

/**
 * Every SSL and client certificate the admin may see: the reports where SCM
 * allows them, else the lists and details. A kind the admin may not see at all
 * is left out, not a failure.
 */
export async function readInventory(client: ScmClient, units: readonly Unit[], signal: AbortSignal, progress: (value: JobProgress) => void): Promise<{ rows: StoredRow[]; sources: CacheContents['sources'] }> {
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  const rows: StoredRow[] = [];
  const sources: CacheContents['sources'] = [];
  try {
    const ssl = await sslInventory(client, new SslApi(client), {}, { signal, onProgress: ({ done, total }) => progress({ done, total, phase: 'ssl' }) });
    rows.push(...ssl.rows.map((row) => fromSslRow(row, names)));
    sources.push(ssl.source);
  } catch (error) {
    if (!outOfScope(error)) throw error;
  }
  if (signal.aborted) return { rows, sources };
  try {
    const smime = await smimeInventory(client, new SmimeApi(client), {}, { signal, onProgress: ({ done, total }) => progress({ done, total, phase: 'smime' }) });
    rows.push(...smime.rows.map((row) => fromSmimeRow(row, names)));
    if (!sources.includes(smime.source)) sources.push(smime.source);
  } catch (error) {
    if (!outOfScope(error)) throw error;
  }
  return { rows, sources };
}

/**
 * The SSL and client certificates in the signed-in admin's scope: read by a
 * job (the reports where SCM allows them, else the lists and details), kept in
 * main and on disk per profile so the last inventory opens at once and
 * offline, and served to the page in windows.
 */
export class CertificatesService {
  readonly #options: CertificatesServiceOptions;
  readonly #now: () => number;
  readonly #inventories = new Map<string, Inventory>();
  readonly #exports: PreparedExport[] = [];
  readonly #bulk: BulkActions;

  constructor(options: CertificatesServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#bulk = new BulkActions({ now: this.#now });
  }

  /** What an action needs, for the signed-in profile. */
  #actionContext(): ActionContext & { profileId: string } {
    const { profileId, client } = this.#signedIn();
    return {
      profileId,
      client,
      identity: this.#options.session.state().identity,
      row: (key) => this.row(profileId, key),
      rows: () => this.rows(profileId),
      update: (rows) => this.update(profileId, rows),
      now: this.#now(),
    };
  }

  /**
   * One certificate read afresh from SCM, parsed, with its history and the
   * actions open to it. For a profile other than the signed-in one (its cache,
   * opened offline) only what the cache holds: SCM is not asked, as the
   * signed-in tenant is another.
   */
  async details(key: string, profileId?: string): Promise<CertificateDetails> {
    const whose = this.#whose(profileId);
    if (whose.live) return details(this.#actionContext(), key);
    if (whose.profileId === null) throw new SessionError({ kind: 'auth', message: 'Sign in to a profile first.', anchor: 'connecting#profiles' });
    const rows = await this.rows(whose.profileId);
    const row = rows.find((candidate) => candidate.key === key);
    if (row === undefined) throw new ServiceError({ kind: 'not-found', message: `The saved inventory holds no certificate ${key}.`, anchor: 'certificates#inventory' });
    return cachedDetails(row, rows, this.#now());
  }

  act(args: CertificateActionArgs): Promise<CertificateActionResult> {
    return act(this.#actionContext(), args);
  }

  /** What a bulk action would do to each certificate selected, before anything is sent. */
  async plan(args: BulkPlanArgs): Promise<BulkPlan> {
    const context = this.#actionContext();
    let rows: StoredRow[];
    if ('keys' in args.selection) {
      const all = new Map((await this.rows(context.profileId)).map((row) => [row.key, row]));
      const missing = args.selection.keys.filter((key) => !all.has(key));
      if (missing.length > 0) throw new ServiceError({ kind: 'not-found', field: 'selection', message: `${missing.length} of the selected certificates are not in the inventory (${missing.slice(0, 3).join(', ')}); refresh it and select again.`, anchor: 'certificates#bulk' });
      rows = [...new Set(args.selection.keys)].map((key) => all.get(key)!);
    } else {
      const keys = new Set((await this.select(context.profileId, args.selection.filter)).map((row) => row.key));
      rows = (await this.rows(context.profileId)).filter((row) => keys.has(row.key));
    }
    return this.#bulk.plan(context.profileId, args, rows, context);
  }

  bulkGet(planId: string): BulkPlan {
    return this.#bulk.get(planId);
  }

  /** Runs a plan as a job. */
  startBulk(planId: string): Job {
    const context = this.#actionContext();
    this.#bulk.claim(planId, context.profileId);
    const job = this.#options.jobs.start({
      kind: 'certificates:bulk',
      profileId: context.profileId,
      subject: planId,
      describeFailure,
      work: ({ signal, progress }) => this.#bulk.run(planId, context, signal, (done, total) => progress({ done, total, phase: 'bulk' })),
    });
    this.#bulk.attachJob(planId, job.id);
    return job;
  }

  /** Runs a plan and waits for it, for the command line. */
  async runBulk(planId: string, progress: (done: number, total: number) => void, signal: AbortSignal = new AbortController().signal): Promise<BulkPlan> {
    const context = this.#actionContext();
    this.#bulk.claim(planId, context.profileId);
    await this.#bulk.run(planId, context, signal, progress);
    return this.#bulk.get(planId);
  }

  bulkFile(planId: string, kind: 'summary' | 'certificates'): { fileName: string; mediaType: string; text?: string; base64?: string } {
    return kind === 'summary' ? this.#bulk.summary(planId) : this.#bulk.certificates(planId);
  }

  /** Code-signing certificates as SCM reports them (SCM orders none through the API). */
  async codeSigning(): Promise<{ rows: CodeSigningRow[] }> {
    const { client, units } = this.#signedIn();
    const names = new Map(units.map((unit) => [unit.id, unit.name]));
    const rows = await new CodeSigningApi(client).list();
    return { rows: rows.map((row) => ({ id: row.id, orgId: row.orgId, orgName: row.orgId === null ? null : (names.get(row.orgId) ?? null), commonName: row.commonName, subject: row.subject, serialNumber: row.serialNumber, status: row.status, issued: row.issued, expires: row.expires, revoked: row.revoked, owner: row.owner })) };
  }

  /** Records in SCM a code-signing certificate's revocation done at the CA. */
  async codeSigningRevoke(args: { id: number; reasonCode: 0 | 1 | 3 | 4 | 5; reason: string; confirm: string }): Promise<{ message: string }> {
    const { client } = this.#signedIn();
    const row = (await new CodeSigningApi(client).list()).find((candidate) => candidate.id === args.id);
    if (row === undefined) throw new ServiceError({ kind: 'not-found', message: `SCM lists no code-signing certificate ${args.id} for you.`, anchor: 'code-signing' });
    const name = row.commonName || row.subject || `#${row.id}`;
    if (args.confirm.trim().toLowerCase() !== name.toLowerCase()) throw new ServiceError({ kind: 'validation', field: 'confirm', message: `Type ${name} to confirm.`, anchor: 'code-signing' });
    await new CodeSigningApi(client).revokeManually({ certId: row.id }, args.reasonCode, args.reason.trim());
    return { message: `Recorded the revocation of ${name}.` };
  }

  #inventory(profileId: string): Inventory {
    let inventory = this.#inventories.get(profileId);
    if (inventory === undefined) {
      inventory = { contents: null, index: null, opened: false, jobId: null, cacheProblem: null, reading: false };
      this.#inventories.set(profileId, inventory);
    }
    return inventory;
  }

  /** The profile's inventory, from the cache on disk the first time it is asked for. */
  async open(profileId: string): Promise<Inventory> {
    const inventory = this.#inventory(profileId);
    if (!inventory.opened) {
      inventory.opened = true;
      const outcome = await readCache(cachePath(this.#options.userDataDir, profileId), this.#now, profileId);
      // A read that finished meanwhile has newer rows than the file had.
      if (outcome.status === 'ok' && inventory.contents === null) this.#use(inventory, outcome.contents);
      if (outcome.status === 'unreadable') inventory.cacheProblem = `The saved inventory could not be read (${outcome.reason}); it was kept as ${outcome.keptAs}. Refresh to read it again from SCM.`;
    }
    return inventory;
  }

  #use(inventory: Inventory, contents: CacheContents): void {
    inventory.contents = contents;
    const index = new InventoryIndex(contents.rows, contents.units);
    inventory.index = index;
    // The page's first sorts, worked out while the person looks at the first window.
    setImmediate(() => index.warm(['expires', 'commonName']));
  }

  #signedIn(): { profileId: string; client: ScmClient; units: Unit[] } {
    const state = this.#options.session.state();
    if (state.status !== 'signed-in' || state.profileId === null) {
      throw new SessionError({ kind: 'auth', message: 'Sign in to a profile first.', anchor: 'connecting#profiles' });
    }
    const units = (state.identity?.organizations ?? []).map((unit) => ({ id: unit.id, name: unit.name, parentId: unit.parentId }));
    return { profileId: state.profileId, client: this.#options.session.client(), units };
  }

  /** Reads the signed-in profile's certificates again, as a job; a read under way is joined. */
  load(mode: 'full' | 'changes' = 'full'): Job {
    const { profileId, client, units } = this.#signedIn();
    const inventory = this.#inventory(profileId);
    const job = this.#options.jobs.start({
      kind: 'certificates:load',
      profileId,
      key: `certificates:${profileId}`,
      describeFailure,
      work: async (context) => {
        await this.open(profileId);
        inventory.reading = true;
        try {
          const previous = inventory.contents;
          const contents =
            mode === 'changes' && previous !== null && !previous.sources.includes('details')
              ? await this.#readChanges(client, previous, units, context.signal, context.progress)
              : await this.#readAll(client, profileId, units, context.signal, context.progress);
          if (context.signal.aborted) return;
          context.progress({ done: contents.rows.length, total: contents.rows.length, phase: 'saving' });
          contents.profileName = await this.#options.profileName(profileId).catch(() => profileId);
          await writeCache(cachePath(this.#options.userDataDir, profileId), contents);
          this.#use(inventory, contents);
          inventory.cacheProblem = null;
        } finally {
          inventory.reading = false;
        }
      },
    });
    inventory.jobId = job.id;
    return job;
  }

  async #readAll(client: ScmClient, profileId: string, units: Unit[], signal: AbortSignal, progress: (value: JobProgress) => void): Promise<CacheContents> {
    const { rows, sources } = await readInventory(client, units, signal, progress);
    return this.#contents(profileId, units, rows, sources);
  }

  #contents(profileId: string, units: Unit[], rows: StoredRow[], sources: CacheContents['sources']): CacheContents {
    return { profileId, profileName: profileId, savedAt: new Date(this.#now()).toISOString(), sources, complete: true, units, rows };
  }

  /**
   * What changed since the last read, where SCM can say: the SSL report by
   * request, issuance, revocation and expiry date since then, and each
   * certificate whose state could still move (requested, approved, applied)
   * read again; client certificates, whose report takes no dates, are read
   * whole. Deleted certificates stay until everything is read again.
   */
  async #readChanges(client: ScmClient, previous: CacheContents, units: Unit[], signal: AbortSignal, progress: (value: JobProgress) => void): Promise<CacheContents> {
    const names = new Map(units.map((unit) => [unit.id, unit.name]));
    const from = new Date(Date.parse(previous.savedAt) - changesOverlapMs).toISOString();
    const to = new Date(this.#now() + dayMs).toISOString();
    const byKey = new Map(previous.rows.map((row) => [row.key, row]));
    const changed = new Map<number, SslInventoryRow>();
    const attributes = [4, 5, 2, 3] as const;
    try {
      for (const [step, attribute] of attributes.entries()) {
        progress({ done: step, total: attributes.length + 2, phase: 'changes' });
        for (const row of await sslReport(client, { certificateDateAttribute: attribute, from, to }, signal)) changed.set(row.id, row);
      }
    } catch (error) {
      if (reportRefused(error)) return this.#readAll(client, previous.profileId, units, signal, progress);
      throw error;
    }
    for (const row of changed.values()) byKey.set(`ssl-${row.id}`, fromSslRow(row, names));
    const moving = [...byKey.values()].filter((row) => row.kind === 'ssl' && !changed.has(row.id) && ['requested', 'approved', 'applied'].includes(row.baseState));
    const ssl = new SslApi(client);
    let next = 0;
    let done = 0;
    progress({ done, total: moving.length, phase: 'moving' });
    const worker = async (): Promise<void> => {
      while (next < moving.length && !signal.aborted) {
        const row = moving[next++]!;
        try {
          const certificate = await ssl.get(row.id, signal);
          byKey.set(row.key, { ...fromSslRow({ ...certificate, subjectAlternativeNames: certificate.subjectAlternativeNames, organizationName: row.orgName }, names), requester: certificate.requester ?? row.requester });
        } catch (error) {
          if (error instanceof ScmClientError && error.kind === 'not-found') byKey.delete(row.key);
          else throw error;
        }
        done += 1;
        progress({ done, total: moving.length, phase: 'moving' });
      }
    };
    await Promise.all(Array.from({ length: Math.min(detailsInFlight, moving.length) }, worker));
    const sources: CacheContents['sources'] = ['report'];
    try {
      const smime = await smimeInventory(client, new SmimeApi(client), {}, { signal, onProgress: ({ done: read, total }) => progress({ done: read, total, phase: 'smime' }) });
      for (const key of [...byKey.keys()]) if (key.startsWith('smime-')) byKey.delete(key);
      for (const row of smime.rows) byKey.set(`smime-${row.id}`, fromSmimeRow(row, names));
      if (!sources.includes(smime.source)) sources.push(smime.source);
    } catch (error) {
      if (!outOfScope(error)) throw error;
    }
    const rows = [...byKey.values()].sort((a, b) => (a.kind === b.kind ? a.id - b.id : a.kind === 'ssl' ? -1 : 1));
    return this.#contents(previous.profileId, units, rows, sources);
  }

  /** The profile whose inventory a window is for: the one asked for, else the signed-in one. */
  #whose(profileId: string | undefined): { profileId: string | null; live: boolean } {
    const state = this.#options.session.state();
    const signedIn = state.status === 'signed-in' ? state.profileId : null;
    const whose = profileId ?? signedIn;
    return { profileId: whose, live: whose !== null && whose === signedIn };
  }

  async window(args: CertificatesWindowArgs): Promise<CertificatesWindow> {
    const { profileId, live } = this.#whose(args.profileId);
    const empty: CertificatesWindow = {
      profileId,
      live,
      offset: 0,
      rows: [],
      matching: 0,
      total: 0,
      savedAt: null,
      sources: [],
      complete: false,
      jobId: null,
      organizations: [],
      profiles: [],
      attention: { expiring: 0, stuck: 0, approval: 0 },
      chart: { units: [], weeks: [] },
      cacheProblem: null,
    };
    if (profileId === null) return empty;
    const inventory = await this.open(profileId);
    const { contents, index } = inventory;
    const jobId = inventory.jobId;
    if (contents === null || index === null) return { ...empty, jobId, cacheProblem: inventory.cacheProblem };
    const now = this.#now();
    const selected = index.select(args.filter, args.sort, now);
    const units = live ? this.#signedIn().units : contents.units;
    return {
      profileId,
      live,
      offset: args.offset,
      rows: index.rowsAt(selected, args.offset, args.limit, now),
      matching: selected.length,
      total: index.size,
      savedAt: contents.savedAt,
      sources: contents.sources,
      complete: contents.complete && !inventory.reading,
      jobId,
      organizations: units.length > 0 ? units : unitsOf(contents.rows),
      profiles: index.profiles(),
      attention: index.attention(now),
      chart: index.chart(args.filter, now, selected),
      cacheProblem: inventory.cacheProblem,
    };
  }

  /** The inventories kept on this computer. */
  async caches(): Promise<CertificateCacheInfo[]> {
    const headers = await listCaches(this.#options.userDataDir);
    return headers.map((header) => ({ profileId: header.profileId, profileName: header.profileName, savedAt: header.savedAt, count: header.count })).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  /** The rows a filter selects, in the order asked, for the command line and bulk actions. */
  async select(profileId: string, filter: CertificateFilter, sort: CertificateSort = { column: 'commonName', desc: false }) {
    const inventory = await this.open(profileId);
    if (inventory.index === null) return [];
    const now = this.#now();
    const selected = inventory.index.select(filter, sort, now);
    return inventory.index.rowsAt(selected, 0, selected.length, now);
  }

  /** A stored row by key, as last read. */
  async row(profileId: string, key: string): Promise<StoredRow | undefined> {
    const inventory = await this.open(profileId);
    return inventory.contents?.rows.find((row) => row.key === key);
  }

  /** Every stored row of a profile, as last read. */
  async rows(profileId: string): Promise<readonly StoredRow[]> {
    return (await this.open(profileId)).contents?.rows ?? [];
  }

  /** Puts rows read afresh (after an action) into the inventory and its cache. */
  async update(profileId: string, rows: readonly StoredRow[]): Promise<void> {
    const inventory = await this.open(profileId);
    const contents = inventory.contents;
    if (contents === null || rows.length === 0) return;
    const byKey = new Map(contents.rows.map((row) => [row.key, row]));
    for (const row of rows) byKey.set(row.key, { ...byKey.get(row.key), ...row, orgName: row.orgName ?? byKey.get(row.key)?.orgName ?? null });
    const next: CacheContents = { ...contents, rows: [...byKey.values()] };
    this.#use(inventory, next);
    await writeCache(cachePath(this.#options.userDataDir, profileId), next);
  }

  /** Prepares a CSV of what the filter selects, to be fetched in parts. */
  async prepareExport(args: { profileId?: string | undefined; filter: CertificateFilter; sort: CertificateSort }): Promise<{ exportId: string; fileName: string; rows: number; parts: number }> {
    const { profileId } = this.#whose(args.profileId);
    if (profileId === null) throw new SessionError({ kind: 'auth', message: 'Sign in to a profile first.', anchor: 'connecting#profiles' });
    const inventory = await this.open(profileId);
    if (inventory.index === null) throw new ServiceError({ kind: 'not-found', message: 'There is no inventory to export yet: read it first.', anchor: 'certificates#inventory' });
    const now = this.#now();
    const prepared: PreparedExport = { id: randomBytes(8).toString('hex'), index: inventory.index, selected: inventory.index.select(args.filter, args.sort, now), at: now };
    this.#exports.push(prepared);
    while (this.#exports.length > keptExports) this.#exports.shift();
    return {
      exportId: prepared.id,
      fileName: `certificates-${profileId}-${new Date(now).toISOString().slice(0, 10)}.csv`,
      rows: prepared.selected.length,
      parts: Math.max(1, Math.ceil(prepared.selected.length / exportPartRows)),
    };
  }

  exportPart(exportId: string, part: number): { text: string } {
    const prepared = this.#exports.find((candidate) => candidate.id === exportId);
    if (prepared === undefined) throw new ServiceError({ kind: 'not-found', message: 'That export is no longer prepared; export again.', anchor: 'certificates#inventory' });
    const rows = prepared.index.rowsAt(prepared.selected, part * exportPartRows, exportPartRows, prepared.at);
    return { text: (part === 0 ? `\uFEFF${csvHeader()}` : '') + csvLines(rows) };
  }
}

function unitsOf(rows: readonly StoredRow[]): Unit[] {
  const units = new Map<number, Unit>();
  for (const row of rows) if (row.orgId !== null && !units.has(row.orgId)) units.set(row.orgId, { id: row.orgId, name: row.orgName ?? `#${row.orgId}`, parentId: null });
  return [...units.values()].sort((a, b) => a.name.localeCompare(b.name));
}

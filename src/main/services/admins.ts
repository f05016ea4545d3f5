import { adminWarnings } from '../../shared/adminRules';
import { passwordWarnDays, type AdminFilter, type AdminRow, type AdminSort, type AdminsWindow, type AdminsWindowArgs } from '../../shared/admins';
import type { Job } from '../../shared/jobs';
import type { AppError } from '../../shared/result';
import { adminDisplayName, type AdminDetails, type AdminSummary } from '../../shared/scm/types';
import { AdminsApi } from '../scm/admins';
import type { ScmClient } from '../scm/client';
import { ScmClientError } from '../scm/errors';
import type { JobService } from './jobs';
import { SessionError, type SessionService } from './session';

/** Details read at once: enough to fill 5,000 rows in reasonable time without crowding SCM. */
const detailsInFlight = 8;

interface Directory {
  /** In SCM's order, by id. */
  rows: Map<number, AdminRow>;
  /** Logins the console's profiles use on this tenant: those admins work through the API. */
  apiLogins: ReadonlySet<string>;
  loadedAt: string | null;
  complete: boolean;
  jobId: string | null;
}

function describe(error: unknown): AppError {
  if (error instanceof ScmClientError) return error.toAppError();
  if (error instanceof SessionError) return error.error;
  return { kind: 'internal', message: 'Reading the admins failed unexpectedly.', hint: 'Try again; if it keeps failing, restart the console.', anchor: 'errors#kind-internal' };
}

function nameOf(admin: Pick<AdminSummary, 'forename' | 'surname'>): string {
  return `${admin.forename} ${admin.surname}`.trim();
}

/** A list row: what the list says, the details still to come. */
function fromSummary(admin: AdminSummary): AdminRow {
  return {
    id: admin.id,
    displayName: adminDisplayName(admin),
    login: admin.login,
    name: nameOf(admin),
    forename: admin.forename,
    surname: admin.surname,
    email: admin.email,
    type: admin.type,
    status: null,
    roles: [],
    privileges: [],
    passwordState: null,
    passwordExpires: null,
    idpPersonId: admin.idpPersonId,
    identityProviderId: null,
    lastPasswordChange: null,
    created: null,
    failedAttempts: null,
    detailed: false,
    warnings: [],
  };
}

function fromDetails(admin: AdminDetails, orgNames: ReadonlyMap<number, string>): AdminRow {
  return {
    ...fromSummary(admin),
    status: admin.activeStatus,
    roles: admin.credentials.map((credential) => ({ role: credential.role, orgId: credential.orgId, orgName: credential.orgId === null ? null : (orgNames.get(credential.orgId) ?? null) })),
    privileges: admin.privileges,
    passwordState: admin.passwordState,
    passwordExpires: admin.passwordExpiryDate,
    identityProviderId: admin.identityProviderId,
    lastPasswordChange: admin.lastPasswordChange,
    created: admin.created,
    failedAttempts: admin.failedAttempts,
    detailed: true,
  };
}

/** Whole days from `now` to an ISO day. */
function daysUntil(day: string, now: number): number {
  const today = new Date(now);
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) / 86_400_000);
}

export function matches(row: AdminRow, filter: AdminFilter, now: number): boolean {
  if (filter.attention === true && row.warnings.length === 0) return false;
  if (filter.type !== undefined && row.type !== filter.type) return false;
  if (filter.status !== undefined && row.status !== filter.status) return false;
  if (filter.role !== undefined && !row.roles.some((role) => role.role === filter.role)) return false;
  if (filter.org !== undefined && !row.roles.some((role) => role.orgId === filter.org)) return false;
  if (filter.expiresWithin !== undefined && (row.passwordExpires === null || daysUntil(row.passwordExpires, now) > filter.expiresWithin)) return false;
  const text = filter.q?.trim().toLowerCase();
  if (text !== undefined && text !== '') {
    const haystack = [row.displayName, row.login ?? '', row.name, row.email, row.idpPersonId ?? ''].join('\n').toLowerCase();
    if (!haystack.includes(text)) return false;
  }
  return true;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function sortValue(row: AdminRow, column: AdminSort['column']): string {
  switch (column) {
    case 'name':
      return row.name === '' ? row.displayName : row.name;
    case 'login':
      return row.login ?? '';
    case 'email':
      return row.email;
    case 'type':
      return row.type ?? '';
    case 'status':
      return row.status ?? '';
    case 'passwordExpires':
      return row.passwordExpires ?? '';
  }
}

export function sortRows(rows: AdminRow[], sort: AdminSort): AdminRow[] {
  const direction = sort.desc ? -1 : 1;
  // Rows with no value go last, whichever the direction; ties keep SCM's order.
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, sort.column) }))
    .sort((a, b) => {
      if (a.value === '' && b.value !== '') return 1;
      if (b.value === '' && a.value !== '') return -1;
      return direction * collator.compare(a.value, b.value) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

const csvColumns: { header: string; value: (row: AdminRow) => string }[] = [
  { header: 'id', value: (row) => String(row.id) },
  { header: 'login', value: (row) => row.login ?? '' },
  { header: 'name', value: (row) => row.name },
  { header: 'email', value: (row) => row.email },
  { header: 'type', value: (row) => row.type ?? '' },
  { header: 'status', value: (row) => row.status ?? '' },
  { header: 'roles', value: (row) => row.roles.map((role) => (role.orgName === null ? role.role : `${role.role} (${role.orgName})`)).join('; ') },
  { header: 'privileges', value: (row) => row.privileges.join(' ') },
  { header: 'password state', value: (row) => row.passwordState ?? '' },
  { header: 'password expires', value: (row) => row.passwordExpires ?? '' },
  { header: 'IdP person id', value: (row) => row.idpPersonId ?? '' },
];

/** A CSV field: quoted where needed, and never read as a formula by a spreadsheet. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: AdminRow[]): string {
  const lines = [csvColumns.map((column) => column.header).join(',')];
  for (const row of rows) lines.push(csvColumns.map((column) => csvField(column.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The admins of the signed-in admin's tenant, as far as they may see: read by
 * a job (the list, then each admin's details, which alone hold roles, status
 * and password state), kept in main per profile, and served in filtered,
 * sorted windows so that no answer carries thousands of rows.
 */
export class AdminsService {
  readonly #session: SessionService;
  readonly #jobs: JobService;
  readonly #now: () => number;
  readonly #apiLogins: (profileId: string) => Promise<ReadonlySet<string>>;
  readonly #directories = new Map<string, Directory>();

  constructor(options: { session: SessionService; jobs: JobService; now?: () => number; apiLogins?: (profileId: string) => Promise<ReadonlySet<string>> }) {
    this.#session = options.session;
    this.#jobs = options.jobs;
    this.#now = options.now ?? Date.now;
    this.#apiLogins = options.apiLogins ?? (async () => new Set<string>());
  }

  /** A row with its warnings as of now. */
  #withWarnings(row: AdminRow, apiLogins: ReadonlySet<string>): AdminRow {
    const today = new Date(this.#now()).toISOString().slice(0, 10);
    return { ...row, warnings: adminWarnings(row, { today, warnDays: passwordWarnDays, apiLogins }) };
  }

  /** Puts an admin read afresh (after a change) into the signed-in profile's table. */
  remember(row: AdminRow): AdminRow {
    const profileId = this.#session.state().profileId;
    const directory = profileId === null ? undefined : this.#directories.get(profileId);
    const warned = this.#withWarnings(row, directory?.apiLogins ?? new Set());
    directory?.rows.set(row.id, warned);
    return warned;
  }

  /**
   * An admin as the console knows it without reading it again (what it sent,
   * or read before a change), put into the signed-in profile's table: for when
   * reading it back after a change failed.
   */
  known(admin: AdminSummary | AdminDetails): AdminRow {
    const orgNames = new Map((this.#session.state().identity?.organizations ?? []).map((unit) => [unit.id, unit.name]));
    return this.remember('credentials' in admin ? fromDetails(admin, orgNames) : fromSummary(admin));
  }

  /** Takes a deleted admin out of the signed-in profile's table. */
  forget(id: number): void {
    const profileId = this.#session.state().profileId;
    if (profileId !== null) this.#directories.get(profileId)?.rows.delete(id);
  }

  /** Reads (again) every admin in scope, as a job; a load already under way for the profile is joined. */
  load(): Job {
    const state = this.#session.state();
    const client = this.#session.client();
    const profileId = state.profileId!;
    const orgNames = new Map((state.identity?.organizations ?? []).map((unit) => [unit.id, unit.name]));
    const job = this.#jobs.start({
      kind: 'admins:load',
      profileId,
      key: `admins:${profileId}`,
      describeFailure: describe,
      work: (context) => this.#read(client, profileId, orgNames, context.signal, context.progress),
    });
    const directory = this.#directory(profileId);
    directory.jobId = job.id;
    return job;
  }

  #directory(profileId: string): Directory {
    let directory = this.#directories.get(profileId);
    if (directory === undefined) {
      directory = { rows: new Map(), apiLogins: new Set(), loadedAt: null, complete: false, jobId: null };
      this.#directories.set(profileId, directory);
    }
    return directory;
  }

  async #read(client: ScmClient, profileId: string, orgNames: ReadonlyMap<number, string>, signal: AbortSignal, progress: (value: { done: number; total: number | null; phase: string }) => void): Promise<void> {
    const api = new AdminsApi(client);
    const rows = new Map<number, AdminRow>();
    const directory = this.#directory(profileId);
    directory.apiLogins = await this.#apiLogins(profileId);
    // The previous read stays on show until the list is in; then the new list replaces it, row by row as details come.
    for await (const page of api.pages({}, { signal, onProgress: ({ done, total }) => progress({ done, total, phase: 'list' }) })) {
      for (const admin of page) rows.set(admin.id, directory.rows.get(admin.id)?.detailed === true ? { ...directory.rows.get(admin.id)!, ...withoutDetails(fromSummary(admin)) } : fromSummary(admin));
    }
    directory.rows = rows;
    directory.loadedAt = new Date(this.#now()).toISOString();
    directory.complete = false;
    const ids = [...rows.keys()];
    let done = 0;
    let next = 0;
    progress({ done, total: ids.length, phase: 'details' });
    const worker = async (): Promise<void> => {
      while (next < ids.length && !signal.aborted) {
        const id = ids[next++]!;
        try {
          rows.set(id, this.#withWarnings(fromDetails(await api.get(id, { signal }), orgNames), directory.apiLogins));
        } catch (error) {
          if (signal.aborted) return;
          // One admin this admin may not read (or gone meanwhile) leaves its list row; anything else stops the load.
          if (!(error instanceof ScmClientError && (error.kind === 'not-found' || error.kind === 'permission'))) throw error;
        }
        done += 1;
        progress({ done, total: ids.length, phase: 'details' });
      }
    };
    await Promise.all(Array.from({ length: Math.min(detailsInFlight, ids.length) }, worker));
    if (!signal.aborted) directory.complete = true;
  }

  window(args: AdminsWindowArgs): AdminsWindow {
    const profileId = this.#session.state().status === 'signed-in' ? this.#session.state().profileId : null;
    const directory = profileId === null ? undefined : this.#directories.get(profileId);
    if (profileId === null || directory === undefined) {
      return { profileId, offset: 0, rows: [], matching: 0, total: 0, loadedAt: null, complete: false, jobId: directory?.jobId ?? null, roles: [] };
    }
    const all = [...directory.rows.values()];
    const now = this.#now();
    const selected = sortRows(
      all.filter((row) => matches(row, args.filter, now)),
      args.sort,
    );
    const roles = [...new Set(all.flatMap((row) => row.roles.map((role) => role.role)))].sort();
    return {
      profileId,
      offset: args.offset,
      rows: selected.slice(args.offset, args.offset + args.limit),
      matching: selected.length,
      total: all.length,
      loadedAt: directory.loadedAt,
      complete: directory.complete,
      jobId: directory.jobId,
      roles,
    };
  }

  /** One admin, read afresh from SCM; the table's row is updated with it. */
  async details(id: number): Promise<AdminRow> {
    const state = this.#session.state();
    const orgNames = new Map((state.identity?.organizations ?? []).map((unit) => [unit.id, unit.name]));
    const directory = state.profileId === null ? undefined : this.#directories.get(state.profileId);
    const row = this.#withWarnings(fromDetails(await new AdminsApi(this.#session.client()).get(id), orgNames), directory?.apiLogins ?? new Set());
    if (directory?.rows.has(id) === true) directory.rows.set(id, row);
    return row;
  }

  exportCsv(filter: AdminFilter, sort: AdminSort): { rows: number; text: string } {
    const window = this.window({ filter, sort, offset: 0, limit: 500 });
    const directory = window.profileId === null ? undefined : this.#directories.get(window.profileId);
    const now = this.#now();
    const rows = directory === undefined ? [] : sortRows([...directory.rows.values()].filter((row) => matches(row, filter, now)), sort);
    return { rows: rows.length, text: toCsv(rows) };
  }
}

/** A list row's fields without the details' empty placeholders, to refresh a detailed row. */
function withoutDetails(row: AdminRow): Partial<AdminRow> {
  return { displayName: row.displayName, login: row.login, name: row.name, forename: row.forename, surname: row.surname, email: row.email, type: row.type, idpPersonId: row.idpPersonId };
}

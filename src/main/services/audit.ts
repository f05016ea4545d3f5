import { join } from 'node:path';
import {
  auditRecordSchema,
  maxAuditExportRows,
  type AuditFilter,
  type AuditPage,
  type AuditQuery,
  type AuditRecord,
} from '../../shared/audit';
import type { ScmWrite } from '../scm/client';
import { AuditLog } from '../storage';

export const auditFileName = 'audit.jsonl';

/** Whom a client's writes are recorded for. */
export interface AuditContext {
  /** Null for a connection given on the command line rather than a profile. */
  profile: { id: string; name: string } | null;
  tenant: string;
}

export interface AuditServiceOptions {
  userDataDir: string;
  /** Told, in words a person can act on, when a write could not be recorded. Never told a secret. */
  onFailure?: (message: string) => void;
}

function matches(record: AuditRecord, filter: AuditFilter, from: number, to: number): boolean {
  if (filter.result !== undefined && record.result !== filter.result) return false;
  if (filter.profileId !== undefined && record.profileId !== filter.profileId) return false;
  if (filter.operation !== undefined && !record.operation.toLowerCase().includes(filter.operation.toLowerCase())) return false;
  const time = Date.parse(record.time);
  if (time < from || time >= to) return false;
  if (filter.text !== undefined && filter.text !== '') {
    const needle = filter.text.toLowerCase();
    const haystack = [record.time, record.who, record.profileName ?? '', record.tenant, record.operation, record.method, record.path, record.objectIds.join(' '), record.result, record.status ?? '', record.scmCode ?? ''];
    if (!haystack.some((field) => String(field).toLowerCase().includes(needle))) return false;
  }
  return true;
}

/**
 * A CSV field. Text that a spreadsheet would run as a formula (it starts with
 * = + - @) is led by an apostrophe: an operation may quote a name someone typed.
 */
function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvColumns: [heading: string, value: (record: AuditRecord) => string][] = [
  ['Time', (record) => csvText(record.time)],
  ['Who', (record) => csvText(record.who)],
  ['Profile', (record) => csvText(record.profileName ?? '')],
  ['Profile ID', (record) => csvText(record.profileId ?? '')],
  ['Tenant', (record) => csvText(record.tenant)],
  ['Operation', (record) => csvText(record.operation)],
  ['Method', (record) => record.method],
  ['Path', (record) => csvText(record.path)],
  ['Object IDs', (record) => record.objectIds.join(' ')],
  ['Result', (record) => record.result],
  ['HTTP status', (record) => (record.status === null ? '' : String(record.status))],
  ['SCM code', (record) => (record.scmCode === null ? '' : String(record.scmCode))],
  ['Duration (ms)', (record) => String(record.durationMs)],
];

/**
 * The audit log: every change the console sent to SCM, from any shell, one
 * line each in `audit.jsonl` in the user-data folder. SCM clients report
 * their writes through the hook `hookFor` gives them; the log is read back in
 * windows, newest first, and exported as CSV.
 */
export class AuditService {
  readonly #log: AuditLog;
  readonly #onFailure: (message: string) => void;
  /** The records read so far, in file order, and where reading goes on. */
  #records: AuditRecord[] = [];
  #offset = 0;
  #reading: Promise<void> = Promise.resolve();

  constructor(options: AuditServiceOptions) {
    this.#log = new AuditLog(join(options.userDataDir, auditFileName));
    this.#onFailure = options.onFailure ?? (() => undefined);
  }

  get path(): string {
    return this.#log.path;
  }

  /** What an SCM client acting for `context` calls with each write it made. */
  hookFor(context: AuditContext): (write: ScmWrite) => Promise<void> {
    return (write) => this.record({ ...write, profileId: context.profile?.id ?? null, profileName: context.profile?.name ?? null, tenant: context.tenant });
  }

  /** Appends a record; a failure to write it is reported, not thrown, as the change in SCM has happened either way. */
  async record(record: AuditRecord): Promise<void> {
    try {
      await this.#log.append(auditRecordSchema.parse(record));
    } catch {
      this.#onFailure(`A change in SCM (${record.operation.slice(0, 200)}) could not be written to the audit log at ${this.#log.path}. Check that the disk has room and the folder can be written.`);
    }
  }

  /** Reads what other processes and this one appended since the last read. */
  #refresh(): Promise<void> {
    const next = this.#reading.then(async () => {
      const chunk = await this.#log.readFrom(this.#offset);
      if (chunk.restarted) this.#records = [];
      for (const entry of chunk.entries) {
        const parsed = auditRecordSchema.safeParse(entry);
        if (parsed.success) this.#records.push(parsed.data);
      }
      this.#offset = chunk.next;
    });
    this.#reading = next.catch(() => undefined);
    return next;
  }

  /** The records the filter selects, newest first. */
  async #select(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    await this.#refresh();
    const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
    const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
    const chosen: { record: AuditRecord; time: number; index: number }[] = [];
    this.#records.forEach((record, index) => {
      if (matches(record, filter, from, to)) chosen.push({ record, time: Date.parse(record.time), index });
    });
    // Newest first; of two at the same time, the one written later.
    chosen.sort((a, b) => b.time - a.time || b.index - a.index);
    return chosen.map((entry) => entry.record);
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const selected = await this.#select(query.filter);
    return { rows: selected.slice(query.offset, query.offset + query.limit), total: selected.length };
  }

  /** The records the filter selects as CSV, newest first, at most `maxAuditExportRows` of them. */
  async exportCsv(filter: AuditFilter = {}): Promise<{ text: string; count: number; total: number }> {
    const selected = await this.#select(filter);
    const rows = selected.slice(0, maxAuditExportRows);
    const lines = [csvColumns.map(([heading]) => heading).join(','), ...rows.map((record) => csvColumns.map(([, value]) => value(record)).join(','))];
    return { text: `${lines.join('\r\n')}\r\n`, count: rows.length, total: selected.length };
  }
}

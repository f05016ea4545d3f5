import { certificateStates, type CertificateFilter, type CertificateRow, type CertificateSort, type CertificateSortColumn, type CertificateState, type ExpiryChart } from '../../../shared/certificates';
import { dayNumber, today, type StoredRow } from './rows';

export interface Unit {
  id: number;
  name: string;
  parentId: number | null;
}

const dayMs = 86_400_000;
/** Over a day in Requested or Applied counts as stuck. */
const stuckAfterMs = dayMs;
const expiringWithinDays = 30;
const chartWeeks = 52;
/** Units stacked in the chart before the rest are put together. */
const chartUnits = 6;
/** The expired certificates hidden when a filter says nothing: those that ended over this many days ago. */
export const defaultHideExpiredAfter = 30;

interface Order {
  /** Row indexes with a value, ascending. */
  present: Int32Array;
  /** Row indexes without one: last, whichever the direction. */
  absent: Int32Array;
}

/** A column's value for sorting: a number, a lower-case string, or null for none. */
function sortValue(row: StoredRow, column: CertificateSortColumn): string | number | null {
  switch (column) {
    case 'commonName':
      return row.commonName === '' ? null : row.commonName.toLowerCase();
    case 'names':
      return row.names.length === 0 ? null : row.names.join(', ').toLowerCase();
    case 'status':
      return row.status === '' ? null : row.status.toLowerCase();
    case 'org':
      return row.orgName === null || row.orgName === '' ? null : row.orgName.toLowerCase();
    case 'profile':
      return row.profileName === null || row.profileName === '' ? null : row.profileName.toLowerCase();
    case 'term':
      return row.term;
    case 'requested':
      return row.requested;
    case 'issued':
      return row.issued;
    case 'expires':
      return row.expires === null ? null : row.expires.slice(0, 10);
    case 'requester':
      return row.requester === null || row.requester === '' ? null : row.requester.toLowerCase();
    case 'serialNumber':
      return row.serialNumber === null || row.serialNumber === '' ? null : row.serialNumber.toLowerCase();
  }
}

/** The Monday of the week holding `day` (days since the epoch; the epoch was a Thursday). */
function mondayOf(day: number): number {
  return day - ((day + 3) % 7);
}

function isoDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/**
 * An inventory in memory, ready for the questions the page asks again and
 * again: filtered, sorted windows, the counts that need attention and the
 * expiry chart. Each column's order is worked out once, when first asked
 * for; a filter walks it once, and its answer is kept, so that scrolling
 * costs only the rows shown and typing more of a search looks only among
 * what the shorter text found.
 */
export class InventoryIndex {
  readonly rows: readonly StoredRow[];
  readonly #units: ReadonlyMap<number, Unit>;
  readonly #text: string[];
  readonly #expires: Float64Array;
  readonly #requested: Float64Array;
  /** Per row, as small numbers the filters compare quickly: kind (0 SSL, 1 client), state as stored, unit (-1 for none). */
  readonly #kind: Uint8Array;
  readonly #state: Uint8Array;
  readonly #unit: Int32Array;
  readonly #profile: Int32Array;
  readonly #profileCodes = new Map<string, number>();
  readonly #orders = new Map<CertificateSortColumn, Order>();
  #last: { key: string; filter: CertificateFilter; sortKey: string; day: number; selected: Int32Array } | undefined;
  #chart: { key: string; chart: ExpiryChart } | undefined;
  #attention: { minute: number; counts: { expiring: number; stuck: number; approval: number } } | undefined;
  #profiles: string[] | undefined;

  constructor(rows: readonly StoredRow[], units: readonly Unit[]) {
    this.rows = rows;
    this.#units = new Map(units.map((unit) => [unit.id, unit]));
    this.#text = rows.map((row) => [row.commonName, ...row.names, row.serialNumber ?? '', row.requester ?? ''].join('\n').toLowerCase());
    this.#expires = Float64Array.from(rows, (row) => dayNumber(row.expires) ?? Number.NaN);
    this.#requested = Float64Array.from(rows, (row) => (row.requested === null ? Number.NaN : Date.parse(row.requested.length === 10 ? `${row.requested}T00:00:00Z` : row.requested)));
    this.#kind = Uint8Array.from(rows, (row) => (row.kind === 'ssl' ? 0 : 1));
    this.#state = Uint8Array.from(rows, (row) => stateCode[row.baseState]);
    this.#unit = Int32Array.from(rows, (row) => row.orgId ?? -1);
    this.#profile = Int32Array.from(rows, (row) => {
      if (row.profileName === null) return -1;
      let code = this.#profileCodes.get(row.profileName);
      if (code === undefined) {
        code = this.#profileCodes.size;
        this.#profileCodes.set(row.profileName, code);
      }
      return code;
    });
  }

  /** Works out the orders of these columns now, so that the first sort by them does not wait. */
  warm(columns: readonly CertificateSortColumn[]): void {
    for (const column of columns) this.#order(column);
  }

  /** The state shown on `day`: an issued certificate past its end is expired. */
  #stateAt(index: number, day: number): number {
    const state = this.#state[index]!;
    return state === issuedCode && this.#expires[index]! < day ? expiredCode : state;
  }

  get size(): number {
    return this.rows.length;
  }

  #order(column: CertificateSortColumn): Order {
    let order = this.#orders.get(column);
    if (order === undefined) {
      const present: { index: number; value: string | number }[] = [];
      const absent: number[] = [];
      this.rows.forEach((row, index) => {
        const value = column === 'expires' ? numberOrNull(this.#expires[index]!) : column === 'requested' ? numberOrNull(this.#requested[index]!) : sortValue(row, column);
        if (value === null) absent.push(index);
        else present.push({ index, value });
      });
      // Ties keep the inventory's order (reversed when descending), so a sort is the same every time.
      present.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.index - b.index));
      order = { present: Int32Array.from(present, (entry) => entry.index), absent: Int32Array.from(absent) };
      this.#orders.set(column, order);
    }
    return order;
  }

  /** The units a filter on `org` takes in: the unit and, for an organization, its departments. */
  #unitsUnder(org: number): Set<number> {
    const under = new Set([org]);
    for (const unit of this.#units.values()) if (unit.parentId === org) under.add(unit.id);
    return under;
  }

  #predicate(filter: CertificateFilter, day: number, now: number, ignoreWeek = false): (index: number) => boolean {
    const checks: ((index: number) => boolean)[] = [];
    const expires = this.#expires;
    if (filter.kind !== undefined) {
      const kind = filter.kind === 'ssl' ? 0 : 1;
      const kinds = this.#kind;
      checks.push((index) => kinds[index] === kind);
    }
    if (filter.state !== undefined) {
      const state = stateCode[filter.state];
      checks.push((index) => this.#stateAt(index, day) === state);
    }
    if (filter.org !== undefined) {
      const units = this.#unitsUnder(filter.org);
      const unit = this.#unit;
      checks.push((index) => units.has(unit[index]!));
    }
    if (filter.profile !== undefined) {
      const profile = this.#profileCodes.get(filter.profile) ?? -2;
      const profiles = this.#profile;
      checks.push((index) => profiles[index] === profile);
    }
    if (filter.expiresWithin !== undefined) {
      const last = day + filter.expiresWithin;
      checks.push((index) => expires[index]! <= last && this.#stateAt(index, day) === issuedCode);
    }
    if (filter.hideExpiredAfter !== undefined) {
      const first = day - filter.hideExpiredAfter;
      // Only what has ended is hidden: a revoked or replaced certificate still shows until its end date has long passed too.
      checks.push((index) => !(expires[index]! < first));
    }
    if (filter.week !== undefined && !ignoreWeek) {
      const start = dayNumber(filter.week) ?? 0;
      checks.push((index) => expires[index]! >= start && expires[index]! < start + 7 && this.#stateAt(index, day) === issuedCode);
    }
    if (filter.attention !== undefined) {
      const attention = filter.attention;
      checks.push((index) => this.#needs(index, attention, day, now));
    }
    const text = filter.q?.trim().toLowerCase();
    if (text !== undefined && text !== '') {
      const haystack = this.#text;
      checks.push((index) => haystack[index]!.includes(text));
    }
    if (checks.length === 1) return checks[0]!;
    return (index) => {
      for (const check of checks) if (!check(index)) return false;
      return true;
    };
  }

  #needs(index: number, attention: 'expiring' | 'stuck' | 'approval', day: number, now: number): boolean {
    const state = this.#stateAt(index, day);
    switch (attention) {
      case 'expiring': {
        const left = this.#expires[index]! - day;
        return state === issuedCode && left >= 0 && left <= expiringWithinDays;
      }
      case 'stuck':
        return (state === requestedCode || state === appliedCode) && now - this.#requested[index]! > stuckAfterMs;
      case 'approval':
        return this.#kind[index] === 0 && state === requestedCode;
    }
  }

  /** The indexes of the rows the filter selects, in the sort's order. */
  select(filter: CertificateFilter, sort: CertificateSort, now: number): Int32Array {
    const day = today(now);
    const { q, ...rest } = filter;
    const text = q?.trim().toLowerCase() ?? '';
    const sortKey = `${sort.column}:${sort.desc}`;
    // "Stuck" moves with the clock, not the day: its answer is kept for a minute only.
    const moment = filter.attention === 'stuck' ? Math.floor(now / 60_000) : day;
    const key = JSON.stringify([rest, text, sortKey, moment]);
    const last = this.#last;
    if (last?.key === key) return last.selected;
    // Typing more of the same search: look only among what the shorter text found.
    const previousText = last?.filter.q?.trim().toLowerCase() ?? '';
    const narrowing = last !== undefined && last.sortKey === sortKey && last.day === moment && text.startsWith(previousText) && JSON.stringify(withoutText(last.filter)) === JSON.stringify(rest);
    const test = this.#predicate(filter, day, now);
    let selected: Int32Array;
    if (narrowing) {
      selected = last.selected.filter((index) => test(index));
    } else {
      const order = this.#order(sort.column);
      const out = new Int32Array(this.rows.length);
      let count = 0;
      const walk = (indexes: Int32Array, reverse: boolean): void => {
        if (reverse) {
          for (let position = indexes.length - 1; position >= 0; position -= 1) if (test(indexes[position]!)) out[count++] = indexes[position]!;
        } else {
          for (let position = 0; position < indexes.length; position += 1) if (test(indexes[position]!)) out[count++] = indexes[position]!;
        }
      };
      walk(order.present, sort.desc);
      walk(order.absent, false);
      selected = out.slice(0, count);
    }
    this.#last = { key, filter, sortKey, day: moment, selected };
    return selected;
  }

  rowsAt(selected: Int32Array, offset: number, limit: number, now: number): CertificateRow[] {
    const day = today(now);
    const rows: CertificateRow[] = [];
    for (let position = offset; position < Math.min(selected.length, offset + limit); position += 1) {
      const index = selected[position]!;
      const row = this.rows[index]!;
      const end = this.#expires[index]!;
      rows.push({
        key: row.key,
        kind: row.kind,
        id: row.id,
        backendCertId: row.backendCertId,
        commonName: row.commonName,
        names: row.names,
        status: row.status,
        state: certificateStates[this.#stateAt(index, day)]!,
        orgId: row.orgId,
        orgName: row.orgName,
        profileName: row.profileName,
        term: row.term,
        requested: row.requested,
        issued: row.issued,
        expires: row.expires,
        daysLeft: Number.isNaN(end) ? null : end - day,
        requester: row.requester,
        serialNumber: row.serialNumber,
      });
    }
    return rows;
  }

  /** What needs attention, over the whole inventory. */
  attention(now: number): { expiring: number; stuck: number; approval: number } {
    const minute = Math.floor(now / 60_000);
    if (this.#attention?.minute === minute) return this.#attention.counts;
    const day = today(now);
    const counts = { expiring: 0, stuck: 0, approval: 0 };
    for (let index = 0; index < this.rows.length; index += 1) {
      if (this.#needs(index, 'expiring', day, now)) counts.expiring += 1;
      if (this.#needs(index, 'stuck', day, now)) counts.stuck += 1;
      if (this.#needs(index, 'approval', day, now)) counts.approval += 1;
    }
    this.#attention = { minute, counts };
    return counts;
  }

  /** The profiles' names in the inventory, for the profile filter. */
  profiles(): string[] {
    this.#profiles ??= [...new Set(this.rows.flatMap((row) => (row.profileName === null || row.profileName === '' ? [] : [row.profileName])))].sort((a, b) => a.localeCompare(b));
    return this.#profiles;
  }

  /** Issued certificates ending in each of the next 52 weeks, over what the filter selects (its week left out). */
  chart(filter: CertificateFilter, now: number, selected?: Int32Array): ExpiryChart {
    const day = today(now);
    const key = JSON.stringify([{ ...filter, week: undefined }, filter.attention === 'stuck' ? Math.floor(now / 60_000) : day]);
    if (this.#chart?.key === key) return this.#chart.chart;
    const first = mondayOf(day);
    // What the filter selected is what the chart counts, unless the filter has a week, which the chart leaves out.
    const test = filter.week === undefined && selected !== undefined ? () => true : this.#predicate(filter, day, now, true);
    const indexes = filter.week === undefined && selected !== undefined ? selected : undefined;
    const byUnit = new Map<number, number[]>();
    const count = indexes?.length ?? this.rows.length;
    for (let position = 0; position < count; position += 1) {
      const index = indexes === undefined ? position : indexes[position]!;
      const end = this.#expires[index]!;
      if (!(end >= day && end < first + chartWeeks * 7)) continue;
      if (this.#stateAt(index, day) !== issuedCode || !test(index)) continue;
      // Certificates with no organization are a unit of their own (id 0), apart from "the rest together" (null).
      const unit = this.#unit[index]! < 0 ? 0 : this.#unit[index]!;
      let counts = byUnit.get(unit);
      if (counts === undefined) {
        counts = new Array<number>(chartWeeks).fill(0);
        byUnit.set(unit, counts);
      }
      counts[Math.floor((end - first) / 7)]! += 1;
    }
    const total = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0);
    const ranked = [...byUnit.entries()].sort((a, b) => total(b[1]) - total(a[1]) || String(a[0]).localeCompare(String(b[0])));
    const kept = ranked.slice(0, ranked.length > chartUnits + 1 ? chartUnits : chartUnits + 1);
    const rest = ranked.slice(kept.length);
    const series: { id: number | null; name: string; counts: number[] }[] = kept.map(([id, counts]) => ({ id, name: this.#nameOf(id), counts }));
    if (rest.length > 0) {
      const counts = new Array<number>(chartWeeks).fill(0);
      for (const [, unitCounts] of rest) unitCounts.forEach((count, week) => (counts[week]! += count));
      series.push({ id: null, name: '', counts });
    }
    const chart: ExpiryChart = {
      units: series.map((entry) => ({ id: entry.id, name: entry.name })),
      weeks: Array.from({ length: chartWeeks }, (_, week) => {
        const counts = series.map((entry) => entry.counts[week]!);
        return { start: isoDay(first + week * 7), counts, total: counts.reduce((sum, count) => sum + count, 0) };
      }),
    };
    this.#chart = { key, chart };
    return chart;
  }

  #nameOf(id: number): string {
    if (id === 0) return '';
    const unit = this.#units.get(id);
    if (unit !== undefined) return unit.name;
    return this.rows.find((row) => row.orgId === id)?.orgName ?? `#${id}`;
  }
}

function numberOrNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

const stateCode = Object.fromEntries(certificateStates.map((state, index) => [state, index])) as Record<CertificateState, number>;
const issuedCode = stateCode.issued;
const expiredCode = stateCode.expired;
const requestedCode = stateCode.requested;
const appliedCode = stateCode.applied;

function withoutText(filter: CertificateFilter): CertificateFilter {
  const { q: _q, ...rest } = filter;
  return rest;
}

/** A CSV field: quoted where needed, and never read as a formula by a spreadsheet. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvColumns: { header: string; value: (row: CertificateRow) => string }[] = [
  { header: 'kind', value: (row) => row.kind },
  { header: 'id', value: (row) => String(row.id) },
  { header: 'common name', value: (row) => row.commonName },
  { header: 'names', value: (row) => row.names.join(' ') },
  { header: 'state', value: (row) => row.state },
  { header: 'status', value: (row) => row.status },
  { header: 'organization or department', value: (row) => row.orgName ?? (row.orgId === null ? '' : String(row.orgId)) },
  { header: 'profile', value: (row) => row.profileName ?? '' },
  { header: 'term (days)', value: (row) => (row.term === null ? '' : String(row.term)) },
  { header: 'requested', value: (row) => row.requested ?? '' },
  { header: 'issued', value: (row) => row.issued ?? '' },
  { header: 'expires', value: (row) => row.expires ?? '' },
  { header: 'days left', value: (row) => (row.daysLeft === null ? '' : String(row.daysLeft)) },
  { header: 'requester', value: (row) => row.requester ?? '' },
  { header: 'serial number', value: (row) => row.serialNumber ?? '' },
];

export function csvHeader(): string {
  return `${csvColumns.map((column) => column.header).join(',')}\r\n`;
}

export function csvLines(rows: readonly CertificateRow[]): string {
  let text = '';
  for (const row of rows) text += `${csvColumns.map((column) => csvField(column.value(row))).join(',')}\r\n`;
  return text;
}

import type { CertificateFilter, CertificateRow, CertificateSort, CertificateSortColumn, ExpiryChart } from '../../../shared/certificates';
import { dayNumber, shown, today, type StoredRow } from './rows';

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
      return row.orgName?.toLowerCase() ?? null;
    case 'profile':
      return row.profileName?.toLowerCase() ?? null;
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
        const value = sortValue(row, column);
        if (value === null) absent.push(index);
        else present.push({ index, value });
      });
      // Ties keep the inventory's order, so a sort is the same every time.
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
    const rows = this.rows;
    const expires = this.#expires;
    if (filter.kind !== undefined) {
      const kind = filter.kind;
      checks.push((index) => rows[index]!.kind === kind);
    }
    if (filter.state !== undefined) {
      const state = filter.state;
      checks.push((index) => shownState(rows[index]!, expires[index]!, day) === state);
    }
    if (filter.org !== undefined) {
      const units = this.#unitsUnder(filter.org);
      checks.push((index) => units.has(rows[index]!.orgId ?? -1));
    }
    if (filter.profile !== undefined) {
      const profile = filter.profile;
      checks.push((index) => rows[index]!.profileName === profile);
    }
    if (filter.expiresWithin !== undefined) {
      const last = day + filter.expiresWithin;
      checks.push((index) => shownState(rows[index]!, expires[index]!, day) === 'issued' && expires[index]! <= last);
    }
    if (filter.hideExpiredAfter !== undefined) {
      const first = day - filter.hideExpiredAfter;
      // Only what has ended is hidden: a revoked or replaced certificate still shows until its end date has long passed too.
      checks.push((index) => !(expires[index]! < first));
    }
    if (filter.week !== undefined && !ignoreWeek) {
      const start = dayNumber(filter.week) ?? 0;
      checks.push((index) => expires[index]! >= start && expires[index]! < start + 7 && shownState(rows[index]!, expires[index]!, day) === 'issued');
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
    return (index) => {
      for (const check of checks) if (!check(index)) return false;
      return true;
    };
  }

  #needs(index: number, attention: 'expiring' | 'stuck' | 'approval', day: number, now: number): boolean {
    const row = this.rows[index]!;
    const state = shownState(row, this.#expires[index]!, day);
    switch (attention) {
      case 'expiring': {
        const left = this.#expires[index]! - day;
        return state === 'issued' && left >= 0 && left <= expiringWithinDays;
      }
      case 'stuck':
        return (state === 'requested' || state === 'applied') && now - this.#requested[index]! > stuckAfterMs;
      case 'approval':
        return row.kind === 'ssl' && state === 'requested';
    }
  }

  /** The indexes of the rows the filter selects, in the sort's order. */
  select(filter: CertificateFilter, sort: CertificateSort, now: number): Int32Array {
    const day = today(now);
    const { q, ...rest } = filter;
    const text = q?.trim().toLowerCase() ?? '';
    const sortKey = `${sort.column}:${sort.desc}`;
    const key = JSON.stringify([rest, text, sortKey, day]);
    const last = this.#last;
    if (last?.key === key) return last.selected;
    // Typing more of the same search: look only among what the shorter text found.
    const previousText = last?.filter.q?.trim().toLowerCase() ?? '';
    const narrowing = last !== undefined && last.sortKey === sortKey && last.day === day && text.startsWith(previousText) && JSON.stringify(withoutText(last.filter)) === JSON.stringify(rest);
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
    this.#last = { key, filter, sortKey, day, selected };
    return selected;
  }

  rowsAt(selected: Int32Array, offset: number, limit: number, now: number): CertificateRow[] {
    const day = today(now);
    const rows: CertificateRow[] = [];
    for (let position = offset; position < Math.min(selected.length, offset + limit); position += 1) rows.push(shown(this.rows[selected[position]!]!, day));
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
  chart(filter: CertificateFilter, now: number): ExpiryChart {
    const day = today(now);
    const key = JSON.stringify([{ ...filter, week: undefined }, day]);
    if (this.#chart?.key === key) return this.#chart.chart;
    const first = mondayOf(day);
    const test = this.#predicate(filter, day, now, true);
    const byUnit = new Map<number | null, number[]>();
    for (let index = 0; index < this.rows.length; index += 1) {
      const end = this.#expires[index]!;
      if (!(end >= day && end < first + chartWeeks * 7)) continue;
      if (shownState(this.rows[index]!, end, day) !== 'issued' || !test(index)) continue;
      const unit = this.rows[index]!.orgId;
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
    const series = kept.map(([id, counts]) => ({ id, name: this.#nameOf(id), counts }));
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

  #nameOf(id: number | null): string {
    if (id === null) return '';
    const unit = this.#units.get(id);
    if (unit !== undefined) return unit.name;
    return this.rows.find((row) => row.orgId === id)?.orgName ?? `#${id}`;
  }
}

function shownState(row: StoredRow, end: number, day: number): CertificateRow['state'] {
  return row.baseState === 'issued' && end < day ? 'expired' : row.baseState;
}

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

import { describe, expect, it } from 'vitest';
import { certificateSortColumns, certificateStates, type CertificateFilter, type CertificateSort, type CertificateSortColumn } from '../../src/shared/certificates';
import { InventoryIndex, type Unit } from '../../src/main/services/certificates/query';
import { stateOf, type StoredRow } from '../../src/main/services/certificates/rows';

/*
 * Every question is asked at a fixed moment: Wednesday 17 June 2026, 10:00 UTC.
 * The week holding it starts on Monday 15 June.
 */
const dayMs = 86_400_000;
const hourMs = 3_600_000;
const now = Date.parse('2026-06-17T10:00:00Z');
const today = Math.floor(now / dayMs);
const thisMonday = '2026-06-15';
const day = (offset: number) => new Date((today + offset) * dayMs).toISOString().slice(0, 10);
const byExpiry: CertificateSort = { column: 'expires', desc: false };

const units: Unit[] = [
  { id: 1001, name: 'Umeå universitet', parentId: null },
  { id: 1002, name: 'Institutionen för datavetenskap', parentId: 1001 },
  { id: 1003, name: 'Universitetsbiblioteket', parentId: 1001 },
  { id: 1101, name: 'Lunds universitet', parentId: null },
  { id: 1102, name: 'Medicinska fakulteten', parentId: 1101 },
  { id: 2001, name: 'Konstfack', parentId: null },
];
const unitName = (id: number | null) => units.find((unit) => unit.id === id)?.name ?? null;

function row(kind: StoredRow['kind'], id: number, status: string, orgId: number | null, fields: Partial<StoredRow> = {}): StoredRow {
  const host = `host${id}.example.se`;
  return {
    key: `${kind}-${id}`,
    kind,
    id,
    backendCertId: kind === 'smime' ? String(900 + id) : null,
    commonName: kind === 'ssl' ? host : `Person ${id}`,
    names: kind === 'ssl' ? [host, `www.${host}`] : [`person${id}@example.se`],
    status,
    baseState: stateOf(kind, status),
    orgId,
    orgName: unitName(orgId),
    profileName: kind === 'smime' ? 'GÉANT Personal email signing and encryption' : id % 2 === 1 ? 'OV SSL' : 'OV Multi-Domain',
    term: kind === 'ssl' ? 365 : null,
    requested: kind === 'ssl' ? `${day(-300 - id)}T08:00:00.000Z` : null,
    issued: day(-300),
    expires: null,
    requester: kind === 'ssl' ? `admin${id}@example.org` : null,
    serialNumber: `SERIAL${String(id).padStart(4, '0')}`,
    ...fields,
  };
}

const pending = { issued: null, expires: null, serialNumber: null };

/** An inventory with one certificate of every kind of question. */
const rows: StoredRow[] = [
  row('ssl', 1, 'Issued', 1001, { expires: day(10), commonName: 'www.umu.se', names: ['www.umu.se', 'umu.se'], serialNumber: 'AB12CD' }),
  row('ssl', 2, 'Issued', 1002, { expires: day(-1) }), // Issued, but it ended yesterday: expired.
  row('ssl', 3, 'Issued', 1003, { expires: day(0) }), // Ends today: still issued.
  row('ssl', 4, 'Issued', 1101, { expires: day(30), requester: 'lars.öberg@lu.se' }),
  row('ssl', 5, 'Issued', 1102, { expires: day(31), names: ['host5.example.se', 'vpn.med.lu.se'] }),
  row('ssl', 6, 'Expired', 1101, { expires: day(-20) }),
  row('ssl', 7, 'Expired', 2001, { expires: day(-45) }),
  row('ssl', 8, 'Revoked', 1001, { expires: day(100) }),
  row('ssl', 9, 'Revoked', 1001, { expires: day(-400) }),
  row('ssl', 10, 'Requested', 1001, { ...pending, requested: new Date(now - 25 * hourMs).toISOString() }), // Stuck, awaiting approval.
  row('ssl', 11, 'Requested', 1101, { ...pending, requested: new Date(now - 23 * hourMs).toISOString(), serialNumber: '' }), // Awaiting approval, not stuck yet.
  row('ssl', 12, 'Applied', 1002, { ...pending, requested: day(-3) }), // At the CA for three days: stuck.
  row('ssl', 13, 'SAApproved', 1101, { ...pending, requested: new Date(now - 5 * dayMs).toISOString(), requester: '' }), // Approved: neither.
  row('ssl', 14, 'Declined', null, { ...pending, names: [] }),
  row('smime', 15, 'issued', 1002, { commonName: 'Åsa Öberg', names: ['asa.oberg@cs.umu.se'], expires: `${day(5)}T23:59:59.000Z` }),
  row('smime', 16, 'downloaded', 1001, { expires: `${day(200)}T23:59:59.000Z` }),
  row('smime', 17, 'requested', 1101, { ...pending }), // A client certificate is never awaiting approval.
  row('smime', 18, 'expired', 1003, { expires: `${day(-10)}T23:59:59.000Z` }),
  row('smime', 19, 'pre_revoked', 2001, { expires: `${day(50)}T23:59:59.000Z` }),
  row('ssl', 20, 'Replaced', 2001, { expires: day(60) }),
  row('ssl', 21, 'Issued', 1001, { issued: null, expires: null }), // Issued, its end unknown.
  row('ssl', 22, '', 1102, { commonName: '', profileName: null, term: 730 }), // No word from SCM: other.
];

function keysOf(index: InventoryIndex, filter: CertificateFilter, sort: CertificateSort = byExpiry, at = now): string[] {
  const selected = index.select(filter, sort, at);
  return index.rowsAt(selected, 0, selected.length, at).map((shown) => shown.key);
}

/** The ids a filter selects, in inventory order. */
function ids(index: InventoryIndex, filter: CertificateFilter, at = now): number[] {
  return keysOf(index, filter, byExpiry, at)
    .map((key) => Number(key.split('-')[1]))
    .sort((a, b) => a - b);
}

describe('the inventory index, filtering', () => {
  const index = new InventoryIndex(rows, units);

  it('selects everything without a filter', () => {
    expect(ids(index, {})).toEqual(rows.map((entry) => entry.id));
    expect(index.size).toBe(rows.length);
  });

  it('by kind', () => {
    expect(ids(index, { kind: 'smime' })).toEqual([15, 16, 17, 18, 19]);
    expect(ids(index, { kind: 'ssl' })).toEqual(rows.filter((entry) => entry.kind === 'ssl').map((entry) => entry.id));
  });

  it('by state, across both kinds and their words, an issued certificate past its end counted as expired', () => {
    const expected: Record<(typeof certificateStates)[number], number[]> = {
      requested: [10, 11, 17],
      approved: [13],
      applied: [12],
      issued: [1, 3, 4, 5, 15, 16, 21],
      expired: [2, 6, 7, 18],
      revoked: [8, 9, 19],
      declined: [14],
      replaced: [20],
      other: [22],
    };
    for (const state of certificateStates) expect(ids(index, { state }), state).toEqual(expected[state]);
    // As shown: the state, and the days left counted from today.
    const shown = index.rowsAt(index.select({ state: 'expired' }, byExpiry, now), 0, 10, now);
    expect(shown.find((entry) => entry.id === 2)).toMatchObject({ status: 'Issued', state: 'expired', daysLeft: -1 });
    const endsToday = index.rowsAt(index.select({ state: 'issued' }, byExpiry, now), 0, 10, now).find((entry) => entry.id === 3);
    expect(endsToday).toMatchObject({ state: 'issued', daysLeft: 0 });
    expect(endsToday).not.toHaveProperty('baseState');
    // A day later the certificate that ended today is expired too.
    expect(ids(index, { state: 'expired' }, now + dayMs)).toEqual([2, 3, 6, 7, 18]);
  });

  it('by organization, with its departments; by department alone', () => {
    expect(ids(index, { org: 1001 })).toEqual([1, 2, 3, 8, 9, 10, 12, 15, 16, 18, 21]);
    expect(ids(index, { org: 1002 })).toEqual([2, 12, 15]);
    expect(ids(index, { org: 1101 })).toEqual([4, 5, 6, 11, 13, 17, 22]);
    expect(ids(index, { org: 2001 })).toEqual([7, 19, 20]);
    expect(ids(index, { org: 9999 })).toEqual([]);
  });

  it('by profile, by its exact name', () => {
    expect(ids(index, { profile: 'OV SSL' })).toEqual([1, 3, 5, 7, 9, 11, 13, 21]);
    expect(ids(index, { profile: 'GÉANT Personal email signing and encryption' })).toEqual([15, 16, 17, 18, 19]);
    expect(ids(index, { profile: 'ov ssl' })).toEqual([]);
  });

  it('by the days left, of issued certificates only', () => {
    expect(ids(index, { expiresWithin: 30 })).toEqual([1, 3, 4, 15]);
    expect(ids(index, { expiresWithin: 31 })).toEqual([1, 3, 4, 5, 15]);
    expect(ids(index, { expiresWithin: 0 })).toEqual([3]);
    expect(ids(index, { expiresWithin: 365 })).toEqual([1, 3, 4, 5, 15, 16]);
  });

  it('hiding what ended long ago, whatever its state, and keeping what has no end', () => {
    expect(ids(index, { hideExpiredAfter: 30 })).toEqual(rows.map((entry) => entry.id).filter((id) => id !== 7 && id !== 9));
    expect(ids(index, { hideExpiredAfter: 0 })).toEqual(rows.map((entry) => entry.id).filter((id) => ![2, 6, 7, 9, 18].includes(id)));
    expect(ids(index, { hideExpiredAfter: 45 })).toEqual(rows.map((entry) => entry.id).filter((id) => id !== 9));
  });

  it('by the week a certificate ends in (a bar of the chart), issued ones only', () => {
    expect(ids(index, { week: thisMonday })).toEqual([3]);
    expect(ids(index, { week: '2026-06-22' })).toEqual([1, 15]);
    expect(ids(index, { week: '2026-07-13' })).toEqual([4, 5]);
    expect(ids(index, { week: '2026-08-10' })).toEqual([]); // Only the replaced certificate 20 ends then.
  });

  it('by what needs attention, at a fixed moment', () => {
    expect(ids(index, { attention: 'expiring' })).toEqual([1, 3, 4, 15]);
    expect(ids(index, { attention: 'stuck' })).toEqual([10, 12]);
    expect(ids(index, { attention: 'approval' })).toEqual([10, 11]);
    // Three hours earlier certificate 10 had been waiting 22 hours: not stuck yet.
    expect(ids(new InventoryIndex(rows, units), { attention: 'stuck' }, now - 3 * hourMs)).toEqual([12]);
  });

  // Known gap: the answer is kept for the rest of the day, while the counts above follow the minute.
  it('answers what is stuck as of the moment asked, also when asked again later the same day', () => {
    const kept = new InventoryIndex(rows, units);
    expect(ids(kept, { attention: 'stuck' }, now - 3 * hourMs)).toEqual([12]);
    expect(kept.attention(now)).toEqual({ expiring: 4, stuck: 2, approval: 2 });
    expect(ids(kept, { attention: 'stuck' }, now)).toEqual([10, 12]);
  });

  it('counts what needs attention over the whole inventory, whatever the filter', () => {
    expect(index.attention(now)).toEqual({ expiring: 4, stuck: 2, approval: 2 });
    expect(new InventoryIndex(rows, units).attention(now - 3 * hourMs)).toEqual({ expiring: 4, stuck: 1, approval: 2 });
    expect(new InventoryIndex(rows, units).attention(now + 21 * dayMs)).toEqual({ expiring: 2, stuck: 3, approval: 2 });
    expect(new InventoryIndex([], units).attention(now)).toEqual({ expiring: 0, stuck: 0, approval: 0 });
  });

  it('by text over the common name, the names, the serial number and the requester, in any case', () => {
    expect(ids(index, { q: 'öberg' })).toEqual([4, 15]);
    expect(ids(index, { q: 'ÖBERG' })).toEqual([4, 15]);
    expect(ids(index, { q: 'ab12' })).toEqual([1]);
    expect(ids(index, { q: 'vpn.med' })).toEqual([5]);
    expect(ids(index, { q: 'asa.oberg@' })).toEqual([15]);
    expect(ids(index, { q: '  www.umu.se ' })).toEqual([1]);
    expect(ids(index, { q: 'admin12@' })).toEqual([12]);
    expect(ids(index, { q: 'serial0022' })).toEqual([22]);
    // Not over the organization, the profile or the state.
    expect(ids(index, { q: 'universitet' })).toEqual([]);
    expect(ids(index, { q: 'ov ssl' })).toEqual([]);
    expect(ids(index, { q: 'revoked' })).toEqual([]);
    // Blank text is no filter.
    expect(ids(index, { q: '   ' })).toEqual(rows.map((entry) => entry.id));
  });

  it('by several fields at once', () => {
    expect(ids(index, { org: 1001, state: 'issued', kind: 'ssl' })).toEqual([1, 3, 21]);
    expect(ids(index, { org: 1001, expiresWithin: 30, q: 'umu' })).toEqual([1, 15]);
    expect(ids(index, { hideExpiredAfter: 30, attention: 'stuck', org: 1101 })).toEqual([]);
  });

  it('gives windows of the answer', () => {
    const selected = index.select({}, { column: 'commonName', desc: false }, now);
    const all = index.rowsAt(selected, 0, 1000, now).map((shown) => shown.key);
    expect(index.rowsAt(selected, 5, 4, now).map((shown) => shown.key)).toEqual(all.slice(5, 9));
    expect(index.rowsAt(selected, all.length - 2, 10, now)).toHaveLength(2);
    expect(index.rowsAt(selected, all.length + 5, 10, now)).toEqual([]);
  });
});

/** What a column shows, lower case, for comparing; null where it shows nothing. */
function shownValue(entry: StoredRow, column: CertificateSortColumn): string | number | null {
  const text = (value: string | null) => (value === null || value === '' ? null : value.toLowerCase());
  switch (column) {
    case 'commonName':
      return text(entry.commonName);
    case 'names':
      return entry.names.length === 0 ? null : entry.names.join(', ').toLowerCase();
    case 'status':
      return text(entry.status);
    case 'org':
      return text(entry.orgName);
    case 'profile':
      return text(entry.profileName);
    case 'term':
      return entry.term;
    case 'requested':
      return entry.requested;
    case 'issued':
      return entry.issued;
    case 'expires':
      return entry.expires?.slice(0, 10) ?? null;
    case 'requester':
      return text(entry.requester);
    case 'serialNumber':
      return text(entry.serialNumber);
  }
}

describe('the inventory index, sorting', () => {
  const index = new InventoryIndex(rows, units);
  const byKey = new Map(rows.map((entry) => [entry.key, entry]));
  const position = new Map(rows.map((entry, at) => [entry.key, at]));

  for (const column of certificateSortColumns) {
    for (const desc of [false, true]) {
      it(`by ${column}, ${desc ? 'descending' : 'ascending'}, with those without a value last`, () => {
        const keys = keysOf(index, {}, { column, desc });
        expect([...keys].sort()).toEqual(rows.map((entry) => entry.key).sort());
        const values = keys.map((key) => shownValue(byKey.get(key)!, column));
        const firstAbsent = values.indexOf(null);
        const present = firstAbsent < 0 ? values : values.slice(0, firstAbsent);
        const absent = firstAbsent < 0 ? [] : keys.slice(firstAbsent);
        // Every row without a value is last, in the inventory's order, whichever the direction.
        expect(values.slice(present.length).every((value) => value === null)).toBe(true);
        expect(absent.map((key) => position.get(key)!)).toEqual(absent.map((key) => position.get(key)!).sort((a, b) => a - b));
        expect(absent.length, 'the inventory has rows without this value').toBeGreaterThan(0);
        for (let at = 1; at < present.length; at += 1) {
          const [before, after] = [present[at - 1]!, present[at]!];
          if (desc) expect(before >= after, `${String(before)} before ${String(after)}`).toBe(true);
          else expect(before <= after, `${String(before)} before ${String(after)}`).toBe(true);
        }
        // Ascending, equal values keep the inventory's order.
        if (!desc) {
          for (let at = 1; at < present.length; at += 1) {
            if (present[at - 1] === present[at]) expect(position.get(keys[at - 1]!)!).toBeLessThan(position.get(keys[at]!)!);
          }
        }
      });
    }
  }

  it('answers the same sort the same way every time, and a filter in the sort’s order', () => {
    const sort: CertificateSort = { column: 'org', desc: true };
    const first = keysOf(index, {}, sort);
    keysOf(index, { state: 'issued' }, { column: 'expires', desc: false });
    expect(keysOf(index, {}, sort)).toEqual(first);
    expect(keysOf(new InventoryIndex(rows, units), {}, sort)).toEqual(first);
    expect(keysOf(index, { kind: 'smime' }, sort)).toEqual(first.filter((key) => key.startsWith('smime-')));
  });

  it('sorts dates as dates, whether SCM gave a day or a moment', () => {
    const keys = keysOf(index, { state: 'issued' }, byExpiry);
    expect(keys).toEqual(['ssl-3', 'smime-15', 'ssl-1', 'ssl-4', 'ssl-5', 'smime-16', 'ssl-21']);
    expect(keysOf(index, { state: 'issued' }, { column: 'expires', desc: true })).toEqual(['smime-16', 'ssl-5', 'ssl-4', 'ssl-1', 'smime-15', 'ssl-3', 'ssl-21']);
  });
});

describe('the inventory index, typing a search', () => {
  /** Answers the questions one after another on one index, each compared with a new index's answer. */
  function sameAsFresh(inventory: readonly StoredRow[], questions: { filter: CertificateFilter; sort: CertificateSort; at?: number }[]): void {
    const index = new InventoryIndex(inventory, units);
    for (const [step, question] of questions.entries()) {
      const at = question.at ?? now;
      const answer = Array.from(index.select(question.filter, question.sort, at));
      const fresh = Array.from(new InventoryIndex(inventory, units).select(question.filter, question.sort, at));
      expect(answer, `step ${step}: ${JSON.stringify(question)}`).toEqual(fresh);
    }
  }

  it('answers each letter as a new index would: typed, deleted, retyped, around other filters and sorts', () => {
    const typed = (text: string, filter: CertificateFilter = {}, sort = byExpiry) => [...text].map((_, n) => ({ filter: { ...filter, q: text.slice(0, n + 1) }, sort }));
    sameAsFresh(rows, [
      ...typed('host1'),
      ...typed('hos'), // Deleting: wider again.
      ...typed('host2', { hideExpiredAfter: 30 }),
      ...typed('HOST2 ', { hideExpiredAfter: 30 }),
      ...typed('www.', { hideExpiredAfter: 30, org: 1001 }),
      ...typed('www.h', { hideExpiredAfter: 30, org: 1001 }, { column: 'commonName', desc: true }),
      { filter: { hideExpiredAfter: 30, org: 1001 }, sort: byExpiry },
      ...typed('serial00', { state: 'issued' }),
      ...typed('serial001', { state: 'expired' }),
      ...typed('a', { attention: 'expiring' }),
      ...typed('umu', {}, byExpiry).map((question) => ({ ...question, at: now + dayMs })),
    ]);
  });

  it('answers random sequences of questions as a new index would (seeded)', () => {
    let state = 20_260_617;
    const random = () => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state / 4_294_967_296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const words = ['h', 'ho', 'host', 'host1', 'host12', 'www', 'www.h', '.se', 'serial', 'serial001', 'admin', 'öberg', 'umu', 'x'];
    const filters: CertificateFilter[] = [{}, { hideExpiredAfter: 30 }, { state: 'issued' }, { org: 1001 }, { kind: 'ssl', hideExpiredAfter: 30 }, { attention: 'approval' }, { expiresWithin: 60 }];
    const sorts: CertificateSort[] = certificateSortColumns.flatMap((column) => [{ column, desc: false }, { column, desc: true }]);
    const questions: { filter: CertificateFilter; sort: CertificateSort }[] = [];
    let filter = filters[0]!;
    let sort = sorts[0]!;
    let text = '';
    for (let step = 0; step < 400; step += 1) {
      const move = random();
      if (move < 0.5) text = pick(words).slice(0, text.length + 1);
      else if (move < 0.65) text = text.slice(0, -1);
      else if (move < 0.8) filter = pick(filters);
      else sort = pick(sorts);
      questions.push({ filter: text === '' ? filter : { ...filter, q: text }, sort });
    }
    sameAsFresh(rows, questions);
  });
});

describe('the expiry chart', () => {
  /** Nine units, each ending a different number of certificates over the year; the first the most. */
  const chartUnits: Unit[] = [
    { id: 5000, name: 'Moder', parentId: null },
    ...Array.from({ length: 8 }, (_, n): Unit => ({ id: 5001 + n, name: `Enhet ${n + 1}`, parentId: n < 2 ? 5000 : null })),
  ];
  const chartRows: StoredRow[] = [];
  let id = 1;
  const add = (orgId: number | null, expires: string, status = 'Issued', kind: StoredRow['kind'] = 'ssl') => {
    chartRows.push(row(kind, id++, status, orgId, { orgName: chartUnits.find((unit) => unit.id === orgId)?.name ?? null, expires }));
  };
  // Unit 5000 + n ends 10 - n certificates: one each week from the n-th, on its Wednesday.
  for (let n = 0; n < 9; n += 1) for (let week = 0; week < 10 - n; week += 1) add(5000 + n, day(7 * (week + n)));
  // Left out: ended (this Monday and Tuesday), not issued, a year away or more.
  add(5000, day(-2), 'Issued');
  add(5000, day(-1), 'Expired');
  add(5000, day(10), 'Revoked');
  add(5000, day(10), 'Requested');
  add(5000, day(-2 + 364), 'Issued');
  // Counted: today, and the last day of the 52nd week; a client certificate, by its day.
  add(5001, day(0), 'Issued');
  add(5001, day(-2 + 363), 'Issued');
  add(5002, `${day(3)}T23:59:59.000Z`, 'issued', 'smime');

  const index = new InventoryIndex(chartRows, chartUnits);

  it('has 52 weeks from this week’s Monday', () => {
    const chart = index.chart({}, now);
    expect(chart.weeks).toHaveLength(52);
    expect(chart.weeks[0]!.start).toBe(thisMonday);
    expect(chart.weeks[1]!.start).toBe('2026-06-22');
    expect(chart.weeks[51]!.start).toBe('2027-06-07');
    for (const week of chart.weeks) expect(week.total).toBe(week.counts.reduce((sum, count) => sum + count, 0));
  });

  it('ranks the units by how many certificates they end, and puts the rest together', () => {
    const chart = index.chart({}, now);
    // Unit 5000: ten; 5001: nine and two more; 5002: eight and one more; 5003: seven; 5004: six, ...
    expect(chart.units).toEqual([
      { id: 5001, name: 'Enhet 1' },
      { id: 5000, name: 'Moder' },
      { id: 5002, name: 'Enhet 2' },
      { id: 5003, name: 'Enhet 3' },
      { id: 5004, name: 'Enhet 4' },
      { id: 5005, name: 'Enhet 5' },
      { id: null, name: '' },
    ]);
    const totals = chart.units.map((_, unit) => chart.weeks.reduce((sum, week) => sum + week.counts[unit]!, 0));
    // The rest: units 5006, 5007 and 5008 with 4, 3 and 2.
    expect(totals).toEqual([11, 10, 9, 7, 6, 5, 9]);
    expect(chart.weeks[0]!.counts).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect(chart.weeks[51]!.counts).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(chart.weeks[0]!.total).toBe(3);
    expect(chart.weeks.reduce((sum, week) => sum + week.total, 0)).toBe(10 + 11 + 9 + 7 + 6 + 5 + 4 + 3 + 2);
  });

  it('shows every unit when there are seven or fewer', () => {
    const chart = index.chart({ org: 5000 }, now);
    // Unit 5000 and its departments 5001 and 5002.
    expect(chart.units.map((unit) => unit.id)).toEqual([5001, 5000, 5002]);
    const few = new InventoryIndex(
      chartRows.filter((entry) => entry.orgId !== null && entry.orgId <= 5006),
      chartUnits,
    ).chart({}, now);
    expect(few.units.map((unit) => unit.id)).toEqual([5001, 5000, 5002, 5003, 5004, 5005, 5006]);
  });

  it('follows the filter, but not its week', () => {
    const all = index.chart({}, now);
    expect(index.chart({ week: '2026-06-22' }, now)).toEqual(all);
    const smime = index.chart({ kind: 'smime', week: thisMonday }, now);
    expect(smime.units).toEqual([{ id: 5002, name: 'Enhet 2' }]);
    expect(smime.weeks[0]!.counts).toEqual([1]);
    expect(index.chart({ q: 'nothing like this' }, now)).toMatchObject({ units: [] });
    expect(index.chart({ q: 'nothing like this' }, now).weeks.every((week) => week.total === 0)).toBe(true);
  });

  it('moves with the day', () => {
    const nextWeek = index.chart({}, now + 7 * dayMs);
    expect(nextWeek.weeks[0]!.start).toBe('2026-06-22');
    // Those ending on its Wednesday, the first day left of it: units 5000 and 5001.
    expect(nextWeek.weeks[0]!.total).toBe(2);
  });
});

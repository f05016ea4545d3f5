/** Each SCM endpoint writes dates its own way; these are the formats the reference records. */

const pad = (value: number) => String(value).padStart(2, '0');

/** `MM/dd/yyyy`: SSL and S/MIME details. */
export function usDate(ms: number | null): string | null {
  if (ms === null) return null;
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
}

/** `yyyy-MM-dd`: admins, domains, S/MIME list, DCV. */
export function isoDate(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms).toISOString().slice(0, 10);
}

/** "00" to "999" as written in a timestamp, looked up rather than padded each time. */
const twoDigits = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));
const threeDigits = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, '0'));

/** The last millisecond of year 9999, after which `toISOString` writes six-digit years. */
const lastFourDigitYear = 253_402_300_799_999;

/**
 * ISO timestamps: notifications, persons, reports. The same text as
 * `toISOString`, worked out by arithmetic: a report of 100,000 certificates
 * writes 700,000 of them, and making a Date for each costs a third of its time.
 */
export function isoTimestamp(ms: number | null): string | null {
  if (ms === null) return null;
  if (!Number.isInteger(ms) || ms < 0 || ms > lastFourDigitYear) return new Date(ms).toISOString();
  const days = Math.floor(ms / dayMs);
  let rest = ms - days * dayMs;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  // Days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil, inverted).
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const yearText = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${yearText}-${twoDigits[month]}-${twoDigits[day]}T${twoDigits[hours]}:${twoDigits[minutes]}:${twoDigits[seconds]}.${threeDigits[millis]}Z`;
}

/** `yyyy-MM-dd HH:mm:ss`: DCV check times. */
export function dcvTime(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export const dayMs = 24 * 60 * 60 * 1000;

/** SCM writes dates differently per endpoint; the console keeps ISO 8601. */

const pad = (value: string) => value.padStart(2, '0');

/**
 * Any date SCM sends, as ISO: `MM/dd/yyyy` (SSL and S/MIME details),
 * `yyyy-MM-dd` (admins, domains, lists), ISO timestamps (notifications,
 * persons, reports) and `yyyy-MM-dd HH:mm:ss` (DCV). Null for none; a
 * string it cannot read stays out rather than being guessed.
 */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us !== null) return `${us[3]}-${pad(us[1]!)}-${pad(us[2]!)}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const spaced = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
  if (spaced !== null) return `${spaced[1]}T${spaced[2]}Z`;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

/** Days from `now` to an ISO date or timestamp (negative when past). */
export function daysUntil(iso: string | null, now = Date.now()): number | null {
  if (iso === null) return null;
  const time = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(time) ? null : Math.floor((time - now) / 86_400_000);
}

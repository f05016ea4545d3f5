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

/** ISO timestamps: notifications, persons, reports. */
export function isoTimestamp(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** `yyyy-MM-dd HH:mm:ss`: DCV check times. */
export function dcvTime(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export const dayMs = 24 * 60 * 60 * 1000;

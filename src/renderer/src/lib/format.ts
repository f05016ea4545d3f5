import { currentLanguage } from './i18n';

const fallbackLocales = { en: 'en-GB', sv: 'sv-SE' } as const;

/**
 * The locale `Intl` formats in: the interface's language, as the user's own
 * system writes it (en-US, en-GB, sv-FI…) when it speaks that language.
 */
export function locale(): string {
  const language = currentLanguage();
  const preferred = (navigator.languages ?? [navigator.language]).find((tag) => tag.toLowerCase().split('-')[0] === language);
  return preferred ?? fallbackLocales[language];
}

/** A date (an ISO day or timestamp) as the user's locale writes it; '' for none. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : undefined }).format(date);
}

/** A moment, with the time of day. */
export function formatDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

/** Whole days from now until an ISO day; negative once past. */
export function daysUntil(day: string, now = Date.now()): number {
  const end = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day);
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  return Math.round((end - today) / 86_400_000);
}

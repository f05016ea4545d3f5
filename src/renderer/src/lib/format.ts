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

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A date formatter for the current locale and these options, made once: making
 * one is far slower than using it, and a table formats hundreds of dates.
 */
export function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = locale();
  const key = `${tag}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(tag, options);
    dateFormats.set(key, format);
  }
  return format;
}

function numberFormat(): Intl.NumberFormat {
  const tag = locale();
  let format = numberFormats.get(tag);
  if (format === undefined) {
    format = new Intl.NumberFormat(tag);
    numberFormats.set(tag, format);
  }
  return format;
}

/** A date (an ISO day or timestamp) as the user's locale writes it; '' for none. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat({ year: 'numeric', month: '2-digit', day: '2-digit', ...(/^\d{4}-\d{2}-\d{2}$/.test(value) ? { timeZone: 'UTC' } : {}) }).format(date);
}

/** A moment, with the time of day. */
export function formatDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat({ dateStyle: 'short', timeStyle: 'medium' }).format(date);
}

export function formatNumber(value: number): string {
  return numberFormat().format(value);
}

/** Whole days from now until an ISO day; negative once past. */
export function daysUntil(day: string, now = Date.now()): number {
  const end = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day);
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  return Math.round((end - today) / 86_400_000);
}

import { z } from 'zod';
import { lazily } from '../../lib/lazily';
import type { CertificateFilter, CertificateSort } from '../../../../shared/certificates';
import { attentionKinds, certificateKeyPattern, certificateKinds, certificateSortColumns, certificateStates, isoDayPattern } from '../../../../shared/certificateValues';
import { profileIdPattern } from '../../../../shared/profileIds';

/** A search value that is wrong is left out, never an error: a pasted link always opens the page. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/** Free text, also when the address held digits alone (`q=4711`), which the router reads as a number. */
function text() {
  return z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().max(200));
}

/** How long after their end certificates stay in the table, unless the address says otherwise. */
export const defaultHideExpiredAfter = 30;

export const certificateViews = ['inventory', 'persons', 'codeSigning'] as const;
export type CertificateView = (typeof certificateViews)[number];

/**
 * The Certificates page's address is the whole view:
 * `#/certificates?state=issued&org=1001&expiresWithin=60&sortBy=issued&desc=true` can be
 * pasted and opens the same. Everything is optional; the defaults are the
 * inventory, sorted by when certificates end, without those that ended more
 * than 30 days ago. `hideExpiredAfter=off` shows every certificate, however
 * long ago it ended; `cache` opens a profile's last inventory while signed out.
 */
export const certificatesSearchSchema = lazily(() =>
  z.object({
    q: lenient(text()),
    kind: lenient(z.enum(certificateKinds)),
    state: lenient(z.enum(certificateStates)),
    org: lenient(z.coerce.number().int().positive()),
    /** A certificate profile's name, as SCM gives it. */
    profile: lenient(z.string().min(1).max(200)),
    expiresWithin: lenient(z.coerce.number().int().min(0).max(3650)),
    hideExpiredAfter: lenient(z.union([z.literal('off'), z.coerce.number().int().min(0).max(36500)])),
    week: lenient(z.string().regex(isoDayPattern)),
    attention: lenient(z.enum(attentionKinds)),
    /** The column sorted by (`sort` would clash with the Admins page's own, which the router types together). */
    sortBy: lenient(z.enum(certificateSortColumns)),
    desc: lenient(z.boolean()),
    /** The certificate whose details are open. */
    cert: lenient(z.string().regex(certificateKeyPattern)),
    view: lenient(z.enum(certificateViews)),
    /** Whose inventory, when it is another profile's than the signed-in one: its cache, read-only. */
    cache: lenient(z.string().regex(profileIdPattern)),
  }),
);

export type CertificatesSearch = z.infer<ReturnType<typeof certificatesSearchSchema>>;

/** The search keys that filter the certificates; the others say how they are shown. */
export const filterKeys = ['q', 'kind', 'state', 'org', 'profile', 'expiresWithin', 'hideExpiredAfter', 'week', 'attention'] as const satisfies readonly (keyof CertificatesSearch)[];

/** The filter main applies, from the address: the default hides what ended more than 30 days ago. */
export function filterOf(search: CertificatesSearch): CertificateFilter {
  const filter: CertificateFilter = {};
  if (search.q !== undefined && search.q.trim() !== '') filter.q = search.q.trim();
  if (search.kind !== undefined) filter.kind = search.kind;
  if (search.state !== undefined) filter.state = search.state;
  if (search.org !== undefined) filter.org = search.org;
  if (search.profile !== undefined) filter.profile = search.profile;
  if (search.expiresWithin !== undefined) filter.expiresWithin = search.expiresWithin;
  if (search.hideExpiredAfter !== 'off') filter.hideExpiredAfter = search.hideExpiredAfter ?? defaultHideExpiredAfter;
  if (search.week !== undefined) filter.week = search.week;
  if (search.attention !== undefined) filter.attention = search.attention;
  return filter;
}

export function sortOf(search: CertificatesSearch): CertificateSort {
  return { column: search.sortBy ?? 'expires', desc: search.desc === true };
}

/** Whether the address narrows the certificates beyond the default. */
export function isFiltered(search: CertificatesSearch): boolean {
  return filterKeys.some((key) => search[key] !== undefined);
}

/** The address without any filter: the default view, keeping how it is shown and whose inventory. */
export function withoutFilters(search: CertificatesSearch): CertificatesSearch {
  const kept: CertificatesSearch = {};
  if (search.sortBy !== undefined) kept.sortBy = search.sortBy;
  if (search.desc !== undefined) kept.desc = search.desc;
  if (search.view !== undefined) kept.view = search.view;
  if (search.cache !== undefined) kept.cache = search.cache;
  return kept;
}

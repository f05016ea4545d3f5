import type { Catalogue } from '../../lib/catalogue';
import type { auditEn } from './messages';

/** The Swedish of `messages.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
export const auditSv: Catalogue<typeof auditEn> = {
  title: 'Granskningslogg',
  lead: 'Varje ändring som konsolen har skickat till SCM från den här datorn, nyaste först: vem, var, vad och hur det gick. Läsningar loggas inte, och aldrig någon hemlighet.',
  filters: 'Filter',
  search: 'Sök',
  searchHint: 'Valfritt ord: en åtgärd, ett inloggningsnamn, ett id',
  result: 'Resultat',
  any: 'Alla',
  from: 'Från',
  to: 'Till (och med)',
  dateError: 'Ange ett datum som ÅÅÅÅ-MM-DD.',
  clearFilters: 'Rensa filtren',
  none: 'Konsolen har inte ändrat något i SCM från den här datorn än.',
  noneMatch: 'Ingen ändring matchar filtren.',
  exported: 'Exporterade {{count}} av {{total}} ändringar till {{file}}.',
  results: { ok: 'Klar', failed: 'Nekad', 'outcome-unknown': 'Okänt: svaret gick förlorat' },
  columns: {
    time: 'Tid',
    who: 'Vem',
    profile: 'Profil',
    tenant: 'Kund',
    operation: 'Åtgärd',
    request: 'Begäran',
    objects: 'Id',
    result: 'Resultat',
    status: 'Svar från SCM',
    duration: 'Tid det tog',
  },
  status: 'HTTP {{status}}',
  statusCode: 'HTTP {{status}}, kod {{code}}',
  noAnswer: 'inget svar',
  milliseconds: '{{ms}} ms',
};

import type { Catalogue } from './catalogue';
import type { commonEn } from './messages';

/** The Swedish of `messages.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
export const commonSv: Catalogue<typeof commonEn> = {
  cancel: 'Avbryt',
  close: 'Stäng',
  save: 'Spara',
  saving: 'Sparar…',
  saved: 'Sparat.',
  refresh: 'Uppdatera',
  retry: 'Försök igen',
  yes: 'Ja',
  no: 'Nej',
  none: 'Inga',
  unknown: 'Okänt',
  whatThisMeans: 'Vad det betyder',
  scmCode: 'SCM-kod {{code}}',
  copy: 'Kopiera',
  copied: 'Kopierat.',
  exportCsv: 'Exportera CSV',
  daysLeft_one: '{{count}} dag kvar',
  daysLeft_other: '{{count}} dagar kvar',
  daysAgo_one: 'för {{count}} dag sedan',
  daysAgo_other: 'för {{count}} dagar sedan',
  progress: {
    counted: '{{done}} av {{total}}',
    uncounted: '{{done}} hittills',
    timeLeft: 'cirka {{time}} kvar',
    cancel: 'Avbryt',
    cancelling: 'Avbryter…',
  },
};

import type { Catalogue } from '../../lib/catalogue';
import type { handbookEn } from './messages';

/** The Swedish of `messages.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
export const handbookSv: Catalogue<typeof handbookEn> = {
  title: 'Handbok',
  loadFailed: 'Handboken gick inte att läsa in. Starta om konsolen.',
  contents: 'Handbokens innehåll',
  outline: 'På den här sidan',
  sections: {
    gettingStarted: 'Kom igång',
    procedures: 'Rutiner',
    topics: 'Ämnen',
    reference: 'Referens',
    other: 'Övriga sidor',
  },
  noPage: {
    title: 'Sidan finns inte i handboken',
    text: 'Handboken har ingen sida som heter ”{{page}}”.',
    start: 'Gå till handbokens första sida',
    orSearch: 'eller sök.',
  },
  panel: {
    openAsPage: 'Öppna som sida',
    close: 'Stäng',
    closeLabel: 'Stäng handbokspanelen',
  },
  search: {
    label: 'Sök i handboken',
    placeholder: 'Sök i handboken: ”lösenordet har gått ut”, ”jokertecken”, ”återkalla”…',
    loadFailed: 'Handboken gick inte att läsa in.',
    nothing: 'Inget i handboken matchar ”{{query}}”.',
    results: 'Resultat',
    help: '↑ ↓ för att välja, Enter för att öppna, Esc för att stänga',
  },
  code: {
    plain: 'Kod',
    copy: 'Kopiera',
    copied: 'Kopierat',
    copyBlock: 'Kopiera kodblocket ({{language}})',
    region: 'Kodblock: {{language}}',
    copiedStatus: 'Kopierat till urklipp.',
    copyFailed: 'Det gick inte att skriva till urklipp; markera texten och kopiera den i stället.',
  },
};

import type { Catalogue } from '../../lib/catalogue';

/** The handbook's frame: contents, panel, search and code blocks. The pages come in the interface's language from the build. */
export const handbookEn = {
  title: 'Handbook',
  loadFailed: 'The handbook could not be loaded. Restart the console.',
  contents: 'Handbook contents',
  outline: 'On this page',
  sections: {
    gettingStarted: 'Getting started',
    procedures: 'Procedures',
    topics: 'Topics',
    reference: 'Reference',
    other: 'Other pages',
  },
  noPage: {
    title: 'No such handbook page',
    text: 'The handbook has no page called “{{page}}”.',
    start: 'Go to the start page',
    orSearch: 'or search.',
  },
  panel: {
    openAsPage: 'Open as page',
    close: 'Close',
    closeLabel: 'Close the handbook panel',
  },
  search: {
    label: 'Search the handbook',
    placeholder: 'Search the handbook: “password expired”, “wildcard”, “revoke reason”…',
    loadFailed: 'The handbook could not be loaded.',
    nothing: 'Nothing in the handbook matches “{{query}}”.',
    results: 'Results',
    help: '↑ ↓ to choose, Enter to open, Esc to close',
  },
  code: {
    plain: 'Code',
    copy: 'Copy',
    copied: 'Copied',
    copyBlock: 'Copy this {{language}} block',
    region: 'Code block: {{language}}',
    copiedStatus: 'Copied to the clipboard.',
    copyFailed: 'The clipboard could not be written to; select the text and copy it instead.',
  },
};

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

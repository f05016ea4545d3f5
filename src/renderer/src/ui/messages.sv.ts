import type { Catalogue } from '../lib/catalogue';
import type { uiEn } from './messages';

/** The Swedish of `messages.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
export const uiSv: Catalogue<typeof uiEn> = {
  table: {
    count: '{{matching}} av {{total}}',
    countAll: '{{total}} totalt',
    columns: 'Kolumner',
    columnsShown: 'Kolumner som visas',
    exporting: 'Exporterar…',
    sortedAscending: 'sorterad stigande',
    sortedDescending: 'sorterad fallande',
    keys: 'I tabellen: piltangenterna, Page Up och Page Down, Home och End flyttar mellan rader; Enter öppnar raden.',
    activeRow: 'Rad {{index}} av {{count}}',
    select: 'Välj',
    selectLoaded: 'Välj alla inlästa rader',
    keysSelect: 'Mellanslag väljer raden eller avmarkerar den; Skift-klick väljer flera rader i följd.',
  },
  dialog: {
    close: 'Stäng',
    typeToConfirm: 'Skriv ”{{name}}” för att bekräfta',
    typeMismatch: 'Skriv namnet exakt som det står.',
  },
  field: {
    summary_one: 'Kontrollera det här fältet',
    summary_other: 'Kontrollera de här {{count}} fälten',
  },
};

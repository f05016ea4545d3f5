import type { Catalogue } from '../lib/catalogue';

export const uiEn = {
  table: {
    count: '{{matching}} of {{total}}',
    countAll: '{{total}} in all',
    columns: 'Columns',
    columnsShown: 'Columns shown',
    exporting: 'Exporting…',
    sortedAscending: 'sorted ascending',
    sortedDescending: 'sorted descending',
    keys: 'In the table: arrow keys, Page Up and Page Down, Home and End move between rows; Enter opens the row.',
    activeRow: 'Row {{index}} of {{count}}',
    select: 'Select',
    selectLoaded: 'Select all loaded rows',
    keysSelect: 'Space selects the row, or lets it go; Shift-click selects a run of rows.',
  },
  dialog: {
    close: 'Close',
    typeToConfirm: 'Type “{{name}}” to confirm',
    typeMismatch: 'Type the name exactly as shown.',
  },
  field: {
    summary_one: 'Check this field',
    summary_other: 'Check these {{count}} fields',
  },
};

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

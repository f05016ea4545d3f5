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

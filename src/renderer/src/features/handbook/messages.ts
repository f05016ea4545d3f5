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

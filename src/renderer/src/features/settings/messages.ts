/**
 * What the form says about a profile's secret, one set per sign-in method:
 * Swedish bends the words around each secret (det sparade lösenordet, den
 * sparade privata nyckeln), so each method has its own sentences.
 */
type SecretTexts = {
  label: string;
  stored: string;
  keptForSession: string;
  savedWith: string;
  savedForgotten: string;
  savedRemoved: string;
  savedWithout: string;
  forgotten: string;
  keepStored: string;
  removesStored: string;
  question: string;
  questionHint: string;
  keep: string;
  forgetIt: string;
  typeNew: string;
};

const secretsEn: Record<'password' | 'certificate' | 'oauth2', SecretTexts> = {
  password: {
    label: 'Password',
    stored: 'stored',
    keptForSession: 'kept for this session only',
    savedWith: 'Saved, with the password {{where}}.',
    savedForgotten: 'Saved. The stored password was forgotten.',
    savedRemoved: 'Saved. The stored password was removed, as {{method}} sign-in does not use it.',
    savedWithout: 'Saved, without a password: add it before you sign in.',
    forgotten: 'The password was forgotten.',
    keepStored: 'Keep the stored password',
    removesStored: 'Saving removes the stored password from {{from}}: {{method}} sign-in does not use it.',
    question: 'The stored password',
    questionHint: 'You changed the account this profile signs in to. Does the stored password still belong to it?',
    keep: 'Keep it: I only corrected a mistake, it is still this account’s password',
    forgetIt: 'Forget it: this is another admin or tenant',
    typeNew: 'Type the new account’s password instead',
  },
  certificate: {
    label: 'Private key (PEM)',
    stored: 'stored',
    keptForSession: 'kept for this session only',
    savedWith: 'Saved, with the private key {{where}}.',
    savedForgotten: 'Saved. The stored private key was forgotten.',
    savedRemoved: 'Saved. The stored private key was removed, as {{method}} sign-in does not use it.',
    savedWithout: 'Saved, without a private key: add it before you sign in.',
    forgotten: 'The private key was forgotten.',
    keepStored: 'Keep the stored private key',
    removesStored: 'Saving removes the stored private key from {{from}}: {{method}} sign-in does not use it.',
    question: 'The stored private key',
    questionHint: 'You changed the account this profile signs in to. Does the stored private key still belong to it?',
    keep: 'Keep it: I only corrected a mistake, it is still this account’s private key',
    forgetIt: 'Forget it: this is another admin or tenant',
    typeNew: 'Type the new account’s private key instead',
  },
  oauth2: {
    label: 'Client secret',
    stored: 'stored',
    keptForSession: 'kept for this session only',
    savedWith: 'Saved, with the client secret {{where}}.',
    savedForgotten: 'Saved. The stored client secret was forgotten.',
    savedRemoved: 'Saved. The stored client secret was removed, as {{method}} sign-in does not use it.',
    savedWithout: 'Saved, without a client secret: add it before you sign in.',
    forgotten: 'The client secret was forgotten.',
    keepStored: 'Keep the stored client secret',
    removesStored: 'Saving removes the stored client secret from {{from}}: {{method}} sign-in does not use it.',
    question: 'The stored client secret',
    questionHint: 'You changed the account this profile signs in to. Does the stored client secret still belong to it?',
    keep: 'Keep it: I only corrected a mistake, it is still this account’s client secret',
    forgetIt: 'Forget it: this is another admin or tenant',
    typeNew: 'Type the new account’s client secret instead',
  },
};

export const settingsEn = {
  title: 'Settings',
  sections: 'Settings sections',
  general: 'General',
  profiles: 'Profiles',
  theme: 'Theme',
  themes: { system: 'Follow the system', light: 'Light', dark: 'Dark' },
  language: 'Language',
  languages: { system: 'Follow the system', en: 'English', sv: 'Svenska' },
  /** Sign-in methods as a choice and in the list. */
  methods: { password: 'Password', certificate: 'Client certificate', oauth2: 'OAuth2 client credentials' },
  /** The same inside a sentence: "… as {{method}} sign-in does not use it". */
  methodsInText: { password: 'password', certificate: 'client certificate', oauth2: 'OAuth2 client credentials' },
  secretStates: { stored: 'Stored in the keychain', session: 'Kept for this session only', missing: 'None yet', 'built-in': 'Built in' },
  list: {
    lead: 'A profile holds what the console needs to reach one SCM account: host, customer URI, login and sign-in method. Its secret is kept apart, in the keychain.',
    aboutProfiles: 'About profiles',
    noKeychain: 'No keychain can be reached.',
    noKeychainText: 'Secrets you type are kept in memory for this session only and never written to disk; you will type them again after a restart.',
    why: 'Why',
    add: 'Add profile',
    export: 'Export profiles',
    import: 'Import profiles…',
    importFile: 'Profiles file to import',
    caption: 'Connection profiles',
    columns: { profile: 'Profile', tenant: 'Tenant', method: 'Sign-in method', secret: 'Secret', actions: 'Actions' },
    signedIn: 'Signed in',
    deleteBody: 'The profile and its secret in the keychain go; the admin in SCM is not touched. This cannot be undone: type the profile’s name to confirm.',
    deleteQuestion: 'Delete “{{name}}” and its secret?',
    delete: 'Delete',
    signIn: 'Sign in',
    edit: 'Edit',
    duplicate: 'Duplicate',
    builtIn: 'Built in; choose its admin on the Home page.',
    duplicated: 'Added “{{copy}}”, a copy of “{{name}}”. The secret was not copied: type it in the copy.',
    deleted: 'Deleted “{{name}}” and its secret.',
    nothingToExport: 'There is nothing to export yet: the Sandbox profile is built in and is not exported.',
    exported_one: 'Exported {{count}} profile to {{file}}. The file holds no secrets.',
    exported_other: 'Exported {{count}} profiles to {{file}}. The file holds no secrets.',
    importedNone: 'Imported 0 profiles.',
    imported_one: 'Imported {{count, number}} profile: {{names}}.',
    imported_other: 'Imported {{count, number}} profiles: {{names}}.',
    andMore: '{{names}} and {{count, number}} more',
    typeSecrets: 'Type each one’s secret before signing in.',
    renamed: 'Renamed, because a profile of that name exists:',
    rename: '“{{from}}” → “{{to}}”',
    find: 'Find a profile',
    findHint: 'By name, host, customer URI or login.',
    matching_one: '{{count, number}} of {{total, number}} profiles matches.',
    matching_other: '{{count, number}} of {{total, number}} profiles match.',
    noneMatch: 'No profile matches “{{query}}”.',
    showing: 'Showing the first {{shown, number}} of {{count, number}}.',
    showMore: 'Show {{more, number}} more',
  },
  form: {
    addTitle: 'Add a profile',
    editTitle: 'Edit “{{name}}”',
    summary_one: 'Check this field; nothing was saved',
    summary_other: 'Check these {{count}} fields; nothing was saved',
    name: 'Name',
    nameHint: 'Any name you will recognise, for example “University – SSL API”.',
    host: 'Host',
    hostHint: 'The SCM instance from your SCM login address; cert-manager.com for most.',
    customerUri: 'Customer URI',
    customerUriHint: 'The part after /customer/ in your SCM login address.',
    login: 'Login',
    method: 'Sign-in method',
    clientId: 'OAuth2 client ID',
    tokenUrl: 'Token URL (optional)',
    tokenUrlHint: 'Leave empty to use Sectigo’s token service.',
    certificate: 'Client certificate (PEM)',
    certificateHint: 'The admin’s certificate, from -----BEGIN CERTIFICATE----- to its end. It is public and kept in the profile.',
    certificateCurrent: 'Current: {{summary}}.',
    secretHint: {
      keychain: 'Goes straight into the keychain when you save; it is never shown again.',
      session: 'No keychain is reachable: the secret is kept in memory for this session only and never written to disk.',
    },
    retype: 'It was cleared when you pressed Save: type it again.',
    replace: 'Replace',
    forget: 'Forget',
    keptIn: { keychain: 'in the keychain', session: 'in memory for this session only' },
    removedFrom: { keychain: 'the keychain', session: 'memory' },
    secrets: secretsEn,
  },
};

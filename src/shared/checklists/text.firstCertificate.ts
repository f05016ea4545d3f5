/**
 * The words of the checklist “the first SSL certificate, with a key made on
 * this machine”, in English, under the key `first-certificate` of the
 * checklists' catalogue.
 */
export const firstCertificateTextEn = {
  title: 'First SSL certificate, with a key made here',
  summary:
    'Orders a server certificate the safe way: checks that every name is under a domain validated and delegated to the organization or department, makes the private key and the certificate signing request (CSR) on this computer, writes the key only encrypted with your passphrase, orders the certificate once, has it approved, waits until it is issued, and saves it with its chain (and, if you like, a PKCS#12 file) beside the key.',
  audience: 'For an RAO or DRAO whose admin may request SSL certificates (privilege “Request SSL certificates”); approving needs “Approve SSL certificates”, or another admin does it.',
  inputs: {
    orgId: { label: 'Organization or department', hint: 'The one that orders the certificate: its domains must cover every name.' },
    profileId: { label: 'Certificate profile', hint: 'As SCM offers them, with their terms and key types.' },
    term: { label: 'Term (days)', hint: 'One the profile offers.' },
    keyType: { label: 'Key type', hint: 'One the profile allows. RSA 2048 works everywhere; ECDSA P-256 is smaller and as strong as RSA 3072.' },
    commonName: { label: 'Common name', hint: 'The server’s main name, such as www.example.org.' },
    subjectAlternativeNames: { label: 'Other names (SANs)', hint: 'Further names of the same server, separated by commas; leave empty for one name.' },
    keyFile: { label: 'Key file', hint: 'The full path of the private key to make, ending in .key, in a folder that exists, such as /etc/ssl/private/www.example.org.key. The CSR, the certificate and its chain are saved beside it.' },
    customFields: { item: 'Custom field {{number}}', add: 'Add a custom field', label: 'Custom fields', hint: 'SCM’s custom fields for SSL certificates, by name; every one SCM marks mandatory needs a value.' },
    name: { label: 'Name' },
    value: { label: 'Value' },
    bundles: { label: 'Also save', hint: 'A PKCS#12 file holds the key, the certificate and the chain in one file, protected with the same passphrase (for Windows and Java servers).' },
  },
  steps: {
    'check-names': {
      title: 'Check the names',
      why: 'Sectigo issues only for names under a domain that is validated and delegated to the organization or department that orders. A name outside them makes SCM refuse the order.',
      does: 'Checks that {{names}} are each under a domain validated and delegated to {{unit}} for SSL.',
    },
    'make-key': {
      title: 'Make the key and the CSR',
      why: 'The private key is the certificate’s secret half: made here, it never leaves this computer, and SCM only ever sees the CSR, which holds the public key and the names. The key file is encrypted with your passphrase, so a copy of the file alone is of no use to anyone.',
      does: 'Makes a {{keyType}} key on this computer, writes it encrypted with your passphrase (PKCS#8, AES-256) to {{key}}, and writes the CSR for the names to {{csr}}. Give the passphrase first; the console holds it in memory for this run only and never writes it anywhere.',
    },
    enroll: {
      title: 'Order the certificate',
      why: 'The order sends the CSR to SCM for {{unit}}. It is sent once: if the answer is lost, the console finds the order again by a mark in its comments rather than ordering a second certificate.',
      does: 'Orders a certificate with the profile {{profile}} for {{term}} days, for {{names}}, for {{unit}}.',
    },
    approve: {
      title: 'Approve the order',
      why: 'An order waits as requested until an admin with the privilege to approve SSL certificates approves it; where the requester may approve automatically, it goes to Sectigo at once and this step is skipped.',
      does: 'Approves order {{id}}.',
      manual:
        'Order {{id}} for {{names}} waits for approval, and your admin may not approve SSL certificates. Ask an RAO of {{unit}} (or its organization) whose admin has the privilege “Approve SSL certificates” to approve it in SCM under Certificates → SSL Certificates: select the certificate with the id below and press Approve. Then press Verify.',
    },
    'await-issue': {
      title: 'Wait until it is issued',
      why: 'Sectigo issues an approved certificate on its own schedule, usually within minutes.',
      does: 'Asks SCM about order {{id}} every few seconds for about a minute, until it reports the certificate issued. If it is not issued yet, ask again later: nothing is lost.',
    },
    save: {
      title: 'Save the certificate',
      why: 'The server needs the certificate and the chain of its issuers up to the root, in this order; the console checks that the certificate belongs to your key and that the chain builds to a root before saving.',
      does: 'Downloads certificate {{id}} with its chain and saves the certificate to {{certificate}} and its issuers, nearest first, to {{chain}}. If you chose PKCS#12, it also saves {{pkcs12}}, protected with the key’s passphrase, which you give again if the console no longer holds it.',
    },
  },
  secret: {
    passphrase: 'Passphrase for the private key',
  },
  blockers: {
    passphrase: 'Give the passphrase for the private key first.',
    passphraseShort: 'Give a passphrase of at least {{minimum}} characters: it is all that protects the key file.',
  },
  outcomes: {
    namesCovered: '{{names}}: each is under a domain validated and delegated to {{unit}} for SSL.',
    keyMade: 'Made a {{keyType}} key, written encrypted to {{key}}, and its CSR, written to {{csr}}.',
    keyKept: 'The key {{key}} and its CSR {{csr}} were made by an earlier attempt of this run: they are kept, and no new key is made.',
    keyOnDisk: 'The key {{key}} and its CSR {{csr}} are on disk.',
    fileWritten: 'Wrote {{path}}.',
    filesMissing: '{{path}} is not there.',
    ordered: 'Ordered certificate {{id}} for {{names}}.',
    orderFound: 'Order {{id}} of this run is in SCM already: nothing was sent again.',
    statusUnread: 'The order is placed, but its status could not be read just after ordering ({{reason}}): check it at the approval step.',
    noOrder: 'SCM has no order of this run.',
    orderStatus: 'Certificate {{id}} is {{status}} in SCM.',
    approvalNotNeeded: 'Certificate {{id}} needed no approval: it was {{status}} as soon as it was ordered.',
    approved: 'Approved certificate {{id}}.',
    issued: 'Certificate {{id}} is issued: serial number {{serial}}, expires {{expires}}.',
    saved: 'Saved the certificate to {{certificate}} and its chain to {{chain}}; it belongs to your key, and the chain of {{length}} certificates builds to a root.',
    filesHold: '{{certificate}} belongs to your key, and with {{chain}} the chain of {{length}} certificates builds to a root.',
  },
  problems: {
    noSuchUnit: 'There is no organization or department {{id}} among those you manage.',
    noSuchProfile: 'SCM offers no SSL certificate profile {{id}}.',
    customFieldMissing: 'SCM wants a value for the custom field “{{name}}”: add it.',
    unknownCustomField: 'SCM has no custom field “{{name}}” for SSL certificates; it has {{known}}.',
    termNotOffered: 'The profile {{profile}} offers no term of {{term}} days; it offers {{terms}}.',
    keyTypeNotOffered: 'The profile {{profile}} does not allow {{keyType}} keys; it allows {{keyTypes}}.',
    keyTypeUnknown: 'The console cannot make a {{keyType}} key.',
    notAbsolute: 'Enter the full path of the key file: {{path}} is not one.',
    noFolder: 'The folder {{folder}} does not exist: make it first, or choose another.',
    filesExist: 'These files exist already and would be overwritten: {{paths}}. Choose another name or folder.',
    noDomain: '{{name}} is under no domain in SCM. Add and validate its domain for {{unit}} first, with the checklist “Add a domain, delegated and validated”.',
    notDelegated: '{{name}} is under a domain that is not delegated to {{unit}} for SSL, or is not active. Delegate it first, with the checklist “Add a domain, delegated and validated”.',
    notValidated: '{{name}} is under a domain delegated to {{unit}} that is not validated, or whose validation has expired. Validate it first, with the checklist “Add a domain, delegated and validated”.',
    namesNotCovered: 'Not under a domain validated and delegated to {{unit}} for SSL: {{names}}. Add and validate their domains with the checklist “Add a domain, delegated and validated”, then check again.',
    notOrdered: 'The certificate is not ordered yet.',
    refused: 'Certificate {{id}} is {{status}}: it will not be issued. See why in SCM, put it right, and start a new run.',
    notIssuedYet: 'Certificate {{id}} is not issued yet (status {{status}}). Check again in a few minutes.',
    wrongPassphrase: 'The passphrase does not open {{path}}. Give the passphrase the key was made with.',
    keyMismatch: 'The certificate SCM sent does not belong to the key {{path}}. Nothing was saved; contact your MRAO with the certificate’s id.',
    chainBroken: 'The chain SCM sent does not build to a root: {{reason}} Nothing was saved.',
  },
  copy: {
    certificateId: 'Certificate id',
  },
};

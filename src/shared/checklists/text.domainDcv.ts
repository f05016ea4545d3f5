/**
 * The words of the checklist “a domain, delegated and validated”, in English,
 * under the key `domain-dcv` of the checklists' catalogue.
 */
export const domainDcvTextEn = {
  title: 'Add a domain, delegated and validated',
  summary:
    'Takes a new domain from nothing to validated: checks that its CAA records let Sectigo issue, adds the domain and, separately, its wildcard entry, delegated to the organization or department for the certificate types you choose, waits for the MRAO’s approval, and runs the domain control validation (DCV) by the method you choose until SCM reports the domain validated.',
  audience: 'For an RAO or DRAO whose admin may manage domains and validate them (privileges “Manage domains” and “Allow domain validation”).',
  inputs: {
    domain: { label: 'Domain', hint: 'The registered domain, such as example.org, without “*.”: the wildcard entry is added beside it.' },
    orgId: { label: 'Organization or department', hint: 'The one that will request certificates for the domain.' },
    certTypes: { label: 'Certificate types', hint: 'Delegate only what you use: SSL for server certificates, S/MIME for client certificates for addresses in the domain.' },
    method: { label: 'Validation method', hint: 'How you will prove control of the domain: a CNAME record in its DNS, a file on its web server, or a message to one of its administrative mailboxes.' },
    mailbox: { label: 'Mailbox for email validation', hint: 'Only for email: Sectigo’s message goes to this address at the domain.' },
  },
  steps: {
    'check-caa': {
      title: 'Check that CAA allows Sectigo',
      why: 'CAA records in DNS tell certificate authorities which of them may issue for a domain. If the domain or a parent names other CAs but not Sectigo, Sectigo must refuse every certificate for it, however well the rest is set up.',
      does: 'Looks up the CAA records of {{domain}}, following aliases and climbing to each parent up to the top-level domain, and checks that they allow Sectigo for the domain and for its wildcard.',
      manual:
        'The console could not look up the CAA records of {{domain}}: the look-up of {{at}} failed ({{reason}}). Check them yourself, for example with the command below, or ask whoever runs your DNS. If the domain or a parent has CAA records, one “issue” record must name sectigo.com (and, where “issuewild” records exist, one of them too). Then press I have done it.',
    },
    'add-domain': {
      title: 'Add the domain',
      why: 'SCM issues only for domains registered in it and delegated to the organization or department that requests. The delegation names the certificate types; nothing else can be requested for the domain there.',
      does: 'Adds {{name}} to SCM, delegated to {{unit}} for {{types}}. If SCM has it already, only the missing delegation is added.',
    },
    'add-wildcard': {
      title: 'Add its wildcard entry',
      why: 'In SCM the wildcard {{name}} is an entry of its own, added separately, so that wildcard certificates can be requested for the domain.',
      does: 'Adds {{name}} to SCM, delegated to {{unit}} for {{types}}. If SCM has it already, only the missing delegation is added.',
    },
    'await-approval': {
      title: 'Wait for the MRAO’s approval',
      why: 'A delegation made by an RAO or DRAO starts as requested. The MRAO, the staff who run SCM for your whole community (for SUNET members, SUNET’s TCS service), checks that the domain belongs to your institution and approves it; until then nobody can validate it or order certificates for it.',
      does: 'Checks that the delegations of {{domain}} and {{wildcard}} to {{unit}} are approved.',
      manual:
        'The delegations of {{domain}} and {{wildcard}} to {{unit}} await your MRAO’s approval. SCM tells the MRAO by its “domain awaiting approval” notification, where one is set up. If nothing happens within a working day or two, write to your MRAO’s usual contact address naming the domain, the organization or department and the certificate types. Press Verify to ask SCM again; each check’s time is shown in its outcome.',
    },
    'start-dcv': {
      title: 'Start the domain validation',
      why: 'Domain control validation (DCV) proves to Sectigo that your institution controls the domain. Starting an order makes SCM give the exact record, file or mail addresses for the method chosen.',
      does: 'Starts a {{method}} validation order for {{domain}} and keeps what SCM asks you to publish.',
    },
    'publish-dcv': {
      title: 'Publish the record or file',
      why: 'Sectigo checks for exactly what SCM gave: one character wrong, or a record not yet visible on the internet, and the check fails.',
      does: 'When the order is submitted, Sectigo sends its message to {{email}}. Make sure someone reads that mailbox and follows the link in the message. The addresses SCM offers for {{domain}} are below.',
      manual:
        'Publish what SCM gave for {{domain}}, exactly as shown below. For CNAME: a DNS record of type CNAME at the host name, pointing to the target (both end in a dot as DNS writes them). For HTTP or HTTPS: a plain-text file at exactly the address, holding the lines shown. Wait until it is visible from the internet, then press I have done it.',
    },
    'submit-dcv': {
      title: 'Submit the validation',
      why: 'Sectigo checks only once the order is submitted, and then on its own schedule.',
      does: 'Submits the {{method}} validation of {{domain}}.',
    },
    'await-validation': {
      title: 'Wait until the domain is validated',
      why: 'SCM validates the registered domain {{domain}}; its wildcard entry {{wildcard}} and every name below it are covered by that validation and cannot be validated on their own.',
      does: 'Checks that SCM reports {{domain}} as validated.',
      manual:
        'Sectigo checks the {{method}} validation of {{domain}} on its own schedule, usually within minutes, sometimes hours. For email it waits until someone at {{email}} follows the link in the message. Press Verify to ask SCM again; each check’s time is shown in its outcome.',
    },
    'dcv-expiry': {
      title: 'Note when the validation expires',
      why: 'A validation lasts a limited time. Once it has expired, SCM refuses new and renewed certificates for the domain until it is validated again.',
      does: 'The validation of {{domain}} expires on {{expires}}, in {{days}} days. Renew it before then. So that SCM reminds you in time, add a “DCV expiration” notification with the checklist “Set up the baseline notifications”.',
    },
  },
  outcomes: {
    caaNone: 'Neither {{domain}} nor any parent has CAA records: every CA, Sectigo included, may issue.',
    caaAllows: 'The CAA records at {{at}} allow Sectigo for {{domain}} and its wildcard: {{records}}',
    entryCreated: 'Added {{name}} (id {{id}}), delegated to {{unit}} for {{types}}; delegation status {{status}}.',
    entryExisted: '{{name}} (id {{id}}) is in SCM already, delegated to {{unit}} for {{types}} (status {{status}}); nothing was sent.',
    entryDelegated: '{{name}} (id {{id}}) was in SCM already; delegated it to {{unit}} for {{types}}; delegation status {{status}}.',
    entryPresent: '{{name}} (id {{id}}) is delegated to {{unit}} for {{types}} (status {{status}}).',
    delegationState: '{{name}} to {{unit}}: {{status}}.',
    approved: 'Checked at {{time}}: the delegations of {{domain}} and {{wildcard}} to {{unit}} are approved.',
    alreadyValidated: '{{domain}} is validated already, until {{expires}}: there is nothing to validate now.',
    started: 'A {{method}} validation order for {{domain}} is under way.',
    startedCname: 'Started a CNAME validation of {{domain}}: publish {{host}} pointing to {{point}}.',
    startedFile: 'Started a file validation of {{domain}}: publish the file at {{url}}.',
    startedEmail: 'SCM offers {{count}} address(es) for {{domain}}; the message will go to {{email}}.',
    submitted: 'The {{method}} validation of {{domain}} is submitted.',
    submittedNow: 'Submitted the {{method}} validation of {{domain}}; SCM reports {{status}}, order {{order}}.',
    validated: 'Checked at {{time}}: {{domain}} is validated since {{validated}}, until {{expires}}.',
    wildcardCovered: '{{wildcard}} is covered by the domain’s validation (status {{status}}).',
    validUntil: '{{domain}} is validated until {{expires}} ({{days}} days left).',
  },
  problems: {
    caaUnknown: 'The CAA records of {{domain}} could not be checked: the look-up of {{at}} failed ({{reason}}).',
    caaForbids: 'The CAA records at {{at}} do not allow Sectigo to issue for {{domain}}: {{records}}. Add a record “0 issue "sectigo.com"” there, or ask whoever runs your DNS, then run this step again.',
    caaForbidsWildcard: 'The CAA records at {{at}} allow Sectigo for {{domain}} but not for {{wildcard}}: {{records}}. Add “0 issuewild "sectigo.com"” there, or ask whoever runs your DNS, then run this step again.',
    entryMissing: 'SCM has no entry {{name}} that your admin sees.',
    notDelegated: '{{name}} (id {{id}}) is not delegated to {{unit}} for {{types}}.',
    delegationGone: 'Checked at {{time}}: {{name}} is no longer delegated to {{unit}}. The MRAO may have rejected the delegation: ask them why, put right what they name, and run this checklist again.',
    awaitingApproval: 'Checked at {{time}}: the delegation of {{names}} to {{unit}} still awaits the MRAO’s approval.',
    notStarted: 'No {{method}} validation order for {{domain}} is under way.',
    notSubmitted: 'The validation of {{domain}} is not submitted (order {{order}}).',
    notValidated: 'Checked at {{time}}: {{domain}} is not validated yet (status {{status}}, order {{order}}).',
    otherOrder: 'A validation of {{domain}} by {{method}} is submitted already. Wait for it, or clear it in SCM (Domains → DCV) before choosing another method.',
    emailNotOffered: 'SCM does not offer {{email}} for this domain. It offers: {{offered}}. Start a new run with one of these mailboxes, or another method.',
    noSuchUnit: 'There is no organization or department {{id}} among those you manage.',
  },
  copy: {
    dig: 'Command to look up the CAA records',
    host: 'Host name of the CNAME record',
    point: 'Target it points to',
    url: 'Address of the file',
    content: 'Contents of the file',
    email: 'Address the message goes to',
    offered: 'Addresses SCM offers',
  },
};

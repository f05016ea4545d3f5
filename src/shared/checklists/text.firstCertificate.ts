import type { Catalogue } from '../catalogue';

/**
 * The words of the checklist “the first SSL certificate, with a key made on
 * this machine”, in English and Swedish, under the key `first-certificate` of
 * the checklists' catalogue.
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

export const firstCertificateTextSv: Catalogue<typeof firstCertificateTextEn> = {
  title: 'Första SSL-certifikatet, med en nyckel skapad här',
  summary:
    'Beställer ett servercertifikat på det säkra sättet: kontrollerar att varje namn ligger under en domän som är validerad och delegerad till organisationen eller avdelningen, skapar den privata nyckeln och certifikatbegäran (CSR) på den här datorn, skriver nyckeln bara krypterad med din lösenfras, beställer certifikatet en gång, ser till att det godkänns, väntar tills det är utfärdat och sparar det med sin certifikatkedja (och om du vill en PKCS#12-fil) bredvid nyckeln.',
  audience: 'För en RAO eller DRAO vars administratör får beställa SSL-certifikat (behörigheten ”Request SSL certificates”); att godkänna kräver ”Approve SSL certificates”, annars gör en annan administratör det.',
  inputs: {
    orgId: { label: 'Organisation eller avdelning', hint: 'Den som beställer certifikatet: dess domäner måste täcka varje namn.' },
    profileId: { label: 'Certifikatprofil', hint: 'Som SCM erbjuder dem, med giltighetstider och nyckeltyper.' },
    term: { label: 'Giltighetstid (dagar)', hint: 'En som profilen erbjuder.' },
    keyType: { label: 'Nyckeltyp', hint: 'En som profilen tillåter. RSA 2048 fungerar överallt; ECDSA P-256 är mindre och lika stark som RSA 3072.' },
    commonName: { label: 'Namn (common name)', hint: 'Serverns huvudnamn, till exempel www.example.org.' },
    subjectAlternativeNames: { label: 'Andra namn (SAN)', hint: 'Fler namn på samma server, åtskilda med kommatecken; lämna tomt för ett namn.' },
    keyFile: { label: 'Nyckelfil', hint: 'Hela sökvägen till den privata nyckel som ska skapas, som slutar på .key, i en mapp som finns, till exempel /etc/ssl/private/www.example.org.key. Certifikatbegäran, certifikatet och certifikatkedjan sparas bredvid den.' },
    customFields: { item: 'Eget fält {{number}}', add: 'Lägg till ett eget fält', label: 'Egna fält (custom fields)', hint: 'SCM:s egna fält för SSL-certifikat, med namn; vart och ett som SCM anger som obligatoriskt behöver ett värde.' },
    name: { label: 'Namn' },
    value: { label: 'Värde' },
    bundles: { label: 'Spara också', hint: 'En PKCS#12-fil rymmer nyckeln, certifikatet och certifikatkedjan i en fil, skyddad med samma lösenfras (för Windows- och Java-servrar).' },
  },
  steps: {
    'check-names': {
      title: 'Kontrollera namnen',
      why: 'Sectigo utfärdar bara för namn under en domän som är validerad och delegerad till den organisation eller avdelning som beställer. Ett namn utanför dem gör att SCM avslår beställningen.',
      does: 'Kontrollerar att {{names}} vart och ett ligger under en domän som är validerad och delegerad till {{unit}} för SSL.',
    },
    'make-key': {
      title: 'Skapa nyckeln och certifikatbegäran',
      why: 'Den privata nyckeln är certifikatets hemliga halva: skapad här lämnar den aldrig den här datorn, och SCM ser bara certifikatbegäran (CSR), som innehåller den publika nyckeln och namnen. Nyckelfilen krypteras med din lösenfras, så att en kopia av bara filen inte är till nytta för någon.',
      does: 'Skapar en {{keyType}}-nyckel på den här datorn, skriver den krypterad med din lösenfras (PKCS#8, AES-256) till {{key}} och skriver certifikatbegäran för namnen till {{csr}}. Ange lösenfrasen först; konsolen håller den i minnet bara för den här körningen och skriver den aldrig någonstans.',
    },
    enroll: {
      title: 'Beställ certifikatet',
      why: 'Beställningen skickar certifikatbegäran till SCM för {{unit}}. Den skickas en gång: om svaret går förlorat hittar konsolen beställningen igen genom en märkning i dess kommentar i stället för att beställa ett andra certifikat.',
      does: 'Beställer ett certifikat med profilen {{profile}} för {{term}} dagar, för {{names}}, för {{unit}}.',
    },
    approve: {
      title: 'Godkänn beställningen',
      why: 'En beställning väntar som begärd (Requested) tills en administratör med behörighet att godkänna SSL-certifikat godkänner den; där beställaren får godkänna automatiskt går den direkt till Sectigo och det här steget hoppas över.',
      does: 'Godkänner beställning {{id}}.',
      manual:
        'Beställning {{id}} för {{names}} väntar på godkännande, och din administratör får inte godkänna SSL-certifikat. Be en RAO för {{unit}} (eller dess organisation) vars administratör har behörigheten ”Approve SSL certificates” att godkänna den i SCM under Certificates → SSL Certificates: välj certifikatet med id:t nedan och tryck på Approve. Tryck sedan på Kontrollera.',
    },
    'await-issue': {
      title: 'Vänta tills det är utfärdat',
      why: 'Sectigo utfärdar ett godkänt certifikat i sin egen takt, oftast inom några minuter.',
      does: 'Frågar SCM om beställning {{id}} med några sekunders mellanrum i ungefär en minut, tills SCM anger att certifikatet är utfärdat (Issued). Är det inte utfärdat än, fråga igen senare: inget går förlorat.',
    },
    save: {
      title: 'Spara certifikatet',
      why: 'Servern behöver certifikatet och certifikatkedjan med dess utfärdare upp till roten, i den ordningen; konsolen kontrollerar att certifikatet hör till din nyckel och att kedjan går upp till en rot innan den sparar.',
      does: 'Hämtar certifikat {{id}} med dess certifikatkedja och sparar certifikatet i {{certificate}} och dess utfärdare, närmaste först, i {{chain}}. Om du valde PKCS#12 sparar den också {{pkcs12}}, skyddad med nyckelns lösenfras, som du anger igen om konsolen inte längre håller den.',
    },
  },
  secret: {
    passphrase: 'Lösenfras för den privata nyckeln',
  },
  blockers: {
    passphrase: 'Ange lösenfrasen för den privata nyckeln först.',
    passphraseShort: 'Ange en lösenfras på minst {{minimum}} tecken: den är allt som skyddar nyckelfilen.',
  },
  outcomes: {
    namesCovered: '{{names}}: vart och ett ligger under en domän som är validerad och delegerad till {{unit}} för SSL.',
    keyMade: 'Skapade en {{keyType}}-nyckel, skriven krypterad till {{key}}, och dess certifikatbegäran, skriven till {{csr}}.',
    keyKept: 'Nyckeln {{key}} och certifikatbegäran {{csr}} skapades i ett tidigare försök i den här körningen: de behålls, och ingen ny nyckel skapas.',
    keyOnDisk: 'Nyckeln {{key}} och certifikatbegäran {{csr}} finns på disken.',
    fileWritten: 'Skrev {{path}}.',
    filesMissing: '{{path}} finns inte.',
    ordered: 'Beställde certifikat {{id}} för {{names}}.',
    orderFound: 'Den här körningens beställning {{id}} finns redan i SCM: inget skickades igen.',
    statusUnread: 'Beställningen är lagd, men dess status gick inte att läsa direkt efter beställningen ({{reason}}): kontrollera den i godkännandesteget.',
    noOrder: 'SCM har ingen beställning från den här körningen.',
    orderStatus: 'Certifikat {{id}} har status {{status}} i SCM.',
    approvalNotNeeded: 'Certifikat {{id}} behövde inget godkännande: det hade status {{status}} direkt när det beställdes.',
    approved: 'Godkände certifikat {{id}}.',
    issued: 'Certifikat {{id}} är utfärdat (Issued): serienummer {{serial}}, går ut {{expires}}.',
    saved: 'Sparade certifikatet i {{certificate}} och certifikatkedjan i {{chain}}; det hör till din nyckel, och kedjan med {{length}} certifikat går upp till en rot.',
    filesHold: '{{certificate}} hör till din nyckel, och med {{chain}} går kedjan med {{length}} certifikat upp till en rot.',
  },
  problems: {
    noSuchUnit: 'Det finns ingen organisation eller avdelning {{id}} bland dem du administrerar.',
    noSuchProfile: 'SCM erbjuder ingen SSL-certifikatprofil {{id}}.',
    customFieldMissing: 'SCM vill ha ett värde för det egna fältet ”{{name}}”: lägg till det.',
    unknownCustomField: 'SCM har inget eget fält ”{{name}}” för SSL-certifikat; det har {{known}}.',
    termNotOffered: 'Profilen {{profile}} erbjuder ingen giltighetstid på {{term}} dagar; den erbjuder {{terms}}.',
    keyTypeNotOffered: 'Profilen {{profile}} tillåter inte {{keyType}}-nycklar; den tillåter {{keyTypes}}.',
    keyTypeUnknown: 'Konsolen kan inte skapa en {{keyType}}-nyckel.',
    notAbsolute: 'Ange hela sökvägen till nyckelfilen: {{path}} är ingen sådan.',
    noFolder: 'Mappen {{folder}} finns inte: skapa den först, eller välj en annan.',
    filesExist: 'De här filerna finns redan och skulle skrivas över: {{paths}}. Välj ett annat namn eller en annan mapp.',
    noDomain: '{{name}} ligger inte under någon domän i SCM. Lägg först till och validera dess domän för {{unit}} med checklistan ”Lägg till en domän, delegerad och validerad”.',
    notDelegated: '{{name}} ligger under en domän som inte är delegerad till {{unit}} för SSL, eller inte är aktiv. Delegera den först med checklistan ”Lägg till en domän, delegerad och validerad”.',
    notValidated: '{{name}} ligger under en domän delegerad till {{unit}} som inte är validerad, eller vars validering har gått ut. Validera den först med checklistan ”Lägg till en domän, delegerad och validerad”.',
    namesNotCovered: 'Ligger inte under en domän som är validerad och delegerad till {{unit}} för SSL: {{names}}. Lägg till och validera deras domäner med checklistan ”Lägg till en domän, delegerad och validerad” och kontrollera sedan igen.',
    notOrdered: 'Certifikatet är inte beställt än.',
    refused: 'Certifikat {{id}} har status {{status}}: det kommer inte att utfärdas. Se orsaken i SCM, rätta den och starta en ny körning.',
    notIssuedYet: 'Certifikat {{id}} är inte utfärdat än (status {{status}}). Kontrollera igen om några minuter.',
    wrongPassphrase: 'Lösenfrasen öppnar inte {{path}}. Ange den lösenfras som nyckeln skapades med.',
    keyMismatch: 'Certifikatet som SCM skickade hör inte till nyckeln {{path}}. Inget sparades; kontakta din MRAO och ange certifikatets id.',
    chainBroken: 'Certifikatkedjan som SCM skickade går inte upp till en rot: {{reason}} Inget sparades.',
  },
  copy: {
    certificateId: 'Certifikatets id',
  },
};

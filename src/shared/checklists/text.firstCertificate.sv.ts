import type { Catalogue } from '../catalogue';
import type { firstCertificateTextEn } from './text.firstCertificate';

/** The Swedish of `text.firstCertificate.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
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

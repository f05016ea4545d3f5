import type { Catalogue } from '../catalogue';
import type { domainDcvTextEn } from './text.domainDcv';

/** The Swedish of `text.domainDcv.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
export const domainDcvTextSv: Catalogue<typeof domainDcvTextEn> = {
  title: 'Lägg till en domän, delegerad och validerad',
  summary:
    'Tar en ny domän hela vägen till validerad: kontrollerar att dess CAA-poster låter Sectigo utfärda, lägger till domänen och, separat, dess wildcard-post, delegerade till organisationen eller avdelningen för de certifikattyper du väljer, väntar på MRAO:ns godkännande och genomför domänvalideringen (DCV) med den metod du väljer tills SCM rapporterar domänen som validerad.',
  audience: 'För en RAO eller DRAO vars administratör får hantera och validera domäner (behörigheterna ”Manage domains” och ”Allow domain validation”).',
  inputs: {
    domain: { label: 'Domän', hint: 'Den registrerade domänen, till exempel example.org, utan ”*.”: wildcard-posten läggs till bredvid.' },
    orgId: { label: 'Organisation eller avdelning', hint: 'Den som ska beställa certifikat för domänen.' },
    certTypes: { label: 'Certifikattyper', hint: 'Delegera bara det ni använder: SSL för servercertifikat, S/MIME för klientcertifikat för adresser i domänen.' },
    method: { label: 'Valideringsmetod', hint: 'Hur du visar att ni kontrollerar domänen: en CNAME-post i dess DNS, en fil på dess webbserver eller ett meddelande till en av dess administrativa brevlådor.' },
    mailbox: { label: 'Brevlåda för validering via e-post', hint: 'Bara för e-post: Sectigos meddelande går till den här adressen i domänen.' },
  },
  steps: {
    'check-caa': {
      title: 'Kontrollera att CAA tillåter Sectigo',
      why: 'CAA-poster i DNS talar om för certifikatutfärdare vilka av dem som får utfärda för en domän. Om domänen eller en överordnad domän nämner andra utfärdare men inte Sectigo måste Sectigo neka varje certifikat för den, hur väl resten än är ordnat.',
      does: 'Slår upp CAA-posterna för {{domain}}, följer alias och klättrar till varje överordnad domän upp till toppdomänen, och kontrollerar att de tillåter Sectigo för domänen och för dess wildcard.',
      manual:
        'Konsolen kunde inte slå upp CAA-posterna för {{domain}}: uppslagningen av {{at}} misslyckades ({{reason}}). Kontrollera dem själv, till exempel med kommandot nedan, eller fråga den som sköter er DNS. Om domänen eller en överordnad domän har CAA-poster måste en ”issue”-post nämna sectigo.com (och, där ”issuewild”-poster finns, en av dem också). Tryck sedan på Jag har gjort det.',
    },
    'add-domain': {
      title: 'Lägg till domänen',
      why: 'SCM utfärdar bara för domäner som är registrerade där och delegerade till den organisation eller avdelning som beställer. Delegeringen anger certifikattyperna; inget annat kan beställas för domänen där.',
      does: 'Lägger till {{name}} i SCM, delegerad till {{unit}} för {{types}}. Om SCM redan har den läggs bara den saknade delegeringen till.',
    },
    'add-wildcard': {
      title: 'Lägg till dess wildcard-post',
      why: 'I SCM är wildcard-posten {{name}} en egen post som läggs till separat, så att wildcard-certifikat kan beställas för domänen.',
      does: 'Lägger till {{name}} i SCM, delegerad till {{unit}} för {{types}}. Om SCM redan har den läggs bara den saknade delegeringen till.',
    },
    'await-approval': {
      title: 'Vänta på MRAO:ns godkännande',
      why: 'En delegering som en RAO eller DRAO gör börjar som begärd. MRAO är de som driver SCM för hela er gemenskap (för SUNET:s medlemmar SUNET:s TCS-tjänst); de kontrollerar att domänen tillhör er organisation och godkänner delegeringen. Till dess kan ingen validera domänen eller beställa certifikat för den.',
      does: 'Kontrollerar att delegeringarna av {{domain}} och {{wildcard}} till {{unit}} är godkända.',
      manual:
        'Delegeringarna av {{domain}} och {{wildcard}} till {{unit}} väntar på godkännande av er MRAO. SCM meddelar MRAO genom aviseringen ”domain awaiting approval”, där en sådan finns. Om inget händer inom en arbetsdag eller två, skriv till er MRAO:s vanliga kontaktadress och ange domänen, organisationen eller avdelningen och certifikattyperna. Tryck på Kontrollera för att fråga SCM igen; tiden för varje kontroll visas i dess utfall.',
    },
    'start-dcv': {
      title: 'Starta domänvalideringen',
      why: 'Domänvalidering (DCV) visar Sectigo att er organisation kontrollerar domänen. När en beställning startas ger SCM exakt den post, fil eller de e-postadresser som gäller för den valda metoden.',
      does: 'Startar en valideringsbeställning med {{method}} för {{domain}} och sparar det SCM ber dig publicera.',
    },
    'publish-dcv': {
      title: 'Publicera posten eller filen',
      why: 'Sectigo kontrollerar exakt det SCM gav: ett enda tecken fel, eller en post som ännu inte syns på internet, och kontrollen misslyckas.',
      does: 'När beställningen har skickats in skickar Sectigo sitt meddelande till {{email}}. Se till att någon läser den brevlådan och följer länken i meddelandet. Adresserna SCM erbjuder för {{domain}} står nedan.',
      manual:
        'Publicera det SCM gav för {{domain}}, exakt som det visas nedan. För CNAME: en DNS-post av typen CNAME på värdnamnet, som pekar på målet (båda slutar med en punkt som DNS skriver dem). För HTTP eller HTTPS: en textfil på exakt den adressen, med raderna som visas. Vänta tills den syns från internet och tryck sedan på Jag har gjort det.',
    },
    'submit-dcv': {
      title: 'Skicka in valideringen',
      why: 'Sectigo kontrollerar först när beställningen har skickats in, och sedan enligt sitt eget schema.',
      does: 'Skickar in valideringen med {{method}} av {{domain}}.',
    },
    'await-validation': {
      title: 'Vänta tills domänen är validerad',
      why: 'SCM validerar den registrerade domänen {{domain}}; dess wildcard-post {{wildcard}} och alla namn under den omfattas av den valideringen och kan inte valideras var för sig.',
      does: 'Kontrollerar att SCM rapporterar {{domain}} som validerad.',
      manual:
        'Sectigo kontrollerar valideringen med {{method}} av {{domain}} enligt sitt eget schema, oftast inom några minuter, ibland timmar. För e-post väntar det tills någon på {{email}} har följt länken i meddelandet. Tryck på Kontrollera för att fråga SCM igen; tiden för varje kontroll visas i dess utfall.',
    },
    'dcv-expiry': {
      title: 'Notera när valideringen går ut',
      why: 'En validering gäller en begränsad tid. När den har gått ut nekar SCM nya och förnyade certifikat för domänen tills den har validerats igen.',
      does: 'Valideringen av {{domain}} går ut {{expires}}, om {{days}} dagar. Förnya den före dess. Lägg till en avisering ”DCV expiration” med checklistan ”Sätt upp grundläggande aviseringar” så att SCM påminner dig i tid.',
    },
  },
  outcomes: {
    caaNone: 'Varken {{domain}} eller någon överordnad domän har CAA-poster: alla utfärdare, Sectigo också, får utfärda.',
    caaAllows: 'CAA-posterna på {{at}} tillåter Sectigo för {{domain}} och dess wildcard: {{records}}',
    entryCreated: 'Lade till {{name}} (id {{id}}), delegerad till {{unit}} för {{types}}; delegeringens status {{status}}.',
    entryExisted: '{{name}} (id {{id}}) finns redan i SCM, delegerad till {{unit}} för {{types}} (status {{status}}); inget skickades.',
    entryDelegated: '{{name}} (id {{id}}) fanns redan i SCM; delegerade den till {{unit}} för {{types}}; delegeringens status {{status}}.',
    entryPresent: '{{name}} (id {{id}}) är delegerad till {{unit}} för {{types}} (status {{status}}).',
    delegationState: '{{name}} till {{unit}}: {{status}}.',
    approved: 'Kontrollerat {{time}}: delegeringarna av {{domain}} och {{wildcard}} till {{unit}} är godkända.',
    alreadyValidated: '{{domain}} är redan validerad, till {{expires}}: det finns inget att validera nu.',
    started: 'En valideringsbeställning med {{method}} för {{domain}} pågår.',
    startedCname: 'Startade en CNAME-validering av {{domain}}: publicera {{host}} som pekar på {{point}}.',
    startedFile: 'Startade en filvalidering av {{domain}}: publicera filen på {{url}}.',
    startedEmail: 'SCM erbjuder {{count}} adress(er) för {{domain}}; meddelandet går till {{email}}.',
    submitted: 'Valideringen med {{method}} av {{domain}} är inskickad.',
    submittedNow: 'Skickade in valideringen med {{method}} av {{domain}}; SCM rapporterar {{status}}, beställning {{order}}.',
    validated: 'Kontrollerat {{time}}: {{domain}} är validerad sedan {{validated}}, till {{expires}}.',
    wildcardCovered: '{{wildcard}} omfattas av domänens validering (status {{status}}).',
    validUntil: '{{domain}} är validerad till {{expires}} ({{days}} dagar kvar).',
  },
  problems: {
    caaUnknown: 'CAA-posterna för {{domain}} kunde inte kontrolleras: uppslagningen av {{at}} misslyckades ({{reason}}).',
    caaForbids: 'CAA-posterna på {{at}} tillåter inte Sectigo att utfärda för {{domain}}: {{records}}. Lägg till posten ”0 issue "sectigo.com"” där, eller be den som sköter er DNS, och kör sedan steget igen.',
    caaForbidsWildcard: 'CAA-posterna på {{at}} tillåter Sectigo för {{domain}} men inte för {{wildcard}}: {{records}}. Lägg till ”0 issuewild "sectigo.com"” där, eller be den som sköter er DNS, och kör sedan steget igen.',
    entryMissing: 'SCM har ingen post {{name}} som din administratör ser.',
    notDelegated: '{{name}} (id {{id}}) är inte delegerad till {{unit}} för {{types}}.',
    delegationGone: 'Kontrollerat {{time}}: {{name}} är inte längre delegerad till {{unit}}. MRAO kan ha avslagit delegeringen: fråga dem varför, rätta det de pekar på och kör checklistan igen.',
    awaitingApproval: 'Kontrollerat {{time}}: delegeringen av {{names}} till {{unit}} väntar fortfarande på MRAO:ns godkännande.',
    notStarted: 'Ingen valideringsbeställning med {{method}} för {{domain}} pågår.',
    notSubmitted: 'Valideringen av {{domain}} är inte inskickad (beställning {{order}}).',
    notValidated: 'Kontrollerat {{time}}: {{domain}} är inte validerad än (status {{status}}, beställning {{order}}).',
    otherOrder: 'En validering av {{domain}} med {{method}} är redan inskickad. Vänta på den, eller rensa den i SCM (Domains → DCV) innan du väljer en annan metod.',
    emailNotOffered: 'SCM erbjuder inte {{email}} för den här domänen. Den erbjuder: {{offered}}. Starta en ny körning med en av de brevlådorna, eller en annan metod.',
    noSuchUnit: 'Det finns ingen organisation eller avdelning {{id}} bland dem du hanterar.',
  },
  copy: {
    dig: 'Kommando för att slå upp CAA-posterna',
    host: 'Värdnamn för CNAME-posten',
    point: 'Målet den pekar på',
    url: 'Filens adress',
    content: 'Filens innehåll',
    email: 'Adressen meddelandet går till',
    offered: 'Adresser SCM erbjuder',
  },
};

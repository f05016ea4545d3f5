import type { Catalogue } from '../catalogue';
import type { idpTextEn } from './text.idp';

/** The Swedish of `text.idp.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
export const idpTextSv: Catalogue<typeof idpTextEn> = {
  title: 'Ordna administratörsinloggning via er IdP',
  summary:
    'Vad er institutions SAML-identitetsleverantör (IdP) måste släppa till SCM, och SCM:s sida av saken: organisationens Academic code mot IdP:ns schacHomeOrganization, administratörerna som ännu saknar IdP Person Id, och deras ePPN satta via API:t (eller för hand där din administratör inte får ändra administratörer). Konsolen kan inte se er IdP: stegen om den är instruktioner till den som driver den.',
  audience: 'För en RAO eller DRAO. För att sätta ePPN via API:t krävs behörigheten att ändra andra administratörer (allowEdit); utan den visar konsolen vad som ska sättas för hand och kontrollerar det.',
  inputs: {
    orgId: { label: 'Organisation', hint: 'Dess administratörer och dess avdelningars kontrolleras och kopplas.' },
    identityProviderId: { label: 'Identitetsutgivare', hint: 'Er institutions IdP, så som SCM listar den för administratörer. Saknas den, fråga din MRAO.' },
    schacHomeOrganization: { label: 'schacHomeOrganization som er IdP släpper', hint: 'Ett domännamn som example.org. Portalen för klientcertifikat jämför det med organisationens Academic code.' },
    admins: { item: 'Administratör {{number}}', add: 'Lägg till en administratör', label: 'Administratörer att koppla', hint: 'En rad per administratör: dess inloggningsnamn (eller e-postadress, för en administratör utan inloggningsnamn) och dess ePPN exakt som IdP:n släpper det. Lämna tomt för att bara kontrollera.' },
    login: { label: 'Inloggningsnamn (eller e-post)', hint: 'Så som SCM listar administratören.' },
    eppn: { label: 'ePPN', hint: 'användare@scope, till exempel anna.svensson@example.org.' },
  },
  steps: {
    'release-attributes': {
      title: 'Släpp attributen till SCM (i er IdP)',
      why: 'SCM:s tjänsteleverantör {{entityId}} hör inte till någon entitetskategori, så en IdP släpper ingenting till den förrän den blir tillsagd. Administratörsinloggning kräver eduPersonPrincipalName (identiteten SCM knyter en administratör till) och mail; displayName, givenName och sn ger SCM personens namn. Portalen för klientcertifikat kräver också schacHomeOrganization ({{schac}}), och i vissa federationer eduPersonAssurance (SWAMID krävde AL2, http://www.swamid.se/policy/assurance/al2).',
      does: 'Konsolen kan varken se eller ändra er IdP: det här steget är till för den som driver den. Kopiera policyn nedan för en Shibboleth IdP (attribute-filter.xml) eller en SATOSA-proxy (SAML2-frontendens pySAML2-policy). Attributnamnen är de vanliga; använd de namn som er IdP:s attributupplösare eller interna attributkarta ger dem. Markera steget som läst när utsläppet är på plats.',
    },
    'sso-check': {
      title: 'Testa utsläppet på SSO-kontrollsidan (i en webbläsare)',
      why: 'Sidan testar en inloggning från er IdP till SCM för sig, innan någon administratör är beroende av den. Den skiljer ett IdP-problem (ett attribut som inte släpps) från ett SCM-problem (en administratör som inte är kopplad).',
      does: 'Konsolen kan inte göra testet. Öppna {{url}} i en webbläsare, välj er IdP och logga in med ett vanligt konto. Bara ePPN och mail krävs där; titta också på namnen, och testa med ett namn med å, ä eller ö, som tidigare har kommit fram förvanskade. Anteckna de ePPN sidan visar: det är dem administratörerna kopplas med. Markera steget som läst när testet går igenom.',
    },
    'academic-code': {
      title: 'Jämför Academic code med schacHomeOrganization',
      why: 'Portalen för klientcertifikat hittar en persons organisation med den schacHomeOrganization som IdP:n släpper, och den måste vara lika med organisationens Academic code i SCM. En skillnad syns bara som användare som inte får något certifikat.',
      does: 'Läser {{unit}} och jämför den Academic code som SCM rapporterar (fältet schacHomeOrganization) med {{schac}}. Om ni inte använder portalen kan du hoppa över steget.',
    },
    'find-unlinked': {
      title: 'Lista administratörerna utan IdP Person Id',
      why: 'En administratör utan IdP Person Id matchas vid sin första IdP-inloggning med e-postadressen, vilket är svagare: adresser återanvänds och delas, medan ett ePPN tillhör en person.',
      does: 'Läser alla administratörer för {{unit}} och dess avdelningar som din administratör kan se, och listar dem som saknar IdP Person Id, med det ePPN du angav för var och en. API-administratörer listas för sig: de använder bara API:t och kopplas inte.',
    },
    'link-admins': {
      title: 'Sätt varje administratörs IdP Person Id',
      why: 'När identitetsleverantören och ePPN är satta loggar SCM bara in administratören med den identiteten.',
      does: 'Sätter identitetsleverantören {{provider}} och ePPN på {{count}} administratör(er) för {{unit}}; {{already}} har dem redan.',
      manual:
        'Din administratör får inte ändra administratörer, så det här görs av någon som får: en RAO för organisationen med behörigheten att ändra andra administratörer (allowEdit), eller din MRAO. I SCM:s webbgränssnitt: Settings → Admins → välj administratören → Edit → Identity Provider = {{provider}}, IdP Person Id = ePPN nedan → Save, för var och en av de {{count}} administratörerna. Tryck sedan på Kontrollera.',
    },
    'read-back': {
      title: 'Läs tillbaka kopplingarna',
      why: 'Det SCM nu har, inte det som skickades.',
      does: 'Läser de {{count}} administratörerna igen och kontrollerar identitetsleverantören och ePPN för var och en; listar de administratörer för {{unit}} som fortfarande saknar det.',
    },
  },
  outcomes: {
    codeMatches: 'Academic code för {{unit}} är {{code}}, samma som IdP:ns schacHomeOrganization.',
    found: '{{count}} administratör(er) för {{unit}} syns för dig: {{unlinked}} saknar IdP Person Id, {{api}} är API-administratörer; du angav ePPN för {{planned}}.',
    apiAdminOne: '{{admin}}: en API-administratör, kopplas inte till IdP:n.',
    unlinkedOne: '{{admin}} ({{type}}): saknar IdP Person Id, och inget angavs.',
    unlinkedPlanned: '{{admin}} ({{type}}): saknar IdP Person Id; kopplas till {{eppn}}.',
    noLinks: 'Inga administratörer angavs att koppla: bara kontrollerna görs.',
    linkedOne: '{{admin}}: kopplad till {{eppn}} hos {{provider}}.',
    relinkedOne: '{{admin}}: kopplad till {{eppn}} hos {{provider}} (var {{before}}).',
    alreadyLinked: '{{admin}}: redan kopplad till {{eppn}}.',
    nothingToLink: 'Alla {{count}} administratörer var redan kopplade: inget skickades.',
    linkedCount: 'Kopplade {{count}} administratör(er) till {{provider}}; {{already}} var redan kopplade.',
    allLinked: 'Alla {{count}} administratörer är kopplade till sitt ePPN hos {{provider}}.',
    stillUnlinked: '{{admin}} saknar fortfarande IdP Person Id.',
    unlinkedNote: '{{count}} administratör(er) för {{unit}} saknar IdP Person Id: {{admins}}.',
    manualNote: 'Din administratör {{who}} får inte ändra administratörer: checklistan visar vad som ska sättas för hand och kontrollerar det.',
  },
  problems: {
    codeUnreadable: 'Din administratör {{who}} får inte läsa {{unit}}, så dess Academic code kan inte jämföras. En RAO för organisationen kan; annars kan du hoppa över steget.',
    codeNotReported: 'SCM rapporterar inte Academic code för {{unit}} (fältet är utfasat i API:t). Jämför den för hand med {{schac}} bland organisationens uppgifter i webbgränssnittet, och hoppa sedan över steget.',
    noAcademicCode: '{{unit}} har ingen Academic code i SCM, så portalen kan inte matcha {{schac}} mot den. Be din MRAO, som lägger upp organisationen, att sätta Academic code till {{schac}}.',
    codeMismatch: 'Academic code för {{unit}} är {{code}}, men IdP:n släpper schacHomeOrganization {{schac}}. Om IdP:ns värde är rätt, be din MRAO att ändra Academic code; om SCM:s är rätt ändrar den som driver er IdP schacHomeOrganization (och utsläppet i steg 1). Kontrollera igen när något av dem är ändrat.',
    noSuchAdmin: 'Det finns ingen administratör {{admin}} bland de administratörer för {{unit}} som din administratör kan se. Ange inloggningsnamnet, eller e-postadressen om den saknar inloggningsnamn.',
    ambiguous: 'Flera administratörer har adressen {{admin}}. Ange inloggningsnamnet för den som ska kopplas.',
    apiAdmin: '{{admin}} är en API-administratör: den använder bara API:t och loggar aldrig in via en IdP. Ta bort den.',
    eppnTaken: 'ePPN {{eppn}} är redan IdP Person Id för {{admin}}. Ett ePPN betecknar en person: kontrollera vilken administratör det hör till.',
    notLinkedOne: '{{admin}}: inte kopplad till {{eppn}} (dess IdP Person Id är {{now}}).',
    notLinked: '{{count}} administratör(er) är inte kopplade ännu: {{admins}}.',
    noProviders: 'SCM erbjuder din administratör ingen identitetsleverantör för administratörer. Fråga din MRAO vilka identitetsleverantörer er instans har för administratörsinloggning; API:t kan inte lägga till någon.',
    noSuchUnit: 'Det finns ingen organisation {{id}} bland dem du hanterar.',
    noSuchProvider: 'SCM erbjuder ingen identitetsleverantör {{id}} för administratörer. Välj en i listan.',
  },
  blockers: {
    mayNotEdit:
      'Din administratör {{who}} får inte ändra administratörer: den saknar behörigheten att ändra andra administratörer (allowEdit). En RAO för organisationen som har den, eller din MRAO, kan sätta IdP Person Id, eller ge dig behörigheten. Tryck på Kontrollera när de är satta.',
  },
  copy: {
    entityId: 'SCM:s entityID',
    shibboleth: 'Shibboleth IdP: attributfilterpolicy',
    satosa: 'SATOSA: pySAML2-policy för SAML2-frontenden',
    ssoCheck: 'SSO-kontrollsidan',
    ssoCheckSandbox: 'SSO-kontrollsidan för en riktig kund på cert-manager.com (övningsmiljön har ingen IdP-inloggning)',
    ssoCheckOtherHost: 'SSO-kontrollsidan (dokumenterad för cert-manager.com; på {{host}} antas samma adress, den är inte dokumenterad)',
    portal: 'Portalen för klientcertifikat',
    portalSandbox: 'Portalen för klientcertifikat för en riktig kund på cert-manager.com (övningsmiljön har ingen)',
    portalOtherHost: 'Portalen för klientcertifikat (dokumenterad för cert-manager.com; på {{host}} antas samma adress, den är inte dokumenterad)',
    schac: 'schacHomeOrganization (Academic code måste vara lika med den)',
    eppnOf: 'IdP Person Id för {{admin}}',
  },
};

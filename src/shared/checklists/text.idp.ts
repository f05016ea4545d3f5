import type { Catalogue } from '../catalogue';

/** The IdP checklist's words in English, under `idp` in the checklists' catalogue. */
export const idpTextEn = {
  title: 'Set up admin login through your IdP',
  summary:
    'What your institution’s SAML identity provider must release to SCM, and SCM’s side of it: the organization’s Academic code against the IdP’s schacHomeOrganization, the admins who have no IdP Person Id yet, and their ePPNs set through the API (or by hand where your admin may not edit admins). The console cannot see your IdP: the steps about it are instructions for its operator.',
  audience: 'For an RAO or DRAO. Setting the ePPNs through the API needs the privilege to edit peer admins (allowEdit); without it the console shows what to set by hand and checks it.',
  inputs: {
    orgId: { label: 'Organization', hint: 'Its admins and those of its departments are checked and linked.' },
    identityProviderId: { label: 'Identity provider', hint: 'Your institution’s IdP, as SCM lists it for admins. If it is missing, ask your MRAO.' },
    schacHomeOrganization: { label: 'schacHomeOrganization your IdP releases', hint: 'A domain name such as example.org. The client-certificate portal matches it against the organization’s Academic code.' },
    admins: { item: 'Admin {{number}}', add: 'Add an admin', label: 'Admins to link', hint: 'One row per admin: its login (or its email, for an admin without a login) and its ePPN exactly as the IdP releases it. Leave empty to only check.' },
    login: { label: 'Login (or email)', hint: 'As SCM lists the admin.' },
    eppn: { label: 'ePPN', hint: 'user@scope, such as anna.svensson@example.org.' },
  },
  steps: {
    'release-attributes': {
      title: 'Release the attributes to SCM (at your IdP)',
      why: 'SCM’s service provider {{entityId}} belongs to no entity category, so an IdP releases nothing to it until it is told to. Admin login needs eduPersonPrincipalName (the identifier SCM ties an admin to) and mail; displayName, givenName and sn give SCM the person’s name. The client-certificate portal also needs schacHomeOrganization ({{schac}}), and in some federations eduPersonAssurance (SWAMID asked for AL2, http://www.swamid.se/policy/assurance/al2).',
      does: 'The console cannot see or change your IdP: this step is for its operator. Copy the policy below for a Shibboleth IdP (attribute-filter.xml) or a SATOSA proxy (the SAML2 frontend’s pySAML2 policy). The attribute names are the usual ones; use the names your IdP’s attribute resolver or internal attribute map gives them. Mark this step as read once the release is in place.',
    },
    'sso-check': {
      title: 'Test the release on the SSO check page (in a browser)',
      why: 'The page tests a login from your IdP to SCM on its own, before any admin depends on it. It tells an IdP problem (an attribute not released) from an SCM one (an admin not linked).',
      does: 'The console cannot do this test. Open {{url}} in a browser, choose your IdP and sign in with an ordinary account. Only ePPN and mail are required there; look at the names too, and test with a name with å, ä or ö, which have arrived garbled before. Note the ePPNs it shows: they are what the admins are linked by. Mark this step as read once the test passes.',
    },
    'academic-code': {
      title: 'Compare the Academic code with schacHomeOrganization',
      why: 'The client-certificate portal finds a person’s organization by the schacHomeOrganization the IdP releases, which must equal the organization’s Academic code in SCM. A mismatch shows only as users who cannot get a certificate.',
      does: 'Reads {{unit}} and compares the Academic code SCM reports (its schacHomeOrganization field) with {{schac}}. If you do not use the portal, you may skip this step.',
    },
    'find-unlinked': {
      title: 'List the admins without an IdP Person Id',
      why: 'An admin without an IdP Person Id is matched to its first IdP login by email, which is weaker: addresses are reused and shared, while an ePPN belongs to one person.',
      does: 'Reads every admin of {{unit}} and its departments that your admin can see, and lists those with no IdP Person Id, with the ePPN you gave for each. API admins are listed apart: they use the API only and are not linked.',
    },
    'link-admins': {
      title: 'Set each admin’s IdP Person Id',
      why: 'With the identity provider and the ePPN set, SCM signs the admin in only with that identity.',
      does: 'Sets the identity provider {{provider}} and the ePPN on {{count}} admin(s) of {{unit}}; {{already}} have them already.',
      manual:
        'Your admin may not edit admins, so this is done by someone who may: an RAO of the organization with the privilege to edit peer admins (allowEdit), or your MRAO. In SCM’s web interface: Settings → Admins → select the admin → Edit → Identity Provider = {{provider}}, IdP Person Id = the ePPN below → Save, for each of the {{count}} admin(s). Then press Verify.',
    },
    'read-back': {
      title: 'Read the links back',
      why: 'What SCM now holds, not what was sent.',
      does: 'Reads the {{count}} admin(s) again and checks the identity provider and the ePPN of each; lists any admin of {{unit}} still without one.',
    },
  },
  outcomes: {
    codeMatches: 'The Academic code of {{unit}} is {{code}}, the same as the IdP’s schacHomeOrganization.',
    found: '{{count}} admin(s) of {{unit}} are visible to you: {{unlinked}} have no IdP Person Id, {{api}} are API admins; you gave ePPNs for {{planned}}.',
    apiAdminOne: '{{admin}}: an API admin, not linked to the IdP.',
    unlinkedOne: '{{admin}} ({{type}}): no IdP Person Id, and none given.',
    unlinkedPlanned: '{{admin}} ({{type}}): no IdP Person Id; will be linked to {{eppn}}.',
    noLinks: 'No admins were given to link: only the checks are made.',
    linkedOne: '{{admin}}: linked to {{eppn}} at {{provider}}.',
    relinkedOne: '{{admin}}: linked to {{eppn}} at {{provider}} (was {{before}}).',
    alreadyLinked: '{{admin}}: already linked to {{eppn}}.',
    nothingToLink: 'Each of the {{count}} admin(s) was linked already: nothing was sent.',
    linkedCount: 'Linked {{count}} admin(s) to {{provider}}; {{already}} were linked already.',
    allLinked: 'Each of the {{count}} admin(s) is linked to its ePPN at {{provider}}.',
    stillUnlinked: '{{admin}} still has no IdP Person Id.',
    unlinkedNote: '{{count}} admin(s) of {{unit}} have no IdP Person Id: {{admins}}.',
    manualNote: 'Your admin {{who}} may not edit admins: the checklist shows what to set by hand and checks it.',
  },
  problems: {
    codeUnreadable: 'Your admin {{who}} may not read {{unit}}, so its Academic code cannot be compared. An RAO of the organization can; or skip this step.',
    codeNotReported: 'SCM does not report the Academic code of {{unit}} (the API field is deprecated). Compare it by hand on the organization’s details in the web interface with {{schac}}, then skip this step.',
    noAcademicCode: '{{unit}} has no Academic code in SCM, so the portal cannot match {{schac}} to it. Ask your MRAO, who sets up the organization, to set the Academic code to {{schac}}.',
    codeMismatch: 'The Academic code of {{unit}} is {{code}}, but the IdP releases schacHomeOrganization {{schac}}. If the IdP’s value is right, ask your MRAO to change the Academic code; if SCM’s is right, your IdP’s operator changes schacHomeOrganization (and the release in step 1). Check again once one of them is changed.',
    noSuchAdmin: 'There is no admin {{admin}} among the admins of {{unit}} your admin can see. Give its login, or its email if it has no login.',
    ambiguous: 'Several admins have the address {{admin}}. Give the login of the one to link.',
    apiAdmin: '{{admin}} is an API admin: it uses the API only and never signs in through an IdP. Leave it out.',
    eppnTaken: 'The ePPN {{eppn}} is already the IdP Person Id of {{admin}}. An ePPN names one person: check which admin it belongs to.',
    notLinkedOne: '{{admin}}: not linked to {{eppn}} (its IdP Person Id is {{now}}).',
    notLinked: '{{count}} admin(s) are not linked yet: {{admins}}.',
    noProviders: 'SCM offers your admin no identity provider for admins. Ask your MRAO which identity providers your tenant has for admin sign-in; the API cannot add one.',
    noSuchUnit: 'There is no organization {{id}} among those you manage.',
    noSuchProvider: 'SCM offers no identity provider {{id}} for admins. Choose one from the list.',
  },
  blockers: {
    mayNotEdit:
      'Your admin {{who}} may not edit admins: it lacks the privilege to edit peer admins (allowEdit). An RAO of the organization who has it, or your MRAO, can set the IdP Person Ids, or give you the privilege. Press Verify once they are set.',
  },
  copy: {
    entityId: 'SCM’s entityID',
    shibboleth: 'Shibboleth IdP: attribute filter policy',
    satosa: 'SATOSA: pySAML2 policy for the SAML2 frontend',
    ssoCheck: 'SSO check page',
    ssoCheckSandbox: 'SSO check page of a real tenant on cert-manager.com (the practice sandbox has no IdP login)',
    ssoCheckOtherHost: 'SSO check page (documented for cert-manager.com; on {{host}} the same address is assumed, not documented)',
    portal: 'Client-certificate portal',
    portalSandbox: 'Client-certificate portal of a real tenant on cert-manager.com (the practice sandbox has none)',
    portalOtherHost: 'Client-certificate portal (documented for cert-manager.com; on {{host}} the same address is assumed, not documented)',
    schac: 'schacHomeOrganization (the Academic code it must equal)',
    eppnOf: 'IdP Person Id of {{admin}}',
  },
};

/** The same in Swedish. */
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

import type { Catalogue } from './catalogue';
import type { errorsEn } from './errorMessages';

/** The Swedish of `errorMessages.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
const kindsSv: Catalogue<typeof errorsEn.kind> = {
  auth: { message: 'SCM godtog inte inloggningen.', hint: 'Kontrollera profilens inloggningsnamn och hemlighet.' },
  'expired-password': { message: 'Lösenordet har gått ut, eller är fortfarande det tillfälliga.', hint: 'Byt lösenord på startsidan.' },
  permission: { message: 'Den här administratören får inte göra det.', hint: 'Be en administratör med rätt roll eller behörighet.' },
  validation: { message: 'Något i begäran behöver rättas.', hint: 'Rätta det och försök igen; inget ändrades.' },
  'not-found': { message: 'SCM har inget sådant, eller så ligger det utanför administratörens område.', hint: 'Kontrollera id:t och administratörens område.' },
  pending: { message: 'SCM arbetar fortfarande med det.', hint: 'Försök igen om en stund.' },
  'api-disabled': { message: 'REST-API:t är avstängt för organisationen eller avdelningen.', hint: 'En RAO kan slå på det.' },
  'read-only-tenant': { message: 'Den här kunden är skrivskyddad: SCM tar inte emot ändringar.', hint: 'Se handboken om plattformens status.' },
  'rate-limited': { message: 'SCM bad konsolen att sakta ner.', hint: 'Vänta en stund och försök igen.' },
  unavailable: { message: 'SCM eller konsolens lagring är inte tillgänglig.', hint: 'Försök igen om några minuter.' },
  network: { message: 'SCM gick inte att nå.', hint: 'Kontrollera nätverket och värden i profilen.' },
  timeout: { message: 'Inget svar kom i tid.', hint: 'Vid en ändring: kontrollera om den blev av innan du försöker igen.' },
  protocol: { message: 'Svaret var inte vad konsolen väntade sig.', hint: 'Rapportera det med konsolens version.' },
  internal: { message: 'Konsolen misslyckades oväntat.', hint: 'Försök igen; starta om konsolen om det fortsätter.' },
  cancelled: { message: 'Avbrutet, som du bad om.', hint: 'Starta igen när du vill.' },
};

export const errorsSv: Catalogue<typeof errorsEn> = {
  kind: kindsSv,
  detail: 'Detaljer: {{text}}',
  shell: {
    notConnected: {
      message: 'Fliken är inte ansluten till konsolen. Varje adress som konsolen skriver ut fungerar en gång, och den här har redan använts, har gått ut, eller så har konsolen startats om.',
      hint: 'Tryck Enter i terminalen där konsolen körs för att få en ny adress, och öppna den.',
    },
    unreachable: {
      message: 'Konsolens server gick inte att nå.',
      hint: 'Kontrollera att konsolen (npm run web eller npm start) fortfarande körs i sin terminal och läs sedan in sidan igen.',
    },
    refused: {
      message: 'Konsolens server nekade begäran (HTTP {{status}}).',
      hint: 'Läs in sidan igen. Starta om konsolen om det fortsätter.',
    },
  },
};

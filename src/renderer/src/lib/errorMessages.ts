import type { ErrorKind } from '../../../shared/result';
import type { Catalogue } from './catalogue';

type KindTexts = Record<ErrorKind, { message: string; hint: string }>;

const kindsEn: KindTexts = {
  auth: { message: 'SCM did not accept the sign-in.', hint: 'Check the profile’s login and secret.' },
  'expired-password': { message: 'The password has expired, or is still the temporary one.', hint: 'Change the password on the Home page.' },
  permission: { message: 'This admin may not do that.', hint: 'Ask an admin with the right role or privilege.' },
  validation: { message: 'Something in the request needs correcting.', hint: 'Correct it and try again; nothing was changed.' },
  'not-found': { message: 'SCM has no such item, or it is outside this admin’s scope.', hint: 'Check the id and the admin’s scope.' },
  pending: { message: 'SCM is still working on it.', hint: 'Try again in a little while.' },
  'api-disabled': { message: 'The REST API is switched off for this organization or department.', hint: 'An RAO can switch it on.' },
  'read-only-tenant': { message: 'This tenant is read-only: SCM accepts no changes.', hint: 'See the handbook on the platform’s status.' },
  'rate-limited': { message: 'SCM asked the console to slow down.', hint: 'Wait a moment and try again.' },
  unavailable: { message: 'SCM or the console’s store is not available.', hint: 'Try again in a few minutes.' },
  network: { message: 'SCM could not be reached.', hint: 'Check the network and the host in the profile.' },
  timeout: { message: 'No answer came in time.', hint: 'For a change, check whether it happened before you try again.' },
  protocol: { message: 'The answer was not what the console expects.', hint: 'Report it with the console’s version.' },
  internal: { message: 'The console failed unexpectedly.', hint: 'Try again; if it keeps failing, restart the console.' },
  cancelled: { message: 'Stopped, as asked.', hint: 'Start it again when you want.' },
};

const kindsSv: KindTexts = {
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

/** Errors the interface words itself: by kind, and by key where main or the page gives one. */
export const errorsEn = {
  kind: kindsEn,
  detail: 'Details: {{text}}',
  shell: {
    notConnected: {
      message: 'This tab is not connected to the console. Each address the console prints works once, and this one was used already, has expired, or the console was restarted.',
      hint: 'Press Enter in the terminal where the console runs to print a new address, and open that.',
    },
    unreachable: {
      message: 'The console’s server could not be reached.',
      hint: 'Check that the console (npm run web or npm start) is still running in its terminal, then reload the page.',
    },
    refused: {
      message: 'The console’s server refused the request (HTTP {{status}}).',
      hint: 'Reload the page. If it keeps happening, restart the console.',
    },
  },
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

import type { Catalogue } from '../../lib/catalogue';
import type { aboutEn } from './messages';

/** The Swedish of `messages.ts`, key for key: a module of its own, so that the first script, which carries the English, holds none of it. */
export const aboutSv: Catalogue<typeof aboutEn> = {
  title: 'Om',
  lead: 'En konsol för administratörer av Sectigo Certificate Manager: checklistor som skapar en dedikerad API-administratör, slår på REST-API:t för en organisation eller avdelning, sätter upp grundaviseringarna, lägger till och validerar en domän, skapar en avdelning och dess DRAO, ordnar administratörsinloggning via er IdP och beställer ett första SSL-certifikat med en nyckel skapad på din dator, steg för steg via API:t; SSL- och klientcertifikaten i ditt ansvarsområde, med det som behöver åtgärdas och åtgärderna på dem, ett i taget eller många på en gång; administratörerna du hanterar, som skapas, ändras, stängs av och tas bort med SCM:s regler kontrollerade först; era organisationer, avdelningar, domäner och aviseringar; handboken med varje rutin, på svenska och engelska; och en övningsmiljö. Den fungerar utan nätverk tillsammans med sin handbok.',
  version: 'Version',
  runningIn: 'Körs som',
  desktop: 'Skrivbordsprogram',
  browser: 'Webbläsarskal',
  platform: 'Plattform',
  node: 'Node.js',
  dataFolder: 'Datamapp',
};

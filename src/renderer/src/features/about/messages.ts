import type { Catalogue } from '../../lib/catalogue';

export const aboutEn = {
  title: 'About',
  lead: 'A console for administrators of Sectigo Certificate Manager: checklists that create a dedicated API admin, turn on the REST API for an organization or department, set up the baseline notifications, add and validate a domain, create a department and its DRAO, set up admin login through your IdP and order a first SSL certificate with a key made on your computer, step by step through the API; the SSL and client certificates in your scope, with what needs attention and the actions on them, one at a time or many at once; the admins you manage, created, edited, suspended and deleted with SCM’s rules checked first; your organizations, departments, domains and notifications; the handbook with every procedure, in English and Swedish; and a practice sandbox. It works offline with its handbook.',
  version: 'Version',
  runningIn: 'Running in',
  desktop: 'Desktop app',
  browser: 'Browser shell',
  platform: 'Platform',
  node: 'Node.js',
  dataFolder: 'Data folder',
};

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

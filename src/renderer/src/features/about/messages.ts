import type { Catalogue } from '../../lib/catalogue';

export const aboutEn = {
  title: 'About',
  lead: 'A console for administrators of Sectigo Certificate Manager: the admins you manage, their procedures in the handbook, and a practice sandbox. It works offline with its handbook.',
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
  lead: 'En konsol för administratörer av Sectigo Certificate Manager: administratörerna du hanterar, deras rutiner i handboken och en övningsmiljö. Den fungerar utan nätverk tillsammans med sin handbok.',
  version: 'Version',
  runningIn: 'Körs som',
  desktop: 'Skrivbordsprogram',
  browser: 'Webbläsarskal',
  platform: 'Plattform',
  node: 'Node.js',
  dataFolder: 'Datamapp',
};

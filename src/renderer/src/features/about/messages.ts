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

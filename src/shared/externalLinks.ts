/**
 * Hosts whose pages the console may open in the system browser. Anything else
 * (other hosts, other schemes, credentials in the URL) stays closed, so a link in
 * SCM data or a handbook page cannot send the user somewhere unexpected.
 */
export const externalHostAllowList: readonly string[] = [
  'cert-manager.com',
  'hard.cert-manager.com',
  'admin.enterprise.sectigo.com',
  'admin.hard.sectigo.com',
  'sectigo.com',
  'www.sectigo.com',
  'docs.sectigo.com',
  'support.sectigo.com',
  'wiki.geant.org',
  'www.sunet.se',
  'wiki.sunet.se',
  'www.harica.gr',
];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  if (url.port !== '') return false;
  return externalHostAllowList.includes(url.hostname);
}

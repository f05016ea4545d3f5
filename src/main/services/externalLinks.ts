import { isAllowedExternalUrl } from '../../shared/externalLinks';
import { fail, kindAnchor, ok, type Result } from '../../shared/result';

/** Opens a page in the system browser; absent where the shell cannot (the browser shell). */
export type OpenInSystemBrowser = ((url: string) => Promise<void>) | null;

export function createExternalLinkOpener(openInSystemBrowser: OpenInSystemBrowser) {
  return async (url: string): Promise<Result<{ opened: boolean }>> => {
    if (!isAllowedExternalUrl(url)) {
      return fail({
        kind: 'validation',
        message: 'The console opens only https links to known SCM and documentation sites; this link was not opened.',
        hint: 'Copy the address and open it yourself if you trust it.',
        anchor: kindAnchor('validation'),
      });
    }
    if (openInSystemBrowser === null) return ok({ opened: false });
    await openInSystemBrowser(url);
    return ok({ opened: true });
  };
}

import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../src/shared/externalLinks';
import { createExternalLinkOpener } from '../../src/main/services';

describe('external links', () => {
  it.each([
    'https://cert-manager.com/customer/sunet/ssocheck',
    'https://docs.sectigo.com/scm/',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://cert-manager.com/',
    'https://cert-manager.com.evil.example/',
    'https://user:pass@cert-manager.com/',
    'https://cert-manager.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('opens only allowed links, and says when it could not open one itself', async () => {
    const opened: string[] = [];
    const open = createExternalLinkOpener(async (url) => void opened.push(url));
    expect(await open('https://docs.sectigo.com/')).toEqual({ ok: true, value: { opened: true } });
    expect(await open('https://evil.example/')).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(opened).toEqual(['https://docs.sectigo.com/']);
    expect(await createExternalLinkOpener(null)('https://docs.sectigo.com/')).toEqual({ ok: true, value: { opened: false } });
  });
});

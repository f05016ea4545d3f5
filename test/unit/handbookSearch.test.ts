import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileHandbook, compileTranslation } from '../../src/handbook/compile';
import type { HandbookLanguage } from '../../src/shared/handbook';
import { loadHandbookIndex, searchHandbook, type HandbookSearcher } from '../../src/shared/handbookSearch';

const docs = join(fileURLToPath(new URL('../../', import.meta.url)), 'resources', 'docs');
const searchers = {} as Record<HandbookLanguage, HandbookSearcher>;

beforeAll(async () => {
  const english = await compileHandbook(docs);
  const swedish = await compileTranslation(docs, 'sv', english);
  searchers.en = loadHandbookIndex(english.bundle.searchIndex, 'en');
  searchers.sv = loadHandbookIndex(swedish.handbook.bundle.searchIndex, 'sv');
});

const top = (language: HandbookLanguage, query: string, count = 3) =>
  searchHandbook(searchers[language], query)
    .slice(0, count)
    .map((hit) => (hit.anchor === '' ? hit.page : `${hit.page}#${hit.anchor}`));

/**
 * Questions as RAOs, DRAOs and support staff type them, each with the
 * passages that answer it: one of them must be among the first three results.
 */
const english: [string, RegExp][] = [
  ['what does error -16 mean', /^errors#scm-16$/],
  ['what does -1021 mean', /^errors#scm-1021$/],
  ['where do I find the customer URI', /^connecting#customer-uri$/],
  ['how do I revoke a certificate', /^certificates#revoke$/],
  ['which attributes to release', /^(idp#attributes|procedure-idp#step-release-attributes)$/],
  ['how long is DCV valid', /^domains-dcv#dcv-expiry$/],
  ['password expires soon', /^connecting#password-expiry$/],
  ['pending approval', /^(certificates#approve|domains-dcv#delegation|procedure-domain-dcv#step-await-approval|procedure-first-certificate#step-approve|web-ui-paths#ui-approve-certificate)$/],
  ['TLS certificate', /^(certificates|procedure-first-certificate)(#.*)?$/],
  ['fullchain', /^certificates#(chains|collect-formats)$/],
  ['S/MIME', /^certificates#smime/],
  ['x509CO', /^certificates#collect-formats$/],
  ['temporary password', /^(admins#temporary-password|connecting#sign-in-expired-password|checklists#password|procedure-api-admin#create|procedure-new-department#step-hand-over)$/],
  ['initial password change', /^(procedure-api-admin#first-password|connecting#change-password|connecting#sign-in-expired-password)$/],
  ['locked account', /^connecting#sign-in-locked$/],
  ['I forgot my password', /^(admins#forgotten-password|connecting#sign-in-forgotten-password)$/],
  ['someone left the institution', /^admins#someone-left$/],
  ['how to delete an admin', /^admins#(delete|someone-left)$/],
  ['enable the REST API for a department', /^procedure-rest-api-org(#.*)?$/],
  ['what is a DRAO', /^roles#drao$/],
  ['roles must be on the same level', /^(errors#scm-219|roles#one-person-several-credentials)$/],
  ['wildcard', /^domains-dcv#wildcards$/],
  ['why is the wildcard not validated', /^(domains-dcv#wildcards|errors#scm-723|procedure-domain-dcv#.*)$/],
  ['CNAME validation', /^(domains-dcv#dcv-methods|procedure-domain-dcv#step-dcv)$/],
  ['CAA record', /^(domains-dcv#caa|procedure-domain-dcv#step-check-caa)$/],
  ['who approves domain delegations', /^(domains-dcv#delegation|contacts#.*|procedure-domain-dcv#step-await-approval)$/],
  ['support address to unlock an account', /^(contacts#.*|connecting#sign-in-locked)$/],
  ['Sectigo REST API documentation', /^(contacts#sectigo-docs|rest-api#sectigo-documentation)$/],
  ['ACME EAB', /^rest-api#acme/],
  ['code signing enrollment', /^code-signing#no-api-enrollment$/],
  ['hardware token', /^code-signing#hardware-tokens$/],
  ['revoke after the move away from Sectigo', /^(platform-status#revocation|contacts#revocation)$/],
  ['S/MIME abuse address', /^(platform-status#revocation|contacts#revocation)$/],
  ['legacy key encryption', /^(certificates#smime-pitfalls|web-ui-paths#ui-other-paths)$/],
  ['OV validation address', /^organizations#ov-address$/],
  ['auto approve for SAML self enrollment', /^(certificates#approve|idp#known-problems)$/],
  ['entity category', /^idp#known-problems$/],
  ['where does the CN come from in the portal', /^(idp#client-portal|idp#known-problems)$/],
  ['maximum number of certificates per person', /^(certificates#smime-pitfalls|errors#scm-188)$/],
  ['notification baseline', /^notifications#baseline$/],
  ['secret key', /^(procedure-rest-api-org#secret-key|web-ui-paths#ui-secret-key)$/],
  ['where is my password stored', /^connecting#keychain$/],
  ['export a checklist record', /^checklists#export$/],
  ['revoke many certificates at once', /^certificates#bulk$/],
  ['PKCS#12', /^certificates#pkcs12$/],
  ['revoke reason', /^certificates#revoke-reasons$/],
  ['CSR refused', /^errors#scm-10$/],
  ['unknown user', /^errors#scm-16$/],
  ['customerUri', /^connecting#customer-uri$/],
  ['practice without an SCM account', /^start-here#sandbox$/],
  ['npm run web', /^start-here#browser-shell$/],
  ['read-only tenant', /^(errors#kind-read-only-tenant|platform-status#read-only-tenants)$/],
  ['no Approve button', /^certificates#approve$/],
];

describe('handbook search in English', () => {
  it('has at least forty questions', () => expect(english.length).toBeGreaterThanOrEqual(40));

  it.each(english)('answers “%s” in its first three results', (query, expected) => {
    expect(top('en', query), query).toContainEqual(expect.stringMatching(expected));
  });

  it('forgives a typo and matches the start of a word', () => {
    expect(top('en', 'wildcrd').some((hit) => hit.startsWith('domains-dcv'))).toBe(true);
    expect(top('en', 'notif').some((hit) => hit.startsWith('notifications') || hit.startsWith('procedure-notifications'))).toBe(true);
  });

  it('leaves out words that carry no meaning, and a question of only those finds nothing', () => {
    expect(top('en', 'what does it mean')).toEqual([]);
    expect(top('en', 'x')).toEqual([]);
  });

  it('does not let one letter match every word that starts with it', () => {
    // "S/MIME" is one word (with its synonym, client certificates); "s" alone would match nearly every passage.
    const hits = searchHandbook(searchers.en, 'S/MIME').slice(0, 8);
    expect(hits.length).toBe(8);
    expect(hits.every((hit) => /s\/mime|client|e-?mail certificate/i.test(`${hit.heading} ${hit.text}`))).toBe(true);
  });

  it('keeps an SCM code whole: -16 is not -160 or 16 characters', () => {
    const hits = searchHandbook(searchers.en, '-16');
    expect(hits[0]?.anchor).toBe('scm-16');
    expect(hits.every((hit) => /(^|[^\p{L}\p{N}])-16(?!\d)/u.test(`${hit.heading} ${hit.text}`))).toBe(true);
  });

  it('takes enormous and odd input without trouble', () => {
    // One word of a hundred thousand letters: no near-miss search over it, and only the first 200 characters are read.
    expect(searchHandbook(searchers.en, 'x'.repeat(100_000))).toEqual([]);
    expect(searchHandbook(searchers.en, `${'revoke '.repeat(20_000)}`).length).toBeGreaterThan(0);
    for (const odd of ['"*+?[](){}\\^$|', '-- - / //', '\u0000\u200b\u202e', '__proto__ constructor', '<script>alert(1)</script>']) {
      expect(() => searchHandbook(searchers.en, odd), odd).not.toThrow();
    }
  });

  it('finds SSL passages for TLS, and the other way round', () => {
    expect(searchHandbook(searchers.en, 'TLS').some((hit) => /\bSSL\b/.test(hit.text) && !/\bTLS\b/.test(hit.text))).toBe(true);
  });
});

/** The same for a Swedish RAO, in the Swedish handbook. */
const swedish: [string, RegExp][] = [
  ['låst konto', /^connecting#sign-in-locked$/],
  ['vad betyder fel -16', /^errors#scm-16$/],
  ['hur återkallar jag ett certifikat', /^certificates#revoke$/],
  ['spärra ett certifikat', /^certificates#revoke$/],
  ['var hittar jag kund-URI', /^connecting#customer-uri$/],
  ['hur länge gäller DCV', /^domains-dcv#dcv-expiry$/],
  ['lösenordet går ut snart', /^connecting#password-expiry$/],
  ['väntar på godkännande', /^(certificates#approve|procedure-domain-dcv#step-await-approval|domains-dcv#delegation)$/],
  ['TLS-certifikat', /^(certificates|procedure-first-certificate|procedure-rest-api-org#step-enable-ssl-api)(#.*)?$/],
  ['vilka attribut ska IdP:n släppa', /^(idp#attributes|procedure-idp#step-release-attributes)$/],
  ['tillfälligt lösenord', /^(admins#temporary-password|procedure-api-admin#create|connecting#sign-in-expired-password)$/],
  ['jag har glömt mitt lösenord', /^(admins#forgotten-password|connecting#sign-in-forgotten-password)$/],
  ['jokertecken', /^domains-dcv#wildcards$/],
  ['återkalla många certifikat på en gång', /^certificates#bulk$/],
  ['jämför med grundnivån', /^notifications#baseline$/],
  ['grundnivån', /^(notifications#baseline|procedure-notifications#step-baseline)$/],
  ['granskningslogg', /^workspace#audit-log$/],
  ['slå på REST-API för en avdelning', /^(procedure-rest-api-org(#.*)?|procedure-new-department#step-enable-api)$/],
  ['vem kontaktar jag', /^contacts(#.*)?$/],
  ['S/MIME', /^certificates#smime/],
  ['kodsignering på hårdvarutoken', /^code-signing#hardware-tokens$/],
  ['någon har slutat', /^admins#someone-left$/],
  ['vad är en DRAO', /^roles#drao$/],
  ['exportera protokoll', /^checklists#export$/],
  ['CAA-post', /^(domains-dcv#caa|procedure-domain-dcv#step-check-caa)$/],
  ['fullchain', /^certificates#(chains|collect-formats)$/],
  ['öva utan SCM-konto', /^start-here#sandbox$/],
  ['var sparas lösenordet', /^connecting#keychain$/],
  ['CSR nekades', /^errors#scm-10$/],
];

describe('handbook search in Swedish', () => {
  it.each(swedish)('answers “%s” in its first three results', (query, expected) => {
    expect(top('sv', query), query).toContainEqual(expect.stringMatching(expected));
  });

  it('leaves out Swedish words that carry no meaning, but keeps those that do', () => {
    expect(top('sv', 'vad är det')).toEqual([]);
    // "dagar" and "gäller" are stop words in general lists, not here: DCV lasts so many days.
    expect(top('sv', 'hur många dagar gäller DCV')).toContainEqual(expect.stringMatching(/^domains-dcv#dcv-expiry$/));
  });
});

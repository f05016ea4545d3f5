import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCaa, defaultCaaResolver } from '../../src/main/services/checklists/caa';
import { startDnsServer, type DnsServer } from '../support/dnsServer';

let dns: DnsServer;

beforeAll(async () => {
  dns = await startDnsServer({
    'open.example': {},
    'sectigo-only.example': { caa: [{ tag: 'issue', value: 'sectigo.com' }, { tag: 'iodef', value: 'mailto:pki@sectigo-only.example' }] },
    'sub.deep.sectigo-only.example': {},
    'other-ca.example': { caa: [{ tag: 'issue', value: 'letsencrypt.org' }] },
    'wild-other.example': { caa: [{ tag: 'issue', value: 'sectigo.com; account=42' }, { tag: 'issuewild', value: 'letsencrypt.org' }] },
    'wild-only.example': { caa: [{ tag: 'issue', value: ';' }, { tag: 'issuewild', value: 'comodoca.com' }] },
    'critical.example': { caa: [{ tag: 'issue', value: 'sectigo.com' }, { flags: 128, tag: 'tbs', value: 'unknown' }] },
    'alias.example': { cname: 'target.hosting.example' },
    'target.hosting.example': { caa: [{ tag: 'issue', value: 'digicert.com' }] },
    'hosting.example': { caa: [{ tag: 'issue', value: 'sectigo.com' }] },
    'broken.example': { servfail: true },
    'child.broken.example': {},
  });
});

afterAll(async () => {
  await dns.close();
});

function resolver(): Resolver {
  const local = new Resolver({ timeout: 2000, tries: 1 });
  local.setServers([dns.address]);
  return local;
}

describe('the CAA walk of RFC 8659 against a DNS server', () => {
  it('finds no record anywhere up to the top-level domain, which allows any CA', async () => {
    expect(await checkCaa('open.example', resolver())).toEqual({ outcome: 'checked', at: null, records: [], domain: true, wildcard: true });
  });

  it('reads the records at the domain itself', async () => {
    expect(await checkCaa('sectigo-only.example', resolver())).toEqual({
      outcome: 'checked',
      at: 'sectigo-only.example',
      records: ['0 issue "sectigo.com"', '0 iodef "mailto:pki@sectigo-only.example"'],
      domain: true,
      wildcard: true,
    });
  });

  it('climbs from a name without records to the closest parent that has some', async () => {
    dns.asked.length = 0;
    expect(await checkCaa('sub.deep.sectigo-only.example', resolver())).toMatchObject({ outcome: 'checked', at: 'sectigo-only.example', domain: true });
    expect(dns.asked.filter((question) => question.endsWith('CAA'))).toEqual(['sub.deep.sectigo-only.example CAA', 'deep.sectigo-only.example CAA', 'sectigo-only.example CAA']);
  });

  it('says when the records name other CAs only', async () => {
    expect(await checkCaa('other-ca.example', resolver())).toMatchObject({ outcome: 'checked', at: 'other-ca.example', records: ['0 issue "letsencrypt.org"'], domain: false, wildcard: false });
  });

  it('reads issuewild for the wildcard, and issue (with its parameters) for the domain', async () => {
    expect(await checkCaa('wild-other.example', resolver())).toMatchObject({ domain: true, wildcard: false });
    expect(await checkCaa('wild-only.example', resolver())).toMatchObject({ domain: false, wildcard: true });
  });

  it('lets a critical record with an unknown tag forbid issuance', async () => {
    expect(await checkCaa('critical.example', resolver())).toMatchObject({ domain: false, wildcard: false });
  });

  it('follows an alias to its target, and does not climb from the target', async () => {
    expect(await checkCaa('alias.example', resolver())).toMatchObject({ outcome: 'checked', at: 'alias.example', records: ['0 issue "digicert.com"'], domain: false });
  });

  it('says the answer is unknown when a look-up fails, rather than reading it as no records', async () => {
    expect(await checkCaa('child.broken.example', resolver())).toEqual({ outcome: 'unknown', at: 'broken.example', reason: 'ESERVFAIL' });
  });

  it('takes the DNS server from TCS_DNS_SERVER', async () => {
    const before = process.env.TCS_DNS_SERVER;
    process.env.TCS_DNS_SERVER = dns.address;
    try {
      expect((defaultCaaResolver() as Resolver).getServers()).toEqual([dns.address]);
      expect(await checkCaa('sectigo-only.example')).toMatchObject({ outcome: 'checked', at: 'sectigo-only.example' });
    } finally {
      if (before === undefined) delete process.env.TCS_DNS_SERVER;
      else process.env.TCS_DNS_SERVER = before;
    }
  });
});

describe('CAA records as each Node release gives them', () => {
  it('reads the tag beside the type Node 24 adds, and without it as Node 20 gives it', async () => {
    const node24 = [{ critical: 0, type: 'CAA', issue: 'sectigo.com' }, { critical: 0, type: 'CAA', iodef: 'mailto:pki@example.org' }];
    const node20 = [{ critical: 0, issue: 'sectigo.com' }, { critical: 0, iodef: 'mailto:pki@example.org' }];
    for (const records of [node24, node20]) {
      const resolver = { resolveCaa: async () => records as never, resolveCname: async () => [] };
      expect(await checkCaa('example.org', resolver)).toMatchObject({ outcome: 'checked', domain: true, records: ['0 issue "sectigo.com"', '0 iodef "mailto:pki@example.org"'] });
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  closestDomains,
  coverageProblem,
  coveringDomains,
  delegationHolders,
  domainsAbove,
  domainsBelow,
  isBelow,
  recordCovers,
  requestPrivilegeFor,
  validationCovers,
} from '../../src/sandbox/coverage';
import type { Delegation, Domain, DomainValidation, Organization } from '../../src/sandbox/state/model';

const now = Date.UTC(2025, 5, 1);
const dayMs = 86_400_000;

const university = { id: 1, parentId: null } as Organization;
const physics = { id: 2, parentId: 1 } as Organization;
const institute = { id: 5, parentId: null } as Organization;

function validation(status: DomainValidation['status'], expires: number | null = now + 100 * dayMs): DomainValidation {
  return { status, expires } as DomainValidation;
}

function delegation(orgId: number, overrides: Partial<Delegation> = {}): Delegation {
  return { orgId, certTypes: ['SSL', 'SMIME'], domainCertificateRequestPrivileges: ['DOMAIN', 'SUBDOMAIN', 'WILDCARD_1ST_LEVEL', 'WILDCARD_2ND_LEVEL'], status: 'ACTIVE', ...overrides };
}

let nextId = 100;
function domain(name: string, overrides: Partial<Domain> = {}): Domain {
  return { id: nextId++, name, active: true, delegations: [delegation(university.id)], validation: validation('VALIDATED'), ...overrides } as Domain;
}

const names = (domains: Domain[]) => domains.map((candidate) => candidate.name);

describe('which domain record a certificate name falls under', () => {
  const plain = domain('example.org');
  const wildcard = domain('*.example.org');
  const physicsRecord = domain('physics.example.org');
  const records = [plain, wildcard, physicsRecord];

  it('covers a record’s own name unless the record is a wildcard, and every name below it', () => {
    expect(['example.org', 'www.example.org', '*.example.org', 'a.b.example.org'].map((name) => recordCovers(plain, name))).toEqual([true, true, true, true]);
    expect(['example.org', 'www.example.org', '*.example.org', 'a.b.example.org'].map((name) => recordCovers(wildcard, name))).toEqual([false, true, true, true]);
    expect(['notexample.org', 'example.org.evil.net', 'org'].some((name) => recordCovers(plain, name))).toBe(false);
  });

  it('takes the most specific records, a name and its wildcard record tying', () => {
    expect(names(closestDomains(records, 'www.physics.example.org'))).toEqual(['physics.example.org']);
    expect(names(closestDomains(records, 'www.example.org'))).toEqual(['example.org', '*.example.org']);
    expect(names(closestDomains(records, 'example.org'))).toEqual(['example.org']);
    expect(closestDomains(records, 'example.net')).toEqual([]);
  });

  it('asks of a delegation the request privilege the name needs', () => {
    expect(requestPrivilegeFor('example.org', 'example.org')).toBe('DOMAIN');
    expect(requestPrivilegeFor('www.example.org', 'example.org')).toBe('SUBDOMAIN');
    expect(requestPrivilegeFor('*.example.org', 'example.org')).toBe('WILDCARD_1ST_LEVEL');
    expect(requestPrivilegeFor('*.lab.example.org', 'example.org')).toBe('WILDCARD_2ND_LEVEL');
  });
});

describe('which names a domain’s validation stands for', () => {
  const plain = domain('example.org');
  const wildcard = domain('*.example.org');
  const physicsRecord = domain('physics.example.org');
  const other = domain('example.net');
  const records = [plain, wildcard, physicsRecord, other];

  it('stands for its base name and every name below, wildcard or not', () => {
    expect(['example.org', '*.example.org', 'www.physics.example.org'].every((name) => validationCovers('example.org', name))).toBe(true);
    expect(validationCovers('*.example.org', 'example.org')).toBe(true);
    expect(validationCovers('physics.example.org', 'example.org')).toBe(false);
    expect(validationCovers('example.org', 'badexample.org')).toBe(false);
  });

  it('puts subdomains and a wildcard record below the plain record, never the other way', () => {
    expect(isBelow('physics.example.org', 'example.org')).toBe(true);
    expect(isBelow('*.example.org', 'example.org')).toBe(true);
    expect(isBelow('example.org', '*.example.org')).toBe(false);
    expect(isBelow('example.org', 'example.org')).toBe(false);
    expect(names(domainsBelow(records, plain))).toEqual(['*.example.org', 'physics.example.org']);
    expect(names(domainsAbove(records, 'lab.physics.example.org'))).toEqual(['physics.example.org', 'example.org', '*.example.org']);
  });

  it('lists the records whose validation stands for a name, closest first', () => {
    expect(names(coveringDomains(records, 'www.physics.example.org'))).toEqual(['physics.example.org', 'example.org', '*.example.org']);
    expect(names(coveringDomains(records, 'example.com'))).toEqual([]);
  });
});

describe('whether an organization may order a name', () => {
  const problem = (records: Domain[], name: string, certType: 'SSL' | 'SMIME' = 'SSL', org: Organization = university) => coverageProblem(records, name, certType, org, now)?.code;

  it('allows a name under an active record delegated to the organization, or to its parent, and validated', () => {
    expect(problem([domain('example.org')], 'www.example.org')).toBeUndefined();
    expect(problem([domain('example.org')], 'www.example.org', 'SSL', physics)).toBeUndefined();
    expect([...delegationHolders(physics)]).toEqual([2, 1]);
  });

  it('refuses a name no record covers with -1010, naming it as the order wrote it', () => {
    const refusal = coverageProblem([domain('example.org')], 'www.example.net', 'SSL', university, now, 'WWW.example.net.');
    expect(refusal?.code).toBe(-1010);
    expect(refusal?.message).toBe("Domain 'WWW.example.net.' is not allowed.");
  });

  it('refuses with -1010 a record that is suspended, delegated elsewhere, only requested, or for another certificate type', () => {
    expect(problem([domain('example.org', { active: false })], 'www.example.org')).toBe(-1010);
    expect(problem([domain('example.org')], 'www.example.org', 'SSL', institute)).toBe(-1010);
    expect(problem([domain('example.org', { delegations: [delegation(1, { status: 'REQUESTED' })] })], 'www.example.org')).toBe(-1010);
    expect(problem([domain('example.org', { delegations: [delegation(1, { certTypes: ['SMIME'] })] })], 'www.example.org')).toBe(-1010);
    expect(problem([domain('example.org', { delegations: [delegation(1, { certTypes: ['SSL'] })] })], 'example.org', 'SMIME')).toBe(-1010);
  });

  it('asks the SSL request privilege of the delegation, and none for an email address’s domain', () => {
    const domainOnly = [domain('example.org', { delegations: [delegation(1, { domainCertificateRequestPrivileges: ['DOMAIN'] })] })];
    expect(problem(domainOnly, 'example.org')).toBeUndefined();
    expect(problem(domainOnly, 'www.example.org')).toBe(-1010);
    expect(problem(domainOnly, '*.example.org')).toBe(-1010);
    expect(problem(domainOnly, 'mail.example.org', 'SMIME')).toBeUndefined();
  });

  it('refuses a record whose validation ended with -107, by status or by date, and one never validated with -1137', () => {
    expect(problem([domain('example.org', { validation: validation('EXPIRED') })], 'www.example.org')).toBe(-107);
    expect(problem([domain('example.org', { validation: validation('VALIDATED', now) })], 'www.example.org')).toBe(-107);
    expect(problem([domain('example.org', { validation: validation('VALIDATED', now + 1) })], 'www.example.org')).toBeUndefined();
    expect(problem([domain('example.org', { validation: validation('NOT_VALIDATED', null) })], 'www.example.org')).toBe(-1137);
  });

  it('reads only the closest records: a parent validated does not help a subdomain record that is not', () => {
    expect(problem([domain('example.org'), domain('lab.example.org', { validation: validation('NOT_VALIDATED', null) })], 'www.lab.example.org')).toBe(-1137);
  });

  it('allows a name when either of two tied records allows it, and otherwise gives the refusal that got furthest', () => {
    const plainRefused = domain('example.org', { delegations: [delegation(5)] });
    expect(problem([plainRefused, domain('*.example.org')], 'www.example.org')).toBeUndefined();
    expect(problem([plainRefused, domain('*.example.org', { validation: validation('EXPIRED') })], 'www.example.org')).toBe(-107);
    expect(problem([domain('*.example.org', { validation: validation('EXPIRED') }), plainRefused], 'www.example.org')).toBe(-107);
  });
});

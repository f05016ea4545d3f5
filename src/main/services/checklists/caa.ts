import type { CaaRecord } from 'node:dns';
import { Resolver } from 'node:dns/promises';

/** The two look-ups the CAA walk needs; Node's resolver, or a test's. */
export interface CaaResolver {
  resolveCaa(name: string): Promise<CaaRecord[]>;
  resolveCname(name: string): Promise<string[]>;
}

/**
 * The issuer names Sectigo recognises in a CAA `issue` or `issuewild`
 * record: its own, and those of the brands it grew from.
 */
export const sectigoIssuers = ['sectigo.com', 'comodoca.com', 'comodo.com', 'usertrust.com', 'trust-provider.com'] as const;

/** The property tags RFC 8659 and its extensions define; a critical record with any other tag forbids issuance. */
const knownTags = new Set(['issue', 'issuewild', 'iodef', 'issuemail', 'contactemail', 'contactphone', 'issuevmc']);

/** What the CAA records of a domain say about Sectigo. */
export type CaaFinding =
  | {
      outcome: 'checked';
      /** Where the relevant records were found, or null when no name up to the top-level domain has any. */
      at: string | null;
      /** The relevant records, as a zone file writes them. */
      records: string[];
      /** May Sectigo issue for the domain itself, and for its wildcard? */
      domain: boolean;
      wildcard: boolean;
    }
  | {
      outcome: 'unknown';
      /** The name whose look-up failed, and how. */
      at: string;
      reason: string;
    };

/** The resolver the console uses: the system's, or the server `TCS_DNS_SERVER` names (`host` or `host:port`). */
export function defaultCaaResolver(): CaaResolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  const server = process.env.TCS_DNS_SERVER?.trim();
  if (server !== undefined && server !== '') resolver.setServers([server]);
  return resolver;
}

/** An answer that there is nothing there: the name does not exist, or has no such record. */
function nothingThere(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENODATA' || code === 'ENOTFOUND';
}

class LookupFailed extends Error {
  constructor(
    readonly at: string,
    readonly reason: string,
  ) {
    super(`${at}: ${reason}`);
  }
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown error';
}

/**
 * The CAA records at a name, as DNS resolution gives them: an alias is
 * followed to its target (at most eight times), and an empty answer is no
 * records.
 */
async function caaAt(resolver: CaaResolver, name: string, seen: Set<string> = new Set()): Promise<CaaRecord[]> {
  seen.add(name);
  try {
    const records = await resolver.resolveCaa(name);
    if (records.length > 0) return records;
  } catch (error) {
    if (!nothingThere(error)) throw new LookupFailed(name, reasonOf(error));
  }
  // A server that answers a CAA question with the alias alone leaves the alias to the asker.
  let targets: string[];
  try {
    targets = await resolver.resolveCname(name);
  } catch (error) {
    if (nothingThere(error)) return [];
    throw new LookupFailed(name, reasonOf(error));
  }
  const target = targets[0]?.toLowerCase().replace(/\.$/, '');
  if (target === undefined || target === '' || seen.has(target) || seen.size > 8) return [];
  return caaAt(resolver, target, seen);
}

function valueOf(record: CaaRecord, tag: string): string | undefined {
  const value = (record as unknown as Record<string, unknown>)[tag];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A record's property tag: Node gives it as the key that holds the value,
 * beside `critical` and, from Node 24 on, `type: 'CAA'`.
 */
function tagOf(record: CaaRecord): string {
  const keys = Object.keys(record).filter((key) => key !== 'critical');
  return keys.find((key) => knownTags.has(key)) ?? keys.find((key) => key !== 'type') ?? '';
}

/** A record as a zone file writes it: `0 issue "sectigo.com"`. */
export function caaText(record: CaaRecord): string {
  const tag = tagOf(record);
  return `${record.critical} ${tag} "${valueOf(record, tag) ?? ''}"`;
}

/** Whether a property's value names Sectigo: the issuer domain before any `;` parameters. */
function namesSectigo(value: string): boolean {
  const issuer = value.split(';')[0]!.trim().toLowerCase();
  return (sectigoIssuers as readonly string[]).includes(issuer);
}

/** What a set of relevant records allows, by RFC 8659 section 4: no `issue` record means no restriction. */
function allows(records: CaaRecord[]): { domain: boolean; wildcard: boolean } {
  // A critical property the CA does not understand forbids issuance altogether.
  if (records.some((record) => (record.critical & 128) !== 0 && !knownTags.has(tagOf(record).toLowerCase()))) return { domain: false, wildcard: false };
  const issue = records.map((record) => valueOf(record, 'issue')).filter((value) => value !== undefined);
  const issuewild = records.map((record) => valueOf(record, 'issuewild')).filter((value) => value !== undefined);
  const domain = issue.length === 0 || issue.some(namesSectigo);
  const wildcard = issuewild.length > 0 ? issuewild.some(namesSectigo) : domain;
  return { domain, wildcard };
}

/**
 * The CAA check of RFC 8659: the relevant records are the first non-empty
 * set found at the domain, then at each parent up to the top-level domain.
 * A look-up that fails (no network, a server failure, a time-out) leaves
 * the answer unknown: it is said so, never read as "no records".
 */
export async function checkCaa(domain: string, resolver: CaaResolver = defaultCaaResolver()): Promise<CaaFinding> {
  const labels = domain.toLowerCase().replace(/\.$/, '').replace(/^\*\./, '').split('.');
  try {
    for (let index = 0; index < labels.length; index += 1) {
      const name = labels.slice(index).join('.');
      const records = await caaAt(resolver, name);
      if (records.length > 0) return { outcome: 'checked', at: name, records: records.map(caaText), ...allows(records) };
    }
  } catch (error) {
    if (error instanceof LookupFailed) return { outcome: 'unknown', at: error.at, reason: error.reason };
    throw error;
  }
  return { outcome: 'checked', at: null, records: [], domain: true, wildcard: true };
}

import { dayMs } from './dates';
import type { SeededRandom } from './random';
import { adminName, type Admin, type SmimeCertificate, type SmimeState, type SslCertificate, type SslStatus } from './state/model';

/*
 * The seed draws each certificate on its own. This shapes the drawn set into an inventory an
 * administrator would recognise: requests by several admins, some awaiting approval or stuck at the
 * CA for days, renewals and replacements linked to what they renewed or replaced, certificates
 * found by discovery with little more than their names and dates, wildcards, and at least one of every status
 * and every kind of expiry a certificates page shows. It draws from a stream of its own, so what the
 * seed drew for a certificate stays unless this changes it, and the same seed still gives the same data.
 */

const hourMs = 60 * 60 * 1000;

/** Below this many certificates the seed is a sketch for other tests, and no kind of certificate is forced in. */
const inventoryCoverageMinimum = 50;

/** States that have had a certificate issued. */
const issuedStatuses: readonly SslStatus[] = ['Issued', 'Expired', 'Revoked', 'Replaced'];

/** Every SSL status, in the order the coverage pass makes a missing one. */
const allSslStatuses: readonly SslStatus[] = [
  'Issued', 'Expired', 'Revoked', 'Replaced', 'Requested', 'Approved', 'Applied', 'Declined', 'Rejected', 'Invalid', 'Init', 'SAApproved',
];

export interface SslInventoryShape {
  now: number;
  random: SeededRandom;
  /** Profiles that allow renewal; a renewal is made only of these. */
  renewableProfiles: ReadonlySet<number>;
  /** The single-name profile, and the wildcard profile some of its certificates become where a wildcard name is on offer. */
  singleNameProfile: number;
  wildcardProfile: number;
  /** The wildcard name an organization orders under, where it holds a wildcard domain. */
  wildcards: ReadonlyMap<number, string>;
  /** Admins, besides the usual requester, who request certificates for an organization or department. */
  otherRequesters: ReadonlyMap<number, readonly Admin[]>;
}

/** The dates and fields of a status, as SCM would have recorded them. */
interface Lifetime {
  /** For issued states: days from now to the end date (negative: ended that long ago). */
  expiresInDays?: number;
  /** For states before issuance: hours since the request. */
  requestedHoursAgo?: number;
  /** For Applied: never issued by itself (stuck at the CA). */
  stuck?: boolean;
}

/** Gives a certificate a status with dates that fit it. */
function live(certificate: SslCertificate, status: SslStatus, random: SeededRandom, now: number, lifetime: Lifetime = {}): void {
  Object.assign(certificate, {
    status, approved: null, issued: null, declined: null, expires: null, revoked: null, replaced: null, issueAt: null, reasonCode: null, revokeReason: '',
  });
  if (issuedStatuses.includes(status)) {
    const days = lifetime.expiresInDays ?? (status === 'Expired' ? -random.int(1, 1800) : random.int(31, 700));
    const expires = now + days * dayMs;
    const issued = Math.min(expires - certificate.term * dayMs, now - dayMs);
    certificate.expires = expires;
    certificate.issued = issued;
    certificate.requested = issued - random.int(0, 3) * dayMs;
    certificate.approved = certificate.requested;
    if (status === 'Revoked') {
      certificate.revoked = Math.min(now, issued + random.int(1, 300) * dayMs);
      certificate.reasonCode = random.pick([0, 1, 3, 4, 5]);
      certificate.revokeReason = 'Seeded revocation';
    }
    if (status === 'Replaced') certificate.replaced = Math.min(now, issued + random.int(1, 300) * dayMs);
    if (certificate.serialNumber === '') certificate.serialNumber = random.serial(16);
    return;
  }
  certificate.requested = now - (lifetime.requestedHoursAgo ?? random.int(25, 60 * 24)) * hourMs;
  if (status === 'Approved' || status === 'SAApproved' || status === 'Applied') certificate.approved = certificate.requested;
  if (status === 'Declined') certificate.declined = Math.min(now, certificate.requested + dayMs);
  if (status === 'Applied') {
    if (certificate.serialNumber === '') certificate.serialNumber = random.serial(16);
    if (lifetime.stuck !== true) certificate.issueAt = now + random.int(60, 3600) * 1000;
  } else {
    certificate.serialNumber = '';
  }
}

/** The later certificate takes on the earlier one's name, organization, profile, requester and key. */
function sameOrder(later: SslCertificate, earlier: SslCertificate): void {
  later.orgId = earlier.orgId;
  later.commonName = earlier.commonName;
  later.subjectAlternativeNames = [...earlier.subjectAlternativeNames];
  later.profileId = earlier.profileId;
  later.term = earlier.term;
  later.requesterId = earlier.requesterId;
  later.requester = earlier.requester;
  later.requestedVia = earlier.requestedVia;
  later.externalRequester = earlier.externalRequester;
  later.customFields = earlier.customFields.map((field) => ({ ...field }));
  later.keyAlgorithm = earlier.keyAlgorithm;
  later.keyParam = earlier.keyParam;
}

/** Makes `renewal` the renewal of `original`, asked for up to a month before the original's end. */
function renewAs(renewal: SslCertificate, original: SslCertificate, random: SeededRandom, now: number): void {
  sameOrder(renewal, original);
  // The renewal of a certificate still valid may still await approval.
  if (original.status === 'Issued' && renewal.status === 'Issued' && random.next() < 0.4) live(renewal, 'Requested', random, now, { requestedHoursAgo: 1 });
  renewal.requested = Math.min(original.expires! - random.int(1, 30) * dayMs, now - hourMs);
  if (renewal.status === 'Issued') {
    renewal.approved = renewal.requested;
    renewal.issued = Math.min(renewal.requested + random.int(0, 2) * dayMs, now - hourMs);
    renewal.expires = renewal.issued + renewal.term * dayMs;
    if (renewal.expires <= now) renewal.status = 'Expired';
  } else if (renewal.status === 'Applied') {
    renewal.approved = renewal.requested;
    renewal.issueAt = renewal.requested > now - dayMs ? now + random.int(60, 3600) * 1000 : null;
  }
  original.renewed = true;
  original.renewedToId = renewal.id;
  renewal.renewedFromId = original.id;
}

/** Makes `replacement` the certificate that replaced `original` (status Replaced): issued when the original was replaced. */
function replaceAs(replacement: SslCertificate, original: SslCertificate, random: SeededRandom, now: number): void {
  sameOrder(replacement, original);
  replacement.status = 'Issued';
  replacement.issued = original.replaced!;
  replacement.requested = Math.max(original.issued!, replacement.issued - random.int(0, 1) * dayMs);
  replacement.approved = replacement.requested;
  replacement.expires = replacement.issued + replacement.term * dayMs;
  if (replacement.expires <= now) replacement.status = 'Expired';
  original.replacedById = replacement.id;
}

/**
 * A certificate SCM found by discovery rather than issued to an order: its names, key and dates, and
 * nothing an order would have added (no requester, approver, comments, custom fields or DCV method).
 */
function discoveredAs(certificate: SslCertificate, random: SeededRandom, now: number): void {
  Object.assign(certificate, {
    requestedVia: 'Discovery', requesterId: null, requester: '', approverId: null, approved: null, externalRequester: '', comments: '', customFields: [], dcvMode: '',
  });
  certificate.requested = Math.min(now, certificate.issued! + random.int(0, 30) * dayMs);
}

/**
 * Shapes the seeded SSL certificates (in id order) into an inventory; see the top of this file.
 * Only the certificates' own fields change; their number and ids stay.
 */
export function shapeSslInventory(ssl: SslCertificate[], shape: SslInventoryShape): void {
  const { random, now } = shape;
  for (const certificate of ssl) {
    const others = shape.otherRequesters.get(certificate.orgId) ?? [];
    if (others.length > 0 && random.next() < 0.3) {
      const admin = random.pick(others);
      certificate.requesterId = admin.id;
      certificate.requester = adminName(admin);
      if (admin.type === 'API') certificate.requestedVia = 'REST API';
    }
    if (certificate.declined !== null) certificate.declined = Math.min(certificate.declined, now);
    if (certificate.status === 'Requested' && random.next() < 0.3) certificate.requested = now - random.int(1, 20) * hourMs;
    if (certificate.status === 'Applied') {
      // Half were sent to the CA today and are issued shortly; the others have waited there for days.
      if (random.next() < 0.5) live(certificate, 'Applied', random, now, { requestedHoursAgo: random.int(1, 20) });
      else live(certificate, 'Applied', random, now, { requestedHoursAgo: Math.max(25, Math.round((now - certificate.requested) / hourMs)), stuck: true });
    }
    const wildcard = shape.wildcards.get(certificate.orgId);
    if (wildcard !== undefined && certificate.profileId === shape.singleNameProfile && certificate.subjectAlternativeNames.length === 1 && certificate.term === 365 && random.next() < 0.08) {
      certificate.commonName = wildcard;
      certificate.subjectAlternativeNames = [wildcard];
      certificate.profileId = shape.wildcardProfile;
    }
  }

  // A certificate is made into one thing only: a renewal, a renewed original, a replacement, a replaced original or a discovered one.
  const shaped = new Set<number>();
  const renewable = (certificate: SslCertificate) =>
    (certificate.status === 'Issued' || certificate.status === 'Expired') &&
    shape.renewableProfiles.has(certificate.profileId) &&
    certificate.requestedVia !== 'Discovery' &&
    certificate.expires !== null &&
    certificate.expires >= now - 300 * dayMs &&
    certificate.expires <= now + 30 * dayMs;
  const awaitingRenewal: SslCertificate[] = [];
  const awaitingReplacement: SslCertificate[] = [];
  for (const certificate of ssl) {
    if (['Issued', 'Requested', 'Applied'].includes(certificate.status) && awaitingRenewal.length > 0 && random.next() < 0.25) {
      const original = awaitingRenewal.shift()!;
      renewAs(certificate, original, random, now);
      shaped.add(certificate.id).add(original.id);
      continue;
    }
    if (certificate.status === 'Issued' && awaitingReplacement.length > 0 && random.next() < 0.25) {
      const original = awaitingReplacement.shift()!;
      replaceAs(certificate, original, random, now);
      shaped.add(certificate.id).add(original.id);
      continue;
    }
    if (renewable(certificate) && random.next() < 0.6) awaitingRenewal.push(certificate);
    else if (certificate.status === 'Replaced' && random.next() < 0.6) awaitingReplacement.push(certificate);
  }
  for (const certificate of ssl) {
    if (shaped.has(certificate.id) || (certificate.status !== 'Issued' && certificate.status !== 'Expired') || random.next() >= 0.03) continue;
    discoveredAs(certificate, random, now);
    shaped.add(certificate.id);
  }
  if (ssl.length >= inventoryCoverageMinimum) ensureSslCoverage(ssl, shape, shaped);
}

/**
 * At least one certificate of each kind a certificates page shows, made from plain issued ones,
 * taken from the end so that the first certificates stay as drawn.
 */
function ensureSslCoverage(ssl: SslCertificate[], shape: SslInventoryShape, shaped: Set<number>): void {
  const { random, now } = shape;
  let cursor = ssl.length - 1;
  const donor = (): SslCertificate | undefined => {
    for (; cursor >= 0; cursor--) {
      const candidate = ssl[cursor]!;
      if (candidate.status === 'Issued' && !shaped.has(candidate.id) && candidate.requestedVia !== 'Discovery') {
        cursor -= 1;
        shaped.add(candidate.id);
        return candidate;
      }
    }
    return undefined;
  };
  const some = (test: (certificate: SslCertificate) => boolean) => ssl.some(test);
  for (const status of allSslStatuses) {
    if (!some((certificate) => certificate.status === status)) {
      const certificate = donor();
      if (certificate !== undefined) live(certificate, status, random, now);
    }
  }
  const kinds: [(certificate: SslCertificate) => boolean, SslStatus, Lifetime][] = [
    [(c) => c.status === 'Issued' && c.expires! > now && c.expires! <= now + 30 * dayMs, 'Issued', { expiresInDays: random.int(1, 30) }],
    [(c) => c.status === 'Expired' && c.expires! >= now - 30 * dayMs, 'Expired', { expiresInDays: -random.int(1, 30) }],
    [(c) => c.status === 'Expired' && c.expires! < now - 365 * dayMs, 'Expired', { expiresInDays: -random.int(400, 1800) }],
    [(c) => c.status === 'Requested' && c.requested < now - dayMs, 'Requested', { requestedHoursAgo: random.int(25, 24 * 30) }],
    [(c) => c.status === 'Requested' && c.requested >= now - dayMs, 'Requested', { requestedHoursAgo: random.int(1, 20) }],
    [(c) => c.status === 'Applied' && c.issueAt === null, 'Applied', { requestedHoursAgo: random.int(25, 24 * 30), stuck: true }],
    [(c) => c.status === 'Applied' && c.issueAt !== null, 'Applied', { requestedHoursAgo: random.int(1, 20) }],
  ];
  for (const [present, status, lifetime] of kinds) {
    if (some(present)) continue;
    const certificate = donor();
    if (certificate !== undefined) live(certificate, status, random, now, lifetime);
  }
  if (!some((c) => c.renewedToId !== null)) {
    const renewal = donor();
    const original = donor();
    if (renewal !== undefined && original !== undefined) {
      live(original, 'Issued', random, now, { expiresInDays: random.int(1, 30) });
      renewAs(renewal, original, random, now);
    }
  }
  if (!some((c) => c.status === 'Replaced' && c.replacedById !== null)) {
    const replacement = donor();
    const original = donor();
    if (replacement !== undefined && original !== undefined) {
      live(original, 'Replaced', random, now);
      replaceAs(replacement, original, random, now);
    }
  }
  if (!some((c) => c.requestedVia === 'Discovery')) {
    const certificate = donor();
    if (certificate !== undefined) discoveredAs(certificate, random, now);
  }
}

export interface SmimeInventoryShape {
  now: number;
  random: SeededRandom;
  /** A profile with a longer term (395 days), and one that does not allow renewal. */
  longTermProfile: { id: number; term: number };
  oneOffProfile: number;
}

/** Gives a client certificate a state with dates that fit it. */
function liveSmime(certificate: SmimeCertificate, state: SmimeState, random: SeededRandom, now: number, expiresInDays: number): void {
  const expires = now + expiresInDays * dayMs;
  certificate.state = state;
  certificate.expires = expires;
  certificate.issued = Math.min(expires - certificate.term * dayMs, now - dayMs);
  certificate.requested = certificate.issued - dayMs;
  certificate.issueAt = null;
  certificate.revoked = state === 'revoked' ? Math.min(now, certificate.issued + random.int(1, 100) * dayMs) : null;
  certificate.reasonCode = state === 'revoked' ? 0 : null;
  if (certificate.serialNumber === '') certificate.serialNumber = random.serial(16);
}

/**
 * Shapes the seeded client certificates (in id order): some on the other profiles, and, when there
 * are enough of them, at least one ending within 30 days, one expired recently and one long ago.
 */
export function shapeSmimeInventory(smime: SmimeCertificate[], shape: SmimeInventoryShape): void {
  const { random, now } = shape;
  for (const certificate of smime) {
    if (certificate.issued === null || certificate.term !== 365) continue;
    const roll = random.next();
    if (roll < 0.1) {
      certificate.profileId = shape.longTermProfile.id;
      certificate.term = shape.longTermProfile.term;
      certificate.issued = certificate.expires! - certificate.term * dayMs;
      certificate.requested = certificate.issued - dayMs;
      if (certificate.revoked !== null) certificate.revoked = Math.min(now, Math.max(certificate.revoked, certificate.issued + dayMs));
    } else if (roll < 0.15) {
      certificate.profileId = shape.oneOffProfile;
    }
  }
  if (smime.length < 20) return;
  let cursor = smime.length - 1;
  const donor = (): SmimeCertificate | undefined => {
    for (; cursor >= 0; cursor--) {
      const candidate = smime[cursor]!;
      if (candidate.state === 'issued' && candidate.term === 365) {
        cursor -= 1;
        return candidate;
      }
    }
    return undefined;
  };
  const kinds: [(certificate: SmimeCertificate) => boolean, SmimeState, number][] = [
    [(c) => c.state === 'issued' && c.expires! <= now + 30 * dayMs, 'issued', random.int(1, 30)],
    [(c) => c.state === 'expired' && c.expires! >= now - 30 * dayMs, 'expired', -random.int(1, 30)],
    [(c) => c.state === 'expired' && c.expires! < now - 365 * dayMs, 'expired', -random.int(400, 700)],
    [(c) => c.state === 'revoked', 'revoked', random.int(31, 300)],
  ];
  for (const [present, state, expiresInDays] of kinds) {
    if (smime.some(present)) continue;
    const certificate = donor();
    if (certificate !== undefined) liveSmime(certificate, state, random, now, expiresInDays);
  }
}

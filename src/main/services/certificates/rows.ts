import { certificateKey, type CertificateKind, type CertificateRow, type CertificateState } from '../../../shared/certificates';
import type { SmimeInventoryRow, SslInventoryRow } from '../../../shared/scm/types';

/** A certificate as the cache keeps it: the row without what depends on the day it is read. */
export type StoredRow = Omit<CertificateRow, 'daysLeft' | 'state'> & {
  /** The state SCM's word gives; an issued certificate past its end reads as expired when shown. */
  baseState: CertificateState;
};

const sslStates: Record<string, CertificateState> = {
  requested: 'requested',
  approved: 'approved',
  saapproved: 'approved',
  applied: 'applied',
  issued: 'issued',
  expired: 'expired',
  revoked: 'revoked',
  declined: 'declined',
  rejected: 'declined',
  replaced: 'replaced',
};

const smimeStates: Record<string, CertificateState> = {
  requested: 'requested',
  created: 'requested',
  issued: 'issued',
  downloaded: 'issued',
  expired: 'expired',
  revoked: 'revoked',
  pre_revoked: 'revoked',
  rejected: 'declined',
};

/** SCM's word for a state, in either kind's spelling, as one of the console's states. */
export function stateOf(kind: CertificateKind, status: string): CertificateState {
  const table = kind === 'ssl' ? sslStates : smimeStates;
  return table[status.toLowerCase()] ?? 'other';
}

export function fromSslRow(row: SslInventoryRow, orgNames: ReadonlyMap<number, string>): StoredRow {
  return {
    key: certificateKey('ssl', row.id),
    kind: 'ssl',
    id: row.id,
    backendCertId: null,
    commonName: row.commonName,
    names: row.subjectAlternativeNames,
    status: row.status,
    baseState: stateOf('ssl', row.status),
    orgId: row.orgId,
    orgName: (row.orgId === null ? null : orgNames.get(row.orgId)) ?? row.organizationName,
    profileName: row.profileName,
    term: row.term ?? null,
    requested: row.requested,
    issued: row.issued,
    expires: row.expires,
    requester: row.requester,
    serialNumber: row.serialNumber,
  };
}

export function fromSmimeRow(row: SmimeInventoryRow, orgNames: ReadonlyMap<number, string>): StoredRow {
  return {
    key: certificateKey('smime', row.id),
    kind: 'smime',
    id: row.id,
    backendCertId: row.backendCertId === '' ? null : row.backendCertId,
    commonName: row.commonName,
    names: row.email === '' ? [] : [row.email],
    status: row.status,
    baseState: stateOf('smime', row.status),
    orgId: row.orgId,
    orgName: (row.orgId === null ? null : orgNames.get(row.orgId)) ?? row.organizationName,
    profileName: row.profileName,
    term: null,
    requested: null,
    issued: row.issued,
    expires: row.expires,
    requester: null,
    serialNumber: row.serialNumber,
  };
}

const dayMs = 86_400_000;

/** Days since the epoch of an ISO date or timestamp; null when there is none or it cannot be read. */
export function dayNumber(value: string | null): number | null {
  if (value === null || value.length < 10) return null;
  const time = Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(time) ? null : Math.floor(time / dayMs);
}

/** Today, in days since the epoch (UTC). */
export function today(now: number): number {
  return Math.floor(now / dayMs);
}

/** The row as shown on `day`: days left counted, an issued certificate past its end expired. */
export function shown(row: StoredRow, day: number): CertificateRow {
  const end = dayNumber(row.expires);
  const daysLeft = end === null ? null : end - day;
  const state = row.baseState === 'issued' && daysLeft !== null && daysLeft < 0 ? 'expired' : row.baseState;
  const { baseState: _baseState, ...rest } = row;
  return { ...rest, state, daysLeft };
}

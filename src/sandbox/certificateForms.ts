import { X509Certificate, randomBytes } from 'node:crypto';
import { requireInteger, type RouteContext } from './context';
import { invalidField } from './errors';
import type { CertificateProfile } from './state/model';

/*
 * How SCM writes and reads what every kind of certificate has in common (serials, names, profiles,
 * revocation fields, dates in report filters), shared by the SSL, S/MIME and code-signing routes.
 */

/** The sandbox CA signs with ECDSA P-384. */
export const sandboxSignatureAlgorithm = 'SHA384withECDSA';

const revocationReasonCodes = [0, 1, 3, 4, 5];

/** Upper-case hex of 16 random bytes, first byte non-zero and top bit clear so the serial is positive. */
export function newSerialNumber(): string {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return serial.toString('hex').toUpperCase();
}

/** SCM's display form of a serial: colon-separated byte pairs. */
export function colonSerial(serial: string): string {
  // A loop rather than a regular expression: a report writes 100,000 of these.
  let out = serial.slice(0, 2);
  for (let index = 2; index < serial.length; index += 2) out += `:${serial.slice(index, index + 2)}`;
  return out;
}

/** A serial as clients write it (colons, spaces, lower case, leading zeros) reduced to one form. */
export function normalSerial(serial: string): string {
  return serial.replace(/[\s:]/g, '').toUpperCase().replace(/^0+(?=.)/, '');
}

/** Node writes DNs one attribute a line; SCM shows them comma-separated. */
export function oneLineName(multiLine: string): string {
  return multiLine.split('\n').join(', ');
}

const caNames = new Map<string, string>();

/** The issuing CA's name, read once per CA certificate. */
export function caSubject(context: RouteContext): string {
  let name = caNames.get(context.ca.intermediatePem);
  if (name === undefined) {
    name = oneLineName(new X509Certificate(context.ca.intermediatePem).subject);
    caNames.set(context.ca.intermediatePem, name);
  }
  return name;
}

/** The common name in a node-formatted subject. */
export function commonNameOf(subject: string): string {
  return /(?:^|\n)CN=([^\n]+)/.exec(subject)?.[1] ?? '';
}

/** A revocation reason code: unspecified (0) unless given; 0, 1, 3, 4 or 5. */
export function readReasonCode(body: Record<string, unknown>): number {
  const reasonCode = body.reasonCode === undefined || body.reasonCode === null || body.reasonCode === '' ? 0 : requireInteger(body, 'reasonCode');
  if (!revocationReasonCodes.includes(reasonCode)) throw invalidField('reasonCode', 'allowed values are 0, 1, 3, 4 and 5');
  return reasonCode;
}

/** When a manual revocation happened: now unless an ISO date is given. */
export function readRevokeDate(body: Record<string, unknown>, now: number): number {
  const raw = body.revokeDate;
  if (raw === undefined || raw === null || raw === '') return now;
  const time = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(time)) throw invalidField('revokeDate', 'use an ISO date');
  return time;
}

/** A certificate given in an import: base64 DER (as documented) or PEM. */
export function readImportedCertificate(raw: unknown): X509Certificate | string {
  if (typeof raw !== 'string' || raw.trim() === '') return 'cert is required but missing';
  try {
    const text = raw.trim();
    return new X509Certificate(text.startsWith('-----') ? text : Buffer.from(text.replace(/\s+/g, ''), 'base64'));
  } catch {
    return 'The certificate cannot be parsed';
  }
}

/** A certificate profile as the types endpoints and the details show it. */
export function profileView(profile: CertificateProfile) {
  return {
    id: profile.id,
    name: profile.name,
    description: profile.description,
    terms: profile.terms,
    keyTypes: profile.keyTypes,
    useSecondaryOrgName: profile.useSecondaryOrgName,
  };
}

/** The key's size in bits, from an RSA modulus length or an EC curve's name. */
export function keySize(certificate: { keyAlgorithm: 'RSA' | 'EC'; keyParam: string }): number {
  if (certificate.keyAlgorithm === 'RSA') return Number(certificate.keyParam) || 0;
  return Number(/\d+/.exec(certificate.keyParam)?.[0] ?? 0);
}

/** SCM leaves out fields that have no value. */
export function withoutEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined));
}

/** A numeric id in a query filter. */
export function positiveIdParam(name: string, raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw invalidField(name, 'must be a number');
  return Number(raw);
}

/** A report filter's `from` or `to`: an ISO date, or none. */
export function reportDate(body: Record<string, unknown>, field: 'from' | 'to'): number | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw invalidField(field, 'use an ISO date');
  return time;
}

import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { parseCsr, type ParsedCsr } from './ca';
import { requireInteger, type RouteContext } from './context';
import { ScmError, cannotParseBody, invalidField, requiredField } from './errors';
import type { CertificateProfile } from './state/model';

/** The checks SSL and client-certificate enrollment share: term, CSR, key and custom fields. */

export function profileTerm(body: Record<string, unknown>, profile: CertificateProfile): number {
  const term = requireInteger(body, 'term');
  if (!profile.terms.includes(term)) throw new ScmError(400, -36, 'The validity period (term) is invalid for this certificate profile.');
  return term;
}

/**
 * Reads a CSR as SCM does: Base-64 first (-9), then the PKCS#10 structure (-10), the key
 * algorithm (-11) and the self-signature (-138).
 */
export async function readCsr(raw: unknown): Promise<ParsedCsr> {
  if (raw === undefined || raw === null || raw === '') throw requiredField('csr');
  if (typeof raw !== 'string') throw invalidField('csr', 'must be a string');
  if (raw.length > 32767) throw invalidField('csr', 'must be at most 32767 characters');
  const base64 = raw.replace(/-----(BEGIN|END)[A-Z ]*-----/g, '').replace(/\s+/g, '');
  if (base64 === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 === 1) {
    throw new ScmError(400, -9, 'The CSR is not valid Base-64 data!');
  }
  let algorithm: string;
  try {
    algorithm = new x509.Pkcs10CertificateRequest(Buffer.from(base64, 'base64')).publicKey.algorithm.name;
  } catch {
    throw new ScmError(400, -10, 'Error while decoding CSR.');
  }
  if (!algorithm.startsWith('RSA') && algorithm !== 'ECDSA' && algorithm !== 'ECDH') {
    throw new ScmError(400, -11, 'The CSR uses an unsupported algorithm!');
  }
  const lines = base64.match(/.{1,64}/g) ?? [];
  const parsed = await parseCsr(`-----BEGIN CERTIFICATE REQUEST-----\n${lines.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`);
  if (parsed === null) throw new ScmError(400, -138, 'Invalid CSR.');
  return parsed;
}

/** The key must be one the profile allows: ECC at all (-170), then size or curve (-141, -13). */
export function checkKey(profile: CertificateProfile, key: { keyAlgorithm: 'RSA' | 'EC'; keyParam: string }): void {
  const allowed = profile.keyTypes[key.keyAlgorithm];
  if (allowed === undefined || allowed.length === 0) {
    if (key.keyAlgorithm === 'EC') throw new ScmError(400, -170, 'Based on the customer configuration, ECC CSRs are not allowed.');
    throw new ScmError(400, -11, 'The CSR uses an unsupported algorithm!');
  }
  if (allowed.includes(key.keyParam)) return;
  if (key.keyAlgorithm === 'RSA') {
    const minimum = Math.min(...allowed.map(Number));
    if (Number(key.keyParam) < minimum) throw new ScmError(400, -141, `The public key size in the CSR should be ${minimum} bits minimum.`);
  }
  throw new ScmError(400, -13, 'The CSR uses an unsupported key size!');
}

/** Custom fields must be defined for the certificate kind (-1601 otherwise) and every mandatory one filled in (-62). */
export function readCustomFields(context: RouteContext, raw: unknown, kind: 'ssl' | 'smime'): { name: string; value: string }[] {
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) throw cannotParseBody();
  const defined = [...context.store.customFields.values()].filter((field) => field.kind === kind);
  const fields = ((raw ?? []) as unknown[]).map((entry) => {
    if (typeof entry !== 'object' || entry === null) throw cannotParseBody();
    const { name, value } = entry as { name?: unknown; value?: unknown };
    if (typeof name !== 'string' || name === '') throw requiredField('customFields[].name');
    if (value !== undefined && value !== null && typeof value !== 'string') throw invalidField('customFields[].value', 'must be a string');
    if (typeof value === 'string' && value.length > 256) throw invalidField('customFields[].value', 'must be at most 256 characters');
    if (!defined.some((field) => field.name === name)) throw invalidField('customFields', `no custom field named ${name}`);
    return { name, value: value ?? '' };
  });
  for (const field of defined) {
    if (field.mandatory && !fields.some((entry) => entry.name === field.name && entry.value.trim() !== '')) {
      throw new ScmError(400, -62, 'Missing mandatory custom field!');
    }
  }
  return fields;
}

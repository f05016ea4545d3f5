import 'reflect-metadata';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { z } from 'zod';
import {
  certificateKey,
  parseCertificateKey,
  type CertificateAction,
  type CertificateActionArgs,
  type CertificateActionResult,
  type CertificateDetails,
  type CertificateRow,
  type CollectFormat,
  type CsrSource,
  type ParsedCertificate,
  type SavedFile,
} from '../../../shared/certificates';
import type { Identity } from '../../../shared/session';
import { orderChain, readChain } from '../../scm/chain';
import type { ScmClient } from '../../scm/client';
import { isoDate } from '../../scm/dates';
import { ScmClientError } from '../../scm/errors';
import { SmimeApi } from '../../scm/smime';
import { sanList, SslApi, type RevocationReason } from '../../scm/ssl';
import { ServiceError } from '../errors';
import { encryptedKeyPem, keyTypeNamed, makeCsr, makeKeyPair, makePkcs12 } from './localKey';
import { shown, stateOf, today, type StoredRow } from './rows';

/** How long an action waits for a certificate Sectigo is still processing before saying so. */
const collectPatienceMs = 15_000;

const anyRecord = z.record(z.string(), z.unknown());

/** What an action needs: the signed-in admin's client and identity, and the inventory to read and update. */
export interface ActionContext {
  client: ScmClient;
  identity: Identity | null;
  row: (key: string) => Promise<StoredRow | undefined>;
  rows: () => Promise<readonly StoredRow[]>;
  update: (rows: readonly StoredRow[]) => Promise<void>;
  now: number;
}

function invalid(field: string, message: string): ServiceError {
  return new ServiceError({ kind: 'validation', field, message, anchor: 'certificates#actions' });
}

/** Flattens SCM's answer to names and values, nested objects as `a.b`, lists joined. */
export function flatten(record: Record<string, unknown>, prefix = ''): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  for (const [name, value] of Object.entries(record)) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      const parts = value.map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item)));
      if (parts.length > 0) fields.push({ name: path, value: parts.join(', ') });
    } else if (typeof value === 'object') {
      fields.push(...flatten(value as Record<string, unknown>, path));
    } else {
      fields.push({ name: path, value: String(value) });
    }
  }
  return fields.slice(0, 300).map((field) => ({ name: field.name.slice(0, 200), value: field.value.slice(0, 4000) }));
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
}

/** A row from a certificate's details, keeping what the inventory knew that the details leave out. */
function sslRowFrom(raw: Record<string, unknown>, id: number, known: StoredRow | undefined, orgNames: ReadonlyMap<number, string>): StoredRow {
  const status = text(raw.status) ?? known?.status ?? '';
  const orgId = typeof raw.orgId === 'number' ? raw.orgId : (known?.orgId ?? null);
  const certType = raw.certType as { name?: unknown } | undefined;
  return {
    key: certificateKey('ssl', id),
    kind: 'ssl',
    id,
    backendCertId: text(raw.backendCertId),
    commonName: text(raw.commonName) ?? known?.commonName ?? '',
    names: sanList(Array.isArray(raw.subjectAlternativeNames) ? (raw.subjectAlternativeNames as string[]) : (text(raw.subjectAlternativeNames) ?? null)),
    status,
    baseState: stateOf('ssl', status),
    orgId,
    orgName: (orgId === null ? null : orgNames.get(orgId)) ?? known?.orgName ?? null,
    profileName: text(certType?.name) ?? known?.profileName ?? null,
    term: typeof raw.term === 'number' ? raw.term : (known?.term ?? null),
    requested: isoDate(text(raw.requested)) ?? known?.requested ?? null,
    issued: isoDate(text(raw.issued)),
    expires: isoDate(text(raw.expires)),
    requester: text(raw.requester) ?? known?.requester ?? null,
    serialNumber: text(raw.serialNumber),
  };
}

function smimeRowFrom(raw: Record<string, unknown>, id: number, known: StoredRow | undefined, orgNames: ReadonlyMap<number, string>): StoredRow {
  const status = text(raw.status) ?? text(raw.state) ?? known?.status ?? '';
  const orgId = typeof raw.orgId === 'number' ? raw.orgId : (known?.orgId ?? null);
  const certType = raw.certType as { name?: unknown } | undefined;
  return {
    ...(known ?? { names: [], requester: null, requested: null }),
    key: certificateKey('smime', id),
    kind: 'smime',
    id,
    backendCertId: text(raw.backendCertId) ?? known?.backendCertId ?? null,
    commonName: text(raw.commonName) ?? known?.commonName ?? '',
    names: known?.names ?? [],
    status,
    baseState: stateOf('smime', status),
    orgId,
    orgName: (orgId === null ? null : orgNames.get(orgId)) ?? known?.orgName ?? null,
    profileName: text(certType?.name) ?? known?.profileName ?? null,
    term: typeof raw.term === 'number' ? raw.term : (known?.term ?? null),
    requested: isoDate(text(raw.requested)) ?? known?.requested ?? null,
    issued: isoDate(text(raw.issued)) ?? known?.issued ?? null,
    expires: isoDate(text(raw.expires)) ?? known?.expires ?? null,
    serialNumber: text(raw.serialNumber) ?? known?.serialNumber ?? null,
  };
}

function orgNamesOf(identity: Identity | null): Map<number, string> {
  return new Map((identity?.organizations ?? []).map((unit) => [unit.id, unit.name]));
}

async function readRaw(client: ScmClient, kind: 'ssl' | 'smime', id: number): Promise<Record<string, unknown>> {
  return client.json({ method: 'GET', path: kind === 'ssl' ? `/api/ssl/v1/${id}` : `/api/smime/v1/${id}`, operation: `read ${kind === 'ssl' ? 'SSL' : 'client'} certificate ${id}` }, anyRecord);
}

/** Reads a certificate afresh and puts it into the inventory. */
export async function refreshRow(context: ActionContext, key: string): Promise<StoredRow> {
  const { kind, id } = parseCertificateKey(key);
  const known = await context.row(key);
  const raw = await readRaw(context.client, kind, id);
  const row = kind === 'ssl' ? sslRowFrom(raw, id, known, orgNamesOf(context.identity)) : smimeRowFrom(raw, id, known, orgNamesOf(context.identity));
  await context.update([row]);
  return row;
}

const privilegeFor: Partial<Record<CertificateAction, { ssl: string; smime: string }>> = {
  renew: { ssl: 'sslRenew', smime: 'clientCertRequest' },
  replace: { ssl: 'sslReplace', smime: 'clientCertRequest' },
  revoke: { ssl: 'sslRevoke', smime: 'clientCertRevoke' },
  approve: { ssl: 'sslApprove', smime: 'sslApprove' },
  decline: { ssl: 'sslApprove', smime: 'sslApprove' },
};

/**
 * Whether an action can be done to a certificate now, and why not: its
 * state, its kind, and the admin's privileges where SCM told them (an MRAO,
 * or an admin whose privileges could not be read, is left to SCM to judge).
 */
export function actionAllowed(action: CertificateAction, row: CertificateRow, identity: Identity | null): string | null {
  const issued = row.state === 'issued';
  const hasCertificate = issued || row.state === 'expired' || row.state === 'revoked';
  switch (action) {
    case 'collect':
    case 'pkcs12':
      if (!hasCertificate || row.state === 'revoked') return `There is no certificate to download while it is ${row.status || row.state}.`;
      break;
    case 'renew':
      if (!(issued || row.state === 'expired')) return `Only an issued or expired certificate can be renewed; this one is ${row.status || row.state}.`;
      break;
    case 'replace':
      if (!issued) return `Only an issued certificate can be replaced; this one is ${row.status || row.state}.`;
      break;
    case 'revoke':
      if (!issued) return `Only an issued certificate that has not ended can be revoked; this one is ${row.status || row.state}.`;
      break;
    case 'approve':
    case 'decline':
      if (row.kind !== 'ssl') return 'Client certificates are not approved through the API.';
      if (row.state !== 'requested') return `Only a certificate awaiting approval (Requested) can be ${action === 'approve' ? 'approved' : 'declined'}; this one is ${row.status}.`;
      break;
  }
  const privilege = privilegeFor[action]?.[row.kind];
  const isMrao = identity?.roles.some((role) => role.role === 'MRAO') ?? false;
  if (privilege !== undefined && identity !== null && !isMrao && identity.privileges.length > 0 && !identity.privileges.includes(privilege)) {
    return `Your admin account does not have the privilege ${privilege}; an MRAO or RAO can grant it.`;
  }
  return null;
}

function signatureName(algorithm: { name?: string; hash?: { name?: string } }): string {
  return [algorithm.hash?.name, algorithm.name].filter((part) => part !== undefined).join(' ');
}

function describeName(name: x509.Name | string): string {
  return typeof name === 'string' ? name : name.toString();
}

/** The leaf parsed, and the chain leaf to root. */
export async function parseChain(pems: readonly string[]): Promise<ParsedCertificate> {
  const certificates = orderChain(pems).map((pem) => new x509.X509Certificate(pem));
  const leaf = certificates[0]!;
  const san = leaf.getExtension(x509.SubjectAlternativeNameExtension);
  const algorithm = leaf.publicKey.algorithm as { name: string; modulusLength?: number; namedCurve?: string };
  const key = algorithm.name === 'ECDSA' || algorithm.name === 'ECDH' ? `EC ${algorithm.namedCurve ?? ''}`.trim() : `RSA ${algorithm.modulusLength ?? ''}`.trim();
  const hex = (buffer: ArrayBuffer) => Buffer.from(buffer).toString('hex').toUpperCase().match(/../g)!.join(':');
  return {
    subject: describeName(leaf.subject),
    issuer: describeName(leaf.issuer),
    names: san?.names.items.map((name) => name.value) ?? [],
    serialNumber: leaf.serialNumber.toUpperCase(),
    key,
    signatureAlgorithm: signatureName(leaf.signatureAlgorithm as { name?: string; hash?: { name?: string } }),
    notBefore: leaf.notBefore.toISOString(),
    notAfter: leaf.notAfter.toISOString(),
    sha1: hex(await leaf.getThumbprint('SHA-1')),
    sha256: hex(await leaf.getThumbprint('SHA-256')),
    chain: certificates.map((certificate) => ({ subject: certificate.subject, issuer: certificate.issuer, notAfter: certificate.notAfter.toISOString() })),
  };
}

async function collectBody(client: ScmClient, row: StoredRow, format: string, deadlineMs: number): Promise<Buffer> {
  if (row.kind === 'ssl') return new SslApi(client).collect(row.id, { format, deadlineMs });
  if (row.backendCertId === null) throw new ServiceError({ kind: 'not-found', message: 'SCM gave this client certificate no order number, so it cannot be downloaded.', anchor: 'certificates#actions' });
  return new SmimeApi(client).collect(row.backendCertId, { format, deadlineMs });
}

/** The chain, leaf to root, whatever order SCM gave. */
async function collectChain(client: ScmClient, row: StoredRow, deadlineMs = collectPatienceMs): Promise<string[]> {
  return readChain(await collectBody(client, row, 'x509', deadlineMs), row.kind === 'ssl' ? `SSL certificate ${row.id}` : `client certificate ${row.id}`);
}

function fileBase(row: StoredRow): string {
  const name = (row.commonName || row.names[0] || `${row.kind}-${row.id}`).replace(/^\*\./, 'wildcard.').replace(/[^A-Za-z0-9._@-]+/g, '_');
  return `${name}-${row.id}`;
}

const extensions: Record<CollectFormat, string> = {
  chain: '-chain.pem', x509: '.pem', x509CO: '.crt', base64: '.p7b', bin: '.p7b', x509IO: '-ca.pem', x509IOR: '-ca.pem', pem: '.pem', pemco: '.crt', pemia: '.pem', x509R: '.pem',
};

/** A certificate in the format asked for, as a file to save. */
export async function collectFile(client: ScmClient, row: StoredRow, format: CollectFormat, deadlineMs = collectPatienceMs): Promise<SavedFile> {
  const fileName = `${fileBase(row)}${extensions[format]}`;
  if (format === 'chain') return { fileName, mediaType: 'application/x-pem-file', text: (await collectChain(client, row, deadlineMs)).join('') };
  const body = await collectBody(client, row, format, deadlineMs);
  return format === 'bin' ? { fileName, mediaType: 'application/pkcs7-mime', base64: body.toString('base64') } : { fileName, mediaType: 'application/x-pem-file', text: body.toString('utf8') };
}

function openKeyFile(pem: string, passphrase: string | undefined): KeyObject {
  try {
    return createPrivateKey(passphrase === undefined ? { key: pem, format: 'pem' } : { key: pem, format: 'pem', passphrase });
  } catch {
    if (/ENCRYPTED/.test(pem) && passphrase === undefined) throw invalid('keyPassphrase', 'The key file is encrypted: type its passphrase.');
    if (passphrase !== undefined && /ENCRYPTED/.test(pem)) throw invalid('keyPassphrase', 'The passphrase does not open this key file.');
    throw invalid('keyFile', 'This is not a private key file the console can read (PEM: PKCS#8 or PKCS#1).');
  }
}

/** The CSR a renewal or replacement sends, and the new key's file when one is made here. */
async function csrFor(row: StoredRow, source: CsrSource): Promise<{ csr: string | undefined; keyFile: SavedFile | undefined }> {
  if (source.mode === 'same') return { csr: undefined, keyFile: undefined };
  if (source.mode === 'paste') {
    try {
      new x509.Pkcs10CertificateRequest(source.csr.trim());
    } catch {
      throw invalid('csr', 'This is not a certificate signing request (PEM, “BEGIN CERTIFICATE REQUEST”).');
    }
    return { csr: source.csr.trim(), keyFile: undefined };
  }
  const type = keyTypeNamed(source.keyType);
  if (type === undefined) throw invalid('keyType', 'Choose a key type.');
  const keys = await makeKeyPair(type);
  const commonName = row.commonName || row.names[0] || '';
  const csr = await makeCsr(keys, commonName, row.kind === 'ssl' ? row.names.filter((name) => name !== commonName) : []);
  return { csr, keyFile: { fileName: `${fileBase(row)}-new.key`, mediaType: 'application/x-pem-file', text: encryptedKeyPem(keys.privateKey, source.passphrase) } };
}

/**
 * Renews without ever ordering twice: when SCM's answer is lost, the
 * certificates with the same name are listed, and one that was not there
 * before is the renewal; if none is, the outcome stays unknown and is said so.
 */
async function renewOnce(client: ScmClient, row: StoredRow, csr: string | undefined): Promise<number> {
  const ssl = new SslApi(client);
  const before = new Set<number>();
  for await (const page of ssl.list({ commonName: row.commonName })) for (const identity of page) before.add(identity.id);
  try {
    return await ssl.renew(row.id, csr);
  } catch (error) {
    if (!(error instanceof ScmClientError) || !error.outcomeUnknown) throw error;
    const after: number[] = [];
    for await (const page of ssl.list({ commonName: row.commonName })) for (const identity of page) if (!before.has(identity.id) && identity.id > row.id) after.push(identity.id);
    if (after.length === 1) return after[0]!;
    throw new ScmClientError({
      kind: error.kind,
      message: `SCM's answer to the renewal of certificate ${row.id} was lost, and no new certificate for ${row.commonName} could be told apart.`,
      hint: 'Look at the certificates for this name (Refresh) before renewing again, so as not to order twice.',
      outcomeUnknown: true,
      anchor: 'certificates#unknown-outcome',
    });
  }
}

/**
 * Approves; when SCM's answer is lost, the certificate is read again, and one
 * no longer awaiting approval was approved (approving twice is refused by SCM,
 * so it is never simply repeated).
 */
export async function approveOnce(context: ActionContext, row: StoredRow, message: string): Promise<void> {
  try {
    await new SslApi(context.client).approve(row.id, message.trim());
  } catch (error) {
    if (!(error instanceof ScmClientError && error.outcomeUnknown)) throw error;
    const now = await refreshRow(context, row.key);
    if (now.baseState === 'requested') throw error;
  }
}

function revocationCode(code: number): RevocationReason {
  return code as RevocationReason;
}

/** Does one action to one certificate, and updates the inventory with what SCM says afterwards. */
export async function act(context: ActionContext, args: CertificateActionArgs): Promise<CertificateActionResult> {
  const row = (await context.row(args.key)) ?? (await refreshRow(context, args.key));
  const current = shown(row, today(context.now));
  const refusal = actionAllowed(args.action, current, context.identity);
  if (refusal !== null) throw new ServiceError({ kind: 'validation', message: refusal, anchor: 'certificates#actions' });
  const { client } = context;
  const name = row.commonName || row.names[0] || `#${row.id}`;
  switch (args.action) {
    case 'collect': {
      try {
        const file = await collectFile(client, row, args.format);
        return { message: `Downloaded ${name}.`, outcome: 'collected', newKey: null, files: [file] };
      } catch (error) {
        if (error instanceof ScmClientError && error.kind === 'pending') return { message: `${name} is still being processed by Sectigo; download it later.`, outcome: 'pending', newKey: null, files: [] };
        throw error;
      }
    }
    case 'pkcs12': {
      const key = openKeyFile(args.keyFile, args.keyPassphrase);
      const chain = await collectChain(client, row);
      const leaf = new x509.X509Certificate(chain[0]!);
      const leafKey = Buffer.from(leaf.publicKey.rawData).toString('base64');
      const ownKey = createPublicKeyBase64(key);
      if (leafKey !== ownKey) throw invalid('keyFile', `This key does not belong to ${name}: the certificate holds another public key.`);
      const pfx = await makePkcs12(key, chain, args.password);
      return { message: `Made a PKCS#12 file for ${name}.`, outcome: 'pkcs12', newKey: null, files: [{ fileName: `${fileBase(row)}.p12`, mediaType: 'application/x-pkcs12', base64: pfx.toString('base64') }] };
    }
    case 'renew': {
      if (row.kind === 'smime' && args.csr.mode !== 'same') throw invalid('csr', 'SCM renews a client certificate with its key; to use a new key, replace it instead.');
      const { csr, keyFile } = await csrFor(row, args.csr);
      let newKey: string;
      if (row.kind === 'ssl') {
        newKey = certificateKey('ssl', await renewOnce(client, row, csr));
      } else {
        const order = await new SmimeApi(client).renew({ backendCertId: row.backendCertId ?? '' });
        newKey = (await context.rows()).find((candidate) => candidate.kind === 'smime' && candidate.backendCertId === order)?.key ?? `smime-order-${order}`;
      }
      await refreshRow(context, args.key).catch(() => undefined);
      if (newKey.startsWith('ssl-')) await refreshRow(context, newKey).catch(() => undefined);
      return { message: `Renewed ${name}: the new certificate is ${newKey}.`, outcome: 'renewed', newKey: newKey.startsWith('smime-order-') ? null : newKey, files: keyFile === undefined ? [] : [keyFile] };
    }
    case 'replace': {
      if (args.csr.mode === 'same') throw invalid('csr', 'A replacement needs a new key: paste a CSR or make a new key.');
      const { csr, keyFile } = await csrFor(row, args.csr);
      if (row.kind === 'ssl') await new SslApi(client).replace(row.id, csr!, args.reason);
      else await new SmimeApi(client).replace(row.backendCertId ?? '', csr!, args.reason);
      await refreshRow(context, args.key).catch(() => undefined);
      return { message: `Asked SCM to replace ${name}.`, outcome: 'replaced', newKey: null, files: keyFile === undefined ? [] : [keyFile] };
    }
    case 'revoke': {
      if (args.confirm.trim().toLowerCase() !== name.toLowerCase()) throw invalid('confirm', `Type ${name} to confirm.`);
      if (row.kind === 'ssl' && args.reason.trim() === '') throw invalid('reason', 'SCM wants a reason for revoking an SSL certificate.');
      await revokeRow(client, row, args.reasonCode, args.reason.trim());
      await refreshRow(context, args.key).catch(() => undefined);
      return { message: `Revoked ${name}.`, outcome: 'revoked', newKey: null, files: [] };
    }
    case 'approve':
      await approveOnce(context, row, args.message);
      await refreshRow(context, args.key).catch(() => undefined);
      return { message: `Approved ${name}.`, outcome: 'approved', newKey: null, files: [] };
    case 'decline':
      await new SslApi(client).decline(row.id, args.message);
      await refreshRow(context, args.key).catch(() => undefined);
      return { message: `Declined ${name}.`, outcome: 'declined', newKey: null, files: [] };
  }
}

function createPublicKeyBase64(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
}

export async function revokeRow(client: ScmClient, row: StoredRow, reasonCode: number, reason: string): Promise<void> {
  if (row.kind === 'ssl') await new SslApi(client).revoke(row.id, revocationCode(reasonCode), reason);
  else await new SmimeApi(client).revoke(row.backendCertId === null ? { serialNumber: row.serialNumber ?? '' } : { backendCertId: row.backendCertId }, revocationCode(reasonCode), reason);
}

/** A certificate read afresh, parsed, with its history and the actions open to it. */
export async function details(context: ActionContext, key: string): Promise<CertificateDetails> {
  const { kind, id } = parseCertificateKey(key);
  const known = await context.row(key);
  const raw = await readRaw(context.client, kind, id);
  const stored = kind === 'ssl' ? sslRowFrom(raw, id, known, orgNamesOf(context.identity)) : smimeRowFrom(raw, id, known, orgNamesOf(context.identity));
  await context.update([stored]);
  const row = shown(stored, today(context.now));
  let parsed: ParsedCertificate | null = null;
  let parsedNote: string | null = null;
  if (row.state === 'issued' || row.state === 'expired') {
    try {
      parsed = await parseChain(await collectChain(context.client, stored, 0));
    } catch (error) {
      parsedNote = error instanceof ScmClientError ? `The certificate could not be downloaded to read it: ${error.message}` : 'The certificate SCM sent could not be read.';
    }
  } else {
    parsedNote = `There is no certificate to read while it is ${row.status || row.state}.`;
  }
  return {
    row,
    fields: flatten(raw),
    parsed,
    parsedNote,
    history: history(stored, raw, await context.rows()),
    actions: (['collect', 'pkcs12', 'renew', 'replace', 'revoke', 'approve', 'decline'] as const)
      .filter((action) => kind === 'ssl' || (action !== 'approve' && action !== 'decline'))
      .map((action) => {
        const reason = actionAllowed(action, row, context.identity);
        return { action, allowed: reason === null, reason };
      }),
  };
}

const offlineReason = 'Offline: sign in to this profile to read the certificate from SCM and act on it.';

/** What the cache alone says of a certificate: its row and the history the inventory shows, no action. */
export function cachedDetails(stored: StoredRow, rows: readonly StoredRow[], now: number): CertificateDetails {
  const row = shown(stored, today(now));
  return {
    row,
    fields: [],
    parsed: null,
    parsedNote: offlineReason,
    history: history(stored, {}, rows),
    actions: (['collect', 'pkcs12', 'renew', 'replace', 'revoke', 'approve', 'decline'] as const)
      .filter((action) => stored.kind === 'ssl' || (action !== 'approve' && action !== 'decline'))
      .map((action) => ({ action, allowed: false, reason: offlineReason })),
  };
}

/**
 * Renewed from, renewed as, replaced: SCM's details say whether and when a
 * certificate was renewed or replaced, not by which; the console finds the
 * certificate for the same name and organization ordered that day, and says
 * the link is inferred.
 */
function history(row: StoredRow, raw: Record<string, unknown>, rows: readonly StoredRow[]): CertificateDetails['history'] {
  const entries: CertificateDetails['history'] = [];
  const sameName = rows.filter((other) => other.kind === row.kind && other.key !== row.key && other.commonName === row.commonName && other.orgId === row.orgId);
  const renewedDate = isoDate(text(raw.renewedDate));
  if (raw.renewed === true) {
    const later = sameName.filter((other) => other.id > row.id && (renewedDate === null || other.requested?.slice(0, 10) === renewedDate.slice(0, 10))).sort((a, b) => a.id - b.id)[0];
    entries.push({ relation: 'renewedTo', key: later?.key ?? null, commonName: later?.commonName ?? row.commonName, date: renewedDate, certain: false });
  }
  const earlier = sameName.filter((other) => other.id < row.id && other.requested !== null && row.requested !== null && other.requested < row.requested).sort((a, b) => b.id - a.id)[0];
  if (earlier !== undefined) entries.push({ relation: 'renewedFrom', key: earlier.key, commonName: earlier.commonName, date: earlier.requested, certain: false });
  const replaced = isoDate(text(raw.replaced));
  if (replaced !== null) entries.push({ relation: 'replacedBy', key: null, commonName: row.commonName, date: replaced, certain: true });
  return entries;
}

import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import {
  buildChain,
  certificateFingerprint,
  csrFingerprint,
  csrSignatureHolds,
  encryptedKeyPem,
  keyFingerprint,
  keyTypesAllowed,
  localKeyTypes,
  makeCsr,
  makeKeyPair,
  makePkcs12,
  openKey,
  type LocalKeyType,
} from '../../src/main/services/certificates/localKey';
import { createSandboxCa, parseCsr } from '../../src/sandbox/ca';

const openssl = existsSync('/usr/bin/openssl') ? '/usr/bin/openssl' : undefined;

async function inFolder(name: string, text: string | Buffer): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tcs-localkey-'));
  const path = join(folder, name);
  await writeFile(path, text);
  return path;
}

describe('keys and CSRs made on this machine', () => {
  it.each(localKeyTypes.map((type) => [type.algorithm === 'RSA' ? `RSA ${type.size}` : `EC ${type.curve}`, type] as [string, LocalKeyType]))('makes a %s key and a CSR signed with it, for every name', async (_name, type) => {
    const keys = await makeKeyPair(type);
    const csr = await makeCsr(keys, 'www.example.org', ['example.org', 'WWW.example.org']);
    const parsed = new x509.Pkcs10CertificateRequest(csr);
    expect(parsed.subject).toBe('CN=www.example.org');
    expect(await csrSignatureHolds(csr)).toBe(true);
    expect((await parseCsr(csr))?.dnsNames).toEqual(['www.example.org', 'example.org']);
    expect(csrFingerprint(csr)).toBe(keyFingerprint(keys.privateKey));
    if (type.algorithm === 'RSA') expect(keys.privateKey.asymmetricKeyDetails?.modulusLength).toBe(type.size);
    if (openssl !== undefined) {
      const path = await inFolder('request.csr', csr);
      expect(execFileSync(openssl, ['req', '-verify', '-noout', '-in', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
    }
  }, 60_000);

  it('refuses a CSR whose signature was tampered with', async () => {
    const keys = await makeKeyPair({ algorithm: 'EC', curve: 'P-256' });
    const csr = new x509.Pkcs10CertificateRequest(await makeCsr(keys, 'a.example.org', []));
    const raw = new Uint8Array(csr.rawData.slice(0));
    raw[raw.length - 3] = (raw[raw.length - 3] ?? 0) ^ 0xff;
    expect(await new x509.Pkcs10CertificateRequest(raw).verify().catch(() => false)).toBe(false);
  });

  it('writes the key encrypted with PBES2 and AES-256, opened only with its passphrase', async () => {
    const keys = await makeKeyPair({ algorithm: 'RSA', size: 2048 });
    const pem = encryptedKeyPem(keys.privateKey, 'correct horse battery staple');
    expect(pem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect(keyFingerprint(openKey(pem, 'correct horse battery staple'))).toBe(keyFingerprint(keys.privateKey));
    expect(() => openKey(pem, 'wrong passphrase')).toThrow();
    expect(() => encryptedKeyPem(keys.privateKey, '')).toThrow();
    if (openssl !== undefined) {
      const path = await inFolder('site.key', pem);
      const info = execFileSync(openssl, ['asn1parse', '-in', path], { encoding: 'utf8' });
      expect(info).toContain('PBES2');
      expect(info).toContain('aes-256-cbc');
    }
  }, 60_000);

  it('offers the key types a profile allows', () => {
    expect(keyTypesAllowed({ RSA: ['2048', '4096'], EC: ['P-384'] }).map((type) => JSON.stringify(type))).toEqual([
      JSON.stringify({ algorithm: 'RSA', size: 2048 }),
      JSON.stringify({ algorithm: 'RSA', size: 4096 }),
      JSON.stringify({ algorithm: 'EC', curve: 'P-384' }),
    ]);
    expect(keyTypesAllowed({})).toEqual([{ algorithm: 'RSA', size: 2048 }]);
  });
});

/** A certificate for the CSR from a CA like the sandbox's: leaf, intermediate, root. */
async function issueFromCsr(csr: string): Promise<{ chain: string[] }> {
  const ca = await createSandboxCa('Unit test');
  const parsed = await parseCsr(csr);
  if (parsed === null) throw new Error('the CSR did not parse');
  const leaf = await ca.issue({
    publicKey: parsed.publicKey,
    subject: `CN=${parsed.commonName ?? ''}`,
    altNames: parsed.dnsNames.map((value) => ({ type: 'dns' as const, value })),
    serialNumber: '0a1b2c3d',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    purpose: 'server',
  });
  return { chain: [leaf, ca.intermediatePem, ca.rootPem] };
}

describe('the issued certificate with its key', () => {
  it('matches the certificate to the key, builds the chain to its root and makes a modern PKCS#12', async () => {
    const keys = await makeKeyPair({ algorithm: 'EC', curve: 'P-256' });
    const csr = await makeCsr(keys, 'www.example.org', []);
    const issued = await issueFromCsr(csr);
    expect(certificateFingerprint(issued.chain[0]!)).toBe(keyFingerprint(keys.privateKey));
    const other = await makeKeyPair({ algorithm: 'EC', curve: 'P-256' });
    expect(certificateFingerprint(issued.chain[0]!)).not.toBe(keyFingerprint(other.privateKey));

    const built = await buildChain([issued.chain[0]!, issued.chain[2]!, issued.chain[1]!]);
    expect(built).toEqual({ built: issued.chain });
    expect(await buildChain(issued.chain.slice(0, 2))).toHaveProperty('problem');

    const pfx = await makePkcs12(keys.privateKey, issued.chain, 'p12 passphrase');
    expect(() => createSecureContext({ pfx, passphrase: 'p12 passphrase' })).not.toThrow();
    expect(() => createSecureContext({ pfx, passphrase: 'wrong' })).toThrow();
    if (openssl !== undefined) {
      const path = await inFolder('site.p12', pfx);
      const details = execFileSync('sh', ['-c', `${openssl} pkcs12 -info -noout -in '${path}' -passin 'pass:p12 passphrase' 2>&1`], { encoding: 'utf8' });
      expect(details).toContain('MAC: sha256');
      expect(details).toContain('AES-256-CBC');
      expect(details).not.toMatch(/RC2|3DES|des-ede3/i);
      expect(() => execFileSync(openssl, ['pkcs12', '-info', '-noout', '-in', path, '-passin', 'pass:wrong'], { stdio: 'ignore' })).toThrow();
    }
  }, 60_000);
});

import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { X509Certificate, webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export type KeyKind = 'rsa2048' | 'rsa1024' | 'ec256' | 'ec521' | 'ed25519';

export interface TestCsr {
  pem: string;
  /** The requested public key, SPKI DER. */
  spki: Buffer;
}

const algorithms = {
  rsa2048: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
  rsa1024: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 1024 },
  ec256: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  ec521: { name: 'ECDSA', namedCurve: 'P-521', hash: 'SHA-512' },
  ed25519: { name: 'Ed25519' },
} as const;

/** A PKCS#10 request signed with a fresh key, as a client would send it. */
export async function makeCsr(kind: KeyKind, commonName: string, altNames: string[] = []): Promise<TestCsr> {
  const algorithm = algorithms[kind];
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${commonName}, O=Client Supplied Org`,
    keys,
    signingAlgorithm: algorithm,
    extensions: altNames.length === 0 ? [] : [new x509.SubjectAlternativeNameExtension(altNames.map((value) => ({ type: 'dns' as const, value })))],
  });
  return { pem: request.toString('pem'), spki: Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey)) };
}

/** The same request with one bit of its signature changed: still well-formed, no longer self-signed. */
export function tamperSignature(pem: string): string {
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
  der[der.length - 1] = der[der.length - 1]! ^ 0x01;
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE REQUEST-----\n${lines.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`;
}

/** The certificates in a PEM text, in order. */
export function pemCertificates(text: string): X509Certificate[] {
  return (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((pem) => new X509Certificate(pem));
}

/** Runs `work` with a scratch folder that is removed afterwards. */
export function withTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'tcs-certificates-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The certificates in a PKCS#7 bundle, as `openssl pkcs7 -print_certs` reads them. */
export function opensslPkcs7Certificates(bundle: Buffer, form: 'PEM' | 'DER'): X509Certificate[] {
  return withTempDir((dir) => {
    const file = join(dir, 'bundle.p7b');
    writeFileSync(file, bundle);
    const printed = execFileSync('openssl', ['pkcs7', '-inform', form, '-print_certs', '-in', file], { encoding: 'utf8' });
    return pemCertificates(printed);
  });
}

/** `openssl verify` of a leaf against the root, with the intermediate as untrusted help. */
export function opensslVerify(leaf: X509Certificate, intermediate: X509Certificate, root: X509Certificate): string {
  return withTempDir((dir) => {
    const path = (name: string, certificate: X509Certificate) => {
      const file = join(dir, name);
      writeFileSync(file, certificate.toString());
      return file;
    };
    return execFileSync('openssl', ['verify', '-CAfile', path('root.pem', root), '-untrusted', path('intermediate.pem', intermediate), path('leaf.pem', leaf)], {
      encoding: 'utf8',
    }).trim();
  });
}

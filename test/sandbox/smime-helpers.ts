import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { X509Certificate, webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { expect } from 'vitest';
import type { ScmReply } from './helpers';
import { withTempDir } from './ssl-helpers';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export type KeyKind = 'rsa2048' | 'rsa1024' | 'ec256';

const algorithms = {
  rsa2048: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
  rsa1024: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 1024 },
  ec256: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
} as const;

export interface TestCsr {
  pem: string;
  /** The requested public key, SPKI DER. */
  spki: Buffer;
}

/** A PKCS#10 request signed with a fresh key, as a mail client's key generator would send it. */
export async function makeCsr(kind: KeyKind, commonName: string): Promise<TestCsr> {
  const algorithm = algorithms[kind];
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const request = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${commonName}`, keys, signingAlgorithm: algorithm });
  return { pem: request.toString('pem'), spki: Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey)) };
}

/** The same request with one bit of its signature changed: still well-formed, no longer self-signed. */
export function tamperSignature(pem: string): string {
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
  der[der.length - 1] = der[der.length - 1]! ^ 0x01;
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE REQUEST-----\n${lines.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`;
}

/** A self-signed certificate issued elsewhere, as base64 DER (the import format). */
export async function makeForeignCertificate(options: {
  subject: string;
  emails?: string[];
  usages: ('codeSigning' | 'emailProtection' | 'serverAuth')[];
  days?: number;
}): Promise<{ base64: string; certificate: X509Certificate }> {
  const algorithm = algorithms.ec256;
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const serial = Buffer.from(webcrypto.getRandomValues(new Uint8Array(12)));
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const generated = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: options.subject,
    notBefore: new Date(now - 86_400_000),
    notAfter: new Date(now + (options.days ?? 365) * 86_400_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.ExtendedKeyUsageExtension(options.usages.map((usage) => x509.ExtendedKeyUsage[usage])),
      ...(options.emails === undefined ? [] : [new x509.SubjectAlternativeNameExtension(options.emails.map((value) => ({ type: 'email' as const, value })))]),
    ],
  });
  const der = Buffer.from(generated.rawData);
  return { base64: der.toString('base64'), certificate: new X509Certificate(der) };
}

export { opensslPkcs7Certificates, pemCertificates } from './ssl-helpers';

/** `openssl verify` of a leaf for S/MIME signing, against the root with the intermediate as untrusted help. */
export function opensslVerifySmime(leaf: X509Certificate, intermediate: X509Certificate, root: X509Certificate): string {
  return withTempDir((dir) => {
    const path = (name: string, certificate: X509Certificate) => {
      const file = join(dir, name);
      writeFileSync(file, certificate.toString());
      return file;
    };
    const args = ['verify', '-purpose', 'smimesign', '-CAfile', path('root.pem', root), '-untrusted', path('intermediate.pem', intermediate), path('leaf.pem', leaf)];
    return execFileSync('openssl', args, { encoding: 'utf8' }).trim();
  });
}

/** `openssl x509 -text` of a certificate. */
export function opensslText(certificate: X509Certificate): string {
  return execFileSync('openssl', ['x509', '-noout', '-text'], { input: certificate.toString(), encoding: 'utf8' });
}

/** An SCM error answer: the status, exactly `{code, description}`, the code and optionally the text. */
export function expectError(reply: ScmReply, status: number, code: number, description?: string | RegExp): void {
  expect(reply.status, reply.text).toBe(status);
  expect(Object.keys(reply.json as object).sort()).toEqual(['code', 'description']);
  expect(reply.json).toMatchObject({ code });
  if (description !== undefined) expect((reply.json as { description: string }).description).toMatch(description);
}

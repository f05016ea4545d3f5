import 'reflect-metadata';
import { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);

const caAlgorithm = { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' } as const;
const day = 24 * 60 * 60 * 1000;

/** What a restart needs to keep signing with the same CA (sandbox keys are fake by design). */
export interface SandboxCaExport {
  rootCertificate: string;
  rootKey: string;
  intermediateCertificate: string;
  intermediateKey: string;
}

export interface IssueRequest {
  /** The subject's public key, as SPKI DER in base64. */
  publicKey: string;
  subject: string;
  /** DNS names (SSL) or email addresses (S/MIME). */
  altNames: { type: 'dns' | 'email' | 'ip'; value: string }[];
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  purpose: 'server' | 'email';
}

export interface SandboxCa {
  rootPem: string;
  intermediatePem: string;
  /** Signs a certificate with the intermediate; returns it as PEM. */
  issue(request: IssueRequest): Promise<string>;
  export(): SandboxCaExport;
}

async function exportKey(key: CryptoKey): Promise<string> {
  return Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key)).toString('base64');
}

async function importKey(pkcs8: string): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', Buffer.from(pkcs8, 'base64'), caAlgorithm, true, ['sign']);
}

/**
 * A root and an intermediate, as a real CA has, named for the sandbox so nobody
 * mistakes them; valid for years around `now`, the sandbox's own clock.
 */
export async function createSandboxCa(name: string, now = Date.now()): Promise<SandboxCa> {
  const rootKeys = await webcrypto.subtle.generateKey(caAlgorithm, true, ['sign', 'verify']);
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${name} Root CA, O=SCM Sandbox (not a real CA)`,
    notBefore: new Date(now - 3650 * day),
    notAfter: new Date(now + 7300 * day),
    keys: rootKeys,
    signingAlgorithm: caAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const intermediateKeys = await webcrypto.subtle.generateKey(caAlgorithm, true, ['sign', 'verify']);
  const intermediate = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: `CN=${name} Issuing CA, O=SCM Sandbox (not a real CA)`,
    issuer: root.subject,
    notBefore: new Date(now - 3000 * day),
    notAfter: new Date(now + 5000 * day),
    publicKey: intermediateKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: caAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(intermediateKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  return loadSandboxCa({
    rootCertificate: root.toString('pem'),
    rootKey: await exportKey(rootKeys.privateKey),
    intermediateCertificate: intermediate.toString('pem'),
    intermediateKey: await exportKey(intermediateKeys.privateKey),
  });
}

export async function loadSandboxCa(saved: SandboxCaExport): Promise<SandboxCa> {
  const intermediate = new x509.X509Certificate(saved.intermediateCertificate);
  const signingKey = await importKey(saved.intermediateKey);
  const intermediatePublicKey = await intermediate.publicKey.export(caAlgorithm, ['verify']);
  return {
    rootPem: new x509.X509Certificate(saved.rootCertificate).toString('pem'),
    intermediatePem: intermediate.toString('pem'),
    export: () => saved,
    async issue(request) {
      const publicKey = new x509.PublicKey(Buffer.from(request.publicKey, 'base64'));
      const certificate = await x509.X509CertificateGenerator.create({
        serialNumber: request.serialNumber,
        subject: request.subject,
        issuer: intermediate.subject,
        notBefore: request.notBefore,
        notAfter: request.notAfter,
        publicKey,
        signingKey,
        signingAlgorithm: caAlgorithm,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(
            request.purpose === 'server'
              ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
              : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.nonRepudiation,
            true,
          ),
          new x509.ExtendedKeyUsageExtension(
            request.purpose === 'server'
              ? [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]
              : [x509.ExtendedKeyUsage.emailProtection, x509.ExtendedKeyUsage.clientAuth],
          ),
          ...(request.altNames.length > 0 ? [new x509.SubjectAlternativeNameExtension(request.altNames)] : []),
          await x509.AuthorityKeyIdentifierExtension.create(intermediatePublicKey),
        ],
      });
      return certificate.toString('pem');
    },
  };
}

export interface ParsedCsr {
  /** SPKI DER, base64. */
  publicKey: string;
  keyAlgorithm: 'RSA' | 'EC';
  /** Bits for RSA, the curve for EC ("P-256"). */
  keyParam: string;
  commonName: string | undefined;
  /** DNS names requested inside the CSR. */
  dnsNames: string[];
}

/**
 * Parses a PKCS#10 request and checks its self-signature, as SCM does before it
 * accepts an enroll. Returns null for anything that is not a valid, signed CSR.
 */
export async function parseCsr(pem: string): Promise<ParsedCsr | null> {
  let request: x509.Pkcs10CertificateRequest;
  try {
    request = new x509.Pkcs10CertificateRequest(pem.trim());
    if (!(await request.verify())) return null;
  } catch {
    return null;
  }
  const algorithm = request.publicKey.algorithm as { name: string; modulusLength?: number; namedCurve?: string };
  let keyAlgorithm: ParsedCsr['keyAlgorithm'];
  let keyParam: string;
  if (algorithm.name === 'ECDSA' || algorithm.name === 'ECDH') {
    keyAlgorithm = 'EC';
    keyParam = algorithm.namedCurve ?? 'unknown';
  } else if (algorithm.name.startsWith('RSA')) {
    keyAlgorithm = 'RSA';
    keyParam = String(algorithm.modulusLength ?? 0);
  } else {
    return null;
  }
  const commonName = request.subjectName.getField('CN')[0];
  const san = request.extensions.find((extension) => extension instanceof x509.SubjectAlternativeNameExtension);
  const dnsNames = san?.names.items.filter((item) => item.type === 'dns').map((item) => item.value) ?? [];
  return {
    publicKey: Buffer.from(request.publicKey.rawData).toString('base64'),
    keyAlgorithm,
    keyParam,
    commonName,
    dnsNames,
  };
}

/** PEM certificates as one PKCS#7 (certs-only SignedData), DER. */
export function pkcs7Der(pems: string[]): Buffer {
  const bundle = new x509.X509Certificates(pems.map((pem) => new x509.X509Certificate(pem)));
  return Buffer.from(bundle.export('raw'));
}

export function pemBlock(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { ScmClientError } from './errors';

const pemPattern = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in a collect answer: PEM blocks, or a PKCS#7 bundle (PEM or DER). */
export function certificatesIn(body: Buffer): string[] {
  const text = body.toString('latin1');
  const pems = text.match(pemPattern);
  if (pems !== null) return pems.map((pem) => `${pem}\n`);
  const pkcs7 = /-----BEGIN (PKCS7|CMS)-----([\s\S]+?)-----END \1-----/.exec(text);
  const der = pkcs7 === null ? body : Buffer.from(pkcs7[2]!.replace(/\s+/g, ''), 'base64');
  const bundle = new x509.X509Certificates(new Uint8Array(der));
  return bundle.map((certificate) => certificate.toString('pem') + '\n');
}

/**
 * Puts a chain in leaf-to-root order whatever order the format gave (SCM's `pem`
 * comes root first, `x509` leaf first): the leaf is the certificate that issued
 * none of the others, then each certificate's issuer follows it.
 */
export function orderChain(pems: readonly string[]): string[] {
  const parsed = pems.map((pem) => ({ pem, certificate: new X509Certificate(pem) }));
  const issues = (issuer: X509Certificate, subject: X509Certificate) => issuer !== subject && subject.checkIssued(issuer);
  const leaf = parsed.find((candidate) => !parsed.some((other) => other !== candidate && issues(candidate.certificate, other.certificate))) ?? parsed[0];
  if (leaf === undefined) return [];
  const ordered = [leaf];
  const remaining = new Set(parsed.filter((entry) => entry !== leaf));
  for (let current = leaf; ; ) {
    const issuer = [...remaining].find((candidate) => issues(candidate.certificate, current.certificate));
    if (issuer === undefined) break;
    ordered.push(issuer);
    remaining.delete(issuer);
    current = issuer;
  }
  return [...ordered, ...remaining].map((entry) => entry.pem);
}

/**
 * The certificates of a downloaded chain, leaf first, or a clear error when
 * SCM's answer holds none the console can read (never the parser's own words).
 * `what` names the certificate, as in "download SSL certificate 5".
 */
export function readChain(body: Buffer, what: string): string[] {
  let chain: string[];
  try {
    chain = orderChain(certificatesIn(body));
  } catch {
    chain = [];
  }
  if (chain.length === 0) {
    const reason = "SCM's answer held no certificate the console could read.";
    throw new ScmClientError({
      kind: 'protocol',
      message: `Could not download ${what}: ${reason}`,
      reason,
      hint: 'Try again in a moment. If it keeps happening, download the certificate in SCM’s web interface, and report this with the SCM release.',
    });
  }
  return chain;
}

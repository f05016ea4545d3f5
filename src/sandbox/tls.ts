import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import type { SandboxCa } from './ca';

const day = 24 * 60 * 60 * 1000;

export interface KeyAndCertificate {
  /** PKCS#8 PEM. */
  privateKey: string;
  /** The leaf and the issuing CA, PEM. */
  certificate: string;
}

function newKey(): { publicKey: string; privateKey: string } {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

/** A server certificate for 127.0.0.1 and localhost from the sandbox CA, so the sandbox can speak https. */
export async function serverCredentials(ca: SandboxCa, now: number): Promise<KeyAndCertificate> {
  const key = newKey();
  const leaf = await ca.issue({
    publicKey: key.publicKey,
    subject: 'CN=127.0.0.1, O=SCM Sandbox (not a real certificate)',
    altNames: [
      { type: 'ip', value: '127.0.0.1' },
      { type: 'dns', value: 'localhost' },
    ],
    serialNumber: serial(),
    notBefore: new Date(now - day),
    notAfter: new Date(now + 30 * day),
    purpose: 'server',
  });
  return { privateKey: key.privateKey, certificate: `${leaf}\n${ca.intermediatePem}` };
}

/** A client certificate for an admin, for "User Login via Certificate" on the `/private` prefix. */
export async function adminCertificate(ca: SandboxCa, admin: { login: string; email: string; forename: string; surname: string }, now: number): Promise<KeyAndCertificate> {
  const key = newKey();
  const name = `${admin.forename} ${admin.surname}`.trim().replace(/[,+="<>#;\\]/g, ' ') || admin.login;
  const leaf = await ca.issue({
    publicKey: key.publicKey,
    subject: `CN=${name}, O=SCM Sandbox (not a real certificate)`,
    altNames: [{ type: 'email', value: admin.email }],
    serialNumber: serial(),
    notBefore: new Date(now - day),
    notAfter: new Date(now + 365 * day),
    purpose: 'email',
  });
  return { privateKey: key.privateKey, certificate: `${leaf}\n${ca.intermediatePem}` };
}

/** The email addresses in a peer certificate's subjectAltName. */
export function certificateEmails(raw: Buffer): string[] {
  const alt = new X509Certificate(raw).subjectAltName ?? '';
  return alt
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('email:'))
    .map((part) => part.slice('email:'.length).toLowerCase());
}

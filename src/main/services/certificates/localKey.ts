import 'reflect-metadata';
import { createHash, createPrivateKey, createPublicKey, generateKeyPair as generateKeyPairCallback, webcrypto, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

/*
 * Keys and certificate signing requests made on this machine: the private key
 * is made here, written only encrypted with the person's passphrase, and never
 * leaves this process; SCM sees only the CSR.
 */

const generateKeyPair = promisify(generateKeyPairCallback);

x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] }));

/** The keys the console makes: RSA of a size, or ECDSA on a curve, as SCM's profiles name them. */
export type LocalKeyType = { algorithm: 'RSA'; size: 2048 | 3072 | 4096 } | { algorithm: 'EC'; curve: 'P-256' | 'P-384' };

export const localKeyTypes: readonly LocalKeyType[] = [
  { algorithm: 'RSA', size: 2048 },
  { algorithm: 'RSA', size: 3072 },
  { algorithm: 'RSA', size: 4096 },
  { algorithm: 'EC', curve: 'P-256' },
  { algorithm: 'EC', curve: 'P-384' },
];

/** A key type as the form and SCM's profile name it: `RSA-2048`, `EC-P-256`. */
export function keyTypeName(type: LocalKeyType): string {
  return type.algorithm === 'RSA' ? `RSA-${type.size}` : `EC-${type.curve}`;
}

export function keyTypeNamed(name: string): LocalKeyType | undefined {
  return localKeyTypes.find((type) => keyTypeName(type) === name);
}

/**
 * The key types a profile allows that the console can make. SCM lists them as
 * `{"RSA":["2048"],"EC":["P-256"]}`; a profile that lists none (an older SCM)
 * is taken to allow RSA 2048.
 */
export function keyTypesAllowed(keyTypes: Record<string, string[]>): LocalKeyType[] {
  if (Object.keys(keyTypes).length === 0) return [{ algorithm: 'RSA', size: 2048 }];
  return localKeyTypes.filter((type) => {
    const allowed = (type.algorithm === 'RSA' ? keyTypes.RSA : (keyTypes.EC ?? keyTypes.ECDSA)) ?? [];
    const wanted = type.algorithm === 'RSA' ? String(type.size) : type.curve;
    return allowed.some((value) => value.replace(/^secp256r1$/i, 'P-256').replace(/^secp384r1$/i, 'P-384').toUpperCase() === wanted.toUpperCase());
  });
}

export interface LocalKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export async function makeKeyPair(type: LocalKeyType): Promise<LocalKeyPair> {
  return type.algorithm === 'RSA'
    ? generateKeyPair('rsa', { modulusLength: type.size, publicExponent: 0x10001 })
    : generateKeyPair('ec', { namedCurve: type.curve === 'P-256' ? 'prime256v1' : 'secp384r1' });
}

/** The private key as PKCS#8 PEM, encrypted with the passphrase (PBES2: PBKDF2 and AES-256-CBC). */
export function encryptedKeyPem(privateKey: KeyObject, passphrase: string): string {
  if (passphrase === '') throw new Error('A private key is never written without a passphrase.');
  return privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;
}

/** Opens an encrypted key; throws when the passphrase is wrong. */
export function openKey(pem: string, passphrase: string): KeyObject {
  return createPrivateKey({ key: pem, format: 'pem', passphrase });
}

function signingAlgorithmFor(key: KeyObject): { import: webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams; sign: webcrypto.Algorithm | webcrypto.EcdsaParams } {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') return { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } };
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return { import: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } as webcrypto.EcdsaParams };
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'secp384r1') return { import: { name: 'ECDSA', namedCurve: 'P-384' }, sign: { name: 'ECDSA', hash: 'SHA-384' } as webcrypto.EcdsaParams };
  throw new Error(`The console makes no CSR for a ${key.asymmetricKeyType ?? 'unknown'} key.`);
}

/** Escapes a value for an X.500 name string (RFC 4514). */
function nameValue(value: string): string {
  return value.replace(/([\\,+"<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
}

/**
 * A PKCS#10 request for the names, signed with the key: the common name as
 * subject, and every name (the common name too) as a DNS subject alternative
 * name, as CAs want today.
 */
export async function makeCsr(keys: LocalKeyPair, commonName: string, otherNames: readonly string[]): Promise<string> {
  const algorithm = signingAlgorithmFor(keys.privateKey);
  const subtle = webcrypto.subtle;
  const privateDer = keys.privateKey.export({ type: 'pkcs8', format: 'der' });
  const publicDer = keys.publicKey.export({ type: 'spki', format: 'der' });
  const privateKey = await subtle.importKey('pkcs8', privateDer, algorithm.import, false, ['sign']);
  const publicKey = await subtle.importKey('spki', publicDer, algorithm.import, true, ['verify']);
  const names = [...new Set([commonName, ...otherNames].map((name) => name.toLowerCase()))];
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${nameValue(commonName)}`,
    keys: { privateKey, publicKey } as unknown as Parameters<typeof x509.Pkcs10CertificateRequestGenerator.create>[0]['keys'],
    signingAlgorithm: algorithm.sign,
    extensions: [new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: 'dns' as const, value })))],
  });
  return request.toString('pem');
}

/** The SHA-256 of a public key's SubjectPublicKeyInfo, hex: how a key, its CSR and its certificate are matched. */
export function publicKeyFingerprint(spki: ArrayBuffer | Buffer): string {
  return createHash('sha256').update(Buffer.from(spki as ArrayBuffer)).digest('hex');
}

export function csrFingerprint(csrPem: string): string {
  return publicKeyFingerprint(new x509.Pkcs10CertificateRequest(csrPem).publicKey.rawData);
}

export function certificateFingerprint(certificatePem: string): string {
  return publicKeyFingerprint(new x509.X509Certificate(certificatePem).publicKey.rawData);
}

export function keyFingerprint(privateKey: KeyObject): string {
  return publicKeyFingerprint(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
}

/** Whether a CSR's signature holds (its key signed it). */
export async function csrSignatureHolds(csrPem: string): Promise<boolean> {
  return new x509.Pkcs10CertificateRequest(csrPem).verify();
}

/**
 * Whether the chain (leaf first) builds from the leaf to a self-signed root,
 * each certificate signed by the next: answers the chain as built, leaf to
 * root, or the reason it does not build.
 */
export async function buildChain(pems: readonly string[]): Promise<{ built: string[] } | { problem: string }> {
  if (pems.length === 0) return { problem: 'SCM sent no certificate.' };
  const certificates = pems.map((pem) => new x509.X509Certificate(pem));
  const leaf = certificates[0]!;
  const builder = new x509.X509ChainBuilder({ certificates: certificates.slice(1) });
  const chain = await builder.build(leaf);
  const root = chain[chain.length - 1]!;
  if (!(await root.isSelfSigned())) return { problem: `The chain ends at “${root.subject}”, which is not a root: its issuer “${root.issuer}” was not sent.` };
  for (let index = 0; index < chain.length - 1; index += 1) {
    const issuer = chain[index + 1]!;
    if (!(await chain[index]!.verify({ publicKey: issuer.publicKey, signatureOnly: true }))) return { problem: `“${chain[index]!.subject}” is not signed by “${issuer.subject}”.` };
  }
  return { built: chain.map((certificate) => certificate.toString('pem')) };
}

function derOf(pem: string): ArrayBuffer {
  const bytes = Buffer.from(pem.replace(/-----(BEGIN|END)[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

// pkijs makes the IV itself: the algorithm names only the cipher and its key length.
const pbes2 = {
  contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 } as unknown as Parameters<pkijs.PKCS8ShroudedKeyBag['makeInternalValues']>[0]['contentEncryptionAlgorithm'],
  hmacHashAlgorithm: 'SHA-256',
  iterationCount: 100_000,
};

/**
 * A PKCS#12 file with the key and the chain (leaf first), protected with the
 * passphrase in the modern way: the key and the certificates encrypted with
 * PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC), the whole with a SHA-256 HMAC.
 */
export async function makePkcs12(privateKey: KeyObject, chain: readonly string[], passphrase: string): Promise<Buffer> {
  const password = new TextEncoder().encode(passphrase).buffer as ArrayBuffer;
  const keyDer = privateKey.export({ type: 'pkcs8', format: 'der' });
  const keyInfo = pkijs.PrivateKeyInfo.fromBER(keyDer.buffer.slice(keyDer.byteOffset, keyDer.byteOffset + keyDer.byteLength) as ArrayBuffer);
  const keyBag = new pkijs.SafeBag({ bagId: '1.2.840.113549.1.12.10.1.2', bagValue: new pkijs.PKCS8ShroudedKeyBag({ parsedValue: keyInfo }) });
  const certificateBags = chain.map(
    (pem) =>
      new pkijs.SafeBag({
        bagId: '1.2.840.113549.1.12.10.1.3',
        bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(derOf(pem)) }),
      }),
  );
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [keyBag] }) },
            { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certificateBags }) },
          ],
        },
      }),
    },
  });
  const authenticatedSafe = pfx.parsedValue!.authenticatedSafe!;
  await (keyBag.bagValue as pkijs.PKCS8ShroudedKeyBag).makeInternalValues({ password, ...pbes2 });
  await authenticatedSafe.makeInternalValues({ safeContents: [{}, { password, ...pbes2 }] });
  await pfx.makeInternalValues({ password, iterations: pbes2.iterationCount, pbkdf2HashAlgorithm: 'SHA-256', hmacHashAlgorithm: 'SHA-256' });
  return Buffer.from(pfx.toSchema().toBER(false));
}

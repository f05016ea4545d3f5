import { createHmac, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Admin passwords as the sandbox keeps them: a salted scrypt hash in a string
 * that names its own parameters, `scrypt$N$r$p$salt$key` (salt and key in
 * base64url). People type real passwords into the practice sandbox, and its
 * state is a file on their disk, so the clear text is never kept.
 */

const cost = { N: 16_384, r: 8, p: 1 } as const;
const saltBytes = 16;
const keyBytes = 32;

interface ParsedHash {
  options: ScryptOptions;
  salt: Buffer;
  key: Buffer;
}

/** Reads a hash string; undefined when it is not one this sandbox could have written. */
function parse(hash: string): ParsedHash | undefined {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds keep a tampered state file from asking for unbounded memory or time.
  const power = Math.log2(N);
  if (!Number.isInteger(power) || power < 1 || power > 20 || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length < 16) return undefined;
  return { options: { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, salt, key };
}

function derive(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

/** A new hash of `password`, with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, keyBytes, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether `candidate` is the password `hash` was made from, compared in constant time. */
export async function verifyPassword(hash: string, candidate: string): Promise<boolean> {
  const parsed = parse(hash);
  if (parsed === undefined) return false;
  return timingSafeEqual(await derive(candidate, parsed.salt, parsed.key.length, parsed.options), parsed.key);
}

/** As verifyPassword, blocking: for the rare caller that cannot wait. */
export function verifyPasswordSync(hash: string, candidate: string): boolean {
  const parsed = parse(hash);
  if (parsed === undefined) return false;
  return timingSafeEqual(scryptSync(candidate, parsed.salt, parsed.key.length, parsed.options), parsed.key);
}

/**
 * Keyed digests of passwords, with a key made for this process: they live in
 * memory only, and cannot be tried against a guess without the key.
 */
const digestKey = randomBytes(32);
const digest = (candidate: string) => createHmac('sha256', digestKey).update(candidate, 'utf8').digest();

/** What a password check needs to know of an admin. */
export interface PasswordHolder {
  id: number;
  passwordHash: string | null;
}

/**
 * Checks admins' passwords against their hashes. Every SCM request carries the
 * password, and scrypt is slow on purpose, so a password once verified is
 * remembered (as a keyed digest, for the hash it matched) and later requests
 * compare digests. A changed password has another hash, which no remembered
 * digest belongs to.
 */
export class PasswordChecker {
  readonly #verified = new Map<number, { hash: string; digest: Buffer }>();

  #remembered(admin: PasswordHolder, hash: string, candidateDigest: Buffer): boolean {
    const known = this.#verified.get(admin.id);
    return known !== undefined && known.hash === hash && timingSafeEqual(known.digest, candidateDigest);
  }

  /** Whether `candidate` is the admin's current password. */
  async matches(admin: PasswordHolder, candidate: string): Promise<boolean> {
    const hash = admin.passwordHash;
    if (hash === null) return false;
    const candidateDigest = digest(candidate);
    if (this.#remembered(admin, hash, candidateDigest)) return true;
    // The password may change while scrypt runs; only a match with the current hash counts.
    if (!(await verifyPassword(hash, candidate)) || admin.passwordHash !== hash) return false;
    this.#verified.set(admin.id, { hash, digest: candidateDigest });
    return true;
  }

  /** As matches, blocking. */
  matchesSync(admin: PasswordHolder, candidate: string): boolean {
    const hash = admin.passwordHash;
    if (hash === null) return false;
    const candidateDigest = digest(candidate);
    if (this.#remembered(admin, hash, candidateDigest)) return true;
    if (!verifyPasswordSync(hash, candidate)) return false;
    this.#verified.set(admin.id, { hash, digest: candidateDigest });
    return true;
  }

  /** Drops what was remembered of an admin, whose password just changed or who is gone. */
  forget(adminId: number): void {
    this.#verified.delete(adminId);
  }
}

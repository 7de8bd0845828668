// Secrets: passwords (argon2id), random tokens, hashes and constant-time comparison, and the CSRF
// cookie's name. Sessions and API tokens are the accounts module's (its identity provider).
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const csrfCookieName = 'involve_csrf';

/** argon2id with the OWASP-recommended minimums (19 MiB, 2 passes, 1 lane). */
const argonOptions = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Random bytes taken from a block read at once: one call to the system's generator per 4 KiB, not per token. */
const pool = { block: Buffer.alloc(0), used: 0 };
export function randomBytesFromPool(size: number): Buffer {
  if (size > 1024) return crypto.randomBytes(size);
  if (pool.used + size > pool.block.length) {
    pool.block = crypto.randomBytes(4096);
    pool.used = 0;
  }
  const bytes = Buffer.from(pool.block.subarray(pool.used, pool.used + size));
  // Never handed out twice.
  pool.block.fill(0, pool.used, pool.used + size);
  pool.used += size;
  return bytes;
}

/** A random URL-safe secret (for session ids, email links, API tokens, CSRF tokens). */
export function randomToken(bytes = 32): string {
  return randomBytesFromPool(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

/** Compare two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

// Project API keys (`sy_live_…`) and admin tokens (`sy_admin_…`): high-entropy random secrets,
// shown once, stored only as HMAC-SHA256(secret, pepper). The pepper lives outside the database
// (environment), so a leaked table alone does not allow offline guessing; with 190 bits of
// entropy per key, a fast hash is the right choice (no bcrypt/argon2 cost on every request).
import { createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'sy_live_';
export const ADMIN_TOKEN_PREFIX = 'sy_admin_';
/** 32 base62 characters ≈ 190 bits. */
const RANDOM_LENGTH = 32;
/** How many characters of a secret are kept in plain text for display ("sy_live_AbCd…"). */
const DISPLAY_RANDOM_CHARS = 4;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Uniformly random base62 string (rejection sampling, 248 = 4 × 62, avoids modulo bias). Bytes
 * come from the CSPRNG through a pooled buffer (as crypto.randomUUID does): every request id is
 * one of these, and a fresh randomBytes per call was 2% of the gateway's CPU at c=64.
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = nextRandomByte();
    if (byte < 248) out += BASE62[byte % 62];
  }
  return out;
}

const randomPool = Buffer.allocUnsafe(4096);
let randomOffset = randomPool.length;

function nextRandomByte(): number {
  if (randomOffset === randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  return randomPool[randomOffset++]!;
}

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBase62(RANDOM_LENGTH);
}

export function generateAdminToken(): string {
  return ADMIN_TOKEN_PREFIX + randomBase62(RANDOM_LENGTH);
}

/** The part of a secret that may be stored and shown: its kind prefix plus a few characters. */
export function displayPrefix(secret: string): string {
  const kind = [ADMIN_TOKEN_PREFIX, API_KEY_PREFIX].find((prefix) => secret.startsWith(prefix)) ?? '';
  return secret.slice(0, kind.length + DISPLAY_RANDOM_CHARS);
}

/** The secret's kind from its prefix, or null when it is not one of ours. */
export function secretKind(secret: string): 'api-key' | 'admin-token' | null {
  if (secret.startsWith(API_KEY_PREFIX)) return 'api-key';
  if (secret.startsWith(ADMIN_TOKEN_PREFIX)) return 'admin-token';
  return null;
}

/** HMAC-SHA256(secret) keyed with the server pepper, lower-case hex (64 characters). */
export function hashSecret(secret: string, pepper: string): string {
  if (!pepper) throw new Error('hashSecret: the pepper must not be empty');
  return createHmac('sha256', pepper).update(secret, 'utf8').digest('hex');
}

/** Constant-time check of a presented secret against a stored hash. */
export function verifySecret(secret: string, storedHash: string, pepper: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashSecret(secret, pepper), 'hex');
  // Lengths are public (always 32 bytes for a well-formed hash); timingSafeEqual needs equal ones.
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

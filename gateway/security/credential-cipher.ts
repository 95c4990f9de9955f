// Provider credentials at rest: AES-256-GCM under a 32-byte master key from the environment.
// Each ciphertext records the id of the key that sealed it, so keys can rotate: decrypt with the
// old key (kept in the key ring), re-encrypt with the new one.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12; // GCM's recommended nonce size
const TAG_BYTES = 16;

export interface SealedSecret {
  ciphertext: Buffer;
  iv: Buffer;
  authTag: Buffer;
  keyId: string;
}

export interface MasterKey {
  id: string;
  key: Buffer;
}

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

/** Accepts 32 bytes as base64/base64url (44/43 characters) or hex (64 characters). */
export function parseMasterKey(value: string): Buffer {
  const trimmed = value.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== 32) {
    throw new MasterKeyError(
      'the master key must be 32 random bytes, written as base64 (44 characters) or hex (64 characters); ' +
        "generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"",
    );
  }
  return key;
}

/** A stable, non-secret id for a master key (first 16 hex chars of SHA-256 over a label + key). */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update('switchyard-master-key-id:').update(key).digest('hex').slice(0, 16);
}

export function toMasterKey(key: Buffer): MasterKey {
  if (key.length !== 32) throw new MasterKeyError(`a master key has 32 bytes, got ${key.length}`);
  return { id: masterKeyId(key), key };
}

function asMasterKey(key: Buffer | MasterKey): MasterKey {
  return Buffer.isBuffer(key) ? toMasterKey(key) : key;
}

export function encryptSecret(plaintext: string, masterKey: Buffer | MasterKey, associatedData?: string): SealedSecret {
  const master = asMasterKey(masterKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, master.key, iv, { authTagLength: TAG_BYTES });
  if (associatedData) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { ciphertext, iv, authTag: cipher.getAuthTag(), keyId: master.id };
}

/**
 * Decrypts with whichever key of the ring sealed it. Throws when that key is unknown or when the
 * ciphertext, iv, tag or associated data were altered (GCM authentication).
 */
export function decryptSecret(
  sealed: SealedSecret,
  keyRing: Buffer | MasterKey | Array<Buffer | MasterKey>,
  associatedData?: string,
): string {
  const ring = (Array.isArray(keyRing) ? keyRing : [keyRing]).map(asMasterKey);
  const master = ring.find((candidate) => candidate.id === sealed.keyId);
  if (!master) throw new MasterKeyError(`no master key with id ${sealed.keyId} is configured (was the master key changed?)`);
  const decipher = createDecipheriv(ALGORITHM, master.key, sealed.iv, { authTagLength: TAG_BYTES });
  if (associatedData) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(sealed.authTag);
  try {
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new Error('credential decryption failed: the stored secret was altered or sealed with another key', { cause: error });
  }
}

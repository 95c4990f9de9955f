// A sealed provider secret as the provider_credentials columns hold it (Prisma's Bytes are plain
// Uint8Arrays, not Buffers) and back: one mapping for every writer and reader of the columns.
import type { SealedSecret } from './credential-cipher.ts';

export interface SecretColumns {
  secretCiphertext: Uint8Array<ArrayBuffer>;
  secretIv: Uint8Array<ArrayBuffer>;
  secretAuthTag: Uint8Array<ArrayBuffer>;
  secretKeyId: string;
}

export function toSecretColumns(sealed: SealedSecret): SecretColumns {
  return {
    secretCiphertext: new Uint8Array(sealed.ciphertext),
    secretIv: new Uint8Array(sealed.iv),
    secretAuthTag: new Uint8Array(sealed.authTag),
    secretKeyId: sealed.keyId,
  };
}

export function fromSecretColumns(row: Pick<SecretColumns, 'secretKeyId'> & Record<'secretCiphertext' | 'secretIv' | 'secretAuthTag', Uint8Array>): SealedSecret {
  return { ciphertext: Buffer.from(row.secretCiphertext), iv: Buffer.from(row.secretIv), authTag: Buffer.from(row.secretAuthTag), keyId: row.secretKeyId };
}

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  displayPrefix,
  generateAdminToken,
  generateApiKey,
  hashSecret,
  randomBase62,
  secretKind,
  verifySecret,
} from '../../gateway/security/api-keys.ts';
import { decryptSecret, encryptSecret, MasterKeyError, masterKeyId, parseMasterKey, toMasterKey } from '../../gateway/security/credential-cipher.ts';

describe('API keys and admin tokens', () => {
  test('are prefixed, high-entropy and distinct', () => {
    const key = generateApiKey();
    const token = generateAdminToken();
    assert.match(key, /^sy_live_[0-9A-Za-z]{32}$/);
    assert.match(token, /^sy_admin_[0-9A-Za-z]{32}$/);
    assert.equal(secretKind(key), 'api-key');
    assert.equal(secretKind(token), 'admin-token');
    assert.equal(secretKind('sk-other'), null);
    const many = new Set(Array.from({ length: 1000 }, () => generateApiKey()));
    assert.equal(many.size, 1000);
    assert.equal(displayPrefix(key), key.slice(0, 12));
    assert.equal(displayPrefix(token), token.slice(0, 13));
  });

  test('base62 output uses the whole alphabet', () => {
    const sample = randomBase62(20_000);
    assert.equal(new Set(sample).size, 62);
  });

  test('hash with a pepper and verify in constant time', () => {
    const key = generateApiKey();
    const pepper = randomBytes(32).toString('base64url');
    const hash = hashSecret(key, pepper);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(hashSecret(key, pepper), hash, 'deterministic');
    assert.notEqual(hashSecret(key, `${pepper}x`), hash, 'depends on the pepper');
    assert.ok(verifySecret(key, hash, pepper));
    assert.ok(!verifySecret(`${key}x`, hash, pepper));
    assert.ok(!verifySecret(key, hash, 'another pepper'));
    assert.ok(!verifySecret(key, 'not-hex', pepper), 'a malformed stored hash never verifies');
    assert.throws(() => hashSecret(key, ''), /pepper/);
  });
});

describe('credential cipher', () => {
  const key = randomBytes(32);

  test('parseMasterKey accepts base64, base64url and hex of 32 bytes only', () => {
    assert.deepEqual(parseMasterKey(key.toString('base64')), key);
    assert.deepEqual(parseMasterKey(key.toString('base64url')), key);
    assert.deepEqual(parseMasterKey(key.toString('hex')), key);
    assert.deepEqual(parseMasterKey(` ${key.toString('hex').toUpperCase()}\n`), key);
    for (const bad of ['', 'short', randomBytes(16).toString('base64'), randomBytes(31).toString('hex'), randomBytes(48).toString('base64')]) {
      assert.throws(() => parseMasterKey(bad), MasterKeyError, `should reject ${JSON.stringify(bad)}`);
    }
  });

  test('round-trips and records the key id', () => {
    const sealed = encryptSecret('sk-secret-value', key);
    assert.equal(sealed.keyId, masterKeyId(key));
    assert.equal(sealed.iv.length, 12);
    assert.equal(sealed.authTag.length, 16);
    assert.ok(!sealed.ciphertext.toString('utf8').includes('sk-secret'));
    assert.equal(decryptSecret(sealed, key), 'sk-secret-value');
    assert.notDeepEqual(encryptSecret('sk-secret-value', key).iv, sealed.iv, 'a fresh IV every time');
  });

  test('detects tampering (GCM authentication)', () => {
    const sealed = encryptSecret('sk-secret-value', key, 'credential:abc');
    const flip = (buffer: Buffer) => {
      const copy = Buffer.from(buffer);
      copy[0] = (copy[0] ?? 0) ^ 1;
      return copy;
    };
    assert.throws(() => decryptSecret({ ...sealed, ciphertext: flip(sealed.ciphertext) }, key, 'credential:abc'), /decryption failed/);
    assert.throws(() => decryptSecret({ ...sealed, authTag: flip(sealed.authTag) }, key, 'credential:abc'), /decryption failed/);
    assert.throws(() => decryptSecret({ ...sealed, iv: flip(sealed.iv) }, key, 'credential:abc'), /decryption failed/);
    assert.throws(() => decryptSecret(sealed, key, 'credential:other'), /decryption failed/);
    assert.equal(decryptSecret(sealed, key, 'credential:abc'), 'sk-secret-value');
  });

  test('supports rotation through a key ring', () => {
    const oldKey = toMasterKey(randomBytes(32));
    const newKey = toMasterKey(randomBytes(32));
    const sealed = encryptSecret('rotate me', oldKey);
    assert.throws(() => decryptSecret(sealed, newKey), /no master key with id/);
    const plain = decryptSecret(sealed, [newKey, oldKey]);
    const resealed = encryptSecret(plain, newKey);
    assert.equal(resealed.keyId, newKey.id);
    assert.equal(decryptSecret(resealed, [newKey]), 'rotate me');
  });
});

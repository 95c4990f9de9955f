// Verifying project API keys on the hot path without waiting for the database. A key is looked up
// by its peppered HMAC; found keys are cached (revocation arrives by NOTIFY from the revoking
// transaction, and expiry is checked on every call), unknown secrets are cached briefly (so a
// client hammering with a bad key costs one query per few seconds, not one per request), and both
// caches are bounded. last_used_at is written in the background, at most once a minute per key.
//
// A key seen before skips even the HMAC: computing one costs ~40 µs per request at c=1 on this
// machine kind (OpenSSL's HMAC set-up on a cold core), a fifth of the gateway's whole added
// latency. Accepted secrets are remembered in memory (never on disk) under their first characters
// and compared in constant time; a mismatch, a revocation or a cleared cache falls back to the
// HMAC. The database still holds only the peppered HMAC.
import type { SqlClient } from '../../db/sql.ts';
import type { ApiKeyChangedPayload } from '../audit.ts';
import { CHANNELS, type PgListener } from '../pg-listener.ts';
import { API_KEY_PREFIX, hashSecret, secretKind } from './api-keys.ts';

/** Characters that index the remembered secrets: the prefix plus 12 random ones (~71 bits). */
const LOOKUP_CHARS = API_KEY_PREFIX.length + 12;

export interface VerifiedKey {
  keyId: string;
  projectId: string;
  orgId: string;
  projectSlug: string;
}

export interface KeyCacheDeps {
  db: SqlClient;
  listener: PgListener;
  pepper: string;
  now?: () => number;
  maxPositive?: number;
  maxNegative?: number;
  /** How long an unknown secret stays known-unknown (default 5 s). */
  negativeTtlMs?: number;
  /** Re-read a cached key at least this often, as a safety net beside NOTIFY (default 5 min). */
  positiveTtlMs?: number;
  /** Minimum interval between last_used_at writes per key (default 60 s). */
  touchIntervalMs?: number;
  /** The peppered hash (tests count its calls). */
  hash?: (secret: string, pepper: string) => string;
  log?: (line: string) => void;
}

interface KeyRow {
  id: string;
  project_id: string;
  expires_at: Date | null;
  revoked_at: Date | null;
  org_id: string;
  project_slug: string;
}

/** A secret accepted before (for the constant-time comparison) and its hash. */
interface RememberedSecret {
  secret: string;
  hash: string;
}

interface PositiveEntry {
  key: VerifiedKey;
  expiresAt: number | null;
  loadedAt: number;
}

export class KeyCache {
  readonly #deps: Required<Omit<KeyCacheDeps, 'log'>> & Pick<KeyCacheDeps, 'log'>;
  /** By hash. */
  readonly #positive = new Map<string, PositiveEntry>();
  /** First LOOKUP_CHARS characters of an accepted secret → the secret and its hash. */
  readonly #remembered = new Map<string, RememberedSecret>();
  /** Hash → when the negative entry lapses. */
  readonly #negative = new Map<string, number>();
  /** Key id → when last_used_at was last scheduled. */
  readonly #touched = new Map<string, number>();
  readonly #pendingTouches = new Set<string>();
  #flushTimer: NodeJS.Timeout | undefined;
  #epoch = 0;

  constructor(deps: KeyCacheDeps) {
    this.#deps = { now: Date.now, maxPositive: 10_000, maxNegative: 10_000, negativeTtlMs: 5_000, positiveTtlMs: 300_000, touchIntervalMs: 60_000, hash: hashSecret, ...deps };
    deps.listener.subscribe(CHANNELS.apiKeyChanged, (payload) => this.#onChange(payload));
    deps.listener.onReset(() => this.clear());
  }

  async verify(secret: string): Promise<VerifiedKey | undefined> {
    if (secretKind(secret) !== 'api-key') return undefined;
    const trusted = this.#deps.listener.listening;
    const known = trusted ? this.#rememberedHash(secret) : undefined;
    const hash = known ?? this.#deps.hash(secret, this.#deps.pepper);
    const now = this.#deps.now();
    const hit = trusted ? this.#positive.get(hash) : undefined;
    if (hit && now - hit.loadedAt < this.#deps.positiveTtlMs) {
      if (known === undefined) this.#remember(secret, hash);
      return this.#accept(hit, now);
    }
    const negativeUntil = trusted ? this.#negative.get(hash) : undefined;
    if (negativeUntil !== undefined && negativeUntil > now) return undefined;

    const epoch = this.#epoch;
    const { rows } = await this.#deps.db.query<KeyRow>(
      `SELECT k.id, k.project_id, k.expires_at, k.revoked_at, p.org_id, p.slug AS project_slug
         FROM api_keys k JOIN projects p ON p.id = k.project_id WHERE k.hash = $1`,
      [hash],
    );
    const row = rows[0];
    const cacheable = this.#deps.listener.listening && epoch === this.#epoch;
    if (!row || row.revoked_at) {
      this.#positive.delete(hash);
      this.#forget(hash);
      if (cacheable) remember(this.#negative, hash, now + this.#deps.negativeTtlMs, this.#deps.maxNegative);
      return undefined;
    }
    const entry: PositiveEntry = {
      key: { keyId: row.id, projectId: row.project_id, orgId: row.org_id, projectSlug: row.project_slug },
      expiresAt: row.expires_at?.getTime() ?? null,
      loadedAt: now,
    };
    this.#negative.delete(hash);
    if (cacheable) {
      remember(this.#positive, hash, entry, this.#deps.maxPositive);
      this.#remember(secret, hash);
    }
    return this.#accept(entry, now);
  }

  /** The hash of a secret accepted before, when the presented one matches it byte for byte. */
  #rememberedHash(secret: string): string | undefined {
    const known = this.#remembered.get(secret.slice(0, LOOKUP_CHARS));
    if (!known) return undefined;
    return sameSecret(secret, known.secret) ? known.hash : undefined;
  }

  #remember(secret: string, hash: string): void {
    const lookup = secret.slice(0, LOOKUP_CHARS);
    if (this.#remembered.get(lookup)?.hash === hash) return;
    remember(this.#remembered, lookup, { secret, hash }, this.#deps.maxPositive);
  }

  #forget(hash: string): void {
    for (const [lookup, known] of this.#remembered) if (known.hash === hash) this.#remembered.delete(lookup);
  }

  clear(): void {
    this.#epoch++;
    this.#positive.clear();
    this.#negative.clear();
    this.#remembered.clear();
  }

  /** Writes pending last_used_at updates now (also called on shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const ids = [...this.#pendingTouches];
    this.#pendingTouches.clear();
    if (ids.length === 0) return;
    await this.#deps.db.query('UPDATE api_keys SET last_used_at = now() WHERE id = ANY($1::uuid[])', [ids]);
  }

  #accept(entry: PositiveEntry, now: number): VerifiedKey | undefined {
    if (entry.expiresAt !== null && entry.expiresAt <= now) return undefined;
    this.#scheduleTouch(entry.key.keyId, now);
    return entry.key;
  }

  #scheduleTouch(keyId: string, now: number): void {
    const last = this.#touched.get(keyId);
    if (last !== undefined && now - last < this.#deps.touchIntervalMs) return;
    remember(this.#touched, keyId, now, this.#deps.maxPositive);
    this.#pendingTouches.add(keyId);
    // Batched and off the request path: a burst of first uses costs one UPDATE.
    this.#flushTimer ??= setTimeout(() => {
      this.flush().catch((error: unknown) => this.#deps.log?.(`key-cache: last_used_at update failed: ${String(error)}`));
    }, 1_000);
    this.#flushTimer.unref();
  }

  #onChange(payload: string): void {
    this.#epoch++;
    let keyId: string | undefined;
    try {
      keyId = (JSON.parse(payload) as ApiKeyChangedPayload).keyId;
    } catch {
      keyId = undefined;
    }
    if (!keyId) {
      this.clear();
      return;
    }
    for (const [hash, entry] of this.#positive) {
      if (entry.key.keyId !== keyId) continue;
      this.#positive.delete(hash);
      this.#forget(hash);
    }
  }
}

/**
 * Equality in time independent of where two strings differ: every character is compared, no
 * early exit (lengths are public: every key has the same). In JS rather than timingSafeEqual,
 * which needs two Buffers per call (~10 µs per request on a cold core, for a 40-byte compare).
 */
function sameSecret(presented: string, known: string): boolean {
  if (presented.length !== known.length) return false;
  let difference = 0;
  for (let i = 0; i < known.length; i++) difference |= presented.charCodeAt(i) ^ known.charCodeAt(i);
  return difference === 0;
}

/** Map insertion order makes the first key the oldest: evict it when full. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
}

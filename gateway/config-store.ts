// Resolving "@name" / "@name@3" on the hot path, from memory. The first resolve of a name loads
// it from Postgres; later ones are served from the cache with no database round trip. Every
// change to a config NOTIFYs (gateway/audit.ts, in the change's transaction), the listener drops
// that name's entries, and the next resolve reloads: all instances see a change within a second.
// While the listener is down, notifications may be missed, so the cache is bypassed (reads go to
// the database) and emptied when it reconnects.
import { StrategySpec } from '../core/strategy.ts';
import type { SqlClient } from '../db/sql.ts';
import type { ConfigChangedPayload } from './audit.ts';
import { CHANNELS, type PgListener } from './pg-listener.ts';

export interface ResolvedConfig {
  configId: string;
  name: string;
  versionId: string;
  version: number;
  spec: StrategySpec;
}

export interface ConfigStoreDeps {
  db: SqlClient;
  listener: PgListener;
  /** Bound on cached (project, name, version) entries; absent names are cached too. */
  maxEntries?: number;
}

type Entry = ResolvedConfig | undefined;

export class ConfigStore {
  readonly #deps: ConfigStoreDeps;
  readonly #cache = new Map<string, Entry>();
  /** Bumped on every invalidation: a load that started before one must not fill the cache. */
  #epoch = 0;

  constructor(deps: ConfigStoreDeps) {
    this.#deps = deps;
    deps.listener.subscribe(CHANNELS.configChanged, (payload) => this.#onChange(payload));
    deps.listener.onReset(() => this.clear());
  }

  /** The active version (no `version`) or a pinned one; undefined when there is no such config or version. */
  async resolve(projectId: string, name: string, version?: number): Promise<ResolvedConfig | undefined> {
    const key = cacheKey(projectId, name, version);
    if (this.#deps.listener.listening && this.#cache.has(key)) return this.#cache.get(key);
    const epoch = this.#epoch;
    const loaded = await this.#load(projectId, name, version);
    if (this.#deps.listener.listening && epoch === this.#epoch) this.#remember(key, loaded);
    return loaded;
  }

  clear(): void {
    this.#epoch++;
    this.#cache.clear();
  }

  get size(): number {
    return this.#cache.size;
  }

  #remember(key: string, entry: Entry): void {
    const max = this.#deps.maxEntries ?? 10_000;
    // Maps iterate in insertion order: dropping the first key evicts the oldest entry.
    if (this.#cache.size >= max) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(key, entry);
  }

  #onChange(payload: string): void {
    this.#epoch++;
    let change: ConfigChangedPayload | undefined;
    try {
      change = JSON.parse(payload) as ConfigChangedPayload;
    } catch {
      change = undefined;
    }
    if (!change?.projectId || !change.name) {
      this.#cache.clear();
      return;
    }
    const prefix = `${change.projectId}\u0000${change.name}\u0000`;
    for (const key of this.#cache.keys()) if (key.startsWith(prefix)) this.#cache.delete(key);
  }

  async #load(projectId: string, name: string, version?: number): Promise<Entry> {
    // The active version, or the pinned one: one indexed lookup either way.
    const { rows } = await this.#deps.db.query<{ config_id: string; name: string; version_id: string; number: number; spec: unknown }>(
      `SELECT c.id AS config_id, c.name, v.id AS version_id, v.number, v.spec
         FROM routing_configs c
         JOIN config_versions v ON ${version === undefined ? 'v.id = c.active_version_id' : 'v.config_id = c.id AND v.number = $3'}
        WHERE c.project_id = $1 AND c.name = $2`,
      version === undefined ? [projectId, name] : [projectId, name, version],
    );
    const row = rows[0];
    if (!row) return undefined;
    // Specs were validated at save time; parsing again gives the typed value (and fails loudly on corruption).
    return { configId: row.config_id, name: row.name, versionId: row.version_id, version: row.number, spec: StrategySpec.parse(row.spec) };
  }
}

/** NUL cannot occur in ids or names, so keys of different (project, name) pairs cannot collide. */
function cacheKey(projectId: string, name: string, version: number | undefined): string {
  return `${projectId}\u0000${name}\u0000${version ?? 'active'}`;
}

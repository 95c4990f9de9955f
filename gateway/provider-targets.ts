// Where and how to call each provider for an organisation: its stored credential (base URL +
// secret, decrypted with the master key), cached briefly so the hot path does not hit Postgres.
import type { SqlClient } from '../db/sql.ts';
import type { ModelProvider } from '../core/plan.ts';
import { ProviderCallError } from '../core/provider-error.ts';
import type { ProviderTarget } from '../providers/adapter.ts';
import { CHANNELS, type PgListener } from './pg-listener.ts';
import { decryptSecret, type MasterKey } from './security/credential-cipher.ts';

const DEFAULT_BASE_URLS: Record<Exclude<ModelProvider, 'openai-compatible'>, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
};

const CACHE_MS = 30_000;

interface CredentialRow {
  /** The provider_kind enum's labels are the provider names themselves. */
  kind: ModelProvider;
  base_url: string | null;
  secret_ciphertext: Buffer;
  secret_iv: Buffer;
  secret_auth_tag: Buffer;
  secret_key_id: string;
}

export class ProviderTargets {
  private readonly cache = new Map<string, { at: number; targets: Promise<Map<ModelProvider, ProviderTarget>> }>();

  constructor(
    private readonly db: SqlClient,
    private readonly masterKeys: MasterKey[],
    /** When given, a settings/credentials change (NOTIFY) drops the organisation's entry at once. */
    listener?: PgListener,
    /** Extra headers on every upstream call (tests use it for the simulator's behaviour header). */
    private readonly extraHeaders: Record<string, string> = {},
  ) {
    listener?.subscribe(CHANNELS.settingsChanged, (payload) => {
      try {
        this.invalidate((JSON.parse(payload) as { orgId?: string }).orgId);
      } catch {
        this.invalidate();
      }
    });
    listener?.onReset(() => this.invalidate());
  }

  async forProvider(orgId: string, provider: ModelProvider): Promise<ProviderTarget> {
    const targets = await this.load(orgId);
    const target = targets.get(provider);
    if (!target) {
      throw new ProviderCallError({ kind: 'auth', provider, message: `the organisation has no ${provider} credential; add one under provider credentials` });
    }
    return target;
  }

  invalidate(orgId?: string): void {
    if (orgId) this.cache.delete(orgId);
    else this.cache.clear();
  }

  private load(orgId: string): Promise<Map<ModelProvider, ProviderTarget>> {
    const cached = this.cache.get(orgId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.targets;
    const targets = this.fetch(orgId);
    this.cache.set(orgId, { at: Date.now(), targets });
    targets.catch(() => this.cache.delete(orgId));
    return targets;
  }

  private async fetch(orgId: string): Promise<Map<ModelProvider, ProviderTarget>> {
    const { rows } = await this.db.query<CredentialRow>(
      `SELECT kind, base_url, secret_ciphertext, secret_iv, secret_auth_tag, secret_key_id
         FROM provider_credentials WHERE org_id = $1 ORDER BY created_at`,
      [orgId],
    );
    const targets = new Map<ModelProvider, ProviderTarget>();
    for (const row of rows) {
      const provider = row.kind;
      // An OpenAI-compatible server has no public default endpoint.
      const baseUrl = row.base_url ?? (provider === 'openai-compatible' ? undefined : DEFAULT_BASE_URLS[provider]);
      if (!baseUrl) continue;
      if (targets.has(provider)) continue; // the oldest credential of a kind is the default
      const apiKey = decryptSecret(
        { ciphertext: row.secret_ciphertext, iv: row.secret_iv, authTag: row.secret_auth_tag, keyId: row.secret_key_id },
        this.masterKeys,
      );
      targets.set(provider, {
        kind: provider,
        baseUrl,
        apiKey,
        ...(Object.keys(this.extraHeaders).length ? { headers: this.extraHeaders } : {}),
      });
    }
    return targets;
  }
}

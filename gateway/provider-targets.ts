// Where and how to call each provider for an organisation: its stored credential (base URL +
// secret, decrypted with the master key), cached briefly so the hot path does not hit Postgres.
import type { PrismaClient } from '../db/client.ts';
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

export class ProviderTargets {
  private readonly cache = new Map<string, { at: number; targets: Promise<Map<ModelProvider, ProviderTarget>> }>();

  constructor(
    private readonly prisma: PrismaClient,
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
    const rows = await this.prisma.providerCredential.findMany({ where: { orgId }, orderBy: { createdAt: 'asc' } });
    const targets = new Map<ModelProvider, ProviderTarget>();
    for (const row of rows) {
      const provider: ModelProvider = row.kind === 'openai_compatible' ? 'openai-compatible' : row.kind;
      // An OpenAI-compatible server has no public default endpoint.
      const baseUrl = row.baseUrl ?? (provider === 'openai-compatible' ? undefined : DEFAULT_BASE_URLS[provider]);
      if (!baseUrl) continue;
      if (targets.has(provider)) continue; // the oldest credential of a kind is the default
      const apiKey = decryptSecret(
        { ciphertext: Buffer.from(row.secretCiphertext), iv: Buffer.from(row.secretIv), authTag: Buffer.from(row.secretAuthTag), keyId: row.secretKeyId },
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

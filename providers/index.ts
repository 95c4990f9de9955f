// The provider adapters by kind. Adapters are stateless apart from the shared per-origin
// connection pools (http/upstream-pool.ts), so one instance per kind serves every credential.
import type { ProviderAdapter, ProviderKind } from './adapter.ts';
import { anthropicAdapter } from './anthropic/anthropic-adapter.ts';
import { geminiAdapter } from './gemini/gemini-adapter.ts';
import { openaiCompatibleAdapter } from './openai-compatible/openai-compatible-adapter.ts';
import { openaiAdapter } from './openai/openai-adapter-instance.ts';

const ADAPTERS: Record<ProviderKind, ProviderAdapter> = {
  openai: openaiAdapter,
  'openai-compatible': openaiCompatibleAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
};

export function adapterFor(kind: ProviderKind): ProviderAdapter {
  return ADAPTERS[kind];
}

export type { CallOptions, ProviderAdapter, ProviderKind, ProviderTarget } from './adapter.ts';
export { closeUpstreamPools } from './http/upstream-pool.ts';

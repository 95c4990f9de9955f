// The shipped model catalog: public list prices in USD per million tokens (standard tier, prompts
// under any long-context surcharge threshold), as published by each provider in 2025. Cached
// input is the provider's prompt-cache read price. Upstream ids are the providers' moving aliases
// (the simulator serves the same names); pin dated snapshots through per-organisation overrides.
// Organisations with negotiated prices override these (core/catalog.ts withOverrides).
import type { CatalogModel } from './catalog.ts';

const all = { tools: true, vision: true, json_schema: true, streaming: true };

export const defaultCatalogModels: readonly CatalogModel[] = [
  // OpenAI
  {
    id: 'gpt-4o-mini', provider: 'openai', upstreamModel: 'gpt-4o-mini', tier: 'economy',
    pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 },
    contextWindow: 128_000, maxOutputTokens: 16_384, capabilities: { ...all, reasoning: false },
  },
  {
    id: 'gpt-4o', provider: 'openai', upstreamModel: 'gpt-4o', tier: 'premium',
    pricing: { inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25 },
    contextWindow: 128_000, maxOutputTokens: 16_384, capabilities: { ...all, reasoning: false },
  },
  {
    id: 'gpt-4.1', provider: 'openai', upstreamModel: 'gpt-4.1', tier: 'premium',
    pricing: { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.5 },
    contextWindow: 1_047_576, maxOutputTokens: 32_768, capabilities: { ...all, reasoning: false },
  },
  {
    id: 'gpt-4.1-mini', provider: 'openai', upstreamModel: 'gpt-4.1-mini', tier: 'economy',
    pricing: { inputPerMTok: 0.4, outputPerMTok: 1.6, cachedInputPerMTok: 0.1 },
    contextWindow: 1_047_576, maxOutputTokens: 32_768, capabilities: { ...all, reasoning: false },
  },
  {
    id: 'o4-mini', provider: 'openai', upstreamModel: 'o4-mini', tier: 'standard',
    pricing: { inputPerMTok: 1.1, outputPerMTok: 4.4, cachedInputPerMTok: 0.275 },
    contextWindow: 200_000, maxOutputTokens: 100_000, capabilities: { ...all, reasoning: true },
  },
  // Anthropic (structured outputs are emulated through tools, so json_schema is false here)
  {
    id: 'claude-haiku-4-5', provider: 'anthropic', upstreamModel: 'claude-haiku-4-5', tier: 'standard',
    pricing: { inputPerMTok: 1, outputPerMTok: 5, cachedInputPerMTok: 0.1 },
    contextWindow: 200_000, maxOutputTokens: 64_000, capabilities: { ...all, json_schema: false, reasoning: true },
  },
  {
    id: 'claude-sonnet-4-5', provider: 'anthropic', upstreamModel: 'claude-sonnet-4-5', tier: 'premium',
    pricing: { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3 },
    contextWindow: 200_000, maxOutputTokens: 64_000, capabilities: { ...all, json_schema: false, reasoning: true },
  },
  {
    id: 'claude-opus-4-1', provider: 'anthropic', upstreamModel: 'claude-opus-4-1', tier: 'frontier',
    pricing: { inputPerMTok: 15, outputPerMTok: 75, cachedInputPerMTok: 1.5 },
    contextWindow: 200_000, maxOutputTokens: 32_000, capabilities: { ...all, json_schema: false, reasoning: true },
  },
  // Google Gemini (2.5 models think; thinking tokens are billed as output)
  {
    id: 'gemini-2.5-flash', provider: 'gemini', upstreamModel: 'gemini-2.5-flash', tier: 'standard',
    pricing: { inputPerMTok: 0.3, outputPerMTok: 2.5, cachedInputPerMTok: 0.075 },
    contextWindow: 1_048_576, maxOutputTokens: 65_536, capabilities: { ...all, reasoning: true },
  },
  {
    id: 'gemini-2.5-flash-lite', provider: 'gemini', upstreamModel: 'gemini-2.5-flash-lite', tier: 'economy',
    pricing: { inputPerMTok: 0.1, outputPerMTok: 0.4, cachedInputPerMTok: 0.025 },
    contextWindow: 1_048_576, maxOutputTokens: 65_536, capabilities: { ...all, reasoning: true },
  },
  {
    id: 'gemini-2.5-pro', provider: 'gemini', upstreamModel: 'gemini-2.5-pro', tier: 'premium',
    pricing: { inputPerMTok: 1.25, outputPerMTok: 10, cachedInputPerMTok: 0.31 },
    contextWindow: 1_048_576, maxOutputTokens: 65_536, capabilities: { ...all, reasoning: true },
  },
];

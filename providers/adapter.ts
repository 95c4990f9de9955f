// The contract every provider adapter implements. An adapter is stateless apart from its
// connection pools; credentials and base URL come with each call (they are per organisation).
import type { ChatRequest, ChatResult, StreamPart } from '../core/chat.ts';

export type ProviderKind = 'openai' | 'openai-compatible' | 'anthropic' | 'gemini';

export interface ProviderTarget {
  kind: ProviderKind;
  /**
   * The provider's base URL in its SDK's convention: OpenAI and OpenAI-compatible include `/v1`
   * (https://api.openai.com/v1); Anthropic (https://api.anthropic.com) and Gemini
   * (https://generativelanguage.googleapis.com) do not — the adapter appends the API version.
   */
  baseUrl: string;
  apiKey: string;
  /** Extra headers for this credential (e.g. an OpenAI organisation). */
  headers?: Record<string, string>;
}

export interface CallOptions {
  /** Aborts the upstream request: per-attempt timeout, overall deadline, client disconnect. */
  signal: AbortSignal;
}

export interface ProviderAdapter {
  readonly kind: ProviderKind;
  /** Throws ProviderCallError on any failure (including an aborted signal → kind `timeout`). */
  generate(target: ProviderTarget, request: ChatRequest, options: CallOptions): Promise<ChatResult>;
  /** Throws ProviderCallError from the iterator on failure, before or after the first part. */
  stream(target: ProviderTarget, request: ChatRequest, options: CallOptions): AsyncIterable<StreamPart>;
}

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

/**
 * What a call needs of a cancellation signal. An AbortSignal is one; the gateway's fast path
 * passes an AttemptAbort (gateway/router/attempt-abort.ts) instead, which costs no EventTarget
 * per attempt. undici accepts either: it only calls add/removeEventListener('abort') on it.
 */
export interface CallSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface CallOptions {
  /** Aborts the upstream request: per-attempt timeout, overall deadline, client disconnect. */
  signal: CallSignal;
}

export interface ProviderAdapter {
  readonly kind: ProviderKind;
  /** Throws ProviderCallError on any failure (including an aborted signal → kind `timeout`). */
  generate(target: ProviderTarget, request: ChatRequest, options: CallOptions): Promise<ChatResult>;
  /** Throws ProviderCallError from the iterator on failure, before or after the first part. */
  stream(target: ProviderTarget, request: ChatRequest, options: CallOptions): AsyncIterable<StreamPart>;
}

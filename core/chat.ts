// The internal chat types every provider adapter speaks. The OpenAI wire format is the public
// lingua franca (gateway/openai/ encodes and decodes it); adapters translate these types to and
// from their provider's native format, and provider JSON never leaves its adapter.

export type ChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

export type ContentPart =
  | { type: 'text'; text: string }
  /** `url` is an http(s) URL or a `data:` URL (base64). */
  | { type: 'image'; url: string; detail?: 'auto' | 'low' | 'high' };

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text, exactly as the model produced it. */
  arguments: string;
}

export type ChatMessage =
  | { role: 'system' | 'developer'; content: string }
  | { role: 'user'; content: string | ContentPart[] }
  | { role: 'assistant'; content: string | null; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: Record<string, unknown>;
  strict?: boolean;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean };

/** One request to one upstream model. `model` is the provider's own model id. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  /** Number of choices; adapters of providers without it reject n > 1 as bad_request. */
  n?: number;
  seed?: number;
  user?: string;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens, priced as cached). */
  cachedInputTokens: number;
  /** Reasoning tokens (a subset of outputTokens). */
  reasoningTokens: number;
}

export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0 });

export interface ChatChoice {
  index: number;
  content: string | null;
  toolCalls: ToolCall[];
  refusal?: string | null;
  finishReason: FinishReason;
}

export interface ChatResult {
  /** The upstream response id, for support tickets with the provider. */
  upstreamId?: string;
  /** The model the provider says answered (may be a dated snapshot of the requested one). */
  model: string;
  choices: ChatChoice[];
  usage: Usage;
}

/**
 * What a streaming adapter yields. Failures are thrown from the iterator (as ProviderCallError),
 * never yielded, so the caller decides: fall back (nothing sent yet) or end the client's stream.
 * Every successful stream ends with exactly one `usage` part (zeros where the provider sent none).
 */
export type StreamPart =
  | { type: 'text-delta'; choice: number; text: string }
  | { type: 'tool-call-delta'; choice: number; index: number; id?: string; name?: string; argsDelta: string }
  | { type: 'finish'; choice: number; reason: FinishReason }
  | { type: 'usage'; usage: Usage; model?: string };

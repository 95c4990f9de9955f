// The provider-neutral view of a request and its result. Each dialect parses its wire format into
// a SimRequest, the shared engine produces a SimResult, and the dialect renders that back out.
import type { ProviderId } from './scenario.ts';

export interface SimTool {
  name: string;
  description?: string;
  parameters?: unknown;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ResponseFormat = { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; schema: unknown };

export interface SimRequest {
  provider: ProviderId;
  model: string;
  /** All input text (system, messages, tool definitions), for token estimates and answer seeding. */
  promptText: string;
  /** The newest user-authored text, where a bank question is looked for. */
  lastUserText: string;
  messageCount: number;
  /** The conversation ends with a tool result, so the model should answer in text now. */
  endsWithToolResult: boolean;
  tools: SimTool[];
  toolChoice: ToolChoice;
  responseFormat: ResponseFormat;
  maxTokens: number | undefined;
  stop: string[];
  n: number;
  seed: number | undefined;
  stream: boolean;
  /** OpenAI stream_options.include_usage: a final chunk carries usage. */
  streamUsage: boolean;
  /** Anthropic prompt caching was requested (a cache_control marker was present). */
  cacheControl: boolean;
}

export interface SimToolCall {
  id: string;
  name: string;
  /** The arguments as the JSON text streamed/returned to the client. */
  argumentsJson: string;
}

export type FinishReason = 'stop' | 'length' | 'stop_sequence' | 'tool_calls';

export interface SimChoice {
  index: number;
  text: string;
  toolCalls: SimToolCall[];
  finish: FinishReason;
  /** The stop sequence that ended the text (finish === 'stop_sequence'). */
  stopSequence?: string;
  /** Visible output tokens of this choice. */
  outputTokens: number;
}

export interface SimUsage {
  /** All input tokens, including cached ones. */
  inputTokens: number;
  /** Visible output tokens over all choices. */
  outputTokens: number;
  reasoningTokens: number;
  /** Input tokens served from the provider's prompt cache. */
  cachedTokens: number;
  /** Anthropic: input tokens written to the cache by this request. */
  cacheCreationTokens: number;
}

export interface SimResult {
  id: string;
  /** Unix seconds. */
  created: number;
  /** The model name to echo in the response. */
  model: string;
  choices: SimChoice[];
  usage: SimUsage;
  request: SimRequest;
}

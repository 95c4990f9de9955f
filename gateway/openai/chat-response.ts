// Encoders from the internal result types to OpenAI's wire objects: `chat.completion` for JSON
// responses and `chat.completion.chunk` for SSE, byte-compatible with what OpenAI sends.
import type { ChatChoice, FinishReason, ToolCall, Usage } from '../../core/chat.ts';

export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

export function encodeUsage(usage: Usage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

const encodeToolCalls = (calls: ToolCall[]) =>
  calls.map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } }));

export function encodeCompletion(identity: CompletionIdentity, choices: ChatChoice[], usage: Usage) {
  return {
    id: identity.id,
    object: 'chat.completion' as const,
    created: identity.created,
    model: identity.model,
    choices: choices.map((choice) => ({
      index: choice.index,
      message: {
        role: 'assistant' as const,
        content: choice.content,
        refusal: choice.refusal ?? null,
        // undefined is left out of the JSON; a conditional spread here would come before a property.
        tool_calls: choice.toolCalls.length ? encodeToolCalls(choice.toolCalls) : undefined,
        annotations: [],
      },
      logprobs: null,
      finish_reason: choice.finishReason as FinishReason,
    })),
    usage: encodeUsage(usage),
    service_tier: 'default',
    system_fingerprint: null,
  };
}

// OpenAI chat.completion JSON and the usage object shared with the stream's final chunk.
import { hashString } from '../rng.ts';
import type { FinishReason, SimChoice, SimResult } from '../sim-request.ts';

export function openaiFinishReason(finish: FinishReason): 'stop' | 'length' | 'tool_calls' {
  return finish === 'stop_sequence' ? 'stop' : finish;
}

export function openaiUsage(result: SimResult) {
  const { usage } = result;
  const completion = usage.outputTokens + usage.reasoningTokens;
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: completion,
    total_tokens: usage.inputTokens + completion,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** A stable fingerprint per model, as OpenAI's is per backend configuration. */
export function systemFingerprint(model: string): string {
  return `fp_${hashString(model).toString(16).padStart(8, '0')}`;
}

function message(choice: SimChoice) {
  if (choice.toolCalls.length > 0) {
    return {
      role: 'assistant',
      content: null,
      refusal: null,
      annotations: [],
      tool_calls: choice.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.argumentsJson } })),
    };
  }
  return { role: 'assistant', content: choice.text, refusal: null, annotations: [] };
}

export function renderOpenAIJson(result: SimResult) {
  return {
    id: `chatcmpl-${result.id}`,
    object: 'chat.completion',
    created: result.created,
    model: result.model,
    choices: result.choices.map((c) => ({ index: c.index, message: message(c), logprobs: null, finish_reason: openaiFinishReason(c.finish) })),
    usage: openaiUsage(result),
    service_tier: 'default',
    system_fingerprint: systemFingerprint(result.model),
  };
}

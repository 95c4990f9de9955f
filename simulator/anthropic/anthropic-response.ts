// Anthropic Message JSON: content blocks, stop_reason / stop_sequence and the usage object
// (input_tokens excludes cache reads and writes, which are reported separately).
import type { FinishReason, SimChoice, SimResult } from '../sim-request.ts';

export function anthropicStopReason(finish: FinishReason): 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' {
  switch (finish) {
    case 'length':
      return 'max_tokens';
    case 'stop_sequence':
      return 'stop_sequence';
    case 'tool_calls':
      return 'tool_use';
    default:
      return 'end_turn';
  }
}

export function anthropicUsage(result: SimResult, outputTokens: number) {
  const { usage } = result;
  return {
    input_tokens: Math.max(0, usage.inputTokens - usage.cachedTokens - usage.cacheCreationTokens),
    cache_creation_input_tokens: usage.cacheCreationTokens,
    cache_read_input_tokens: usage.cachedTokens,
    cache_creation: { ephemeral_5m_input_tokens: usage.cacheCreationTokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

export function anthropicContent(choice: SimChoice): Array<Record<string, unknown>> {
  if (choice.toolCalls.length > 0) return choice.toolCalls.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: JSON.parse(c.argumentsJson) as unknown }));
  return [{ type: 'text', text: choice.text }];
}

export function renderAnthropicJson(result: SimResult) {
  const choice = result.choices[0] as SimChoice;
  return {
    id: `msg_01${result.id.slice(0, 22)}`,
    type: 'message',
    role: 'assistant',
    model: result.model,
    content: anthropicContent(choice),
    stop_reason: anthropicStopReason(choice.finish),
    stop_sequence: choice.stopSequence ?? null,
    usage: anthropicUsage(result, result.usage.outputTokens + result.usage.reasoningTokens),
  };
}

// OpenAI streaming: `data: {chat.completion.chunk}` frames, one token per delta, choices
// interleaved, tool calls as index/id/name then argument fragments, an optional usage chunk with
// empty choices (stream_options.include_usage), and the final `data: [DONE]`.
import type { SseFrame } from '../dialect.ts';
import type { SimChoice, SimResult } from '../sim-request.ts';
import { splitTokens } from '../tokens.ts';
import { openaiFinishReason, openaiUsage, systemFingerprint } from './openai-response.ts';

type Delta = Record<string, unknown>;

function choiceDeltas(choice: SimChoice): Array<{ delta: Delta; finish: string | null; tokens: number }> {
  const out: Array<{ delta: Delta; finish: string | null; tokens: number }> = [];
  if (choice.toolCalls.length > 0) {
    choice.toolCalls.forEach((call, index) => {
      const head = { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
      out.push({ delta: index === 0 ? { role: 'assistant', content: null, tool_calls: [head] } : { tool_calls: [head] }, finish: null, tokens: 0 });
      for (const piece of splitTokens(call.argumentsJson)) out.push({ delta: { tool_calls: [{ index, function: { arguments: piece } }] }, finish: null, tokens: 1 });
    });
  } else {
    out.push({ delta: { role: 'assistant', content: '', refusal: null }, finish: null, tokens: 0 });
    for (const piece of splitTokens(choice.text)) out.push({ delta: { content: piece }, finish: null, tokens: 1 });
  }
  out.push({ delta: {}, finish: openaiFinishReason(choice.finish), tokens: 0 });
  return out;
}

export function renderOpenAIFrames(result: SimResult): SseFrame[] {
  const base = {
    id: `chatcmpl-${result.id}`,
    object: 'chat.completion.chunk',
    created: result.created,
    model: result.model,
    service_tier: 'default',
    system_fingerprint: systemFingerprint(result.model),
  };
  const withUsage = result.request.streamUsage;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ ...base, choices, ...(withUsage ? { usage: null } : {}), ...extra });
  const perChoice = result.choices.map(choiceDeltas);
  const frames: SseFrame[] = [];
  // Round-robin across choices, as n > 1 streams interleave them by index.
  const longest = Math.max(...perChoice.map((d) => d.length));
  for (let step = 0; step < longest; step++) {
    perChoice.forEach((deltas, index) => {
      const d = deltas[step];
      if (d) frames.push({ data: chunk([{ index, delta: d.delta, logprobs: null, finish_reason: d.finish }]), tokens: d.tokens });
    });
  }
  if (withUsage) frames.push({ data: chunk([], { usage: openaiUsage(result) }), tokens: 0 });
  frames.push({ data: '[DONE]', tokens: 0 });
  return frames;
}

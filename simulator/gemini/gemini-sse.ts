// Gemini streaming (`:streamGenerateContent?alt=sse`): a `data:` frame per partial
// GenerateContentResponse. Gemini sends several tokens per chunk, a function call whole, and the
// finishReason plus full usageMetadata on the last chunk of each candidate.
import type { SseFrame } from '../dialect.ts';
import type { SimResult } from '../sim-request.ts';
import { splitTokens } from '../tokens.ts';
import { geminiFinishReason, geminiParts, geminiUsage } from './gemini-response.ts';

/** Tokens per streamed chunk (Gemini's chunks are coarser than OpenAI's). */
const TOKENS_PER_CHUNK = 6;

export function renderGeminiFrames(result: SimResult): SseFrame[] {
  const envelope = { modelVersion: result.model, responseId: result.id.slice(0, 22) };
  const frames: SseFrame[] = [];
  for (const choice of result.choices) {
    const pieces = choice.toolCalls.length > 0 ? [] : splitTokens(choice.text);
    const groups: string[][] = [];
    for (let i = 0; i < pieces.length; i += TOKENS_PER_CHUNK) groups.push(pieces.slice(i, i + TOKENS_PER_CHUNK));
    let sent = 0;
    groups.forEach((group, g) => {
      sent += group.length;
      const last = g === groups.length - 1;
      const candidate = { content: { parts: [{ text: group.join('') }], role: 'model' }, ...(last ? { finishReason: geminiFinishReason(choice) } : {}), index: choice.index };
      const usage = last ? geminiUsage(result) : { promptTokenCount: result.usage.inputTokens, candidatesTokenCount: sent, totalTokenCount: result.usage.inputTokens + sent };
      frames.push({ data: JSON.stringify({ candidates: [candidate], usageMetadata: usage, ...envelope }), tokens: group.length });
    });
    if (groups.length === 0) {
      // Function calls (or an empty answer) arrive whole, in one final chunk.
      const candidate = { content: { parts: geminiParts(choice), role: 'model' }, finishReason: geminiFinishReason(choice), index: choice.index };
      frames.push({ data: JSON.stringify({ candidates: [candidate], usageMetadata: geminiUsage(result), ...envelope }), tokens: choice.outputTokens });
    }
  }
  return frames;
}

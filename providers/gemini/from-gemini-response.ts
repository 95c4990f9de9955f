// A Gemini GenerateContentResponse → ChatResult. Thought parts (thinking summaries) are not
// answer text. A prompt blocked outright (promptFeedback.blockReason, no candidates) is an error.
import type { ChatChoice, ChatResult, ToolCall } from '../../core/chat.ts';
import { callError } from '../http/upstream-failure.ts';
import type { CallContext } from '../http/upstream-failure.ts';
import type { GeminiCandidate, GeminiResponse } from './gemini-api-schemas.ts';
import { geminiToolCallId } from './gemini-tool-call-ids.ts';
import { mapGeminiFinish } from './map-gemini-finish.ts';
import { mapGeminiUsage } from './map-gemini-usage.ts';

export function throwIfPromptBlocked(ctx: CallContext, response: GeminiResponse): void {
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason && (response.candidates ?? []).length === 0) {
    throw callError(ctx, 'content_filter', response.promptFeedback?.blockReasonMessage ?? `prompt blocked (${blockReason})`, { code: blockReason });
  }
}

/** The text and function calls of one candidate's parts; `firstCallIndex` continues numbering across stream chunks. */
export function candidateParts(candidate: GeminiCandidate, choice: number, firstCallIndex = 0): { text: string; toolCalls: ToolCall[] } {
  let text = '';
  const toolCalls: ToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (part.thought) continue;
    if (part.text) text += part.text;
    const call = part.functionCall;
    if (call) {
      const index = firstCallIndex + toolCalls.length;
      const name = call.name ?? '';
      toolCalls.push({ id: call.id ?? geminiToolCallId(choice, index, name), name, arguments: JSON.stringify(call.args ?? {}) });
    }
  }
  return { text, toolCalls };
}

export function fromGeminiResponse(ctx: CallContext, response: GeminiResponse, requestedModel: string): ChatResult {
  throwIfPromptBlocked(ctx, response);
  const choices: ChatChoice[] = (response.candidates ?? []).map((candidate, position) => {
    const index = candidate.index ?? position;
    const { text, toolCalls } = candidateParts(candidate, index);
    return { index, content: text === '' && toolCalls.length > 0 ? null : text, toolCalls, finishReason: mapGeminiFinish(candidate.finishReason, toolCalls.length > 0) };
  });
  return {
    model: response.modelVersion ?? requestedModel,
    choices,
    usage: mapGeminiUsage(response.usageMetadata),
    ...(response.responseId ? { upstreamId: response.responseId } : {}),
  };
}

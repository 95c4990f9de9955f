import type { FinishReason } from '../../core/chat.ts';

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'LANGUAGE']);

/** Gemini finishReason → ours. Gemini says STOP after a function call; the calls decide then. */
export function mapGeminiFinish(reason: string | null | undefined, hadToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && FILTERED.has(reason)) return 'content_filter';
  return hadToolCalls ? 'tool_calls' : 'stop';
}

// Sizing a prompt. `measurePrompt` walks what a provider reads (message texts, images, tool calls,
// tool definitions) and sums a measure of each: the gateway's exact o200k token count for the
// cost strategy (gateway/routing/request-facts.ts), and here a rough estimate (about four
// characters per token, the common rule of thumb for English with BPE tokenisers) for costs the
// provider never reported: an ensemble member cancelled mid-call has still been billed for
// reading its prompt.
import type { ChatRequest, ContentPart } from './chat.ts';

export interface PromptMeasure {
  text(text: string): number;
  image(part: Extract<ContentPart, { type: 'image' }>): number;
  /** Framing of each message (role and separators). */
  perMessage: number;
}

export function measurePrompt(request: Pick<ChatRequest, 'messages' | 'tools'>, measure: PromptMeasure): number {
  let total = 0;
  for (const message of request.messages) {
    total += measure.perMessage;
    if (typeof message.content === 'string') total += measure.text(message.content);
    else if (Array.isArray(message.content)) for (const part of message.content) total += part.type === 'text' ? measure.text(part.text) : measure.image(part);
    if (message.role === 'assistant' && message.toolCalls) for (const call of message.toolCalls) total += measure.text(call.name) + measure.text(call.arguments);
  }
  for (const tool of request.tools ?? []) total += measure.text(JSON.stringify(tool));
  return total;
}

const CHARACTERS: PromptMeasure = { text: (text) => text.length, image: () => 3000, perMessage: 16 };

export function estimatePromptTokens(request: Pick<ChatRequest, 'messages' | 'tools'>): number {
  return Math.ceil(measurePrompt(request, CHARACTERS) / 4);
}

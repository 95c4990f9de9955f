// A rough prompt-size estimate (about four characters per token, the common rule of thumb for
// English with BPE tokenisers), for costs the provider never reported: an ensemble member
// cancelled mid-call has still been billed for reading its prompt.
import type { ChatRequest } from './chat.ts';

export function estimatePromptTokens(request: Pick<ChatRequest, 'messages' | 'tools'>): number {
  let characters = 0;
  for (const message of request.messages) {
    characters += 16; // role and framing tokens
    if (typeof message.content === 'string') characters += message.content.length;
    else if (Array.isArray(message.content)) for (const part of message.content) characters += part.type === 'text' ? part.text.length : 3000;
    if (message.role === 'assistant' && message.toolCalls) for (const call of message.toolCalls) characters += call.name.length + call.arguments.length;
  }
  for (const tool of request.tools ?? []) characters += JSON.stringify(tool).length;
  return Math.ceil(characters / 4);
}

// ChatMessage[] → Anthropic's { system, messages }. Anthropic has one top-level system prompt
// (system and developer messages anywhere are hoisted into it, in order), strictly alternating
// user/assistant turns (consecutive same-role messages are merged), tool results as tool_result
// blocks inside a user turn, and assistant tool calls as tool_use blocks.
import type { ChatMessage, ContentPart } from '../../core/chat.ts';

type Block = Record<string, unknown>;
export interface AnthropicTurn {
  role: 'user' | 'assistant';
  content: Block[];
}

const DATA_URL = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s;

function imageBlock(url: string): Block {
  const data = DATA_URL.exec(url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data[1] ?? 'image/png', data: data[2] } };
  return { type: 'image', source: { type: 'url', url } };
}

function userBlocks(content: string | ContentPart[]): Block[] {
  // Anthropic rejects empty text blocks.
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  return content.filter((part) => part.type !== 'text' || part.text !== '').map((part) => (part.type === 'text' ? { type: 'text', text: part.text } : imageBlock(part.url)));
}

/** Tool arguments are JSON text on our side and an object on Anthropic's. */
function toolInput(args: string): unknown {
  try {
    const value = JSON.parse(args) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

type Instruction = Extract<ChatMessage, { role: 'system' | 'developer' }>;
const isInstruction = (message: ChatMessage): message is Instruction => message.role === 'system' || message.role === 'developer';

function turnFor(message: Exclude<ChatMessage, Instruction>): AnthropicTurn {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: userBlocks(message.content) };
    case 'tool':
      return { role: 'user', content: [{ type: 'tool_result', tool_use_id: message.toolCallId, content: message.content }] };
    case 'assistant': {
      const blocks: Block[] = message.content ? [{ type: 'text', text: message.content }] : [];
      for (const call of message.toolCalls ?? []) blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: toolInput(call.arguments) });
      return { role: 'assistant', content: blocks };
    }
  }
}

export function toAnthropicMessages(messages: ChatMessage[]): { system: string | undefined; turns: AnthropicTurn[] } {
  const system: string[] = [];
  const turns: AnthropicTurn[] = [];
  for (const message of messages) {
    if (isInstruction(message)) {
      system.push(message.content);
      continue;
    }
    const turn = turnFor(message);
    if (turn.content.length === 0) continue;
    const previous = turns[turns.length - 1];
    if (previous && previous.role === turn.role) {
      // Tool results must come first in a user turn; merging keeps their order, which already is.
      previous.content.push(...turn.content);
    } else {
      turns.push(turn);
    }
  }
  return { system: system.length > 0 ? system.join('\n\n') : undefined, turns };
}

// ChatMessage[] → Gemini's { systemInstruction, contents }. Roles are user/model; system and
// developer messages are hoisted into systemInstruction; assistant tool calls become functionCall
// parts and tool results functionResponse parts (answering by function name, which we recover
// from the call's id); consecutive same-role turns merge, as Gemini wants all responses to one
// model turn's calls in a single user turn.
import type { ChatMessage, ContentPart } from '../../core/chat.ts';
import { functionNameFromId } from './gemini-tool-call-ids.ts';

type Part = Record<string, unknown>;
export interface GeminiContent {
  role: 'user' | 'model';
  parts: Part[];
}

const DATA_URL = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s;
const EXTENSION_MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', heic: 'image/heic', heif: 'image/heif' };

function imagePart(url: string): Part {
  const data = DATA_URL.exec(url);
  if (data) return { inlineData: { mimeType: data[1] ?? 'image/png', data: data[2] } };
  const extension = /\.([a-z0-9]+)$/i.exec(url.split(/[?#]/)[0] ?? '')?.[1]?.toLowerCase();
  return { fileData: { mimeType: (extension && EXTENSION_MIME[extension]) ?? 'image/jpeg', fileUri: url } };
}

function userParts(content: string | ContentPart[]): Part[] {
  if (typeof content === 'string') return [{ text: content }];
  return content.map((part) => (part.type === 'text' ? { text: part.text } : imagePart(part.url)));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** functionResponse.response must be a JSON object; anything else is wrapped. */
function responseObject(content: string): Record<string, unknown> {
  const value = parseJson(content);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  return { content: value ?? content };
}

function argsObject(args: string): Record<string, unknown> {
  const value = parseJson(args);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function toGeminiContents(messages: ChatMessage[]): { systemInstruction: string | undefined; contents: GeminiContent[] } {
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  const namesById = new Map<string, string>();
  const push = (content: GeminiContent) => {
    if (content.parts.length === 0) return;
    const previous = contents[contents.length - 1];
    if (previous && previous.role === content.role) previous.parts.push(...content.parts);
    else contents.push(content);
  };
  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(message.content);
        break;
      case 'user':
        push({ role: 'user', parts: userParts(message.content) });
        break;
      case 'assistant': {
        const parts: Part[] = message.content ? [{ text: message.content }] : [];
        for (const call of message.toolCalls ?? []) {
          namesById.set(call.id, call.name);
          parts.push({ functionCall: { name: call.name, args: argsObject(call.arguments) } });
        }
        push({ role: 'model', parts });
        break;
      }
      case 'tool': {
        const name = namesById.get(message.toolCallId) ?? functionNameFromId(message.toolCallId) ?? message.toolCallId;
        push({ role: 'user', parts: [{ functionResponse: { name, response: responseObject(message.content) } }] });
        break;
      }
    }
  }
  return { systemInstruction: system.length > 0 ? system.join('\n\n') : undefined, contents };
}

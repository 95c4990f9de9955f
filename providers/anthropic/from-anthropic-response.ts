// An Anthropic Message → ChatResult (always one choice). Text blocks join into the content;
// tool_use blocks become tool calls, except the JSON-mode tool, whose input is the content.
import type { ChatResult, ToolCall } from '../../core/chat.ts';
import type { AnthropicMessage } from './anthropic-api-schemas.ts';
import { JSON_TOOL_NAME } from './anthropic-json-mode.ts';
import { mapAnthropicFinish } from './map-anthropic-finish.ts';
import { mapAnthropicUsage } from './map-anthropic-usage.ts';

export function fromAnthropicResponse(message: AnthropicMessage, requestedModel: string, jsonTool: boolean): ChatResult {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const [i, block] of (message.content ?? []).entries()) {
    if (block.type === 'text' && block.text) texts.push(block.text);
    if (block.type !== 'tool_use') continue;
    const args = JSON.stringify(block.input ?? {});
    if (jsonTool && block.name === JSON_TOOL_NAME) texts.push(args);
    else toolCalls.push({ id: block.id ?? `toolu_${i}`, name: block.name ?? '', arguments: args });
  }
  return {
    model: message.model ?? requestedModel,
    choices: [
      {
        index: 0,
        content: texts.length > 0 ? texts.join('') : null,
        toolCalls,
        finishReason: mapAnthropicFinish(message.stop_reason, jsonTool),
      },
    ],
    usage: mapAnthropicUsage(message.usage),
    ...(message.id ? { upstreamId: message.id } : {}),
  };
}

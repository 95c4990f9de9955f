// JSON output on Anthropic. The Messages API has no response_format that every model and
// deployment accepts, so we use the approach of Vercel's AI SDK: offer one tool whose input
// schema is the wanted JSON and force the model to call it; its `input` *is* the JSON answer,
// returned to the caller as text content with finish `stop`. Forced tool use is schema-guided,
// far more reliable than a prompt. When the caller also offers its own tools we cannot force one
// tool, so we fall back to a system-prompt instruction (not validated; documented limitation).
import type { ChatRequest } from '../../core/chat.ts';

export const JSON_TOOL_NAME = 'json_response';

export type AnthropicJsonMode =
  | { type: 'none' }
  | { type: 'tool'; tool: Record<string, unknown> }
  | { type: 'instruction'; instruction: string };

export function anthropicJsonMode(request: ChatRequest): AnthropicJsonMode {
  const format = request.responseFormat;
  if (!format || format.type === 'text') return { type: 'none' };
  const schema = format.type === 'json_schema' ? format.schema : { type: 'object', additionalProperties: true };
  if (request.tools && request.tools.length > 0) {
    const shape = format.type === 'json_schema' ? ` matching this JSON Schema: ${JSON.stringify(format.schema)}` : '';
    return { type: 'instruction', instruction: `When you answer in text, reply with a single JSON object${shape} and nothing else.` };
  }
  return {
    type: 'tool',
    tool: { name: JSON_TOOL_NAME, description: 'Respond with the JSON object that answers the request.', input_schema: schema },
  };
}

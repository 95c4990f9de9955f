// ChatRequest → an OpenAI Chat Completions body. Only fields we were given are sent, so
// compatible servers that reject unknown or null parameters see the smallest possible body.
import type { ChatMessage, ChatRequest, ContentPart, ResponseFormat, ToolChoice } from '../../core/chat.ts';
import type { DialectTraits } from './openai-dialect.ts';

type Body = Record<string, unknown>;

function toOpenAIContentPart(part: ContentPart): Body {
  if (part.type === 'text') return { type: 'text', text: part.text };
  return { type: 'image_url', image_url: { url: part.url, ...(part.detail ? { detail: part.detail } : {}) } };
}

function toOpenAIMessage(message: ChatMessage, traits: DialectTraits): Body {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'developer':
      return { role: traits.developerRole, content: message.content };
    case 'user':
      return { role: 'user', content: typeof message.content === 'string' ? message.content : message.content.map(toOpenAIContentPart) };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      return {
        role: 'assistant',
        content: message.content,
        ...(calls.length > 0 ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}),
      };
    }
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

function toOpenAIToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function toOpenAIResponseFormat(format: ResponseFormat): Body {
  if (format.type !== 'json_schema') return { type: format.type };
  return { type: 'json_schema', json_schema: { name: format.name, schema: format.schema, ...(format.strict !== undefined ? { strict: format.strict } : {}) } };
}

export function toOpenAIRequest(request: ChatRequest, traits: DialectTraits, stream: boolean): Body {
  const body: Body = { model: request.model, messages: request.messages.map((m) => toOpenAIMessage(m, traits)) };
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, ...(t.description ? { description: t.description } : {}), ...(t.parameters ? { parameters: t.parameters } : {}), ...(t.strict !== undefined ? { strict: t.strict } : {}) },
    }));
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.toolChoice !== undefined) body.tool_choice = toOpenAIToolChoice(request.toolChoice);
  if (request.responseFormat) body.response_format = toOpenAIResponseFormat(request.responseFormat);
  if (request.maxTokens !== undefined) body[traits.maxTokensField] = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop && request.stop.length > 0) body.stop = request.stop;
  if (request.n !== undefined && request.n !== 1) body.n = request.n;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.user !== undefined) body.user = request.user;
  if (stream) {
    body.stream = true;
    // Without this OpenAI sends no usage at all in streams.
    body.stream_options = { include_usage: true };
  }
  return body;
}

// The OpenAI Chat Completions request as clients send it, validated strictly (OpenAI itself
// rejects unknown arguments) and decoded once into the internal ChatRequest.
import { z } from 'zod';
import type { ChatMessage, ChatRequest, ContentPart, ResponseFormat, ToolChoice } from '../../core/chat.ts';

const TextPart = z.object({ type: z.literal('text'), text: z.string() });
const ImagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
const UserContent = z.union([z.string(), z.array(z.discriminatedUnion('type', [TextPart, ImagePart])).min(1)]);
const TextContent = z.union([z.string(), z.array(TextPart)]);

const ToolCallIn = z.object({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

const Message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: TextContent, name: z.string().optional() }),
  z.object({ role: z.literal('developer'), content: TextContent, name: z.string().optional() }),
  z.object({ role: z.literal('user'), content: UserContent, name: z.string().optional() }),
  z.object({
    role: z.literal('assistant'),
    content: TextContent.nullish(),
    name: z.string().optional(),
    refusal: z.string().nullish(),
    tool_calls: z.array(ToolCallIn).optional(),
  }),
  z.object({ role: z.literal('tool'), content: TextContent, tool_call_id: z.string().min(1) }),
]);

const Tool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, underscores or dashes'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const ToolChoiceIn = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1) }) }),
]);

const ResponseFormatIn = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().min(1),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/** Every argument of the public API; the ones marked "accepted" are validated but not forwarded. */
export const ChatCompletionRequest = z.strictObject({
  model: z.string().min(1),
  messages: z.array(Message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() }).nullish(),
  tools: z.array(Tool).optional(),
  tool_choice: ToolChoiceIn.optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: ResponseFormatIn.optional(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  n: z.number().int().min(1).max(128).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  user: z.string().optional(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullish(),
  // accepted
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  store: z.boolean().nullish(),
  service_tier: z.string().nullish(),
  reasoning_effort: z.enum(['minimal', 'low', 'medium', 'high']).nullish(),
  safety_identifier: z.string().optional(),
  prompt_cache_key: z.string().optional(),
  verbosity: z.enum(['low', 'medium', 'high']).nullish(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>;

/** The routing-independent part of a request: everything but the upstream model id. */
export type DecodedRequest = Omit<ChatRequest, 'model'>;

export function decodeChatRequest(body: ChatCompletionRequest): DecodedRequest {
  const request: DecodedRequest = { messages: body.messages.map(decodeMessage) };
  if (body.tools?.length) {
    request.tools = body.tools.map(({ function: f }) => ({
      name: f.name,
      ...(f.description !== undefined ? { description: f.description } : {}),
      ...(f.parameters !== undefined ? { parameters: f.parameters } : {}),
      ...(f.strict != null ? { strict: f.strict } : {}),
    }));
  }
  if (body.tool_choice !== undefined) request.toolChoice = decodeToolChoice(body.tool_choice);
  if (body.parallel_tool_calls !== undefined) request.parallelToolCalls = body.parallel_tool_calls;
  if (body.response_format) request.responseFormat = decodeResponseFormat(body.response_format);
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) request.maxTokens = maxTokens;
  if (body.temperature != null) request.temperature = body.temperature;
  if (body.top_p != null) request.topP = body.top_p;
  if (body.n != null && body.n > 1) request.n = body.n;
  if (body.stop != null) request.stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (body.seed != null) request.seed = body.seed;
  if (body.user !== undefined) request.user = body.user;
  return request;
}

const joinText = (content: z.infer<typeof TextContent>): string =>
  typeof content === 'string' ? content : content.map((part) => part.text).join('');

function decodeMessage(message: z.infer<typeof Message>): ChatMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: message.role, content: joinText(message.content) };
    case 'user':
      return { role: 'user', content: typeof message.content === 'string' ? message.content : message.content.map(decodePart) };
    case 'assistant': {
      const toolCalls = message.tool_calls?.map((call) => ({ id: call.id, name: call.function.name, arguments: call.function.arguments }));
      return { role: 'assistant', content: message.content == null ? null : joinText(message.content), ...(toolCalls?.length ? { toolCalls } : {}) };
    }
    case 'tool':
      return { role: 'tool', toolCallId: message.tool_call_id, content: joinText(message.content) };
  }
}

function decodePart(part: z.infer<typeof TextPart> | z.infer<typeof ImagePart>): ContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  return { type: 'image', url: part.image_url.url, ...(part.image_url.detail ? { detail: part.image_url.detail } : {}) };
}

function decodeToolChoice(choice: z.infer<typeof ToolChoiceIn>): ToolChoice {
  return typeof choice === 'string' ? choice : { name: choice.function.name };
}

function decodeResponseFormat(format: z.infer<typeof ResponseFormatIn>): ResponseFormat {
  if (format.type !== 'json_schema') return { type: format.type };
  return {
    type: 'json_schema',
    name: format.json_schema.name,
    schema: format.json_schema.schema ?? {},
    ...(format.json_schema.strict != null ? { strict: format.json_schema.strict } : {}),
  };
}

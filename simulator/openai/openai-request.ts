// OpenAI chat completions request: a lenient-but-typed schema (unknown fields pass, as OpenAI adds
// them often) and its translation to the neutral SimRequest.
import { z } from 'zod';
import type { ParseResult } from '../dialect.ts';
import type { ResponseFormat, SimRequest, ToolChoice } from '../sim-request.ts';
import { describeIssue } from '../zod-issue.ts';
import { openaiBadRequest } from './openai-errors.ts';

const ContentPart = z.looseObject({ type: z.string(), text: z.string().optional() });
const Content = z.union([z.string(), z.array(ContentPart), z.null()]);

const Message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: Content.optional(),
  name: z.string().optional(),
  tool_call_id: z.string().optional(),
  tool_calls: z.array(z.looseObject({ id: z.string(), type: z.literal('function'), function: z.looseObject({ name: z.string(), arguments: z.string() }) })).optional(),
});

const Tool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({ name: z.string().min(1), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()).optional() }),
});

const ToolChoiceSchema = z.union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) })]);

const ResponseFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({ type: z.literal('json_schema'), json_schema: z.looseObject({ name: z.string(), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullish() }) }),
]);

export const OpenAIChatRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(Message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(Tool).optional(),
  tool_choice: ToolChoiceSchema.optional(),
  response_format: ResponseFormatSchema.optional(),
  n: z.number().int().min(1).max(128).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  seed: z.number().int().nullish(),
});
export type OpenAIChatRequest = z.infer<typeof OpenAIChatRequest>;

function contentText(content: z.infer<typeof Content> | undefined): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? '').join('');
}

export function parseOpenAIRequest(body: unknown): ParseResult {
  const result = OpenAIChatRequest.safeParse(body);
  if (!result.success) {
    const issue = describeIssue(result.error);
    const message = issue.missing ? `Missing required parameter: '${issue.param}'.` : `Invalid value for '${issue.param}': ${issue.message}`;
    return { ok: false, error: openaiBadRequest(message, issue.param, issue.missing ? 'missing_required_parameter' : 'invalid_value') };
  }
  const body_ = result.data;
  const texts: string[] = [];
  for (const m of body_.messages) {
    texts.push(contentText(m.content));
    for (const call of m.tool_calls ?? []) texts.push(call.function.name, call.function.arguments);
  }
  for (const tool of body_.tools ?? []) texts.push(JSON.stringify(tool.function));
  const lastUser = [...body_.messages].reverse().find((m) => m.role === 'user');
  const last = body_.messages[body_.messages.length - 1];
  const tc = body_.tool_choice;
  const toolChoice: ToolChoice = tc === undefined ? 'auto' : typeof tc === 'string' ? tc : { name: tc.function.name };
  const rf = body_.response_format;
  const responseFormat: ResponseFormat =
    rf?.type === 'json_schema' ? { type: 'json_schema', schema: rf.json_schema.schema ?? {} } : rf?.type === 'json_object' ? { type: 'json_object' } : { type: 'text' };
  const request: SimRequest = {
    provider: 'openai',
    model: body_.model,
    promptText: texts.join('\n'),
    lastUserText: contentText(lastUser?.content),
    messageCount: body_.messages.length,
    endsWithToolResult: last?.role === 'tool' || last?.role === 'function',
    tools: (body_.tools ?? []).map((t) => ({ name: t.function.name, description: t.function.description, parameters: t.function.parameters })),
    toolChoice,
    responseFormat,
    maxTokens: body_.max_completion_tokens ?? body_.max_tokens ?? undefined,
    stop: body_.stop === null || body_.stop === undefined ? [] : typeof body_.stop === 'string' ? [body_.stop] : body_.stop,
    n: body_.n ?? 1,
    seed: body_.seed ?? undefined,
    stream: body_.stream === true,
    streamUsage: body_.stream_options?.include_usage === true,
    cacheControl: false,
  };
  return { ok: true, request };
}

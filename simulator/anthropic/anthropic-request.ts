// Anthropic Messages request: schema (max_tokens required, as in the real API) and translation.
import { z } from 'zod';
import type { ParseResult } from '../dialect.ts';
import type { SimRequest, ToolChoice } from '../sim-request.ts';
import { describeIssue } from '../zod-issue.ts';
import { anthropicBadRequest } from './anthropic-errors.ts';

const Block = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  name: z.string().optional(),
  input: z.unknown().optional(),
  content: z.unknown().optional(),
  cache_control: z.unknown().optional(),
});
const Content = z.union([z.string(), z.array(Block)]);

export const AnthropicMessagesRequest = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z.array(z.looseObject({ role: z.enum(['user', 'assistant']), content: Content })).min(1),
  system: z.union([z.string(), z.array(Block)]).optional(),
  tools: z.array(z.looseObject({ name: z.string().min(1), description: z.string().optional(), input_schema: z.record(z.string(), z.unknown()).optional(), cache_control: z.unknown().optional() })).optional(),
  tool_choice: z.looseObject({ type: z.enum(['auto', 'any', 'tool', 'none']), name: z.string().optional() }).optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
});

function blocksText(content: z.infer<typeof Content> | undefined, includeToolResults = true): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .map((b) => {
      if (b.type === 'text') return b.text ?? '';
      if (b.type === 'tool_use') return `${b.name ?? ''} ${JSON.stringify(b.input ?? {})}`;
      if (b.type === 'tool_result' && includeToolResults) return typeof b.content === 'string' ? b.content : JSON.stringify(b.content ?? '');
      return '';
    })
    .join('\n');
}

function hasCacheControl(content: unknown): boolean {
  return Array.isArray(content) && content.some((b) => typeof b === 'object' && b !== null && 'cache_control' in b && (b as { cache_control: unknown }).cache_control != null);
}

export function parseAnthropicRequest(body: unknown): ParseResult {
  const result = AnthropicMessagesRequest.safeParse(body);
  if (!result.success) {
    const issue = describeIssue(result.error);
    return { ok: false, error: anthropicBadRequest(`${issue.param}: ${issue.missing ? 'Field required' : issue.message}`) };
  }
  const b = result.data;
  const texts = [blocksText(b.system), ...b.messages.map((m) => blocksText(m.content)), ...(b.tools ?? []).map((t) => JSON.stringify(t))];
  const lastUser = [...b.messages].reverse().find((m) => m.role === 'user');
  const last = b.messages[b.messages.length - 1];
  const endsWithToolResult = last?.role === 'user' && Array.isArray(last.content) && last.content.some((block) => block.type === 'tool_result');
  const tc = b.tool_choice;
  const toolChoice: ToolChoice = !tc || tc.type === 'auto' ? 'auto' : tc.type === 'any' ? 'required' : tc.type === 'none' ? 'none' : { name: tc.name ?? '' };
  const request: SimRequest = {
    provider: 'anthropic',
    model: b.model,
    promptText: texts.join('\n'),
    lastUserText: blocksText(lastUser?.content, false),
    messageCount: b.messages.length,
    endsWithToolResult,
    tools: (b.tools ?? []).map((t) => ({ name: t.name, description: t.description, parameters: t.input_schema })),
    toolChoice,
    responseFormat: { type: 'text' },
    maxTokens: b.max_tokens,
    stop: b.stop_sequences ?? [],
    n: 1,
    seed: undefined,
    stream: b.stream === true,
    streamUsage: true,
    cacheControl: hasCacheControl(b.system) || b.messages.some((m) => hasCacheControl(m.content)) || (b.tools ?? []).some((t) => t.cache_control != null),
  };
  return { ok: true, request };
}

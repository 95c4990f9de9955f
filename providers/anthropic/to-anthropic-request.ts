// ChatRequest → an Anthropic Messages body. max_tokens is required by the API: absent, we ask
// for DEFAULT_MAX_TOKENS. Anthropic has no n: n > 1 is rejected here, before any network call.
import type { ChatRequest, ToolChoice } from '../../core/chat.ts';
import { ProviderCallError } from '../../core/provider-error.ts';
import { anthropicJsonMode, JSON_TOOL_NAME } from './anthropic-json-mode.ts';
import type { AnthropicJsonMode } from './anthropic-json-mode.ts';
import { toAnthropicMessages } from './to-anthropic-messages.ts';

export const DEFAULT_MAX_TOKENS = 4096;

function toAnthropicToolChoice(choice: ToolChoice, parallel: boolean | undefined): Record<string, unknown> {
  const noParallel = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...noParallel };
  if (choice === 'required') return { type: 'any', ...noParallel };
  return { type: 'tool', name: choice.name, ...noParallel };
}

export interface AnthropicRequestPlan {
  body: Record<string, unknown>;
  jsonMode: AnthropicJsonMode;
}

export function toAnthropicRequest(request: ChatRequest, stream: boolean): AnthropicRequestPlan {
  if (request.n !== undefined && request.n > 1) {
    throw new ProviderCallError({ kind: 'bad_request', provider: 'anthropic', message: 'Anthropic does not support n > 1 (several choices per request)' });
  }
  const { system, turns } = toAnthropicMessages(request.messages);
  const jsonMode = anthropicJsonMode(request);
  const systemText = [system, jsonMode.type === 'instruction' ? jsonMode.instruction : undefined].filter(Boolean).join('\n\n');
  const body: Record<string, unknown> = {
    model: request.model,
    max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: turns,
  };
  if (systemText) body.system = systemText;
  if (jsonMode.type === 'tool') {
    body.tools = [jsonMode.tool];
    body.tool_choice = { type: 'tool', name: JSON_TOOL_NAME };
  } else if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((t) => ({
      name: t.name,
      input_schema: t.parameters ?? { type: 'object', properties: {} },
      ...(t.description ? { description: t.description } : {}),
    }));
    if (request.toolChoice !== undefined || request.parallelToolCalls === false) {
      body.tool_choice = toAnthropicToolChoice(request.toolChoice ?? 'auto', request.parallelToolCalls);
    }
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop && request.stop.length > 0) body.stop_sequences = request.stop;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (stream) body.stream = true;
  return { body, jsonMode };
}

// What the request log keeps of a request and its response, per the project's log_bodies
// setting: nothing, metadata (sizes, roles, parameters — no content), or the full bodies.
import type { ChatChoice, StreamPart } from '../../core/chat.ts';
import type { ChatCompletionRequest } from '../openai/chat-request.ts';
import type { LogBodies } from '../project-settings.ts';

export function captureRequest(level: LogBodies, body: ChatCompletionRequest): object | undefined {
  if (level === 'off') return undefined;
  if (level === 'full') return body;
  const { messages, tools, ...params } = body;
  return {
    messages: messages.length,
    roles: messages.map((m) => m.role),
    characters: messages.reduce((sum, m) => sum + JSON.stringify(m.content ?? '').length, 0),
    tools: tools?.map((t) => t.function.name) ?? [],
    params: Object.assign({}, params, { metadata: params.metadata ? Object.keys(params.metadata) : undefined }),
  };
}

export function captureResponse(level: LogBodies, choices: ChatChoice[]): object | undefined {
  if (level === 'off') return undefined;
  if (level === 'full') return { choices };
  return {
    choices: choices.length,
    characters: choices.reduce((sum, c) => sum + (c.content?.length ?? 0), 0),
    toolCalls: choices.reduce((sum, c) => sum + c.toolCalls.length, 0),
    finishReasons: choices.map((c) => c.finishReason),
  };
}

/** Rebuilds whole choices from stream parts, for the log (only when the project keeps bodies). */
export class StreamAssembler {
  private readonly choices = new Map<number, ChatChoice>();

  add(part: StreamPart): void {
    if (part.type === 'usage') return;
    const choice = this.choice(part.choice);
    if (part.type === 'text-delta') choice.content = (choice.content ?? '') + part.text;
    else if (part.type === 'finish') choice.finishReason = part.reason;
    else {
      const call = (choice.toolCalls[part.index] ??= { id: '', name: '', arguments: '' });
      if (part.id) call.id = part.id;
      if (part.name) call.name += part.name;
      call.arguments += part.argsDelta;
    }
  }

  result(): ChatChoice[] {
    return [...this.choices.values()].sort((a, b) => a.index - b.index).map((c) => Object.assign({}, c, { toolCalls: c.toolCalls.filter(Boolean) }));
  }

  private choice(index: number): ChatChoice {
    let choice = this.choices.get(index);
    if (!choice) {
      choice = { index, content: null, toolCalls: [], finishReason: 'stop' };
      this.choices.set(index, choice);
    }
    return choice;
  }
}

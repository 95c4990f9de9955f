// Encodes internal stream parts as OpenAI `chat.completion.chunk` SSE frames. Stateful per
// response: the first chunk of each choice carries the assistant role, and with
// stream_options.include_usage every chunk has `usage: null` until a final usage-only chunk.
import type { StreamPart } from '../../core/chat.ts';
import { encodeUsage, type CompletionIdentity } from './chat-response.ts';
import type { OpenAiErrorBody } from './openai-error.ts';

export class ChatStreamEncoder {
  private readonly started = new Set<number>();

  constructor(
    private readonly identity: CompletionIdentity,
    private readonly includeUsage: boolean,
  ) {}

  /** SSE frames for one part ('' when the part produces no frame). */
  encode(part: StreamPart): string {
    switch (part.type) {
      case 'text-delta':
        return this.chunk(part.choice, { content: part.text }, null);
      case 'tool-call-delta': {
        const call: Record<string, unknown> = { index: part.index };
        if (part.id !== undefined) call.id = part.id;
        if (part.id !== undefined || part.name !== undefined) call.type = 'function';
        const fn: Record<string, string> = { arguments: part.argsDelta };
        if (part.name !== undefined) fn.name = part.name;
        call.function = fn;
        return this.chunk(part.choice, { tool_calls: [call] }, null);
      }
      case 'finish':
        return this.chunk(part.choice, {}, part.reason);
      case 'usage':
        if (!this.includeUsage) return '';
        return frame(this.base([], encodeUsage(part.usage)));
    }
  }

  done(): string {
    return 'data: [DONE]\n\n';
  }

  /** After the first byte, failures end the stream with an error object in OpenAI's shape. */
  error(body: OpenAiErrorBody): string {
    return frame(body);
  }

  private chunk(choice: number, delta: Record<string, unknown>, finishReason: string | null): string {
    const first = !this.started.has(choice);
    if (first) this.started.add(choice);
    const choices = [{ index: choice, delta: first ? { role: 'assistant', ...delta } : delta, logprobs: null, finish_reason: finishReason }];
    return frame(this.base(choices, this.includeUsage ? null : undefined));
  }

  /** One chunk; `usage` undefined leaves the key out (JSON.stringify skips it). Built in one literal:
   * see "object literals on the hot path" in docs/architecture.md. */
  private base(choices: unknown[], usage: unknown) {
    return {
      id: this.identity.id,
      object: 'chat.completion.chunk' as const,
      created: this.identity.created,
      model: this.identity.model,
      service_tier: 'default',
      system_fingerprint: null,
      choices,
      usage,
    };
  }
}

const frame = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;

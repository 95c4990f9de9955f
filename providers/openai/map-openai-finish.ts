import type { FinishReason } from '../../core/chat.ts';

/**
 * OpenAI finish_reason → ours. Compatible servers (Ollama, some vLLM versions) report "stop" even
 * when the turn ended in tool calls, and some omit it; the presence of tool calls decides then.
 */
export function mapOpenAIFinish(reason: string | null | undefined, hadToolCalls: boolean): FinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    default:
      return hadToolCalls ? 'tool_calls' : 'stop';
  }
}

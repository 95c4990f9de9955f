import type { FinishReason } from '../../core/chat.ts';

/** Anthropic stop_reason → ours; in JSON-tool mode the forced tool call is the answer, so it is a plain stop. */
export function mapAnthropicFinish(reason: string | null | undefined, jsonTool = false): FinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return jsonTool ? 'stop' : 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      // end_turn, stop_sequence, pause_turn, and whatever Anthropic adds next.
      return 'stop';
  }
}

// An OpenAI chat.completion → ChatResult.
import type { ChatChoice, ChatResult } from '../../core/chat.ts';
import type { OpenAICompletion } from './openai-api-schemas.ts';
import { mapOpenAIFinish } from './map-openai-finish.ts';
import { mapOpenAIUsage } from './map-openai-usage.ts';

export function fromOpenAIResponse(response: OpenAICompletion, requestedModel: string): ChatResult {
  const choices: ChatChoice[] = (response.choices ?? []).map((choice, position) => {
    const index = choice.index ?? position;
    const toolCalls = (choice.message?.tool_calls ?? []).map((call, i) => ({
      // Some compatible servers omit ids; the follow-up turn still needs one to refer to.
      id: call.id ?? `call_${index}_${i}`,
      name: call.function?.name ?? '',
      arguments: call.function?.arguments ?? '',
    }));
    return {
      index,
      content: choice.message?.content ?? null,
      toolCalls,
      finishReason: mapOpenAIFinish(choice.finish_reason, toolCalls.length > 0),
      ...(choice.message?.refusal != null ? { refusal: choice.message.refusal } : {}),
    };
  });
  return {
    model: response.model ?? requestedModel,
    choices,
    usage: mapOpenAIUsage(response.usage),
    ...(response.id ? { upstreamId: response.id } : {}),
  };
}

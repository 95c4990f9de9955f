// Gemini GenerateContentResponse JSON: candidates with content parts (text or functionCall),
// finishReason, and usageMetadata (thoughtsTokenCount for thinking models, cached tokens).
import type { SimChoice, SimResult } from '../sim-request.ts';

export function geminiFinishReason(choice: SimChoice): 'STOP' | 'MAX_TOKENS' {
  return choice.finish === 'length' ? 'MAX_TOKENS' : 'STOP';
}

export function geminiParts(choice: SimChoice): Array<Record<string, unknown>> {
  if (choice.toolCalls.length > 0) return choice.toolCalls.map((c) => ({ functionCall: { name: c.name, args: JSON.parse(c.argumentsJson) as unknown } }));
  return [{ text: choice.text }];
}

export function geminiUsage(result: SimResult, outputTokens = result.usage.outputTokens) {
  const { usage } = result;
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: outputTokens,
    totalTokenCount: usage.inputTokens + outputTokens + usage.reasoningTokens,
    ...(usage.cachedTokens > 0 ? { cachedContentTokenCount: usage.cachedTokens } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.inputTokens }],
    ...(usage.reasoningTokens > 0 ? { thoughtsTokenCount: usage.reasoningTokens } : {}),
  };
}

export function renderGeminiJson(result: SimResult) {
  return {
    candidates: result.choices.map((c) => ({ content: { parts: geminiParts(c), role: 'model' }, finishReason: geminiFinishReason(c), index: c.index })),
    usageMetadata: geminiUsage(result),
    modelVersion: result.model,
    responseId: result.id.slice(0, 22),
  };
}

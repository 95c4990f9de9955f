// Lenient schemas of Gemini GenerateContentResponse (JSON and each SSE chunk) and error bodies.
import { z } from 'zod';

export const GeminiUsageSchema = z.looseObject({
  promptTokenCount: z.number().nullish(),
  candidatesTokenCount: z.number().nullish(),
  cachedContentTokenCount: z.number().nullish(),
  thoughtsTokenCount: z.number().nullish(),
  toolUsePromptTokenCount: z.number().nullish(),
});
export type GeminiUsage = z.infer<typeof GeminiUsageSchema>;

const PartSchema = z.looseObject({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  functionCall: z.looseObject({ name: z.string().nullish(), args: z.unknown().optional(), id: z.string().nullish() }).nullish(),
});

export const GeminiCandidateSchema = z.looseObject({
  index: z.number().nullish(),
  content: z.looseObject({ parts: z.array(PartSchema).nullish() }).nullish(),
  finishReason: z.string().nullish(),
});
export type GeminiCandidate = z.infer<typeof GeminiCandidateSchema>;

export const GeminiResponseSchema = z.looseObject({
  candidates: z.array(GeminiCandidateSchema).nullish(),
  usageMetadata: GeminiUsageSchema.nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish(), blockReasonMessage: z.string().nullish() }).nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
});
export type GeminiResponse = z.infer<typeof GeminiResponseSchema>;

export const GeminiErrorSchema = z.looseObject({
  code: z.number().nullish(),
  message: z.string().nullish(),
  status: z.string().nullish(),
  details: z.array(z.looseObject({ '@type': z.string().nullish(), retryDelay: z.string().nullish(), reason: z.string().nullish() })).nullish(),
});

/** Google wraps errors as {"error":{…}}; some streaming endpoints send [{"error":{…}}]. */
export const GeminiErrorBodySchema = z.union([z.looseObject({ error: GeminiErrorSchema }), z.array(z.looseObject({ error: GeminiErrorSchema })).min(1)]);

// Lenient schemas of Anthropic Messages responses and stream events: unknown fields kept,
// unknown block and event types tolerated (Anthropic adds them: thinking, server tools, …).
import { z } from 'zod';

export const AnthropicUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
});
export type AnthropicUsage = z.infer<typeof AnthropicUsageSchema>;

export const AnthropicContentBlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  input: z.unknown().optional(),
});

export const AnthropicMessageSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(AnthropicContentBlockSchema).nullish(),
  stop_reason: z.string().nullish(),
  usage: AnthropicUsageSchema.nullish(),
});
export type AnthropicMessage = z.infer<typeof AnthropicMessageSchema>;

export const AnthropicStreamEventSchema = z.looseObject({
  type: z.string(),
  index: z.number().nullish(),
  message: AnthropicMessageSchema.nullish(),
  content_block: AnthropicContentBlockSchema.nullish(),
  delta: z
    .looseObject({
      type: z.string().nullish(),
      text: z.string().nullish(),
      partial_json: z.string().nullish(),
      stop_reason: z.string().nullish(),
    })
    .nullish(),
  usage: AnthropicUsageSchema.nullish(),
  error: z.unknown().optional(),
});
export type AnthropicStreamEvent = z.infer<typeof AnthropicStreamEventSchema>;

export const AnthropicErrorBodySchema = z.looseObject({
  error: z.looseObject({ type: z.string().nullish(), message: z.string().nullish() }),
});

// `fallback`: try models in order; move on when an attempt fails with a retryable error, retrying
// the same model up to max_retries times first. The deadline bounds the whole request.
import { z } from 'zod';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, deadlineMsField, retryOnField, SpecModelName, TimeoutMs } from './common.ts';

export const DEFAULT_FALLBACK_DEADLINE_MS = 60_000;

export const FallbackAttempt = z.strictObject({
  model: SpecModelName,
  timeout_ms: TimeoutMs.default(DEFAULT_ATTEMPT_TIMEOUT_MS).describe(`Per-attempt timeout (default ${DEFAULT_ATTEMPT_TIMEOUT_MS} ms)`),
  max_retries: z.number().int().min(0).max(5).default(0).describe('Retries of this model before moving on (default 0)'),
});
export type FallbackAttempt = z.infer<typeof FallbackAttempt>;

export const FallbackSpec = z
  .strictObject({
    strategy: z.literal('fallback'),
    attempts: z.array(FallbackAttempt).min(1, 'needs at least one attempt').max(10, 'at most 10 attempts'),
    retry_on: retryOnField('Failures that move on to the next attempt'),
    deadline_ms: deadlineMsField(DEFAULT_FALLBACK_DEADLINE_MS),
  })
  .describe('Try models in order until one succeeds.');
export type FallbackSpec = z.infer<typeof FallbackSpec>;

export function fallbackSpecModels(spec: FallbackSpec): string[] {
  return spec.attempts.map((attempt) => attempt.model);
}

// `cost_optimized`: the cheapest healthy model at or above a quality tier, estimated for this
// very request (its prompt's tokens and its max_tokens), falling back to the next cheapest.
import { z } from 'zod';
import { QualityTier } from '../catalog.ts';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, deadlineMsField, retryOnField, SpecModelName, TimeoutMs } from './common.ts';
import { DEFAULT_FALLBACK_DEADLINE_MS } from './fallback.ts';

export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;

export const CostOptimizedSpec = z
  .strictObject({
    strategy: z.literal('cost_optimized'),
    min_quality_tier: QualityTier.default('economy').describe('Only models at or above this tier (economy < standard < premium < frontier)'),
    allow: z.array(SpecModelName).min(1, 'needs at least one model (or leave allow out for the whole catalog)').max(50).optional()
      .describe('Candidate models (default: every catalog model)'),
    deny: z.array(SpecModelName).max(50).default([]).describe('Models never chosen'),
    expected_output_tokens: z.number().int().min(1).max(1_000_000).default(DEFAULT_EXPECTED_OUTPUT_TOKENS)
      .describe(`Output tokens assumed when the request sets no max_tokens (default ${DEFAULT_EXPECTED_OUTPUT_TOKENS})`),
    max_attempts: z.number().int().min(1).max(10).default(3).describe('How many of the cheapest candidates to try, in order (default 3)'),
    timeout_ms: TimeoutMs.default(DEFAULT_ATTEMPT_TIMEOUT_MS).describe(`Per-attempt timeout (default ${DEFAULT_ATTEMPT_TIMEOUT_MS} ms)`),
    retry_on: retryOnField('Failures that move on to the next candidate'),
    deadline_ms: deadlineMsField(DEFAULT_FALLBACK_DEADLINE_MS),
  })
  .describe('Pick the cheapest healthy model at or above a quality tier for each request.');
export type CostOptimizedSpec = z.infer<typeof CostOptimizedSpec>;

export function costOptimizedSpecModels(spec: CostOptimizedSpec): Array<{ model: string; path: Array<string | number> }> {
  return [
    ...(spec.allow ?? []).map((model, index) => ({ model, path: ['allow', index] })),
    ...spec.deny.map((model, index) => ({ model, path: ['deny', index] })),
  ];
}

// `latency_optimized`: the healthy candidate with the best live latency (p50, or time to first
// token for streams), with a small exploration share so a candidate with stale data is sampled
// again; the rest follow in latency order as fallbacks.
import { z } from 'zod';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, deadlineMsField, refuseRepeats, retryOnField, SpecModelName, TimeoutMs } from './common.ts';
import { DEFAULT_FALLBACK_DEADLINE_MS } from './fallback.ts';

export const LatencyCandidate = z.strictObject({
  model: SpecModelName,
  timeout_ms: TimeoutMs.default(DEFAULT_ATTEMPT_TIMEOUT_MS).describe(`Per-attempt timeout (default ${DEFAULT_ATTEMPT_TIMEOUT_MS} ms)`),
});

export const LatencyOptimizedSpec = z
  .strictObject({
    strategy: z.literal('latency_optimized'),
    candidates: z.array(LatencyCandidate).min(1, 'needs at least one candidate').max(10, 'at most 10 candidates'),
    metric: z.enum(['auto', 'p50', 'ttft_p50']).default('auto')
      .describe('p50 of whole responses, or of the time to first token; auto uses ttft_p50 for streams and p50 otherwise'),
    exploration: z.number().min(0).max(0.5).default(0.05).describe('Share of requests sent first to another candidate to refresh its data (default 0.05)'),
    min_samples: z.number().int().min(1).max(1000).default(5).describe('Below this many samples in the health window, a candidate\'s data is stale (default 5)'),
    retry_on: retryOnField('Failures that move on to the next candidate'),
    deadline_ms: deadlineMsField(DEFAULT_FALLBACK_DEADLINE_MS),
  })
  .superRefine((spec, ctx) => {
    refuseRepeats(ctx, spec.candidates, 'candidates', 'model');
  })
  .describe('Send each request to the candidate with the best live latency.');
export type LatencyOptimizedSpec = z.infer<typeof LatencyOptimizedSpec>;

export function latencyOptimizedSpecModels(spec: LatencyOptimizedSpec): string[] {
  return spec.candidates.map((candidate) => candidate.model);
}

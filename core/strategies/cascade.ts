// `cascade`: try a cheap model first and escalate to the next only when the answer is not good
// enough (its accept checks fail) or the attempt failed with a retryable error. Runs as a
// Temporal workflow (workflows/cascade.ts): each attempt is a recorded step of the history.
import { z } from 'zod';
import { AcceptChecks } from '../answers/accept-schema.ts';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, deadlineMsField, retryOnField, SpecModelName, TimeoutMs } from './common.ts';

export const DEFAULT_CASCADE_DEADLINE_MS = 60_000;

export const CascadeAttempt = z.strictObject({
  model: SpecModelName,
  timeout_ms: TimeoutMs.default(DEFAULT_ATTEMPT_TIMEOUT_MS).describe(`Per-attempt timeout (default ${DEFAULT_ATTEMPT_TIMEOUT_MS} ms)`),
  max_retries: z.number().int().min(0).max(5).default(0).describe('Retries of this model on a retryable error before escalating (default 0)'),
  accept: AcceptChecks.optional().describe('When this attempt\'s answer is good enough to stop (default: a complete, non-cut-off answer; valid JSON when the request asks for JSON)'),
});
export type CascadeAttempt = z.infer<typeof CascadeAttempt>;

export const CascadeSpec = z
  .strictObject({
    strategy: z.literal('cascade'),
    attempts: z.array(CascadeAttempt).min(1, 'needs at least one attempt').max(10, 'at most 10 attempts'),
    retry_on: retryOnField('Failures that are retried or escalated'),
    deadline_ms: deadlineMsField(DEFAULT_CASCADE_DEADLINE_MS),
    on_no_accept: z.enum(['return_last', 'error']).default('return_last')
      .describe('When no answer passes its checks: return the last answer (marked x-switchyard-accepted: false) or fail with 502'),
  })
  .superRefine((spec, ctx) => {
    spec.attempts.forEach((attempt, index) => {
      if (attempt.timeout_ms > spec.deadline_ms) {
        ctx.addIssue({ code: 'custom', path: ['attempts', index, 'timeout_ms'], message: `${attempt.timeout_ms} ms cannot fit inside deadline_ms (${spec.deadline_ms} ms)` });
      }
    });
  })
  .describe('Try models in order, stopping at the first answer that passes its accept checks.');
export type CascadeSpec = z.infer<typeof CascadeSpec>;

export function cascadeSpecModels(spec: CascadeSpec): string[] {
  return spec.attempts.map((attempt) => attempt.model);
}

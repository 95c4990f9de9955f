// The decision trace stored with every request log: what the router planned and why, each
// attempt it made (model, provider, timing, outcome, tokens, cost), and the totals. Durable
// requests also link to their Temporal history, which holds the full step-by-step record.
import { z } from 'zod';
import { PROVIDER_ERROR_KINDS } from './provider-error.ts';

export const TraceAttempt = z.object({
  /** Position in the plan (0-based) and the retry number for that step (0 = first try). */
  step: z.number().int().nonnegative(),
  retry: z.number().int().nonnegative(),
  model: z.string(),
  provider: z.string(),
  /** Why the router ran this attempt: "plan step 1 of 3", "retry after 429 (retry-after 200 ms)", "fallback after timeout". */
  reason: z.string(),
  /** Milliseconds since the request started. */
  startMs: z.number().nonnegative(),
  latencyMs: z.number().nonnegative(),
  ttftMs: z.number().nonnegative().optional(),
  /** skipped: the target was ejected or cooling (see core/provider-health), so no call was made. */
  outcome: z.enum(['success', 'error', 'cancelled', 'skipped']),
  errorKind: z.enum(PROVIDER_ERROR_KINDS).optional(),
  errorMessage: z.string().optional(),
  httpStatus: z.number().int().optional(),
  inputTokens: z.number().int().nonnegative().default(0),
  outputTokens: z.number().int().nonnegative().default(0),
  cachedInputTokens: z.number().int().nonnegative().default(0),
  reasoningTokens: z.number().int().nonnegative().default(0),
  costUsd: z.number().nonnegative().default(0),
  /** The cost is an estimate: a member cancelled mid-call is charged its prompt (the provider reports no usage). */
  costEstimated: z.boolean().optional(),
  /** Cascade / ensemble: did the answer pass the accept checks, and if not, why. */
  accepted: z.boolean().optional(),
  rejectReasons: z.array(z.string()).optional(),
  /** Ensemble: the member's vote (its answer key) and weight. */
  vote: z.string().optional(),
  weight: z.number().optional(),
});
export type TraceAttempt = z.infer<typeof TraceAttempt>;

export const DecisionTrace = z.object({
  requestedModel: z.string(),
  config: z.object({ name: z.string(), version: z.number().int(), versionId: z.string() }).optional(),
  /** Rules configs: the route picked, by which rule (absent: the default), the values the rules saw. */
  rule: z
    .object({
      route: z.string(),
      index: z.number().int().nonnegative().optional(),
      reason: z.string(),
      values: z.record(z.string(), z.unknown()),
      errors: z.array(z.object({ rule: z.number().int(), error: z.string() })),
      config: z.object({ name: z.string(), version: z.number().int(), versionId: z.string() }).optional(),
    })
    .optional(),
  /** A/B configs: the variant picked (its position and reference), why, and the config it resolved to. */
  variant: z
    .object({
      ref: z.string(),
      index: z.number().int().nonnegative(),
      reason: z.string(),
      config: z.object({ name: z.string(), version: z.number().int(), versionId: z.string() }).optional(),
    })
    .optional(),
  strategy: z.string(),
  /** The plan in words, one line per step, with the reason for its order. */
  plan: z.array(z.string()),
  /** Cost / latency strategies: every candidate, its estimate or live metric, and why it ranks where it does. */
  candidates: z
    .array(
      z.object({
        model: z.string(),
        provider: z.string(),
        rank: z.number().int().positive().optional(),
        state: z.enum(['healthy', 'cooling', 'ejected', 'half_open']).optional(),
        estimatedCostUsd: z.number().nonnegative().optional(),
        metricMs: z.number().nonnegative().optional(),
        samples: z.number().int().nonnegative().optional(),
        reason: z.string(),
      }),
    )
    .optional(),
  attempts: z.array(TraceAttempt),
  /** What the client received: the winning attempt's index in `attempts`, if any. */
  winner: z.number().int().nonnegative().optional(),
  /** Why the request ended as it did (e.g. "attempt 2 succeeded", "deadline exceeded"). */
  outcome: z.string(),
  streamed: z.boolean(),
  /** True once the first byte went to the client: after that no fallback is possible. */
  committedToClient: z.boolean().default(false),
  /** Ensemble: how the answers were counted and who won. */
  aggregation: z
    .object({
      method: z.string(),
      quorum: z.number().int(),
      votes: z.array(z.object({ key: z.string(), kind: z.string(), weight: z.number(), members: z.array(z.number().int()) })),
      winnerMember: z.number().int().optional(),
      reason: z.string(),
      cancelledMembers: z.array(z.number().int()),
    })
    .optional(),
  /** Durable requests: the Temporal workflow whose history holds every step. */
  temporal: z.object({ workflowId: z.string(), runId: z.string(), namespace: z.string(), url: z.string().optional() }).optional(),
  totals: z.object({
    latencyMs: z.number().nonnegative(),
    ttftMs: z.number().nonnegative().optional(),
    costUsd: z.number().nonnegative(),
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    cachedInputTokens: z.number().int().nonnegative(),
    reasoningTokens: z.number().int().nonnegative(),
  }),
});
export type DecisionTrace = z.infer<typeof DecisionTrace>;

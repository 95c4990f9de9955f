// Turns a model's behaviour (+ an optional per-request override) into a concrete plan for one
// request: which fault (if any) fires, and the exact latencies. All draws come from the
// simulator's seeded rng, so a scenario seed replays the same sequence of faults.
import { z } from 'zod';
import type { Rng } from './rng.ts';
import { Distribution, FaultKind } from './scenario.ts';
import type { ModelBehavior } from './scenario.ts';

export const BEHAVIOR_HEADER = 'x-sim-behavior';

const Latency = z.union([z.number().nonnegative(), Distribution]);

/**
 * The `x-sim-behavior` request header: force one outcome or tweak latency for this request only,
 * without touching global state. Strict, so a misspelt knob is a 400, not a silent no-op.
 */
export const BehaviorOverride = z.strictObject({
  force: z.union([FaultKind, z.literal('ok')]).optional(),
  ttftMs: Latency.optional(),
  tokensPerSecond: Latency.optional(),
  accuracy: z.number().min(0).max(1).optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** For disconnect / stall / malformed in streams: how many frames go out before the fault. */
  afterFrames: z.number().int().nonnegative().optional(),
  answerTokens: z.strictObject({ min: z.number().int().positive(), max: z.number().int().positive() }).optional(),
  reasoningTokens: z.number().int().nonnegative().optional(),
});
export type BehaviorOverride = z.infer<typeof BehaviorOverride>;

export type ParsedOverride = { ok: true; override: BehaviorOverride | undefined } | { ok: false; message: string };

export function parseOverrideHeader(raw: string | string[] | undefined): ParsedOverride {
  if (raw === undefined) return { ok: true, override: undefined };
  const text = Array.isArray(raw) ? raw.join(',') : raw;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: `${BEHAVIOR_HEADER} header is not valid JSON` };
  }
  const result = BehaviorOverride.safeParse(json);
  if (!result.success) return { ok: false, message: `${BEHAVIOR_HEADER} header is invalid: ${z.prettifyError(result.error)}` };
  return { ok: true, override: result.data };
}

export interface RequestPlan {
  outcome: FaultKind | 'ok';
  ttftMs: number;
  /** Milliseconds per output token. */
  msPerToken: number;
  retryAfterSeconds: number;
  accuracy: number;
  answerTokens: { min: number; max: number };
  reasoningTokens: number;
  /** Stream frames sent before a disconnect / stall / malformed frame; undefined = halfway. */
  afterFrames: number | undefined;
}

export function planRequest(behavior: ModelBehavior, override: BehaviorOverride | undefined, rng: Rng): RequestPlan {
  // Draw the fault and the latencies even when overridden, so an override on one request does
  // not shift the seeded sequence seen by the requests after it.
  const drawn = drawFault(behavior, rng);
  const ttft = sample(override?.ttftMs ?? behavior.ttftMs, rng);
  const tps = Math.max(sample(override?.tokensPerSecond ?? behavior.tokensPerSecond, rng), 1e-3);
  const reasoningTokens = override?.reasoningTokens ?? behavior.reasoningTokens;
  return {
    outcome: override?.force ?? drawn,
    // Hidden reasoning happens before the first visible token, so it lengthens time-to-first-token.
    ttftMs: ttft + (reasoningTokens * 1000) / tps,
    msPerToken: 1000 / tps,
    retryAfterSeconds: override?.retryAfterSeconds ?? behavior.retryAfterSeconds,
    accuracy: override?.accuracy ?? behavior.accuracy,
    answerTokens: override?.answerTokens ?? behavior.answerTokens,
    reasoningTokens,
    afterFrames: override?.afterFrames,
  };
}

function drawFault(behavior: ModelBehavior, rng: Rng): FaultKind | 'ok' {
  const u = rng.next();
  let cumulative = 0;
  for (const kind of FaultKind.options) {
    cumulative += behavior.faults[kind] ?? 0;
    if (u < cumulative) return kind;
  }
  return 'ok';
}

function sample(value: number | Distribution, rng: Rng): number {
  if (typeof value === 'number') return value;
  const offset = (rng.next() * 2 - 1) * value.jitter;
  return Math.max(0, value.mean + offset);
}

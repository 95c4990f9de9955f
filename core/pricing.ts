// What a call costs. Kept apart from the catalog's zod schemas: workflows price attempts, and
// every module a workflow imports is evaluated again for each new workflow run.
import type { Usage } from './chat.ts';

export interface Pricing {
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok: number;
}

const NANO = 1e9;

/**
 * USD cost of one call: cached input tokens at the cached price, the rest of the input at the
 * input price, output (which already includes reasoning tokens) at the output price. Rounded to
 * the nano-dollar, the precision request_logs.cost_usd stores.
 */
export function costUsd(model: { pricing: Pricing }, usage: Usage): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const { inputPerMTok, outputPerMTok, cachedInputPerMTok } = model.pricing;
  const micro = (usage.inputTokens - cached) * inputPerMTok + cached * cachedInputPerMTok + usage.outputTokens * outputPerMTok;
  return Math.round((micro / 1e6) * NANO) / NANO;
}

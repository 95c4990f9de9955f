// Building blocks shared by the strategy specs. Field names are snake_case: specs are JSON that
// users write by hand, in the REST API and the UI, next to OpenAI-style request bodies.
import { z } from 'zod';

/** A catalog model name ("gpt-4o-mini") or "provider/name"; checked against the catalog by validateSpec. */
export const SpecModelName = z.string().min(1, 'must name a model').max(200);

/** Per-attempt timeout: time to the first byte (streams) or to the whole response. */
export const TimeoutMs = z.number().int().min(100, 'must be at least 100 ms').max(600_000, 'must be at most 600000 ms (10 minutes)');

export const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;

/** What may be retried: an HTTP status (400-599), any 5xx, a per-attempt timeout, a network error. */
export const RetryCondition = z.union([
  z.number().int().min(400, 'must be an HTTP error status (400-599)').max(599, 'must be an HTTP error status (400-599)'),
  z.enum(['5xx', 'timeout', 'network']),
]);
export type RetryCondition = z.infer<typeof RetryCondition>;

export const DEFAULT_RETRY_ON: RetryCondition[] = [429, '5xx', 'timeout', 'network'];

/** `retry_on` of the strategies that chain attempts: at least one condition, the common default. */
export const retryOnField = (what: string) =>
  z.array(RetryCondition).min(1, 'needs at least one condition').default(DEFAULT_RETRY_ON)
    .describe(`${what} (default [429, "5xx", "timeout", "network"])`);

/** `deadline_ms`: the budget for a whole request, every attempt and retry included. */
export const deadlineMsField = (defaultMs: number) =>
  z.number().int().min(100).max(3_600_000).default(defaultMs)
    .describe(`Budget for the whole request, every attempt included (default ${defaultMs} ms)`);

/** Refinement: an entry whose `field` repeats an earlier entry's is refused at [listName, index, field]. */
export function refuseRepeats<K extends string>(ctx: z.RefinementCtx, items: ReadonlyArray<Record<K, string>>, listName: string, field: K): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const value = item[field];
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [listName, index, field], message: `"${value}" is listed twice` });
    seen.add(value);
  });
}

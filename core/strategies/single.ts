// `single`: one model, no fallback. The simplest config and the baseline of every comparison.
import { z } from 'zod';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, SpecModelName, TimeoutMs } from './common.ts';

export const SingleSpec = z
  .strictObject({
    strategy: z.literal('single'),
    model: SpecModelName,
    timeout_ms: TimeoutMs.default(DEFAULT_ATTEMPT_TIMEOUT_MS).describe(`Per-attempt timeout (default ${DEFAULT_ATTEMPT_TIMEOUT_MS} ms)`),
  })
  .describe('Send every request to one model.');
export type SingleSpec = z.infer<typeof SingleSpec>;

export function singleSpecModels(spec: SingleSpec): string[] {
  return [spec.model];
}

// `rules`: route by CEL expressions over the request, the time, provider health and budget usage.
// The first rule whose `when` is true picks the route (a config or a model); otherwise `default`.
// Expressions are parsed and type-checked when the config is saved (core/rules/rule-language.ts).
import { z } from 'zod';
import { parseModelRef } from '../model-ref.ts';

const Route = z.string().min(1).max(200).superRefine((ref, ctx) => {
  const parsed = parseModelRef(ref);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
}).describe('"@name", "@name@3" or a model');

export const Rule = z.strictObject({
  when: z.string().min(1, 'must be a CEL expression').max(2_000).describe('A CEL expression that evaluates to a bool'),
  route: Route,
});

export const RulesSpec = z
  .strictObject({
    strategy: z.literal('rules'),
    rules: z.array(Rule).min(1, 'needs at least one rule').max(50, 'at most 50 rules'),
    default: Route.describe('Where requests go when no rule matches'),
  })
  .describe('Route each request by the first matching CEL rule.');
export type RulesSpec = z.infer<typeof RulesSpec>;

/** Every route of the spec with its field path. */
export function rulesSpecRoutes(spec: RulesSpec): Array<{ ref: string; path: Array<string | number> }> {
  return [...spec.rules.map((rule, index) => ({ ref: rule.route, path: ['rules', index, 'route'] })), { ref: spec.default, path: ['default'] }];
}

/** Routes that name models directly (configs are checked against the project when saved). */
export function rulesSpecModels(spec: RulesSpec): Array<{ model: string; path: Array<string | number> }> {
  return rulesSpecRoutes(spec).flatMap(({ ref, path }) => {
    const parsed = parseModelRef(ref);
    return parsed.ok && parsed.ref.kind !== 'config' ? [{ model: ref, path }] : [];
  });
}

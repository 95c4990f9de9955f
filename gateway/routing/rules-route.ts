// Runs a `rules` config for one request: the CEL rules in order, the first that is true picks
// the route, otherwise the default. Compiled once per stored spec; the values the rules saw go
// into the trace.
import { findModel, type Catalog } from '../../core/catalog.ts';
import { costUsd } from '../../core/pricing.ts';
import { promptTokensFor } from '../../core/prompt-tokens.ts';
import type { HealthView } from '../../core/provider-health/health-types.ts';
import { compileRule, evaluateRules, ruleVariables, type CompiledRule, type RuleInputs } from '../../core/rules/rule-language.ts';
import { DEFAULT_EXPECTED_OUTPUT_TOKENS } from '../../core/strategies/cost-optimized.ts';
import type { RulesSpec } from '../../core/strategies/rules.ts';
import type { RequestShape } from './request-facts.ts';

export interface RuleDecision {
  route: string;
  /** The matching rule's index, absent when the default applied. */
  index?: number;
  reason: string;
  values: ReturnType<typeof ruleVariables>;
  /** Rules that failed to evaluate (a missing tag, an unknown model): they count as not matching. */
  errors: Array<{ rule: number; error: string }>;
}

export interface RuleRequest {
  requestedModel: string;
  user?: string;
  tags: Record<string, string>;
  /** The prompt's size is counted only when a rule can read it (rulesReadPromptTokens). */
  facts: RequestShape & { promptTokens?: number };
}

const compiled = new WeakMap<RulesSpec, CompiledRule[]>();

function compiledRules(spec: RulesSpec): CompiledRule[] {
  let rules = compiled.get(spec);
  if (!rules) {
    rules = spec.rules.map((rule) => compileRule(rule.when));
    compiled.set(spec, rules);
  }
  return rules;
}

/** Whether any rule may read the prompt's size, which takes the tokenizer to count. */
export const rulesReadPromptTokens = (spec: RulesSpec) => compiledRules(spec).some((rule) => rule.readsPromptTokens);

export function decideRoute(spec: RulesSpec, request: RuleRequest, catalog: Catalog, health: HealthView | undefined, now: number): RuleDecision {
  const rules = compiledRules(spec);
  const { promptTokens } = request.facts;
  const input: RuleInputs = {
    request: {
      tags: request.tags, user: request.user ?? '', model: request.requestedModel, stream: request.facts.stream, tools: request.facts.needs.tools,
      ...(promptTokens !== undefined ? { inputTokens: promptTokens } : {}),
    },
    now,
    // Budgets come with a later issue; the variable exists so rules can be written now.
    budgetUsedPct: 0,
    estimatedCostUsd: (name) => {
      const model = findModel(catalog, name);
      if (!model) throw new Error(`estimated_cost_usd: unknown model "${name}"`);
      if (promptTokens === undefined) throw new Error('estimated_cost_usd: the prompt was not measured');
      const output = Math.min(request.facts.maxTokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS, model.maxOutputTokens);
      return costUsd(model, { inputTokens: promptTokensFor(model.provider, promptTokens), outputTokens: output, cachedInputTokens: 0, reasoningTokens: 0 });
    },
    health: (target) => {
      const slash = target.indexOf('/');
      const snapshot = slash < 0 ? health?.provider(target) : health?.model(target.slice(0, slash), target.slice(slash + 1));
      return { errorRate: snapshot?.window.errorRate ?? 0, p50Ms: snapshot?.window.p50Ms ?? 0, state: snapshot?.state ?? 'healthy' };
    },
  };
  const values = ruleVariables(input);
  const outcomes = evaluateRules(rules, input, values);
  const errors = outcomes.flatMap((outcome, rule) => (outcome.error ? [{ rule, error: outcome.error }] : []));
  const index = outcomes.findIndex((outcome) => outcome.matched);
  if (index < 0) return { route: spec.default, reason: `no rule matched: the default ${spec.default}`, values, errors };
  return { route: spec.rules[index]!.route, index, reason: `rule ${index + 1} matched: ${spec.rules[index]!.when}`, values, errors };
}

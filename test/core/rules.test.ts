// The rules language (CEL): save-time parse and type errors pointing at the rule and position,
// and evaluation over request, time, budget, cost estimates and health.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalog } from '../../core/catalog.ts';
import { compileRule, evaluateRules, ruleVariables, type RuleInputs } from '../../core/rules/rule-language.ts';
import { validateSpec } from '../../core/strategy.ts';

const rules = (...when: string[]) => ({ strategy: 'rules', rules: when.map((w) => ({ when: w, route: '@cheap' })), default: '@production' });
const errors = (json: unknown) => {
  const result = validateSpec(json, defaultCatalog);
  assert.ok(!result.ok, 'expected errors');
  return result.errors.map((e) => `${e.path}: ${e.message}`);
};

test('expressions are type-checked at save time; errors name the rule and the position', () => {
  assert.ok(validateSpec(rules("request.tags.tier == 'free' && budget.used_pct > 0.8"), defaultCatalog).ok, 'the issue\'s example');
  assert.ok(validateSpec(rules("health_state('openai/gpt-4o-mini') == 'ejected' || estimated_cost_usd('gpt-4o') > 0.01", 'request.input_tokens > 4000 && !request.stream', 'time.hour >= 22 || time.weekday == 0'), defaultCatalog).ok);
  assert.deepEqual(errors(rules('true', 'request.tags.tier ==')), ['rules[1].when: Unexpected token: EOF (at position 21)']);
  assert.match(errors(rules('request.nope == 1'))[0]!, /^rules\[0\]\.when: No such key: nope \(at position 9\)$/);
  assert.deepEqual(errors(rules('request.input_tokens + "x" == 1')), ['rules[0].when: no such overload: int + string (at position 1)']);
  assert.deepEqual(errors(rules('request.user')), ['rules[0].when: must evaluate to a bool, not string']);
  assert.match(errors(rules('unknown_var > 1'))[0]!, /^rules\[0\]\.when: /);
  assert.match(errors({ strategy: 'rules', rules: [{ when: 'true', route: 'gpt-9' }], default: '@production' })[0]!, /^rules\[0\]\.route: unknown model "gpt-9"/);
  assert.match(errors({ strategy: 'rules', rules: [], default: '@production' })[0]!, /^rules: needs at least one rule/);
});

function inputs(over: Partial<RuleInputs['request']> = {}, extra: Partial<RuleInputs> = {}): RuleInputs {
  return {
    request: { tags: {}, user: '', model: '@rules', inputTokens: 100, stream: false, tools: false, ...over },
    now: Date.UTC(2026, 10, 25, 23, 30), // a Wednesday, 23:30 UTC
    budgetUsedPct: 0,
    estimatedCostUsd: (model) => (model === 'gpt-4o' ? 0.02 : 0.001),
    health: (target) => (target === 'openai/gpt-4o-mini' ? { errorRate: 0.6, p50Ms: 900, state: 'ejected' } : { errorRate: 0, p50Ms: 0, state: 'healthy' }),
    ...extra,
  };
}

test('the first matching rule wins; an evaluation error (a missing tag) counts as no match', () => {
  const compiled = ["request.tags.tier == 'free'", 'request.input_tokens > 50', 'true'].map(compileRule);
  const untagged = evaluateRules(compiled, inputs());
  assert.deepEqual(untagged.map((o) => o.matched), [false, true]);
  assert.match(untagged[0]!.error!, /No such key: tier/);
  assert.deepEqual(evaluateRules(compiled, inputs({ tags: { tier: 'free' } })), [{ matched: true }]);
});

test('time, budget, cost estimates and health are visible to rules', () => {
  const check = (when: string, input = inputs()) => evaluateRules([compileRule(when)], input)[0]!.matched;
  assert.ok(check('time.hour == 23 && time.minute == 30 && time.weekday == 3'));
  assert.ok(check('budget.used_pct == 0.0'), 'budgets are 0 until they exist');
  assert.ok(check('budget.used_pct > 0.8', inputs({}, { budgetUsedPct: 0.9 })));
  assert.ok(check("estimated_cost_usd('gpt-4o') > 0.01 && estimated_cost_usd('gpt-4o-mini') < 0.01"));
  assert.ok(check("health_state('openai/gpt-4o-mini') == 'ejected' && health_error_rate('openai/gpt-4o-mini') > 0.5 && health_p50_ms('openai/gpt-4o-mini') > 500.0"));
  assert.ok(check("health_state('anthropic') == 'healthy'"));
});

test('a rule is known to read the prompt size only when it can (the tokenizer loads for those alone)', () => {
  const reads = (when: string) => compileRule(when).readsPromptTokens;
  for (const when of [
    'request.input_tokens > 4000',
    'has(request.input_tokens)',
    "request['input_tokens'] > 1",
    "request['input' + '_tokens'] > 1",
    "estimated_cost_usd('gpt-4o') > 0.01",
    "request.tags.tier == 'free' || request.input_tokens < 10",
    "[1, 2].exists(x, request.input_tokens > x)",
    'size(request) > 0',
  ]) assert.equal(reads(when), true, when);
  for (const when of [
    "request.tags.tier == 'free' && budget.used_pct > 0.8",
    "request.tags['tier'] == 'free'",
    "request.tags.exists(k, k == 'tier')",
    "health_state('openai/gpt-4o-mini') == 'ejected' && time.hour >= 22",
    "request.user == 'input_tokens' && !request.stream && !request.tools",
  ]) assert.equal(reads(when), false, when);
});

test('without a token count, rules that do not read it evaluate and the values leave it out', () => {
  const input = inputs({ inputTokens: undefined, tags: { tier: 'free' } });
  delete input.request.inputTokens;
  assert.deepEqual(evaluateRules([compileRule("request.tags.tier == 'free'")], input), [{ matched: true }]);
  assert.equal('input_tokens' in ruleVariables(input).request, false);
  const [outcome] = evaluateRules([compileRule('request.input_tokens > 1')], input);
  assert.equal(outcome!.matched, false);
  assert.match(outcome!.error!, /input_tokens/);
});

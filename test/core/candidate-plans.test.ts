// The candidate strategies' planning (pure): cost_optimized ranks by this request's estimated
// cost within tier / allow / deny / capability limits, latency_optimized by live latency with an
// exploration share; both put ejected or cooling targets last and explain every candidate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalog } from '../../core/catalog.ts';
import { planForSpec } from '../../core/planner.ts';
import type { PlanRequestFacts } from '../../core/plan.ts';
import { HealthRegistry } from '../../core/provider-health/health-registry.ts';
import { validateSpec, type StrategySpec } from '../../core/strategy.ts';

const spec = (json: unknown): StrategySpec => {
  const result = validateSpec(json, defaultCatalog);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.spec;
};
const facts = (over: Partial<PlanRequestFacts> = {}): PlanRequestFacts => ({ promptTokens: 1000, stream: false, needs: { tools: false, vision: false, jsonSchema: false }, ...over });
const THREE = ['gpt-4o-mini', 'gemini-2.5-flash', 'claude-haiku-4-5'];

test('cost_optimized: the cheapest model at or above the tier, then the next cheapest, each estimate in the trace', () => {
  const plan = planForSpec(spec({ strategy: 'cost_optimized', min_quality_tier: 'standard', allow: THREE }), defaultCatalog, { request: facts({ maxTokens: 500 }) });
  assert.deepEqual(plan.steps.map((s) => s.model), ['gemini-2.5-flash', 'claude-haiku-4-5']);
  const byModel = Object.fromEntries(plan.candidates!.map((c) => [c.model, c]));
  // gemini-2.5-flash: 1000 × $0.30/M + 500 × $2.50/M; claude-haiku-4-5: 1150 (Anthropic ≈ +15%) × $1/M + 500 × $5/M.
  assert.equal(byModel['gemini-2.5-flash']!.estimatedCostUsd, 0.00155);
  assert.equal(byModel['claude-haiku-4-5']!.estimatedCostUsd, 0.00365);
  assert.equal(byModel['gemini-2.5-flash']!.reason, 'cheapest healthy candidate');
  assert.match(byModel['gpt-4o-mini']!.reason, /excluded: tier economy is below standard/);
  const economy = planForSpec(spec({ strategy: 'cost_optimized', allow: THREE, deny: ['gemini-2.5-flash'] }), defaultCatalog, { request: facts() });
  assert.deepEqual(economy.steps.map((s) => s.model), ['gpt-4o-mini', 'claude-haiku-4-5']);
  assert.match(economy.candidates!.find((c) => c.model === 'gemini-2.5-flash')!.reason, /denied/);
});

test('cost_optimized: without an allowlist the whole catalog competes; max_attempts bounds the fallbacks', () => {
  const plan = planForSpec(spec({ strategy: 'cost_optimized', max_attempts: 2 }), defaultCatalog, { request: facts() });
  assert.equal(plan.steps.length, 2);
  assert.equal(plan.steps[0]!.model, 'gemini-2.5-flash-lite', 'the catalog\'s cheapest model');
  assert.ok(plan.candidates!.filter((c) => /beyond max_attempts/.test(c.reason)).length > 3);
});

test('cost_optimized: an ejected or cooling model drops behind the healthy ones', () => {
  const health = new HealthRegistry();
  for (let i = 0; i < 5; i++) health.record('gemini', 'gemini-2.5-flash', { ok: false, kind: 'server' });
  const plan = planForSpec(spec({ strategy: 'cost_optimized', min_quality_tier: 'standard', allow: THREE }), defaultCatalog, { request: facts(), health });
  assert.deepEqual(plan.steps.map((s) => s.model), ['claude-haiku-4-5', 'gemini-2.5-flash']);
  assert.deepEqual(plan.candidates!.map((c) => [c.model, c.state, c.reason]).slice(0, 2), [
    ['claude-haiku-4-5', 'healthy', 'cheapest healthy candidate'],
    ['gemini-2.5-flash', 'ejected', 'last resort: ejected'],
  ]);
});

test('cost_optimized: a prompt too long for a model excludes it', () => {
  const plan = planForSpec(spec({ strategy: 'cost_optimized', allow: ['gpt-4o-mini', 'gpt-4.1-mini'] }), defaultCatalog, { request: facts({ promptTokens: 200_000 }) });
  assert.deepEqual(plan.steps.map((s) => s.model), ['gpt-4.1-mini']);
  assert.match(plan.candidates!.find((c) => c.model === 'gpt-4o-mini')!.reason, /does not fit its 128000-token context window/);
});

test('cost_optimized: bad specs are refused at save time with the field', () => {
  const errors = (json: unknown) => { const r = validateSpec(json, defaultCatalog); assert.ok(!r.ok); return r.errors.map((e) => `${e.path}: ${e.message}`); };
  assert.match(errors({ strategy: 'cost_optimized', allow: ['gpt-4o-mini', 'gpt-9'] })[0]!, /^allow\[1\]: unknown model "gpt-9"/);
  assert.match(errors({ strategy: 'cost_optimized', min_quality_tier: 'luxury' })[0]!, /^min_quality_tier: /);
  assert.match(errors({ strategy: 'cost_optimized', min_quality_tier: 'frontier', allow: THREE })[0]!, /^allow: no allowed model is at or above the "frontier" tier/);
  assert.match(errors({ strategy: 'cost_optimized', deny: ['nope'] })[0]!, /^deny\[0\]: unknown model/);
});

test('latency_optimized: the best live p50 first, stale candidates after, ejected last', () => {
  const health = new HealthRegistry();
  for (let i = 0; i < 6; i++) health.record('openai', 'gpt-4o-mini', { ok: true, latencyMs: 300 });
  for (let i = 0; i < 6; i++) health.record('anthropic', 'claude-haiku-4-5', { ok: true, latencyMs: 80 });
  for (let i = 0; i < 2; i++) health.record('gemini', 'gemini-2.5-flash', { ok: true, latencyMs: 10 });
  const json = { strategy: 'latency_optimized', candidates: THREE.map((model) => ({ model })), exploration: 0 };
  const plan = planForSpec(spec(json), defaultCatalog, { health, request: facts() });
  assert.deepEqual(plan.steps.map((s) => s.model), ['claude-haiku-4-5', 'gpt-4o-mini', 'gemini-2.5-flash']);
  assert.deepEqual(plan.candidates!.map((c) => [c.model, c.metricMs, c.samples]), [['claude-haiku-4-5', 80, 6], ['gpt-4o-mini', 300, 6], ['gemini-2.5-flash', 10, 2]]);
  assert.equal(plan.candidates![0]!.reason, 'best live p50');
  for (let i = 0; i < 5; i++) health.record('anthropic', 'claude-haiku-4-5', { ok: false, kind: 'timeout' });
  const ejected = planForSpec(spec(json), defaultCatalog, { health, request: facts() });
  assert.deepEqual(ejected.steps.map((s) => s.model), ['gpt-4o-mini', 'gemini-2.5-flash', 'claude-haiku-4-5']);
});

test('latency_optimized: streams rank by time to first token; exploration sends a share to a stale candidate', () => {
  const health = new HealthRegistry();
  for (let i = 0; i < 6; i++) health.record('openai', 'gpt-4o-mini', { ok: true, ttftMs: 50 });
  for (let i = 0; i < 6; i++) health.record('anthropic', 'claude-haiku-4-5', { ok: true, ttftMs: 20 });
  const json = { strategy: 'latency_optimized', candidates: THREE.map((model) => ({ model })), exploration: 0.1 };
  const plan = (random: number) => planForSpec(spec(json), defaultCatalog, { health, request: facts({ stream: true }), random: () => random });
  assert.deepEqual(plan(0.5).steps.map((s) => s.model), ['claude-haiku-4-5', 'gpt-4o-mini', 'gemini-2.5-flash']);
  assert.equal(plan(0.5).candidates![0]!.reason, 'best live TTFT p50');
  const explored = plan(0.05);
  assert.equal(explored.steps[0]!.model, 'gemini-2.5-flash', 'the stale candidate is sampled');
  assert.match(explored.candidates![0]!.reason, /^exploration \(10% share\): stale data/);
  let first = 0;
  for (let i = 0; i < 1000; i++) if (planForSpec(spec(json), defaultCatalog, { health, request: facts({ stream: true }), random: Math.random }).steps[0]!.model !== 'claude-haiku-4-5') first++;
  assert.ok(first > 50 && first < 160, `about 10% explored, got ${first / 10}%`);
});

test('latency_optimized: duplicate candidates are refused', () => {
  const result = validateSpec({ strategy: 'latency_optimized', candidates: [{ model: 'gpt-4o-mini' }, { model: 'gpt-4o-mini' }] }, defaultCatalog);
  assert.ok(!result.ok);
  assert.equal(result.errors[0]!.path, 'candidates[1].model');
});

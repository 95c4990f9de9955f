// Health scoring and circuit breaking (core/provider-health): ejection after consecutive
// failures, growing ejections, the max-ejection share, half-open probes, rate-limit cool-downs,
// window statistics and the events every state change emits. A fake clock drives time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HealthRegistry } from '../../core/provider-health/health-registry.ts';
import type { HealthEvent } from '../../core/provider-health/health-types.ts';

function registry(policy: ConstructorParameters<typeof HealthRegistry>[0] = {}) {
  let now = 1_000_000;
  const events: HealthEvent[] = [];
  const health = new HealthRegistry({ ...policy, clock: () => now, onEvent: (event) => events.push(event) });
  return { health, events, advance: (ms: number) => (now += ms), now: () => now };
}

const fail = (kind = 'server') => ({ ok: false as const, kind });
const ok = (latencyMs = 100) => ({ ok: true as const, latencyMs });

test('five consecutive failures eject a target for the base ejection time; a success in between resets the count', () => {
  const { health, events, advance } = registry();
  for (let i = 0; i < 4; i++) health.record('openai', 'gpt-4o-mini', fail());
  health.record('openai', 'gpt-4o-mini', ok());
  for (let i = 0; i < 4; i++) health.record('openai', 'gpt-4o-mini', fail('timeout'));
  assert.equal(health.admit('openai', 'gpt-4o-mini').admitted, true, 'four failures in a row do not eject');
  health.record('openai', 'gpt-4o-mini', fail('network'));
  const refused = health.admit('openai', 'gpt-4o-mini');
  assert.ok(!refused.admitted);
  assert.equal(refused.state, 'ejected');
  assert.match(refused.reason, /ejected for 30000 ms more \(5 consecutive failures \(last: network\)\)/);
  assert.equal(health.model('openai', 'gpt-4o-mini')?.state, 'ejected');
  assert.deepEqual(events.map((e) => [e.target, e.from, e.to]), [['openai/gpt-4o-mini', 'healthy', 'ejected']]);
  advance(29_999);
  assert.equal(health.admit('openai', 'gpt-4o-mini').admitted, false);
  advance(1);
  assert.deepEqual(health.admit('openai', 'gpt-4o-mini'), { admitted: true, probe: true }, 'the ejection ran out: one probe');
});

test('half-open lets one probe through; its success closes the breaker, its failure ejects for longer', () => {
  const { health, events, advance } = registry();
  const trip = () => { for (let i = 0; i < 5; i++) health.record('anthropic', 'claude-haiku-4-5', fail('overloaded')); };
  trip();
  advance(30_000);
  assert.deepEqual(health.admit('anthropic', 'claude-haiku-4-5'), { admitted: true, probe: true });
  const second = health.admit('anthropic', 'claude-haiku-4-5');
  assert.ok(!second.admitted && second.state === 'half_open', 'a second request waits while the probe runs');
  health.record('anthropic', 'claude-haiku-4-5', fail('server'));
  const again = health.model('anthropic', 'claude-haiku-4-5');
  assert.equal(again?.state, 'ejected');
  assert.equal(again?.ejections, 2);
  assert.equal(again?.ejectedUntil, 1_000_000 + 30_000 + 60_000, 'the second ejection lasts twice the base time');
  advance(60_000);
  assert.equal(health.admit('anthropic', 'claude-haiku-4-5').admitted, true);
  health.record('anthropic', 'claude-haiku-4-5', ok());
  assert.equal(health.model('anthropic', 'claude-haiku-4-5')?.state, 'healthy');
  assert.deepEqual(events.filter((e) => e.scope === 'model').map((e) => `${e.from}→${e.to}`), ['healthy→ejected', 'ejected→half_open', 'half_open→ejected', 'ejected→half_open', 'half_open→healthy']);
  assert.match(events.at(-1)!.reason, /probe succeeded/);
});

test('ejections grow with each repeat up to the maximum', () => {
  const { health, advance } = registry({ policy: { baseEjectionMs: 100_000, maxEjectionMs: 250_000 } });
  const durations: number[] = [];
  for (let round = 0; round < 4; round++) {
    if (round > 0) health.admit('gemini', 'gemini-2.5-flash');
    for (let i = 0; i < (round === 0 ? 5 : 1); i++) health.record('gemini', 'gemini-2.5-flash', fail());
    const snapshot = health.model('gemini', 'gemini-2.5-flash')!;
    durations.push(snapshot.ejectedUntil! - (snapshot.lastFailureAt ?? 0));
    advance(durations.at(-1)!);
  }
  assert.deepEqual(durations, [100_000, 200_000, 250_000, 250_000]);
});

test('a limited share of targets is ejected at once (at least one always may be)', () => {
  const { health } = registry({ policy: { maxEjectionPercent: 50 } });
  for (const model of ['a', 'b', 'c', 'd']) health.record('openai-compatible', model, ok());
  for (const model of ['a', 'b', 'c']) for (let i = 0; i < 5; i++) health.record('openai-compatible', model, fail());
  const states = ['a', 'b', 'c', 'd'].map((model) => health.model('openai-compatible', model)?.state);
  assert.deepEqual(states, ['ejected', 'ejected', 'healthy', 'healthy'], 'two of four may be out at once');
  const { health: single } = registry({ policy: { maxEjectionPercent: 10 } });
  for (let i = 0; i < 5; i++) single.record('openai', 'gpt-4o', fail());
  assert.equal(single.model('openai', 'gpt-4o')?.state, 'ejected', 'one target alone may still be ejected');
});

test('a 429 cools the target for its Retry-After instead of ejecting it; the provider is untouched', () => {
  const { health, events, advance } = registry();
  for (let i = 0; i < 8; i++) health.record('openai', 'gpt-4o-mini', { ok: false, kind: 'rate_limited', retryAfterMs: 2_000 });
  const refused = health.admit('openai', 'gpt-4o-mini');
  assert.ok(!refused.admitted && refused.state === 'cooling');
  assert.equal(refused.until, 1_000_000 + 2_000);
  assert.equal(health.model('openai', 'gpt-4o-mini')?.consecutiveFailures, 0, 'rate limits are not failures');
  assert.equal(health.provider('openai'), undefined);
  assert.equal(health.admit('openai', 'gpt-4o').admitted, true);
  advance(2_000);
  assert.deepEqual(health.admit('openai', 'gpt-4o-mini'), { admitted: true, probe: false });
  assert.deepEqual(events.map((e) => `${e.from}→${e.to}: ${e.reason}`), ['healthy→cooling: rate limited: retry-after 2000 ms', 'cooling→healthy: the cool-down ended']);
  health.record('openai', 'gpt-4o-mini', { ok: false, kind: 'quota_exhausted' });
  assert.equal(health.model('openai', 'gpt-4o-mini')?.coolingUntil, 1_000_000 + 2_000 + 60_000, 'out of credit cools for a minute');
});

test('client errors (bad request, context length) neither eject nor count', () => {
  const { health } = registry();
  for (let i = 0; i < 10; i++) health.record('openai', 'gpt-4o-mini', fail('bad_request'));
  for (let i = 0; i < 10; i++) health.record('openai', 'gpt-4o-mini', fail('context_length'));
  assert.equal(health.model('openai', 'gpt-4o-mini')?.state, 'healthy');
  assert.equal(health.model('openai', 'gpt-4o-mini')?.window.requests, 0);
});

test('a provider is ejected after ten consecutive failures across two or more of its models', () => {
  const { health } = registry({ policy: { consecutiveFailures: 100 } });
  for (let i = 0; i < 12; i++) health.record('anthropic', 'claude-haiku-4-5', fail());
  assert.equal(health.provider('anthropic')?.state, 'healthy', 'one sick model does not take its provider down');
  health.record('anthropic', 'claude-sonnet-4-5', fail());
  assert.equal(health.provider('anthropic')?.state, 'ejected');
  const refused = health.admit('anthropic', 'claude-opus-4-1');
  assert.ok(!refused.admitted);
  assert.match(refused.reason, /^anthropic is ejected/);
});

test('window statistics: error rate and latency / TTFT percentiles over the last minute', () => {
  const { health, advance } = registry();
  for (let i = 1; i <= 100; i++) health.record('openai', 'gpt-4o-mini', ok(i));
  for (let i = 1; i <= 10; i++) health.record('openai', 'gpt-4o-mini', { ok: true, ttftMs: i * 10 });
  for (let i = 0; i < 3; i++) health.record('openai', 'gpt-4o-mini', fail('timeout'));
  let window = health.model('openai', 'gpt-4o-mini')!.window;
  assert.equal(window.requests, 113);
  assert.equal(window.failures, 3);
  assert.equal(window.p50Ms, 51);
  assert.equal(window.p95Ms, 96);
  assert.equal(window.ttftP50Ms, 60);
  assert.equal(window.latencySamples, 100);
  advance(60_001);
  window = health.model('openai', 'gpt-4o-mini')!.window;
  assert.equal(window.requests, 0, 'old samples leave the window');
  assert.equal(window.p50Ms, undefined);
});

test('the window keeps the last 256 samples: older ones are overwritten, in order', () => {
  const { health, advance } = registry();
  for (let i = 1; i <= 300; i++) {
    health.record('openai', 'gpt-4o-mini', ok(i));
    advance(1);
  }
  advance(1_000); // past the cached statistics
  const window = health.model('openai', 'gpt-4o-mini')!.window;
  assert.equal(window.requests, 256);
  assert.equal(window.latencySamples, 256);
  assert.equal(window.p50Ms, 45 + 128, 'samples 45..300 remain');
  assert.equal(window.p95Ms, 45 + Math.floor(0.95 * 256));
});

test('durable plans drop ejected or cooling steps when enough remain (a cascade needs one, an ensemble its quorum)', async () => {
  const { planForSpec } = await import('../../core/planner.ts');
  const { defaultCatalog } = await import('../../core/catalog.ts');
  const { skipUnavailableSteps } = await import('../../core/provider-health/skip-unavailable.ts');
  const { validateSpec } = await import('../../core/strategy.ts');
  const { health } = registry();
  for (let i = 0; i < 5; i++) health.record('anthropic', 'claude-haiku-4-5', fail());
  const plan = (json: unknown) => {
    const result = validateSpec(json, defaultCatalog);
    assert.ok(result.ok);
    return skipUnavailableSteps(planForSpec(result.spec, defaultCatalog), health);
  };
  const cascade = plan({ strategy: 'cascade', attempts: [{ model: 'claude-haiku-4-5' }, { model: 'claude-sonnet-4-5' }] });
  assert.deepEqual(cascade.steps.map((s) => s.model), ['claude-sonnet-4-5']);
  assert.match(cascade.description.at(-1)!, /^skipped anthropic\/claude-haiku-4-5: anthropic\/claude-haiku-4-5 is ejected \(5 consecutive failures/);
  const members = [{ model: 'claude-haiku-4-5' }, { model: 'gpt-4o-mini' }, { model: 'gemini-2.5-flash' }];
  assert.equal(plan({ strategy: 'ensemble', aggregation: 'majority_vote', members, timeout_ms: 5000 }).steps.length, 2);
  const strict = plan({ strategy: 'ensemble', aggregation: 'majority_vote', members, quorum: 3, timeout_ms: 5000 });
  assert.equal(strict.steps.length, 3, 'a quorum of three keeps every member');
  assert.match(strict.description.at(-1)!, /every step kept/);
});

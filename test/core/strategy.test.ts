// Routing-config specs: strict schemas, defaults, field paths in errors, catalog checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalog, withOverrides } from '../../core/catalog.ts';
import { StrategySpec, validateSpec } from '../../core/strategy.ts';

const errorsOf = (json: unknown, catalog = defaultCatalog) => {
  const result = validateSpec(json, catalog);
  assert.ok(!result.ok, `expected errors for ${JSON.stringify(json)}`);
  return result.errors;
};

test('a single spec, with the timeout default made explicit', () => {
  const result = validateSpec({ strategy: 'single', model: 'gpt-4o-mini' }, defaultCatalog);
  assert.deepEqual(result, { ok: true, spec: { strategy: 'single', model: 'gpt-4o-mini', timeout_ms: 30_000 } });
  assert.ok(validateSpec({ strategy: 'single', model: 'anthropic/claude-haiku-4-5', timeout_ms: 2000 }, defaultCatalog).ok);
});

test('a fallback spec with defaults', () => {
  const result = validateSpec(
    { strategy: 'fallback', attempts: [{ model: 'gpt-4o-mini', timeout_ms: 2000, max_retries: 1 }, { model: 'claude-haiku-4-5' }], retry_on: [429, '5xx', 'timeout'], deadline_ms: 30000 },
    defaultCatalog,
  );
  assert.ok(result.ok);
  assert.deepEqual(result.spec, {
    strategy: 'fallback',
    attempts: [{ model: 'gpt-4o-mini', timeout_ms: 2000, max_retries: 1 }, { model: 'claude-haiku-4-5', timeout_ms: 30_000, max_retries: 0 }],
    retry_on: [429, '5xx', 'timeout'],
    deadline_ms: 30000,
  });
  const minimal = validateSpec({ strategy: 'fallback', attempts: [{ model: 'gpt-4o' }] }, defaultCatalog);
  assert.ok(minimal.ok && minimal.spec.strategy === 'fallback');
  assert.deepEqual(minimal.spec.strategy === 'fallback' && minimal.spec.retry_on, [429, '5xx', 'timeout', 'network']);
});

test('unknown keys are rejected, naming their path', () => {
  assert.deepEqual(errorsOf({ strategy: 'single', model: 'gpt-4o-mini', temperature: 0 }), [{ path: 'temperature', message: 'unknown field "temperature"' }]);
  assert.deepEqual(errorsOf({ strategy: 'fallback', attempts: [{ model: 'gpt-4o-mini' }, { model: 'gpt-4o', timeout: 5 }] }), [
    { path: 'attempts[1].timeout', message: 'unknown field "timeout"' },
  ]);
});

test('bad values name their path', () => {
  const errors = errorsOf({ strategy: 'fallback', attempts: [{ model: 'gpt-4o-mini', timeout_ms: 5 }], retry_on: [200, 'sometimes'] });
  const paths = errors.map((e) => e.path);
  assert.ok(paths.includes('attempts[0].timeout_ms'), paths.join());
  assert.ok(paths.includes('retry_on[0]'), paths.join());
  assert.ok(paths.includes('retry_on[1]'), paths.join());
  assert.deepEqual(errorsOf({ strategy: 'fallback', attempts: [] }).map((e) => e.path), ['attempts']);
});

test('an unknown strategy lists the known ones', () => {
  const [error] = errorsOf({ strategy: 'round_robin', models: [] });
  assert.equal(error?.path, 'strategy');
  assert.match(error?.message ?? '', /single/);
  assert.match(error?.message ?? '', /fallback/);
  assert.equal(errorsOf('not an object')[0]?.path, '(root)');
});

test('models must exist in the catalog (overrides included)', () => {
  assert.deepEqual(errorsOf({ strategy: 'fallback', attempts: [{ model: 'gpt-4o-mini' }, { model: 'gpt-9' }] }), [
    { path: 'attempts[1].model', message: 'unknown model "gpt-9" (not in the model catalog)' },
  ]);
  assert.equal(errorsOf({ strategy: 'single', model: 'openai/claude-haiku-4-5' })[0]?.path, 'model');
  const withLlama = withOverrides(defaultCatalog, {
    models: {
      'gpt-9': {
        provider: 'openai', upstreamModel: 'gpt-9', tier: 'frontier', contextWindow: 1000, maxOutputTokens: 100,
        pricing: { inputPerMTok: 1, outputPerMTok: 1, cachedInputPerMTok: 1 },
        capabilities: { tools: true, vision: true, json_schema: true, reasoning: true, streaming: true },
      },
    },
  });
  assert.ok(validateSpec({ strategy: 'single', model: 'gpt-9' }, withLlama).ok);
});

test('StrategySpec is a discriminated union on strategy', () => {
  assert.equal(StrategySpec.parse({ strategy: 'single', model: 'x' }).strategy, 'single');
  assert.throws(() => StrategySpec.parse({ model: 'x' }));
});

// Parsing the OpenAI `model` field into config references, provider/model pairs and catalog names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatModelRef, parseModelRef, type ModelRef } from '../../core/model-ref.ts';

const ok = (value: string): ModelRef => {
  const result = parseModelRef(value);
  assert.ok(result.ok, `${value}: ${result.ok ? '' : result.error}`);
  return result.ref;
};
const error = (value: string): string => {
  const result = parseModelRef(value);
  assert.ok(!result.ok, `${value} should be rejected`);
  return result.error;
};

test('config references: active and pinned', () => {
  assert.deepEqual(ok('@production'), { kind: 'config', name: 'production' });
  assert.deepEqual(ok('@production@3'), { kind: 'config', name: 'production', version: 3 });
  assert.deepEqual(ok('@a_b-2'), { kind: 'config', name: 'a_b-2' });
});

test('provider/model and catalog names', () => {
  assert.deepEqual(ok('anthropic/claude-haiku-4-5'), { kind: 'provider-model', provider: 'anthropic', model: 'claude-haiku-4-5' });
  assert.deepEqual(ok('openai-compatible/meta-llama/Llama-3.3-70B'), { kind: 'provider-model', provider: 'openai-compatible', model: 'meta-llama/Llama-3.3-70B' });
  assert.deepEqual(ok('gpt-4o-mini'), { kind: 'catalog-model', name: 'gpt-4o-mini' });
  assert.deepEqual(ok('gemini-2.5-flash'), { kind: 'catalog-model', name: 'gemini-2.5-flash' });
});

test('invalid syntax gives a clear error', () => {
  assert.match(error(''), /empty/);
  assert.match(error('@'), /not a config name/);
  assert.match(error('@Production'), /not a config name/);
  assert.match(error('@prod@0'), /positive integer/);
  assert.match(error('@prod@v2'), /positive integer/);
  assert.match(error('@prod@1@2'), /too many "@"/);
  assert.match(error('mistral/large'), /unknown provider "mistral"/);
  assert.match(error('openai/'), /no valid model name/);
  assert.match(error('gpt 4o'), /not a model name/);
  for (const value of ['', '@x@01', 'a/b']) assert.match(error(value), /^invalid model: /);
});

test('formatModelRef round-trips', () => {
  for (const value of ['@production', '@production@12', 'anthropic/claude-haiku-4-5', 'gpt-4o-mini']) assert.equal(formatModelRef(ok(value)), value);
});

test('results are memoised and frozen, so one caller cannot change another\'s', () => {
  const first = parseModelRef('@memo-check@7');
  assert.equal(parseModelRef('@memo-check@7'), first);
  assert.ok(first.ok && Object.isFrozen(first) && Object.isFrozen(first.ref));
  assert.throws(() => {
    if (first.ok) (first.ref as { name: string }).name = 'other';
  }, TypeError);
  assert.deepEqual(ok('@memo-check@7'), { kind: 'config', name: 'memo-check', version: 7 });
});

test('the memo stays bounded and correct past its size', () => {
  for (let i = 0; i < 3000; i++) assert.deepEqual(ok(`@config-${i}`), { kind: 'config', name: `config-${i}` });
  assert.deepEqual(ok('@config-1'), { kind: 'config', name: 'config-1' });
  assert.match(error('@Bad'), /not a config name/);
});

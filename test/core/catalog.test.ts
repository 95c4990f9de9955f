// The model catalog: shipped data is valid, lookups, per-organisation overrides and pricing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { CatalogModel, costUsd, defaultCatalog, findModel, listModels, withOverrides } from '../../core/catalog.ts';

test('every shipped model is valid and keyed by its id', () => {
  const models = listModels(defaultCatalog);
  assert.ok(models.length >= 11);
  for (const model of models) {
    CatalogModel.parse(model);
    assert.equal(defaultCatalog.models[model.id], model);
    assert.ok(model.maxOutputTokens <= model.contextWindow, model.id);
    assert.ok(model.pricing.cachedInputPerMTok <= model.pricing.inputPerMTok, model.id);
  }
  for (const provider of ['openai', 'anthropic', 'gemini']) assert.ok(models.some((m) => m.provider === provider), provider);
});

test('list prices of the well-known models', () => {
  const price = (id: string) => findModel(defaultCatalog, id)?.pricing;
  assert.deepEqual(price('gpt-4o-mini'), { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 });
  assert.deepEqual(price('claude-haiku-4-5'), { inputPerMTok: 1, outputPerMTok: 5, cachedInputPerMTok: 0.1 });
  assert.deepEqual(price('gemini-2.5-flash'), { inputPerMTok: 0.3, outputPerMTok: 2.5, cachedInputPerMTok: 0.075 });
  assert.equal(findModel(defaultCatalog, 'claude-opus-4-1')?.tier, 'frontier');
});

test('findModel accepts "provider/name" only with the right provider', () => {
  assert.equal(findModel(defaultCatalog, 'anthropic/claude-haiku-4-5')?.id, 'claude-haiku-4-5');
  assert.equal(findModel(defaultCatalog, 'openai/claude-haiku-4-5'), undefined);
  assert.equal(findModel(defaultCatalog, 'no-such-model'), undefined);
  assert.equal(findModel(defaultCatalog, 'toString'), undefined, 'prototype keys are not models');
});

test('costUsd prices cached input as cached and the rest as input', () => {
  const model = findModel(defaultCatalog, 'gpt-4o-mini')!;
  // 1M input of which 400k cached, 1M output (reasoning is inside output, not added).
  const cost = costUsd(model, { inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 1_000_000, reasoningTokens: 300_000 });
  assert.equal(cost, 0.6 * 0.15 + 0.4 * 0.075 + 0.6);
  assert.equal(costUsd(model, { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 }), 0);
  // Rounded to the nano-dollar, the precision of request_logs.cost_usd.
  assert.equal(costUsd(model, { inputTokens: 7, cachedInputTokens: 0, outputTokens: 3, reasoningTokens: 0 }), 0.00000285);
});

test('withOverrides adjusts, adds and removes models without touching the default', () => {
  const custom = withOverrides(defaultCatalog, {
    models: {
      'gpt-4o-mini': { pricing: { inputPerMTok: 0.1 } },
      'my-llama': {
        provider: 'openai', upstreamModel: 'llama-3.3-70b', tier: 'standard', contextWindow: 128_000, maxOutputTokens: 8_192,
        pricing: { inputPerMTok: 0.2, outputPerMTok: 0.2, cachedInputPerMTok: 0.2 },
        capabilities: { tools: true, vision: false, json_schema: false, reasoning: false, streaming: true },
      },
    },
    remove: ['claude-opus-4-1'],
  });
  assert.deepEqual(findModel(custom, 'gpt-4o-mini')?.pricing, { inputPerMTok: 0.1, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 });
  assert.equal(findModel(custom, 'my-llama')?.upstreamModel, 'llama-3.3-70b');
  assert.equal(findModel(custom, 'claude-opus-4-1'), undefined);
  assert.equal(findModel(defaultCatalog, 'gpt-4o-mini')?.pricing.inputPerMTok, 0.15);
  assert.ok(findModel(defaultCatalog, 'claude-opus-4-1'));
});

test('withOverrides rejects invalid overrides, naming the field', () => {
  assert.throws(() => withOverrides(defaultCatalog, { models: { 'gpt-4o-mini': { pricing: { inputPerMTok: -1 } } } }), z.ZodError);
  assert.throws(() => withOverrides(defaultCatalog, { models: { 'gpt-4o-mini': { colour: 'blue' } } }), /colour/);
  // A new model must be complete.
  assert.throws(
    () => withOverrides(defaultCatalog, { models: { 'half-model': { provider: 'openai' } } }),
    (error: unknown) => error instanceof z.ZodError && error.issues.some((i) => i.path.join('.') === 'models.half-model.upstreamModel'),
  );
});

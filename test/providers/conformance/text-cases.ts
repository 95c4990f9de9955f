// Conformance cases: plain text, streaming, system prompts, limits, JSON output, n, usage details.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Harness } from './adapter-cases.ts';
import { collect, expectCallError, finalUsage, finishReasons, signal, streamedText } from './adapter-cases.ts';

export function textCases(h: Harness): void {
  it('generates text with finish stop and usage', async () => {
    const result = await h.adapter.generate(h.target(), h.request(), signal());
    assert.equal(result.choices.length, 1);
    const choice = result.choices[0]!;
    assert.ok(choice.content && choice.content.length > 0);
    assert.equal(choice.finishReason, 'stop');
    assert.deepEqual(choice.toolCalls, []);
    assert.ok(result.usage.inputTokens > 0 && result.usage.outputTokens > 0);
    assert.ok(result.model.startsWith(h.c.model));
  });

  it('streams the same text as generate, then one finish and exactly one usage part', async () => {
    const generated = await h.adapter.generate(h.target(), h.request(), signal());
    const parts = await collect(h.adapter.stream(h.target(), h.request(), signal()));
    assert.ok(parts.filter((p) => p.type === 'text-delta').length > 1, 'text arrives in several deltas');
    assert.equal(streamedText(parts), generated.choices[0]!.content);
    assert.deepEqual(finishReasons(parts), ['0:stop']);
    assert.deepEqual(finalUsage(parts), generated.usage);
  });

  it('accepts system and developer messages (they reach the model as instructions)', async () => {
    const plain = await h.adapter.generate(h.target(), h.request(), signal());
    const messages = [
      { role: 'system' as const, content: 'You are a terse assistant who answers in one sentence about routing.' },
      { role: 'developer' as const, content: 'Never mention prices.' },
      { role: 'user' as const, content: 'Tell me about gateways.' },
    ];
    const instructed = await h.adapter.generate(h.target(), h.request({ messages }), signal());
    assert.ok(instructed.choices[0]!.content);
    assert.ok(instructed.usage.inputTokens > plain.usage.inputTokens + 10, 'the instructions were sent');
  });

  it('stops at max tokens with finish length (generate and stream)', async () => {
    const result = await h.adapter.generate(h.target(), h.request({ maxTokens: 3 }), signal());
    assert.equal(result.choices[0]!.finishReason, 'length');
    assert.ok(result.usage.outputTokens <= 3 + (h.c.reasoningModel?.name === h.c.model ? h.c.reasoningModel.reasoningTokens : 0));
    const parts = await collect(h.adapter.stream(h.target(), h.request({ maxTokens: 3 }), signal()));
    assert.deepEqual(finishReasons(parts), ['0:length']);
    assert.equal(streamedText(parts), result.choices[0]!.content);
  });

  it('ends the answer before a stop sequence with finish stop', async () => {
    const full = (await h.adapter.generate(h.target(), h.request(), signal())).choices[0]!.content!;
    const words = full.split(' ');
    const stop = ` ${words[Math.floor(words.length / 2)]}`;
    const result = await h.adapter.generate(h.target(), h.request({ stop: [stop] }), signal());
    const content = result.choices[0]!.content ?? '';
    assert.equal(result.choices[0]!.finishReason, 'stop');
    assert.ok(content.length < full.length && full.startsWith(content));
    assert.ok(!content.includes(stop));
  });

  it('returns parseable JSON for json_object (generate and stream)', async () => {
    const request = h.request({ responseFormat: { type: 'json_object' }, messages: [{ role: 'user', content: 'Describe a gateway as JSON.' }] });
    const result = await h.adapter.generate(h.target(), request, signal());
    assert.equal(typeof JSON.parse(result.choices[0]!.content ?? ''), 'object');
    assert.equal(result.choices[0]!.finishReason, 'stop');
    const parts = await collect(h.adapter.stream(h.target(), request, signal()));
    assert.equal(typeof JSON.parse(streamedText(parts)), 'object');
    assert.deepEqual(finishReasons(parts), ['0:stop']);
  });

  it('returns JSON fitting a json_schema', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, score: { type: 'integer' } }, required: ['name', 'score'] };
    const result = await h.adapter.generate(h.target(), h.request({ responseFormat: { type: 'json_schema', name: 'rating', schema } }), signal());
    const value = JSON.parse(result.choices[0]!.content ?? '') as { name: unknown; score: unknown };
    assert.equal(typeof value.name, 'string');
    assert.equal(typeof value.score, 'number');
  });

  if (h.c.supportsN) {
    it('returns n choices (generate and stream)', async () => {
      const result = await h.adapter.generate(h.target(), h.request({ n: 2 }), signal());
      assert.deepEqual(
        result.choices.map((c) => c.index),
        [0, 1],
      );
      const parts = await collect(h.adapter.stream(h.target(), h.request({ n: 2 }), signal()));
      assert.deepEqual(finishReasons(parts).sort(), ['0:stop', '1:stop']);
      assert.equal(streamedText(parts, 1), result.choices[1]!.content);
      finalUsage(parts);
    });
  } else {
    it('rejects n > 1 as bad_request without calling the provider', async () => {
      await expectCallError(h.adapter.generate(h.target(), h.request({ n: 2 }), signal()), 'bad_request');
      await expectCallError(collect(h.adapter.stream(h.target(), h.request({ n: 2 }), signal())), 'bad_request');
    });
  }

  const reasoning = h.c.reasoningModel;
  if (reasoning) {
    it(`reports reasoning tokens inside output tokens (${reasoning.name})`, async () => {
      const request = h.request({ model: reasoning.name });
      const result = await h.adapter.generate(h.target(), request, signal());
      assert.equal(result.usage.reasoningTokens, reasoning.reasoningTokens);
      assert.ok(result.usage.outputTokens > reasoning.reasoningTokens);
      const parts = await collect(h.adapter.stream(h.target(), request, signal()));
      assert.deepEqual(finalUsage(parts), result.usage);
    });
  }

  if (h.c.kind !== 'anthropic') {
    // Anthropic caches only on request (cache_control), which ChatRequest does not expose yet.
    it('reports cached input tokens for a repeated long prompt', async () => {
      const long = `Context: ${'The gateway routes requests between providers. '.repeat(120)}\nQuestion: what does it do? ${h.c.kind}`;
      const request = h.request({ messages: [{ role: 'user', content: long }] });
      const first = await h.adapter.generate(h.target(), request, signal());
      assert.equal(first.usage.cachedInputTokens, 0);
      const second = await h.adapter.generate(h.target(), request, signal());
      assert.ok(second.usage.cachedInputTokens > 0 && second.usage.cachedInputTokens <= second.usage.inputTokens);
    });
  }
}

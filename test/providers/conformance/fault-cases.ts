// Conformance cases: every simulator fault (x-sim-behavior `force`) lands in the right error kind,
// aborts are prompt, and mid-stream failures are thrown after the parts already yielded.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ProviderErrorKind } from '../../../core/provider-error.ts';
import type { Harness } from './adapter-cases.ts';
import { collect, collectUntilError, expectCallError, signal } from './adapter-cases.ts';

/** What each HTTP-level fault becomes (docs/simulator.md "Error bodies"): 503 and 529 are both `overloaded`. */
const HTTP_FAULTS: Array<[fault: string, kind: ProviderErrorKind]> = [
  ['server_error', 'server'],
  ['unavailable', 'overloaded'],
  ['overloaded', 'overloaded'],
];

/** Enough frames that a fault injected after frame 5 leaves text already yielded (Gemini sends ~6 tokens per frame). */
const LONG_ANSWER = { answerTokens: { min: 60, max: 60 }, afterFrames: 5 };

export function faultCases(h: Harness): void {
  it('rate_limit → rate_limited with retryAfterMs (generate and stream)', async () => {
    const target = h.target({ force: 'rate_limit', retryAfterSeconds: 7 });
    const error = await expectCallError(h.adapter.generate(target, h.request(), signal()), 'rate_limited');
    assert.equal(error.info.retryAfterMs, 7000);
    assert.equal(error.info.status, 429);
    const streamed = await expectCallError(collect(h.adapter.stream(target, h.request(), signal())), 'rate_limited');
    assert.equal(streamed.info.retryAfterMs, 7000);
  });

  it('quota → quota_exhausted without a retry hint', async () => {
    const error = await expectCallError(h.adapter.generate(h.target({ force: 'quota' }), h.request(), signal()), 'quota_exhausted');
    assert.equal(error.info.retryAfterMs, undefined);
  });

  for (const [fault, kind] of HTTP_FAULTS) {
    it(`${fault} → ${kind}`, async () => {
      const error = await expectCallError(h.adapter.generate(h.target({ force: fault }), h.request(), signal()), kind);
      assert.ok(error.info.status && error.info.status >= 500);
      await expectCallError(collect(h.adapter.stream(h.target({ force: fault }), h.request(), signal())), kind);
    });
  }

  it('hang + a short deadline → timeout, promptly (generate and stream)', async () => {
    for (const run of [(s: AbortSignal) => h.adapter.generate(h.target({ force: 'hang' }), h.request(), { signal: s }), (s: AbortSignal) => collect(h.adapter.stream(h.target({ force: 'hang' }), h.request(), { signal: s }))]) {
      const started = performance.now();
      await expectCallError(run(AbortSignal.timeout(150)), 'timeout');
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1000, `aborted after ${Math.round(elapsed)} ms`);
    }
  });

  it('an already aborted signal → timeout without a request', async () => {
    const aborted = AbortSignal.abort();
    await expectCallError(h.adapter.generate(h.target(), h.request(), { signal: aborted }), 'timeout');
  });

  it('a stall mid-stream + deadline → timeout after the parts already yielded', async () => {
    const { parts, error } = await collectUntilError(h.adapter.stream(h.target({ force: 'stall', ...LONG_ANSWER }), h.request(), { signal: AbortSignal.timeout(300) }));
    assert.equal(error.info.kind, 'timeout');
    assert.ok(parts.some((p) => p.type === 'text-delta'), 'text was yielded before the stall');
  });

  it('disconnect mid-stream → network, thrown after some parts were yielded', async () => {
    const { parts, error } = await collectUntilError(h.adapter.stream(h.target({ force: 'disconnect', ...LONG_ANSWER }), h.request(), signal()));
    assert.equal(error.info.kind, 'network', error.message);
    assert.ok(parts.some((p) => p.type === 'text-delta'), 'text was yielded before the disconnect');
    assert.ok(!parts.some((p) => p.type === 'usage'), 'no usage part for a broken stream');
  });

  it('disconnect before a JSON body → network', async () => {
    await expectCallError(h.adapter.generate(h.target({ force: 'disconnect' }), h.request(), signal()), 'network');
  });

  it('a malformed stream frame → network', async () => {
    const { parts, error } = await collectUntilError(h.adapter.stream(h.target({ force: 'malformed', ...LONG_ANSWER }), h.request(), signal()));
    assert.equal(error.info.kind, 'network');
    assert.match(error.message, /malformed JSON/);
    assert.ok(parts.some((p) => p.type === 'text-delta'));
  });

  it('a truncated JSON body → network', async () => {
    await expectCallError(h.adapter.generate(h.target({ force: 'malformed' }), h.request(), signal()), 'network');
  });

  it('unknown model → not_found', async () => {
    await expectCallError(h.adapter.generate(h.target(), h.request({ model: 'no-such-model-9000' }), signal()), 'not_found');
    await expectCallError(collect(h.adapter.stream(h.target(), h.request({ model: 'no-such-model-9000' }), signal())), 'not_found');
  });

  it('missing API key → auth', async () => {
    const error = await expectCallError(h.adapter.generate(h.target({}, ''), h.request(), signal()), 'auth');
    assert.ok(error.info.status === 401 || error.info.status === 403);
  });

  it('connection refused → network; a malformed base URL → bad_request', async () => {
    const refused = { ...h.target(), baseUrl: 'http://127.0.0.1:1/v1' };
    await expectCallError(h.adapter.generate(refused, h.request(), signal()), 'network');
    await expectCallError(collect(h.adapter.stream(refused, h.request(), signal())), 'network');
    await expectCallError(h.adapter.generate({ ...h.target(), baseUrl: 'not a url' }, h.request(), signal()), 'bad_request');
  });

  it('stopping iteration early releases the connection', async () => {
    for (let i = 0; i < 3; i++) {
      for await (const part of h.adapter.stream(h.target({ answerTokens: { min: 60, max: 60 } }), h.request(), signal())) {
        if (part.type === 'text-delta') break;
      }
    }
    const result = await h.adapter.generate(h.target(), h.request(), signal(2000));
    assert.ok(result.choices[0]!.content);
  });
}

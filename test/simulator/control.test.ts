// The control API (/_sim), scenario validation, the question bank and its per-model accuracy,
// seeded fault sequences, the injectable clock, and close() with hanging connections.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../../simulator/clock.ts';
import { startSimulator } from '../../simulator/server.ts';
import type { RunningSimulator } from '../../simulator/server.ts';

let sim: RunningSimulator;
const fast = JSON.stringify({ ttftMs: 0, tokensPerSecond: 1e6 });
const openaiHeaders = { authorization: 'Bearer k', 'content-type': 'application/json', 'x-sim-behavior': fast };

interface BankQuestion { id: string; question: string; options: Record<string, string>; answer: string; prompt: string }

async function json<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sim.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as T };
}

function chat(model: string, content: string, headers: Record<string, string> = openaiHeaders) {
  return fetch(`${sim.url}/v1/chat/completions`, { method: 'POST', headers, body: JSON.stringify({ model, messages: [{ role: 'user', content }] }) });
}

before(async () => {
  sim = await startSimulator({ port: 0 });
});
after(() => sim.close());

describe('control API', () => {
  it('reports health', async () => {
    const { status, body } = await json<{ status: string; version: string }>('/_sim/health');
    assert.equal(status, 200);
    assert.equal(body.status, 'ok');
    assert.match(body.version, /^\d+\.\d+\.\d+$/);
  });

  it('serves the scenario and rejects invalid ones with the bad field named', async () => {
    const { body } = await json<{ models: Record<string, unknown> }>('/_sim/scenario');
    for (const m of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o4-mini', 'claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-1', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-2.5-pro']) assert.ok(body.models[m], m);
    const bad = await json<{ error: { message: string } }>('/_sim/scenario', { method: 'PUT', body: JSON.stringify({ models: { x: { provider: 'openai', accuracy: 2, typo: 1 } } }) });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /accuracy/);
    assert.match(bad.body.error.message, /typo/);
  });

  it('patches one model, counts requests per model and kind, and resets', async () => {
    const patched = await json<{ behavior: { faults: { server_error: number } } }>('/_sim/models/gpt-4o-mini', { method: 'PATCH', body: JSON.stringify({ faults: { server_error: 1 } }) });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.behavior.faults.server_error, 1);
    await json('/_sim/counters', { method: 'DELETE' });
    assert.equal((await chat('gpt-4o-mini', 'hi')).status, 500);
    assert.equal((await chat('gpt-4o-mini', 'hi', { ...openaiHeaders, 'x-sim-behavior': JSON.stringify({ force: 'ok', ttftMs: 0 }) })).status, 200);
    assert.equal((await chat('gpt-4o-mini', 'hi', { 'content-type': 'application/json' })).status, 401);
    const counters = await json<{ total: number; models: Record<string, Record<string, number>> }>('/_sim/counters');
    assert.deepEqual(counters.body.models['gpt-4o-mini'], { total: 3, server_error: 1, ok: 1, auth_error: 1 });
    const added = await json('/_sim/models/my-model', { method: 'PATCH', body: JSON.stringify({ provider: 'openai', accuracy: 0.5 }) });
    assert.equal(added.status, 200);
    const unknownNoProvider = await json('/_sim/models/nope', { method: 'PATCH', body: JSON.stringify({ accuracy: 0.5 }) });
    assert.equal(unknownNoProvider.status, 400);
    await json('/_sim/reset', { method: 'POST' });
    assert.equal((await chat('gpt-4o-mini', 'hi')).status, 200);
    assert.equal((await json<{ total: number }>('/_sim/counters')).body.total, 1);
    assert.equal((await chat('my-model', 'hi')).status, 404);
  });

  it('rejects a malformed x-sim-behavior header in the provider dialect', async () => {
    const res = await chat('gpt-4o', 'hi', { ...openaiHeaders, 'x-sim-behavior': '{"force":"explode"}' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /x-sim-behavior/);
  });

  it('replays the same fault sequence for the same scenario seed', async () => {
    const scenario = { seed: 9, models: { flaky: { provider: 'openai', ttftMs: { mean: 0 }, faults: { rate_limit: 0.3, server_error: 0.2 } } } };
    const run = async () => {
      await json('/_sim/scenario', { method: 'PUT', body: JSON.stringify(scenario) });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await chat('flaky', `q${i}`, { ...openaiHeaders, 'x-sim-behavior': JSON.stringify({ tokensPerSecond: 1e6 }) })).status);
      return statuses;
    };
    const first = await run();
    assert.deepEqual(await run(), first);
    assert.ok(first.includes(429) && first.includes(500) && first.includes(200));
    await json('/_sim/reset', { method: 'POST' });
  });
});

describe('question bank', () => {
  it('ships 50 labelled questions', async () => {
    const { body } = await json<{ count: number; questions: BankQuestion[] }>('/_sim/questions');
    assert.equal(body.count, 50);
    assert.equal(new Set(body.questions.map((q) => q.id)).size, 50);
    for (const q of body.questions) {
      assert.deepEqual(Object.keys(q.options), ['A', 'B', 'C', 'D']);
      assert.ok(['A', 'B', 'C', 'D'].includes(q.answer));
      assert.equal(new Set(Object.values(q.options)).size, 4);
    }
  });

  it('answers with each model\'s configured accuracy, reproducibly, across providers', async () => {
    const { body } = await json<{ questions: BankQuestion[] }>('/_sim/questions');
    const scenario = (await json<{ models: Record<string, { accuracy: number }> }>('/_sim/scenario')).body;
    const answer = async (model: string, q: BankQuestion): Promise<string> => {
      if (model.startsWith('claude')) {
        const res = await fetch(`${sim.url}/anthropic/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'x-sim-behavior': fast }, body: JSON.stringify({ model, max_tokens: 100, messages: [{ role: 'user', content: q.prompt }] }) });
        return ((await res.json()) as { content: Array<{ text: string }> }).content[0]?.text ?? '';
      }
      if (model.startsWith('gemini')) {
        const res = await fetch(`${sim.url}/gemini/v1beta/models/${model}:generateContent`, { method: 'POST', headers: { 'x-goog-api-key': 'k', 'x-sim-behavior': fast }, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: q.prompt }] }] }) });
        return ((await res.json()) as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> }).candidates[0]?.content.parts[0]?.text ?? '';
      }
      const res = await chat(model, q.prompt);
      return ((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content ?? '';
    };
    for (const model of ['gpt-4o-mini', 'o4-mini', 'claude-opus-4-1', 'gemini-2.5-flash-lite']) {
      const texts = await Promise.all(body.questions.map((q) => answer(model, q)));
      const labels = texts.map((t) => /Answer: ([ABCD])/.exec(t)?.[1]);
      assert.ok(labels.every(Boolean), `${model} always states "Answer: X"`);
      const accuracy = labels.filter((l, i) => l === body.questions[i]?.answer).length / body.questions.length;
      const expected = scenario.models[model]?.accuracy ?? 0;
      assert.ok(Math.abs(accuracy - expected) <= 0.05, `${model}: measured ${accuracy}, configured ${expected}`);
      const again = await answer(model, body.questions[0] as BankQuestion);
      assert.equal(again, texts[0]);
    }
  });
});

describe('lifecycle', () => {
  it('close() resolves promptly with hanging requests open', async () => {
    const local = await startSimulator({ port: 0 });
    const hanging = fetch(`${local.url}/v1/chat/completions`, { method: 'POST', headers: { ...openaiHeaders, 'x-sim-behavior': '{"force":"hang"}' }, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }) }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await local.close();
    assert.ok(Date.now() - started < 500);
    assert.ok((await hanging) instanceof Error);
  });

  it('takes an injected clock, so latency can be simulated without waiting', async () => {
    let now = 0;
    const slept: number[] = [];
    const clock: Clock = { now: () => now, sleep: async (ms) => { slept.push(ms); now += ms; } };
    const local = await startSimulator({ port: 0, clock, scenario: { models: { slow: { provider: 'openai', ttftMs: { mean: 10_000 }, tokensPerSecond: { mean: 1 } } } } });
    try {
      const started = Date.now();
      const res = await fetch(`${local.url}/openai/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: JSON.stringify({ model: 'slow', messages: [{ role: 'user', content: 'x' }] }) });
      assert.equal(res.status, 200);
      assert.ok(Date.now() - started < 1000);
      assert.ok(slept.some((ms) => ms >= 10_000));
    } finally {
      await local.close();
    }
  });

  it('answers a zero-latency model without a timer (a timer cannot wait less than ~1 ms)', async () => {
    const slept: number[] = [];
    const clock: Clock = { now: () => 0, sleep: async (ms) => { slept.push(ms); } };
    const models = {
      instant: { provider: 'openai' as const, ttftMs: { mean: 0, jitter: 0 }, tokensPerSecond: { mean: 100_000_000, jitter: 0 } },
      paced: { provider: 'openai' as const, ttftMs: { mean: 5, jitter: 0 }, tokensPerSecond: { mean: 100_000_000, jitter: 0 } },
    };
    const local = await startSimulator({ port: 0, clock, scenario: { models } });
    try {
      const ask = async (model: string) => {
        const res = await fetch(`${local.url}/openai/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'x' }] }) });
        assert.equal(res.status, 200);
        await res.json();
      };
      await ask('instant');
      assert.deepEqual(slept, []);
      await ask('paced');
      assert.equal(slept.length, 1);
      assert.ok(slept[0]! >= 5 && slept[0]! < 6, `slept ${slept[0]} ms`);
    } finally {
      await local.close();
    }
  });

  it('fails clearly on a bad scenario file', async () => {
    await assert.rejects(startSimulator({ port: 0, scenario: '/nonexistent/scenario.json' }), /cannot read scenario file/);
  });
});

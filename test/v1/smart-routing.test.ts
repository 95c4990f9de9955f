// The candidate strategies through the running gateway with the official client: @cheap picks
// what the catalog says is cheapest within its tier and allowlist and falls back to the next
// cheapest; a latency_optimized config follows a latency change made through the simulator's
// control API. Both leave their candidates, estimates and live metrics in the stored trace.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { api, uniqueName } from '../helpers/admin-api.ts';
import { closePool, gatewayClient, resetUpstreams, simulatorPatch, storedLog } from './helpers.ts';

before(resetUpstreams);
afterEach(resetUpstreams);
after(closePool);

const ask = { messages: [{ role: 'user' as const, content: 'Name a colour.' }], max_tokens: 64 };

interface Candidate { model: string; rank?: number; state?: string; estimatedCostUsd?: number; metricMs?: number; samples?: number; reason: string }
interface Trace { strategy: string; plan: string[]; candidates?: Candidate[]; attempts: Array<{ model: string; outcome: string }> }

async function send(model: string, stream = false) {
  if (stream) {
    const { data: chunks, response } = await gatewayClient().chat.completions.create({ model, ...ask, stream: true }).withResponse();
    for await (const chunk of chunks) void chunk;
    const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
    return { model: response.headers.get('x-switchyard-model'), trace: log.trace as unknown as Trace };
  }
  const { data, response } = await gatewayClient().chat.completions.create({ model, ...ask }).withResponse();
  const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
  return { model: data.model, trace: log.trace as unknown as Trace };
}

async function createConfig(label: string, spec: unknown): Promise<string> {
  const name = uniqueName(label);
  const created = await api('POST', '/projects/demo/configs', { body: { name, spec } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return `@${name}`;
}

test('@cheap (the demo config) picks the cheapest model at or above its tier, with every candidate in the trace', async () => {
  const { model, trace } = await send('@cheap');
  assert.equal(model, 'gemini-2.5-flash', 'gemini-2.5-flash ($0.30/$2.50 per M) beats claude-haiku-4-5 ($1/$5); gpt-4o-mini is below the standard tier');
  assert.equal(trace.strategy, 'cost_optimized');
  const byModel = Object.fromEntries(trace.candidates!.map((c) => [c.model, c]));
  assert.equal(byModel['gemini-2.5-flash']?.rank, 1);
  assert.equal(byModel['claude-haiku-4-5']?.rank, 2);
  assert.ok(byModel['gemini-2.5-flash']!.estimatedCostUsd! < byModel['claude-haiku-4-5']!.estimatedCostUsd!);
  assert.match(byModel['gpt-4o-mini']!.reason, /excluded: tier economy is below standard/);
  assert.match(trace.plan.at(-1)!, /\d+ prompt tokens \(o200k\), max_tokens 64/);
});

test('cost_optimized falls back to the next cheapest on failure, and respects the allowlist and deny list', async () => {
  await simulatorPatch('gemini-2.5-flash', { faults: { server_error: 1 } });
  const fallback = await send('@cheap');
  assert.equal(fallback.model, 'claude-haiku-4-5');
  assert.deepEqual(fallback.trace.attempts.map((a) => [a.model, a.outcome]), [['gemini-2.5-flash', 'error'], ['claude-haiku-4-5', 'success']]);
  await resetUpstreams();
  const economy = await createConfig('cost', { strategy: 'cost_optimized', allow: ['gpt-4o-mini', 'gemini-2.5-flash', 'claude-haiku-4-5', 'gpt-4o'], deny: ['gpt-4o-mini'] });
  const picked = await send(economy);
  assert.equal(picked.model, 'gemini-2.5-flash', 'the cheapest allowed model that is not denied');
  assert.match(picked.trace.candidates!.find((c) => c.model === 'gpt-4o-mini')!.reason, /denied/);
  assert.equal(picked.trace.candidates!.find((c) => c.model === 'gpt-4o')?.rank, 3);
});

test('a latency_optimized config follows a latency change', async () => {
  const fast = await createConfig('fast', { strategy: 'latency_optimized', candidates: [{ model: 'gpt-4o-mini' }, { model: 'claude-haiku-4-5' }], exploration: 0, min_samples: 3 });
  const warm = async (model: string, n: number) => { for (let i = 0; i < n; i++) await send(model); };
  // Live data comes from every request the gateway sends, whichever strategy sent it.
  await simulatorPatch('gpt-4o-mini', { ttftMs: { mean: 150, jitter: 0 } });
  await simulatorPatch('claude-haiku-4-5', { ttftMs: { mean: 5, jitter: 0 } });
  await warm('gpt-4o-mini', 4);
  await warm('claude-haiku-4-5', 4);
  const before = await send(fast);
  assert.equal(before.model, 'claude-haiku-4-5');
  assert.equal(before.trace.candidates![0]!.reason, 'best live p50');
  assert.ok(before.trace.candidates![1]!.metricMs! >= 150);

  await simulatorPatch('gpt-4o-mini', { ttftMs: { mean: 5, jitter: 0 } });
  await simulatorPatch('claude-haiku-4-5', { ttftMs: { mean: 150, jitter: 0 } });
  await warm('gpt-4o-mini', 6);
  await warm('claude-haiku-4-5', 6);
  const afterChange = await send(fast);
  assert.equal(afterChange.model, 'gpt-4o-mini', 'the other candidate is faster now');
  assert.deepEqual(afterChange.trace.candidates!.map((c) => c.model), ['gpt-4o-mini', 'claude-haiku-4-5']);
});

test('@fast ranks streams by time to first token', async () => {
  // Far above the others' 20 ms: their windows also hold streams of earlier test files, and a
  // stall of this shared machine can stretch a few of those.
  await simulatorPatch('gpt-4o-mini', { ttftMs: { mean: 300, jitter: 0 } });
  for (let i = 0; i < 5; i++) await send('gpt-4o-mini', true);
  for (let i = 0; i < 5; i++) await send('gemini-2.5-flash', true);
  for (let i = 0; i < 5; i++) await send('claude-haiku-4-5', true);
  const { trace } = await send('@fast', true);
  const gpt = trace.candidates!.find((c) => c.model === 'gpt-4o-mini')!;
  assert.ok(gpt.metricMs! >= 300, `TTFT p50 measured: ${gpt.metricMs}`);
  const ranking = JSON.stringify(trace.candidates!.map(({ model, rank, state, metricMs, samples }) => ({ model, rank, state, metricMs, samples })));
  assert.ok(trace.plan.every((line) => !line.includes('(exploration)')) ? gpt.rank === 3 : true, `the slowest to first token ranks last: ${ranking}`);
});

// A/B splits through the running gateway with the official client: the split lands within a
// statistically sensible band of its weights, sticky keys stay on one variant, the variant is on
// the log row and in the trace, feedback scores are recorded, the experiments endpoint compares
// the variants, and bad references (itself, a cycle, a missing config) are refused at save time.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, uniqueName } from '../helpers/admin-api.ts';
import { closePool, gatewayClient, resetUpstreams, simulatorPatch, storedLog } from './helpers.ts';

before(resetUpstreams);
// Hundreds of requests: the two models answer at once (the split, not the models, is under test).
before(async () => {
  for (const model of ['gpt-4o-mini', 'claude-haiku-4-5']) await simulatorPatch(model, { ttftMs: { mean: 0, jitter: 0 }, tokensPerSecond: { mean: 100_000_000, jitter: 0 } });
});
after(resetUpstreams);
after(closePool);

const ask = { messages: [{ role: 'user' as const, content: 'hello' }] };

async function createConfig(name: string, spec: unknown) {
  return api('POST', '/projects/demo/configs', { body: { name, spec } });
}

async function created(label: string, spec: unknown): Promise<string> {
  const name = uniqueName(label);
  const response = await createConfig(name, spec);
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return name;
}

async function send(model: string, extra: { user?: string; headers?: Record<string, string> } = {}) {
  const { data, response } = await gatewayClient().chat.completions
    .create({ model, ...ask, ...(extra.user ? { user: extra.user } : {}) }, { headers: extra.headers ?? {} })
    .withResponse();
  return { model: data.model, variant: response.headers.get('x-switchyard-variant'), requestId: response.headers.get('x-switchyard-request-id')!, config: response.headers.get('x-switchyard-config') };
}

let a = '';
let b = '';
before(async () => {
  a = await created('ab-a', { strategy: 'single', model: 'gpt-4o-mini' });
  b = await created('ab-b', { strategy: 'single', model: 'claude-haiku-4-5' });
});

test('a 70/30 split lands within three standard deviations of its weights; the log row and trace name the variant', async () => {
  const experiment = await created('exp', { strategy: 'ab', variants: [{ config: `@${a}`, weight: 70 }, { config: `@${b}`, weight: 30 }] });
  const n = 300;
  const counts: Record<string, number> = {};
  const ids: Record<string, string[]> = {};
  for (let i = 0; i < n; i++) {
    const answer = await send(`@${experiment}`);
    assert.equal(answer.config, experiment, 'the config header names the A/B config the client asked for');
    assert.equal(answer.model, answer.variant === `@${a}` ? 'gpt-4o-mini' : 'claude-haiku-4-5');
    counts[answer.variant!] = (counts[answer.variant!] ?? 0) + 1;
    (ids[answer.variant!] ??= []).push(answer.requestId);
  }
  const second = counts[`@${b}`] ?? 0;
  const sd = Math.sqrt(n * 0.3 * 0.7);
  assert.ok(Math.abs(second - n * 0.3) < 3 * sd, `${second} of ${n} on the 30% variant`);

  const log = await storedLog(ids[`@${b}`]![0]!);
  const row = await api<{ variant: string; trace: { config: { name: string }; variant: { ref: string; index: number; reason: string; config: { name: string } } } }>('GET', `/requests/${log.id}`);
  assert.equal(row.body.variant, `@${b}`);
  assert.equal(row.body.trace.config.name, experiment);
  assert.deepEqual([row.body.trace.variant.ref, row.body.trace.variant.index, row.body.trace.variant.config.name], [`@${b}`, 1, b]);
  assert.match(row.body.trace.variant.reason, /^random draw 0\.\d{4} falls in variant 2 \(30%\)/);

  // Feedback: thumbs up on three of A's answers, down on two of B's.
  for (const id of ids[`@${a}`]!.slice(0, 3)) {
    await storedLog(id);
    const scored = await api('POST', `/requests/${id}/feedback`, { body: { score: 1, comment: 'good' } });
    assert.equal(scored.status, 200, JSON.stringify(scored.body));
  }
  for (const id of ids[`@${b}`]!.slice(0, 2)) {
    await storedLog(id);
    assert.equal((await api('POST', `/requests/${id}/feedback`, { body: { score: 0 } })).status, 200);
  }
  const rescored = await api('POST', `/requests/${ids[`@${b}`]![0]}/feedback`, { body: { score: 0.5 } });
  assert.equal(rescored.status, 200, 'a later score replaces the first');
  assert.equal((await api('POST', '/requests/req_nonexistent/feedback', { body: { score: 1 } })).status, 404);
  assert.equal((await api('POST', `/requests/${log.id}/feedback`, { body: { score: 'great' } })).status, 400);

  // Every row written before comparing.
  for (const list of Object.values(ids)) await storedLog(list.at(-1)!);
  await new Promise((resolve) => setTimeout(resolve, 500));
  type Variant = { variant: string; weight: number; requests: number; successRate: number; successRateInterval: { low: number; high: number }; latencyP50Ms: number; latencyP95Ms: number; costPerRequestUsd: number; costPerRequestInterval: { low: number; high: number } | null; feedbackCount: number; meanFeedback: number | null; meanFeedbackInterval: { low: number; high: number } | null };
  const comparison = await api<{ variants: Variant[] }>('GET', `/projects/demo/experiments/${experiment}`);
  assert.equal(comparison.status, 200, JSON.stringify(comparison.body));
  const [first, other] = comparison.body.variants;
  assert.deepEqual([first?.variant, first?.weight, other?.variant, other?.weight], [`@${a}`, 70, `@${b}`, 30]);
  assert.equal(first!.requests + other!.requests, n);
  assert.equal(other!.requests, second);
  assert.equal(first!.successRate, 1);
  assert.ok(first!.successRateInterval.low > 0.97 && first!.successRateInterval.high === 1);
  assert.ok(first!.latencyP95Ms >= first!.latencyP50Ms);
  assert.ok(first!.costPerRequestUsd > 0 && other!.costPerRequestUsd > first!.costPerRequestUsd, 'haiku costs more per request than gpt-4o-mini');
  assert.deepEqual([first!.feedbackCount, first!.meanFeedback], [3, 1]);
  assert.deepEqual([other!.feedbackCount, other!.meanFeedback], [2, 0.25]);
  assert.ok(other!.meanFeedbackInterval && other!.meanFeedbackInterval.low < 0.25 && other!.meanFeedbackInterval.high > 0.25);
  assert.equal((await api('GET', `/projects/demo/experiments/${uniqueName('nope')}`)).status, 404);
});

test('sticky by user, and by tag: the same key always gets the same variant', async () => {
  const byUser = await created('exp-user', { strategy: 'ab', variants: [{ config: `@${a}`, weight: 50 }, { config: `@${b}`, weight: 50 }], sticky_by: 'user' });
  for (const user of ['alice', 'bob', 'carol']) {
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) seen.add((await send(`@${byUser}`, { user })).variant!);
    assert.equal(seen.size, 1, `${user} stays on one variant`);
  }
  const users = new Set<string>();
  for (let i = 0; i < 30; i++) users.add((await send(`@${byUser}`, { user: `user-${i}` })).variant!);
  assert.equal(users.size, 2, 'different users are spread over both variants');
  const byTag = await created('exp-tag', { strategy: 'ab', variants: [{ config: `@${a}`, weight: 50 }, { config: `@${b}`, weight: 50 }], sticky_by: 'tag:team' });
  const teams = new Set<string>();
  for (let i = 0; i < 6; i++) teams.add((await send(`@${byTag}`, { headers: { 'x-switchyard-tags': 'team=search' } })).variant!);
  assert.equal(teams.size, 1);
});

test('the demo @experiment splits between @production and @cheap', async () => {
  const answer = await send('@experiment', { user: 'demo-user' });
  assert.ok(['@production', '@cheap'].includes(answer.variant!), String(answer.variant));
});

test('a variant pointing at its own config, a cycle, or a missing config or version is refused at save time', async () => {
  const self = uniqueName('self');
  const own = await createConfig(self, { strategy: 'ab', variants: [{ config: `@${self}`, weight: 1 }, { config: `@${a}`, weight: 1 }] });
  assert.equal(own.status, 400);
  assert.deepEqual(own.body.error.details.map((d: { path: string }) => d.path), ['spec.variants[0].config']);
  assert.match(own.body.error.details[0].message, /is this config itself/);

  const missing = await createConfig(uniqueName('missing'), { strategy: 'ab', variants: [{ config: '@no-such-config', weight: 1 }, { config: `@${a}@99`, weight: 1 }] });
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.body.error.details.map((d: { path: string; message: string }) => `${d.path}: ${d.message}`), [
    'spec.variants[0].config: this project has no config "@no-such-config"',
    `spec.variants[1].config: "@${a}" has no version 99`,
  ]);

  // first → second is fine; then second → first would close a loop.
  const firstName = await created('loop-1', { strategy: 'ab', variants: [{ config: `@${a}`, weight: 1 }, { config: `@${b}`, weight: 1 }] });
  const secondName = await created('loop-2', { strategy: 'ab', variants: [{ config: `@${firstName}`, weight: 1 }, { config: `@${b}`, weight: 1 }] });
  const loop = await api('POST', `/projects/demo/configs/${firstName}/versions`, { body: { spec: { strategy: 'ab', variants: [{ config: `@${secondName}`, weight: 1 }, { config: `@${a}`, weight: 1 }] } } });
  assert.equal(loop.status, 400);
  assert.equal(loop.body.error.details[0].path, 'spec.variants[0].config');
  assert.equal(loop.body.error.details[0].message, `forms a cycle: @${firstName} → @${secondName} → @${firstName}`);
});

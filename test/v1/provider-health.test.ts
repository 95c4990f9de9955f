// Health-aware routing through the running gateway: a failing primary is ejected after five
// consecutive failures and skipped (the trace says so), comes back through a half-open probe,
// a 429 storm cools its target for the advertised Retry-After, and the REST API shows the
// states, the published view and the events. The test stack's policy ejects for 1.5 s at first.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { api, uniqueName } from '../helpers/admin-api.ts';
import { closePool, gatewayClient, resetUpstreams, simulatorPatch, storedLog } from './helpers.ts';

before(resetUpstreams);
afterEach(resetUpstreams);
after(closePool);

const ask = { messages: [{ role: 'user' as const, content: 'hello' }] };
let config = '';

before(async () => {
  config = uniqueName('health');
  const created = await api('POST', '/projects/demo/configs', {
    body: {
      name: config,
      spec: { strategy: 'fallback', attempts: [{ model: 'gpt-4o-mini', timeout_ms: 2000 }, { model: 'claude-haiku-4-5', timeout_ms: 2000 }], retry_on: [429, '5xx', 'timeout'] },
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
});

async function send() {
  const { data, response } = await gatewayClient().chat.completions.create({ model: `@${config}`, ...ask }).withResponse();
  const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
  return { model: data.model, attempts: log.trace.attempts };
}

interface HealthTarget { target: string; state: string; consecutiveFailures: number; ejections: number; reason?: string; window: { requests: number; failures: number } }

async function healthOf(target: string): Promise<HealthTarget | undefined> {
  const response = await api<{ targets: HealthTarget[] }>('GET', '/health/providers');
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.targets.find((t) => t.target === target);
}

test('a failing primary is ejected after five consecutive failures, skipped, then returns through a half-open probe', async () => {
  await simulatorPatch('gpt-4o-mini', { faults: { server_error: 1 } });
  const outcomes: string[] = [];
  for (let i = 0; i < 5; i++) {
    const { model, attempts } = await send();
    assert.equal(model, 'claude-haiku-4-5', 'the fallback answers while the primary fails');
    outcomes.push(attempts[0]!.outcome);
  }
  assert.deepEqual(outcomes, ['error', 'error', 'error', 'error', 'error']);
  const ejected = await healthOf('openai/gpt-4o-mini');
  assert.equal(ejected?.state, 'ejected');
  assert.match(ejected?.reason ?? '', /5 consecutive failures/);

  // Ejected: the primary is not even tried, and the trace says why.
  const skipped = await send();
  assert.equal(skipped.model, 'claude-haiku-4-5');
  assert.deepEqual(skipped.attempts.map((a) => [a.model, a.outcome]), [['gpt-4o-mini', 'skipped'], ['claude-haiku-4-5', 'success']]);
  assert.match(skipped.attempts[0]!.reason, /^skipped: openai\/gpt-4o-mini is ejected for \d+ ms more \(5 consecutive failures/);

  // Recovered upstream, ejection over: one probe goes through and closes the breaker.
  await simulatorPatch('gpt-4o-mini', { faults: { server_error: 0 } });
  await new Promise((resolve) => setTimeout(resolve, 1_600));
  const probe = await send();
  assert.equal(probe.model, 'gpt-4o-mini');
  assert.match(probe.attempts[0]!.reason, /half-open probe/);
  assert.equal((await healthOf('openai/gpt-4o-mini'))?.state, 'healthy');

  const events = await api<{ events: Array<{ target: string; from: string; to: string; reason: string }> }>('GET', '/health/events?target=openai/gpt-4o-mini&limit=10');
  assert.equal(events.status, 200);
  assert.deepEqual(events.body.events.slice(0, 3).map((e) => `${e.from}→${e.to}`), ['half_open→healthy', 'ejected→half_open', 'healthy→ejected']);
});

test('a failed probe ejects the target again, for longer', async () => {
  await simulatorPatch('gpt-4o-mini', { faults: { server_error: 1 } });
  for (let i = 0; i < 5; i++) await send();
  await new Promise((resolve) => setTimeout(resolve, 1_600));
  const probe = await send();
  assert.deepEqual(probe.attempts.map((a) => [a.model, a.outcome]), [['gpt-4o-mini', 'error'], ['claude-haiku-4-5', 'success']]);
  const again = await healthOf('openai/gpt-4o-mini');
  assert.equal(again?.state, 'ejected');
  assert.equal(again?.ejections, 2, 'the second ejection in a row');
});

test('a 429 storm with Retry-After cools the target for the advertised time instead of ejecting it', async () => {
  await simulatorPatch('gpt-4o-mini', { faults: { rate_limit: 1 }, retryAfterSeconds: 2 });
  const first = await send();
  assert.deepEqual(first.attempts.map((a) => [a.model, a.outcome, a.errorKind ?? null]), [['gpt-4o-mini', 'error', 'rate_limited'], ['claude-haiku-4-5', 'success', null]]);
  const cooling = await healthOf('openai/gpt-4o-mini');
  assert.equal(cooling?.state, 'cooling');
  assert.equal(cooling?.consecutiveFailures, 0, 'a rate limit is not a failure');
  const during = await send();
  assert.equal(during.attempts[0]!.outcome, 'skipped');
  assert.match(during.attempts[0]!.reason, /cooling down for \d+ ms more \(rate limited: retry-after 2000 ms\)/);

  await simulatorPatch('gpt-4o-mini', { faults: { rate_limit: 0 } });
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  const afterCooling = await send();
  assert.equal(afterCooling.model, 'gpt-4o-mini', 'tried again once the advertised time has passed');
});

test('when every candidate is out, the request still tries them rather than failing untried', async () => {
  for (const model of ['gpt-4o-mini', 'claude-haiku-4-5']) await simulatorPatch(model, { faults: { rate_limit: 1 }, retryAfterSeconds: 5 });
  await assert.rejects(send());
  for (const model of ['gpt-4o-mini', 'claude-haiku-4-5']) await simulatorPatch(model, { faults: { rate_limit: 0 } });
  const { model, attempts } = await send();
  assert.equal(model, 'gpt-4o-mini');
  assert.deepEqual(attempts.map((a) => a.outcome), ['skipped', 'skipped', 'success']);
  assert.match(attempts[2]!.reason, /last resort: every candidate is ejected or cooling/);
});

test('the health API: published views, events, and who may reset', async () => {
  await simulatorPatch('gpt-4o-mini', { faults: { server_error: 1 } });
  for (let i = 0; i < 2; i++) await send();
  const view = await api<{ instanceId: string; policy: Record<string, number>; targets: HealthTarget[]; instances: Array<{ instanceId: string; targets: HealthTarget[] }> }>('GET', '/health/providers');
  assert.equal(view.status, 200);
  assert.equal(view.body.policy['consecutiveFailures'], 5);
  assert.equal(view.body.policy['baseEjectionMs'], 1500, 'the test stack\'s SWITCHYARD_HEALTH_POLICY');
  const local = view.body.targets.find((t) => t.target === 'openai/gpt-4o-mini');
  assert.deepEqual([local?.state, local?.consecutiveFailures, local?.window.failures], ['healthy', 2, 2]);
  assert.ok(view.body.targets.some((t) => t.target === 'openai' && t.consecutiveFailures === 2), 'the provider is tracked too');
  // The instance publishes its view every 2 s for the others (and the replay simulator).
  const deadline = Date.now() + 5_000;
  let published: HealthTarget | undefined;
  while (Date.now() < deadline && published?.consecutiveFailures !== 2) {
    const again = await api<{ instanceId: string; instances: Array<{ instanceId: string; targets: HealthTarget[] }> }>('GET', '/health/providers');
    published = again.body.instances.find((i) => i.instanceId === view.body.instanceId)?.targets.find((t) => t.target === 'openai/gpt-4o-mini');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.equal(published?.consecutiveFailures, 2);
  const anonymous = await api('GET', '/health/providers', { token: null });
  assert.equal(anonymous.status, 401);
});

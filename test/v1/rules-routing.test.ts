// Rules routing through the running gateway: the demo @rules sends tier=free to @cheap and the
// rest to @production; rules read budget variables and live provider health; the trace records
// the matching rule and the values it saw; bad rules and routes are refused at save time.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { api, uniqueName } from '../helpers/admin-api.ts';
import { closePool, gatewayClient, resetUpstreams, simulatorPatch, storedLog } from './helpers.ts';

before(resetUpstreams);
afterEach(resetUpstreams);
after(closePool);

const ask = { messages: [{ role: 'user' as const, content: 'hello' }] };

interface RuleTrace { route: string; index?: number; reason: string; values: { request: { tags: Record<string, string>; input_tokens?: number }; budget: { used_pct: number } }; errors: Array<{ rule: number; error: string }>; config?: { name: string } }

async function send(model: string, tags?: string) {
  const { data, response } = await gatewayClient().chat.completions
    .create({ model, ...ask }, { headers: tags ? { 'x-switchyard-tags': tags } : {} })
    .withResponse();
  const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
  return { model: data.model, rule: (log.trace as unknown as { rule: RuleTrace }).rule };
}

async function createRules(spec: unknown): Promise<string> {
  const name = uniqueName('rules');
  const created = await api('POST', '/projects/demo/configs', { body: { name, spec } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return `@${name}`;
}

test('@rules routes requests tagged tier=free to @cheap and the rest to @production', async () => {
  const free = await send('@rules', 'tier=free');
  assert.equal(free.model, 'gemini-2.5-flash', '@cheap picks gemini-2.5-flash');
  assert.equal(free.rule.index, 0);
  assert.equal(free.rule.config?.name, 'cheap');
  assert.deepEqual(free.rule.values.request.tags, { tier: 'free' });
  // @rules reads only tags: the prompt was not counted (no tokenizer), and the trace says so by omission.
  assert.equal(free.rule.values.request.input_tokens, undefined);
  const paid = await send('@rules', 'tier=pro');
  assert.equal(paid.model, 'gpt-4o-mini');
  assert.equal(paid.rule.index, undefined);
  assert.match(paid.rule.reason, /^no rule matched: the default @production/);
  assert.equal(paid.rule.config?.name, 'production');
});

test('rules see budget usage (0 until budgets exist) and route to models too', async () => {
  const config = await createRules({
    strategy: 'rules',
    rules: [
      { when: 'budget.used_pct > 0.8', route: 'claude-haiku-4-5' },
      { when: 'budget.used_pct == 0.0 && request.input_tokens < 1000', route: 'gemini-2.5-flash' },
    ],
    default: 'gpt-4o-mini',
  });
  const answer = await send(config);
  assert.equal(answer.model, 'gemini-2.5-flash');
  assert.equal(answer.rule.index, 1);
  assert.equal(answer.rule.values.budget.used_pct, 0);
  assert.ok(answer.rule.values.request.input_tokens! > 0, 'a rule that reads input_tokens gets the count');
});

test('rules see live provider health: an ejected model is routed around', async () => {
  const config = await createRules({
    strategy: 'rules',
    rules: [{ when: "health_state('openai/gpt-4o-mini') != 'healthy' || health_error_rate('openai/gpt-4o-mini') > 0.5", route: 'claude-haiku-4-5' }],
    default: 'gpt-4o-mini',
  });
  assert.equal((await send(config)).model, 'gpt-4o-mini');
  await simulatorPatch('gpt-4o-mini', { faults: { server_error: 1 } });
  for (let i = 0; i < 5; i++) await gatewayClient().chat.completions.create({ model: 'gpt-4o-mini', ...ask }).catch(() => undefined);
  const around = await send(config);
  assert.equal(around.model, 'claude-haiku-4-5');
  assert.equal(around.rule.index, 0);
});

test('a rule that cannot evaluate (a missing tag) does not match, and the trace says why', async () => {
  const config = await createRules({ strategy: 'rules', rules: [{ when: "request.tags.tier == 'free'", route: 'gemini-2.5-flash' }], default: 'gpt-4o-mini' });
  const answer = await send(config);
  assert.equal(answer.model, 'gpt-4o-mini');
  assert.deepEqual(answer.rule.errors.map((e) => e.rule), [0]);
  assert.match(answer.rule.errors[0]!.error, /No such key: tier/);
});

test('bad rules are refused at save time: a parse error, a type error, a route to itself or a missing config', async () => {
  const save = (spec: unknown, name = uniqueName('bad-rules')) => api('POST', '/projects/demo/configs', { body: { name, spec } });
  const parse = await save({ strategy: 'rules', rules: [{ when: "request.tags.tier == 'free' &&", route: '@cheap' }], default: '@production' });
  assert.equal(parse.status, 400);
  assert.deepEqual(parse.body.error.details.map((d: { path: string; message: string }) => `${d.path}: ${d.message}`), ['spec.rules[0].when: Unexpected token: EOF (at position 31)']);
  const type = await save({ strategy: 'rules', rules: [{ when: 'request.user', route: '@cheap' }], default: '@production' });
  assert.equal(type.body.error.details[0].message, 'must evaluate to a bool, not string');
  const name = uniqueName('self-rules');
  const self = await save({ strategy: 'rules', rules: [{ when: 'true', route: `@${name}` }], default: '@nowhere' }, name);
  assert.equal(self.status, 400);
  assert.deepEqual(self.body.error.details.map((d: { path: string }) => d.path), ['spec.rules[0].route', 'spec.default']);
});

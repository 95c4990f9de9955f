// `npm run bench`: starts the real embedded stack in a temporary folder and measures, at
// concurrency 1 with medians over repeats, the building blocks later issues' targets rest on:
// a provider call straight to the simulator, /healthz through the gateway, and a durable
// round trip (workflow + one activity) through the Temporal dev server.
// Numbers from this shared machine are noisy: compare ratios measured in one run.
import { Client, Connection } from '@temporalio/client';
import { Agent, request } from 'undici';
import { startTestStack } from '../test/helpers/stack.ts';
import { sample, summary } from './stats.ts';

const stack = await startTestStack();
try {
  const { info } = stack;
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }], max_tokens: 16 });
  const zeroLatency = JSON.stringify({ ttftMs: 0, tokensPerSecond: 1_000_000 });
  const simulatorCall = async () => {
    const response = await request(`${info.simulatorUrl}/openai/v1/chat/completions`, {
      method: 'POST',
      dispatcher: agent,
      headers: { authorization: 'Bearer bench', 'content-type': 'application/json', 'x-sim-behavior': zeroLatency },
      body,
    });
    await response.body.text();
  };
  const healthz = async () => {
    const response = await request(`${info.gatewayUrl}/healthz`, { dispatcher: agent });
    await response.body.text();
  };
  console.log(summary('simulator: chat completion, 0 ms TTFT (direct)', await sample(300, simulatorCall)));
  console.log(summary('gateway: GET /healthz (1 s cache)', await sample(300, healthz)));

  const connection = await Connection.connect({ address: info.temporalAddress });
  const client = new Client({ connection, namespace: 'default' });
  let i = 0;
  const roundTrip = async () => {
    await client.workflow.execute('diagnosticsWorkflow', { taskQueue: 'switchyard', workflowId: `bench-${Date.now()}-${i++}`, args: ['bench'] });
  };
  console.log(summary('temporal: workflow + 1 activity (worker process)', await sample(40, roundTrip, 5)));
  await connection.close();
  await agent.close();
} finally {
  await stack.stop();
  await stack.cleanup();
}

// The provider conformance suite: one set of cases run against every adapter, each talking to
// its own surface of an in-process simulator (docs/simulator.md). Faults are injected per request
// with the x-sim-behavior header carried in ProviderTarget.headers.
import { after, before, describe } from 'node:test';
import { closeUpstreamPools } from '../../providers/index.ts';
import { startSimulator } from '../../simulator/server.ts';
import type { RunningSimulator } from '../../simulator/server.ts';
import { ADAPTER_CASES, harness } from './conformance/adapter-cases.ts';
import { faultCases } from './conformance/fault-cases.ts';
import { textCases } from './conformance/text-cases.ts';
import { toolCases } from './conformance/tool-cases.ts';

let sim: RunningSimulator | undefined;
const simulatorUrl = () => {
  if (!sim) throw new Error('simulator not started');
  return sim.url;
};

before(async () => {
  sim = await startSimulator({ port: 0 });
});
after(async () => {
  await closeUpstreamPools();
  await sim?.close();
});

for (const c of ADAPTER_CASES) {
  describe(`${c.kind} adapter`, () => {
    const h = harness(c, simulatorUrl);
    describe('text', () => textCases(h));
    describe('tools', () => toolCases(h));
    describe('faults', () => faultCases(h));
  });
}

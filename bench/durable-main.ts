// `npm run bench:durable`: only the durable section of the bench (see bench/durable.ts), for
// iterating on the Temporal path. Saves bench/results/durable.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../runtime/paths.ts';
import type { TestStack } from '../test/helpers/stack.ts';
import { DURABLE_MODELS, DURABLE_PLAN, runDurableSection } from './durable.ts';
import { LOADGEN_CPU, patchModels, startFixture, stopBench, ZERO_LATENCY } from './fixture.ts';
import { cleanUpOnInterrupt, pinProcess } from './processes.ts';

let stack: TestStack | undefined;
const cleanup = () => stopBench(stack);
cleanUpOnInterrupt(cleanup);

try {
  const f = await startFixture((s) => (stack = s));
  pinProcess(process.pid, LOADGEN_CPU);
  await patchModels(f.simulator.url, DURABLE_MODELS, ZERO_LATENCY);
  const { results, md } = await runDurableSection(f, f.stack.info.demoApiKey);
  console.log(`\n${md}`);
  const dir = path.join(projectRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'durable.json'), `${JSON.stringify({ at: new Date().toISOString(), plan: DURABLE_PLAN, results }, null, 2)}\n`);
  writeFileSync(path.join(dir, 'durable.md'), md);
} catch (error) {
  console.error('bench failed:', error);
  process.exitCode = 1;
} finally {
  await cleanup();
}

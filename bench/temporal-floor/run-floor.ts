// The bench's Temporal floor, run as its own process pinned where the gateway runs: a worker and
// a client sharing one native connection (as in the gateway), eager start, the durable plans'
// shapes with activities that return at once (workflows.ts), answered the way the gateway
// answers (from the closing activity, racing the result long-poll). No HTTP, no provider calls,
// no Postgres: what remains is Temporal's own cost. Prints one `FLOOR <json>` line.
import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { exitWithParent } from '../../runtime/child-process.ts';
import { cpuSeconds } from '../processes.ts';
import { percentile } from '../stats.ts';
import type { FloorActivities } from './workflows.ts';

export interface FloorPlan {
  c1Requests: number;
  seconds: number;
  concurrencies: number[];
}

export interface FloorFigures {
  p50Ms: number;
  p99Ms: number;
  rps: Record<number, number>;
  /** CPU per workflow at the highest concurrency: this process, and the Temporal server. */
  cpuMsPerRequest: { subject: number; temporal: number };
}

const address = process.env.TEMPORAL_ADDRESS!;
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
const temporalPid = Number(process.env.FLOOR_TEMPORAL_PID);
const plan = JSON.parse(process.env.FLOOR_PLAN!) as FloorPlan;
const taskQueue = `bench-floor-${process.pid}`;

exitWithParent(() => undefined);
Runtime.install({ logger: new DefaultLogger('WARN') });
const connection = await NativeConnection.connect({ address });
const waiting = new Map<string, () => void>();
const activities: FloorActivities = {
  async call(step) {
    return step;
  },
  async record(requestId) {
    // After this activity returns, like the gateway's answer after the log row is written.
    setImmediate(() => waiting.get(requestId)?.());
  },
};
const worker = await Worker.create({
  connection, namespace, taskQueue, activities,
  workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
});
const running = worker.run();
const client = new Client({ connection, namespace });

let sequence = 0;
async function one(type: string): Promise<void> {
  const workflowId = `floor-${process.pid}-${sequence++}`;
  const recorded = new Promise<void>((resolve) => waiting.set(workflowId, resolve));
  const handle = await client.workflow.start(type, { taskQueue, workflowId, args: [], requestEagerStart: true });
  const completed = handle.result();
  try {
    await Promise.race([recorded, completed]);
  } finally {
    waiting.delete(workflowId);
    completed.catch(() => undefined);
  }
}

const results: Record<string, FloorFigures> = {};
for (const [name, type] of [['cascade', 'cascadeFloor'], ['ensemble', 'ensembleFloor']] as const) {
  for (let i = 0; i < 50; i++) await one(type);
  const latencies: number[] = [];
  for (let i = 0; i < plan.c1Requests; i++) {
    const started = performance.now();
    await one(type);
    latencies.push(performance.now() - started);
  }
  const rps: Record<number, number> = {};
  let cpuMsPerRequest = { subject: Number.NaN, temporal: Number.NaN };
  for (const concurrency of plan.concurrencies) {
    const cpuBefore = process.cpuUsage();
    const temporalBefore = cpuSeconds(temporalPid);
    const started = performance.now();
    const end = started + plan.seconds * 1000;
    let done = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await one(type);
        done++;
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    rps[concurrency] = done / seconds;
    if (concurrency === Math.max(...plan.concurrencies)) cpuMsPerRequest = { subject: (cpu.user + cpu.system) / 1000 / done, temporal: ((cpuSeconds(temporalPid) - temporalBefore) * 1000) / done };
  }
  results[name] = { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), rps, cpuMsPerRequest };
}
console.log(`FLOOR ${JSON.stringify(results)}`);
worker.shutdown();
await running;
await connection.close();

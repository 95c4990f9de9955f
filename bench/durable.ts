// The durable section of `npm run bench`: the same cascade and ensemble plans run through
// Temporal and in-process (SWITCHYARD_DURABLE_EXECUTION=in-process, the same strategy code with
// plain calls), through the gateway, against the zero-latency simulator. One gateway variant at a
// time, pinned to the subject core, each on its own task queue so no other worker takes its tasks:
//   in-process          — the baseline: no Temporal at all
//   eager + local       — the default: in-process worker, eager start, local activities
//   eager + remote      — in-process worker, eager start, regular activities
//   worker process      — the gateway only starts workflows; a separate worker runs them (local activities)
// For each: p50/p99 at c=1 and requests/s at c=16 and c=32; overhead = variant − in-process; CPU
// per request at c=32, the gateway's and the Temporal server's. Then the floor: the same plan
// shapes through Temporal alone, no gateway (bench/temporal-floor/), pinned to the same core.
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../runtime/ports.ts';
import { gatewayNodeArgs, gatewayProcessEnv, projectRoot } from '../runtime/paths.ts';
import { SIM_CPU, SUBJECT_CPU, type Fixture } from './fixture.ts';
import { load, type Target } from './load.ts';
import { cpuSeconds, processName, processTree, startPinned, type BenchProcess } from './processes.ts';
import { runTemporalFloor, type FloorFigures } from './temporal-floor/floor.ts';
import { median, percentile } from './stats.ts';

export const DURABLE_PLAN = { repeats: 3, c1Requests: 150, seconds: 4, concurrencies: [16, 32] };

/** Models the plans use: the caller makes them answer at once. */
export const DURABLE_MODELS = ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-4o'] as const;

const PLANS = {
  cascade: {
    // Two calls: the first answer is rejected (min_length), the second accepted.
    strategy: 'cascade',
    attempts: [{ model: 'gpt-4o-mini', timeout_ms: 5000, accept: { min_length: 100000 } }, { model: 'gpt-4o', timeout_ms: 5000 }],
  },
  ensemble: {
    strategy: 'ensemble', aggregation: 'majority_vote', timeout_ms: 5000,
    members: [{ model: 'gpt-4o-mini' }, { model: 'gpt-4.1-mini' }, { model: 'gpt-4o' }],
  },
} as const;
type PlanName = keyof typeof PLANS;

const VARIANTS = {
  'in-process': { SWITCHYARD_DURABLE_EXECUTION: 'in-process' },
  'eager + local': { SWITCHYARD_GATEWAY_WORKER: 'on', SWITCHYARD_DURABLE_ACTIVITIES: 'local' },
  'eager + remote': { SWITCHYARD_GATEWAY_WORKER: 'on', SWITCHYARD_DURABLE_ACTIVITIES: 'remote' },
  'worker process': { SWITCHYARD_GATEWAY_WORKER: 'off', SWITCHYARD_DURABLE_ACTIVITIES: 'local' },
} as const;
type VariantName = keyof typeof VARIANTS;

export interface DurableFigures {
  p50Ms: number;
  p99Ms: number;
  rps: Record<number, number>;
  errors: number;
  /** CPU per request at the highest concurrency: the gateway's, and the Temporal server's. */
  cpuMsPerRequest: { subject: number; temporal: number };
}
export type DurableResults = Record<VariantName, Record<PlanName, DurableFigures>> & {
  /** Temporal alone: the plans' shapes with activities that return at once. */
  floor?: Record<PlanName, FloorFigures>;
};

const log = (line: string) => console.log(`  ${line}`);

export async function runDurableSection(f: Fixture, demoApiKey: string): Promise<{ results: DurableResults; md: string }> {
  await createBenchConfigs(f);
  const results = {} as DurableResults;
  const temporalPid = temporalServerPid(f);
  // SWITCHYARD_BENCH_DURABLE_VARIANTS="in-process,eager + local" runs only those (for iterating).
  const only = process.env.SWITCHYARD_BENCH_DURABLE_VARIANTS?.split(',').map((name) => name.trim());
  for (const variant of (Object.keys(VARIANTS) as VariantName[]).filter((name) => !only || only.includes(name))) {
    const taskQueue = `bench-${variant.replace(/[^a-z]+/g, '-')}-${process.pid}`;
    const env = { ...f.gatewayEnv, ...VARIANTS[variant], TEMPORAL_TASK_QUEUE: taskQueue };
    const extra: BenchProcess[] = [];
    if (variant === 'worker process') {
      // The separate worker shares the load generator's core: the subject core is the gateway's.
      extra.push(await startPinned({
        name: 'bench-worker', cpu: SIM_CPU, cwd: projectRoot, url: '', readyPath: '',
        nodeArgs: ['--import', 'tsx', 'worker/main.ts'], logFile: path.join(os.tmpdir(), `switchyard-bench-worker-${process.pid}.log`), env,
        readyLine: /polling task queues/,
      }));
    }
    const port = await freePort();
    const gateway = await startPinned({
      name: `gateway (${variant})`, cpu: SUBJECT_CPU, cwd: projectRoot, url: `http://127.0.0.1:${port}`, readyPath: '/v1/models',
      nodeArgs: gatewayNodeArgs, logFile: path.join(os.tmpdir(), `switchyard-bench-durable-${process.pid}.log`), env: { ...gatewayProcessEnv, ...env, PORT: String(port) },
    });
    // The subject's CPU: the gateway's, and the separate worker's when the variant has one.
    const subjectCpu = () => [gateway, ...extra].reduce((sum, p) => sum + cpuSeconds(p.pid), 0);
    try {
      results[variant] = {} as Record<PlanName, DurableFigures>;
      for (const plan of Object.keys(PLANS) as PlanName[]) {
        const target: Target = { name: `${variant} ${plan}`, url: `${gateway.url}/v1/chat/completions`, headers: { authorization: `Bearer ${demoApiKey}` } };
        // No max_tokens: an answer cut at the limit (finish "length") fails the default accept checks.
        const body = JSON.stringify({ model: `@bench-${plan}`, messages: [{ role: 'user', content: 'Say hello in five words.' }] });
        // Warm up for a few seconds: the gateway's in-process worker starts with the first durable
        // request (bundling the workflows), and until it polls, requests go to other workers.
        await load(target, { concurrency: 1, body, seconds: 4, warmup: 1 });
        const p50s: number[] = [];
        const p99s: number[] = [];
        const rps: Record<number, number[]> = {};
        const cpu: { subject: number[]; temporal: number[] } = { subject: [], temporal: [] };
        let errors = 0;
        for (let repeat = 0; repeat < DURABLE_PLAN.repeats; repeat++) {
          const c1 = await load(target, { concurrency: 1, body, requests: DURABLE_PLAN.c1Requests, warmup: 5 });
          const sorted = [...c1.latenciesMs].sort((a, b) => a - b);
          p50s.push(percentile(sorted, 50));
          p99s.push(percentile(sorted, 99));
          errors += c1.errors;
          for (const c of DURABLE_PLAN.concurrencies) {
            const subjectBefore = subjectCpu();
            const temporalBefore = cpuSeconds(temporalPid);
            const run = await load(target, { concurrency: c, body, seconds: DURABLE_PLAN.seconds, warmup: c });
            (rps[c] ??= []).push(run.requests / run.seconds);
            if (c === Math.max(...DURABLE_PLAN.concurrencies)) {
              // Includes the warm-up requests: both counters run through it.
              const requests = run.requests + c;
              cpu.subject.push(((subjectCpu() - subjectBefore) * 1000) / requests);
              cpu.temporal.push(((cpuSeconds(temporalPid) - temporalBefore) * 1000) / requests);
            }
            errors += run.errors;
            if (run.firstError) log(`${target.name} c=${c}: ${run.errors} error(s), first: ${run.firstError}`);
          }
        }
        results[variant][plan] = {
          p50Ms: median(p50s), p99Ms: median(p99s), errors,
          rps: Object.fromEntries(Object.entries(rps).map(([c, runs]) => [c, median(runs)])),
          cpuMsPerRequest: { subject: median(cpu.subject), temporal: median(cpu.temporal) },
        };
        const r = results[variant][plan];
        log(figuresLine(variant, plan, r, errors));
      }
    } finally {
      await gateway.stop();
      for (const p of extra) await p.stop();
    }
  }
  if (!only || only.includes('floor')) {
    try {
      results.floor = await runTemporalFloor({
        cpu: SUBJECT_CPU, temporalAddress: f.stack.info.temporalAddress, temporalPid,
        plan: { c1Requests: DURABLE_PLAN.c1Requests, seconds: DURABLE_PLAN.seconds, concurrencies: DURABLE_PLAN.concurrencies },
      });
    } catch (error) {
      // The variants measured so far still make the report; the floor's absence is said there.
      log(`the Temporal floor could not be measured: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const plan of results.floor ? (Object.keys(PLANS) as PlanName[]) : []) {
      const r = results.floor![plan];
      log(figuresLine('Temporal alone', plan, r));
    }
  }
  return { results, md: durableMarkdown(results) };
}

/** One console line of a variant's (or the floor's) figures for a plan. */
function figuresLine(label: string, plan: PlanName, r: Pick<DurableFigures, 'p50Ms' | 'p99Ms' | 'rps' | 'cpuMsPerRequest'>, errors = 0): string {
  const throughput = DURABLE_PLAN.concurrencies.map((c) => `c=${c} ${r.rps[c]?.toFixed(0)} req/s`).join(', ');
  const { subject, temporal } = r.cpuMsPerRequest;
  const cpu = `CPU per request at c=${Math.max(...DURABLE_PLAN.concurrencies)}: ${subject.toFixed(1)} ms (subject), ${temporal.toFixed(1)} ms (Temporal server)`;
  return `${label.padEnd(15)} ${plan.padEnd(8)} c=1 p50 ${r.p50Ms.toFixed(1)} ms p99 ${r.p99Ms.toFixed(1)} ms; ${throughput}${errors ? `; ${errors} errors` : ''}; ${cpu}`;
}

/** The Temporal dev server the test stack started (a child of its supervisor). */
function temporalServerPid(f: Fixture): number {
  const pid = f.stack.process.pid === undefined ? undefined : processTree(f.stack.process.pid).find((p) => processName(p) === 'temporal');
  if (pid === undefined) throw new Error('the durable bench needs the embedded Temporal dev server, and found none');
  return pid;
}

async function createBenchConfigs(f: Fixture): Promise<void> {
  // Straight through the REST API: the same validation and NOTIFY as any config change.
  const adminToken = f.stack.info.adminToken;
  for (const [name, spec] of Object.entries(PLANS)) {
    const response = await fetch(`${f.stack.info.gatewayUrl}/api/v1/projects/demo/configs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `bench-${name}`, spec }),
    });
    if (response.status !== 201 && response.status !== 409) throw new Error(`creating @bench-${name}: ${response.status} ${await response.text()}`);
  }
  // Every provider of the plans answers from the pinned zero-latency simulator.
  const db = new pg.Client({ connectionString: f.stack.info.databaseUrl });
  await db.connect();
  try {
    await db.query(`UPDATE provider_credentials SET base_url = $1 WHERE kind = 'openai'`, [`${f.simulator.url}/openai/v1`]);
  } finally {
    await db.end();
  }
}

function durableMarkdown(results: Partial<DurableResults>): string {
  const base = results['in-process'];
  const variants = (Object.keys(VARIANTS) as VariantName[]).filter((variant) => results[variant]);
  const concurrencyCells = (rps: Record<number, number>) => DURABLE_PLAN.concurrencies.map((c) => (rps[c] ?? 0).toFixed(0)).join(' | ');
  const cpuCell = (cpu: { subject: number; temporal: number }) => `${cpu.subject.toFixed(1)} / ${cpu.temporal.toFixed(1)}`;
  const rows = variants.flatMap((variant) =>
    (Object.keys(PLANS) as PlanName[]).map((plan) => {
      const r = results[variant]![plan];
      const overhead = variant === 'in-process' || !base ? '—' : `+${(r.p50Ms - base[plan].p50Ms).toFixed(1)} ms / +${(r.p99Ms - base[plan].p99Ms).toFixed(1)} ms`;
      return `| ${variant} | ${plan} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${overhead} | ${concurrencyCells(r.rps)} | ${cpuCell(r.cpuMsPerRequest)} | ${r.errors} |`;
    }));
  const floor = results.floor;
  const floorRows = !floor ? [] : (Object.keys(PLANS) as PlanName[]).map((plan) => {
    const r = floor[plan];
    return `| Temporal alone (floor) | ${plan} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | — | ${concurrencyCells(r.rps)} | ${cpuCell(r.cpuMsPerRequest)} | — |`;
  });
  const top = Math.max(...DURABLE_PLAN.concurrencies);
  const eager = results['eager + local'];
  const targetLines = !base || !eager ? ['- (the targets compare eager + local with in-process: run both)'] : (Object.keys(PLANS) as PlanName[]).map((plan) => {
    const overhead = eager[plan].p50Ms - base[plan].p50Ms;
    const rps32 = eager[plan].rps[32] ?? 0;
    return `- ${plan}: durable overhead p50 ${overhead.toFixed(1)} ms (target ≤ 15 ms: ${overhead <= 15 ? 'PASS' : '**MISS**'}); ${rps32.toFixed(0)} durable req/s at c=32 (target ≥ 300: ${rps32 >= 300 ? 'PASS' : '**MISS**'})`;
  });
  // What Temporal alone allows here: its p50, and the most workflows/s its server's CPU per
  // workflow leaves room for on a whole core (it shares core 0 with Postgres and the simulator).
  const floorLines = !floor ? ['- (the Temporal floor was not measured in this run)'] : (Object.keys(PLANS) as PlanName[]).map((plan) => {
    const r = floor[plan];
    return `- ${plan}, Temporal alone: p50 ${r.p50Ms.toFixed(1)} ms; ${(r.rps[top] ?? 0).toFixed(0)} workflows/s at c=${top}; the server's ${r.cpuMsPerRequest.temporal.toFixed(1)} ms of CPU per workflow allows at most ${(1000 / r.cpuMsPerRequest.temporal).toFixed(0)}/s on a whole core`;
  });
  return [
    '## Durable strategies: Temporal vs in-process (0 ms upstream)',
    '',
    `Medians over ${DURABLE_PLAN.repeats} repeats; c=1: ${DURABLE_PLAN.c1Requests} requests; throughput: ${DURABLE_PLAN.seconds} s per run. Cascade = two calls (the first answer rejected), ensemble = three members, majority vote. CPU per request at c=${top}: the gateway's (with the separate worker's, for "worker process"; the floor process's for the floor) and the Temporal dev server's. "Temporal alone" runs the same plan shapes through a worker and client sharing one connection on the gateway's core, eager start, local activities that return at once, no gateway (bench/temporal-floor/); one run (no repeats), the workflow failing would end it.`,
    '',
    `| variant | plan | c=1 p50 ms | c=1 p99 ms | overhead vs in-process (p50 / p99) | ${DURABLE_PLAN.concurrencies.map((c) => `req/s c=${c}`).join(' | ')} | CPU ms/req c=${top} (subject / Temporal) | errors |`,
    `| --- | --- | ---: | ---: | ---: | ${DURABLE_PLAN.concurrencies.map(() => '---:').join(' | ')} | ---: | ---: |`,
    ...rows,
    ...floorRows,
    '',
    'Targets (default variant, eager + local, against in-process):',
    ...targetLines,
    ...floorLines,
    `Variants compared: ${variants.filter((v) => v !== 'in-process').join(', ')}.`,
    '',
  ].join('\n');
}

// `npm run bench`: measures Switchyard's overhead against the floor (a bare node:http + undici
// proxy) and against calling the simulator directly, in one run, with the proxy and the gateway
// pinned to one core and the load generator + simulator on the other. Prints a markdown table of
// the targets (ratios vs the bare proxy measured in the same run), saves
// bench/results/latest.{json,md}, and when a target is missed profiles the gateway under c=64.
// Numbers from a shared machine are noisy: read the ratios, not the absolute values.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../runtime/paths.ts';
import type { TestStack } from '../test/helpers/stack.ts';
import { DURABLE_MODELS, DURABLE_PLAN, runDurableSection } from './durable.ts';
import { LOADGEN_CPU, patchModel, patchModels, startFixture, stopBench, ZERO_LATENCY, type Fixture } from './fixture.ts';
import { load, type Target } from './load.ts';
import { PLAN, TARGETS, type BodyTarget, addedMedian, latencyAtC1, medianOf, throughput, type PerTarget } from './measure.ts';
import { cleanUpOnInterrupt, pinProcess, pinningAvailable, rssMb } from './processes.ts';
import { formatSummary, summariseProfile, type ProfileSummary } from './profile-summary.ts';
import { checks, markdownTable, type Summary } from './report.ts';
import { runStrategySection, STRATEGY_REPEATS } from './strategies.ts';

const resultsDir = path.join(projectRoot, 'bench', 'results');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const MODEL = 'gpt-4o-mini';
const messages = [{ role: 'user', content: 'Say hello in five words.' }];
const body = (model: string, stream: boolean) => JSON.stringify({ model, messages, max_tokens: 16, ...(stream ? { stream: true } : {}) });
const SLOW = { ...ZERO_LATENCY, ttftMs: { mean: 20, jitter: 0 } };
/**
 * The throughput runs' upstream. At 0 ms the simulator answers each request as it is parsed and
 * ping-pongs with the load generator on their shared core, one wake-up per request: that core
 * then bounds every target alike (measured: direct 5,000/s, bare proxy 3,600/s, Switchyard
 * 3,700/s), and the run measures the simulator. With 1 ms the simulator answers the requests of
 * each timer tick together and stays ahead, so the subject's core is what is measured.
 */
const THROUGHPUT_UPSTREAM = { ...ZERO_LATENCY, ttftMs: { mean: 1, jitter: 0 } };

let stack: TestStack | undefined;
let fixture: Fixture | undefined;
const cleanup = () => stopBench(stack);
cleanUpOnInterrupt(cleanup);

try {
  console.log('starting the embedded stack and the pinned bench processes…');
  fixture = await startFixture((s) => (stack = s));
  const f = fixture;
  // The load generator is this process: pinned after the stack started (the fixture pins the
  // stack's processes itself).
  const pinned = pinProcess(process.pid, LOADGEN_CPU);
  console.log(`ready after ${elapsed()}; pinning ${pinningAvailable && pinned ? 'on' : 'UNAVAILABLE'} (${os.cpus().length} cpus)`);

  const openaiHeaders = { authorization: 'Bearer bench' };
  const targets: PerTarget<Target> = {
    direct: { name: 'direct', url: `${f.simulator.url}/openai/v1/chat/completions`, headers: openaiHeaders },
    proxy: { name: 'proxy', url: `${f.proxy.url}/v1/chat/completions`, headers: openaiHeaders },
    gateway: { name: 'gateway', url: `${f.gateway.url}/v1/chat/completions`, headers: { authorization: `Bearer ${f.stack.info.demoApiKey}` } },
  };
  // Same body everywhere except the model: the gateway gets the routing config.
  const bodyFor = (stream: boolean): PerTarget<string> => ({ direct: body(MODEL, stream), proxy: body(MODEL, stream), gateway: body('@production', stream) });
  const perTarget = (bodies: PerTarget<string>): PerTarget<BodyTarget> => ({
    direct: { ...targets.direct, body: bodies.direct },
    proxy: { ...targets.proxy, body: bodies.proxy },
    gateway: { ...targets.gateway, body: bodies.gateway },
  });

  await patchModel(f.simulator.url, MODEL, ZERO_LATENCY);
  // Discarded: in the first seconds after start-up every process is still compiling its hot
  // paths, and the first repeat's direct p50 came out at 2.5× the later ones.
  console.log('\nwarm-up (discarded)');
  await latencyAtC1(perTarget(bodyFor(false)), PLAN.latencyRequests, 1, 'warm-up');
  console.log(`\n0 ms upstream, c=1 latency (${PLAN.latencyRequests} requests × ${PLAN.repeats})`);
  const c1 = await latencyAtC1(perTarget(bodyFor(false)), PLAN.latencyRequests, PLAN.repeats, 'c=1');
  await patchModel(f.simulator.url, MODEL, THROUGHPUT_UPSTREAM);
  console.log(`\n1 ms upstream, c=${PLAN.throughputConcurrency} throughput (${PLAN.throughputSeconds} s × ${PLAN.repeats})`);
  let rss = 0;
  const c64 = await throughput(perTarget(bodyFor(false)), PLAN, (name) => {
    if (name === 'gateway') rss = Math.max(rss, rssMb(f.gateway.pid));
  }, { proxy: f.proxy.pid, gateway: f.gateway.pid });
  // Whether the request-log writer kept up with the load matters for RSS and throughput alike.
  const logQueueAfterLoad = await gatewayLogQueue(f.gateway.url);
  console.log(`request log after the throughput runs: ${logQueueAfterLoad}`);
  // The next stages are latency runs: the backlog's Postgres writes would share core 0 with the
  // simulator and the load generator during them.
  await waitForLogDrain(f.gateway.url);
  await patchModel(f.simulator.url, MODEL, ZERO_LATENCY);
  console.log(`\n0 ms upstream, streaming time to first byte, c=1 (${PLAN.streamRequests} requests × ${PLAN.repeats})`);
  const ttfb = await latencyAtC1(perTarget(bodyFor(true)), PLAN.streamRequests, PLAN.repeats, 'ttfb', 'ttfb');

  await patchModel(f.simulator.url, MODEL, SLOW);
  console.log(`\n20 ms upstream, c=1 latency (${PLAN.slowRequests} requests × ${PLAN.repeats})`);
  const slow = await latencyAtC1(perTarget(bodyFor(false)), PLAN.slowRequests, PLAN.repeats, '20ms');
  rss = Math.max(rss, rssMb(f.gateway.pid));

  const med = <T>(runs: PerTarget<T[]>, pick: (run: T) => number) =>
    Object.fromEntries(TARGETS.map((name) => [name, medianOf(runs[name], pick)])) as PerTarget<number>;
  const summary: Summary = {
    addedP50Ms: { proxy: addedMedian(c1, 'proxy', (x) => x.p50Ms), gateway: addedMedian(c1, 'gateway', (x) => x.p50Ms) },
    addedP99Ms: { proxy: addedMedian(c1, 'proxy', (x) => x.p99Ms), gateway: addedMedian(c1, 'gateway', (x) => x.p99Ms) },
    c1P50Ms: med(c1, (x) => x.p50Ms),
    rpsC64: med(c64, (x) => x.rps),
    cpuUsPerRequestC64: { proxy: medianOf(c64.proxy, (x) => x.cpuUsPerRequest ?? Number.NaN), gateway: medianOf(c64.gateway, (x) => x.cpuUsPerRequest ?? Number.NaN) },
    slowP99Ms: med(slow, (x) => x.p99Ms),
    ttfbP50Ms: med(ttfb, (x) => x.p50Ms),
    addedTtfbMs: { proxy: addedMedian(ttfb, 'proxy', (x) => x.p50Ms), gateway: addedMedian(ttfb, 'gateway', (x) => x.p50Ms) },
    gatewayRssMb: rss,
  };
  await patchModel(f.simulator.url, MODEL, ZERO_LATENCY);
  const strategies = await runStrategySection(f, (gatewayBody) => perTarget({ ...bodyFor(false), gateway: body(gatewayBody, false) }), STRATEGY_REPEATS);
  const logQueueAtEnd = await gatewayLogQueue(f.gateway.url);
  const list = checks(summary);
  const table = markdownTable(list);
  const missed = list.filter((c) => !c.pass);

  let profile: ProfileSummary | undefined;
  if (missed.length > 0) {
    console.log(`\n${missed.length} target(s) missed: profiling the gateway under c=${PLAN.throughputConcurrency} (1 ms upstream)…`);
    await patchModel(f.simulator.url, MODEL, THROUGHPUT_UPSTREAM);
    profile = await profileGateway(f, perTarget(bodyFor(false)).gateway);
  }

  console.log('\ndurable strategies: Temporal vs in-process (0 ms upstream)');
  await patchModels(f.simulator.url, DURABLE_MODELS, ZERO_LATENCY);
  const durable = await runDurableSection(f, f.stack.info.demoApiKey);

  const seconds = (Date.now() - started) / 1000;
  const md = [
    `# Switchyard bench — ${new Date(started).toISOString()}`,
    '',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}; pinning ${pinned ? 'on (simulator, load generator, Postgres and Temporal: core 0; bare proxy / gateway: core 1)' : 'unavailable'}.`,
    `Medians over ${PLAN.repeats} repeats; "added" = through X minus direct in the same repeat. Bench took ${seconds.toFixed(0)} s.`,
    `Gateway request log after the throughput runs: ${logQueueAfterLoad}; at the end: ${logQueueAtEnd}.`,
    '',
    table,
    '',
    strategies.md,
    '',
    durable.md,
    ...(profile ? ['', '## Gateway CPU profile (c=64, 1 ms upstream)', '', formatSummary(profile)] : []),
    '',
  ].join('\n');
  console.log(`\n${md}`);
  mkdirSync(resultsDir, { recursive: true });
  const json = {
    startedAt: new Date(started).toISOString(),
    seconds,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, pinned },
    plan: PLAN,
    summary,
    checks: list,
    runs: { c1, c64, ttfb, slow },
    strategies: strategies.results,
    durable: { plan: DURABLE_PLAN, results: durable.results },
    ...(profile ? { profile } : {}),
  };
  writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, 'latest.md'), md);
  console.log(`saved bench/results/latest.json and latest.md (${elapsed()})`);
} catch (error) {
  console.error('bench failed:', error);
  process.exitCode = 1;
} finally {
  await cleanup();
}

/** Restarts the gateway under --cpu-prof, loads it, stops it (the profile is written on exit), aggregates. */
async function profileGateway(f: Fixture, target: BodyTarget): Promise<ProfileSummary | undefined> {
  const dir = path.join(resultsDir, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const gateway = await f.restartGateway(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const result = await load(target, { concurrency: PLAN.throughputConcurrency, body: target.body, seconds: PLAN.throughputSeconds });
  console.log(`  profiled run: ${(result.requests / result.seconds).toFixed(0)} req/s`);
  await gateway.stop();
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) {
    console.log('  no .cpuprofile was written');
    return undefined;
  }
  console.log(`  profile: bench/results/profile/${file}`);
  return summariseProfile(path.join(dir, file), 20);
}

/**
 * The gateway's request-log queue line ("N queued, N written, N dropped") from /livez, which,
 * unlike /healthz, loads nothing (the Temporal SDK would land in the RSS being measured).
 */
/** Waits (up to 30 s) until the gateway's request log has no rows waiting for Postgres. */
async function waitForLogDrain(gatewayUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const queued = /^(\d+) queued/.exec(await gatewayLogQueue(gatewayUrl))?.[1];
    if (queued === undefined || queued === '0') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function gatewayLogQueue(gatewayUrl: string): Promise<string> {
  try {
    const live = (await (await fetch(`${gatewayUrl}/livez`)).json()) as { gateway?: { detail?: string } };
    return /request log: (.*)$/.exec(live.gateway?.detail ?? '')?.[1] ?? 'not reported';
  } catch (error) {
    return `unavailable (${error instanceof Error ? error.message : String(error)})`;
  }
}

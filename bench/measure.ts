// The measurements, run against each target in turn (direct, bare proxy, Switchyard) and
// repeated, with the targets interleaved inside each repeat so slow drift on a shared machine
// hits all three alike. Each figure is the median over the repeats.
import { load, type Target } from './load.ts';
import { median, percentile } from './stats.ts';
import { cpuSeconds } from './processes.ts';

export const TARGETS = ['direct', 'proxy', 'gateway'] as const;
export type TargetName = (typeof TARGETS)[number];

export interface Plan {
  repeats: number;
  latencyRequests: number;
  throughputSeconds: number;
  throughputConcurrency: number;
  streamRequests: number;
  slowRequests: number;
}

export const PLAN: Plan = { repeats: 3, latencyRequests: 2000, throughputSeconds: 5, throughputConcurrency: 64, streamRequests: 1000, slowRequests: 300 };

/** A target with the request body it is sent (the gateway's names the routing config). */
export type BodyTarget = Target & { body: string };

export interface Figures {
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export type PerTarget<T> = Record<TargetName, T>;

const log = (line: string) => console.log(`  ${line}`);

/** c=1 latency, one run per target per repeat; `pick` chooses latency or time to first byte. */
export async function latencyAtC1(
  targets: PerTarget<BodyTarget>,
  requests: number,
  repeats: number,
  label: string,
  pick: 'latency' | 'ttfb' = 'latency',
): Promise<PerTarget<Figures[]>> {
  const out: PerTarget<Figures[]> = { direct: [], proxy: [], gateway: [] };
  for (let r = 0; r < repeats; r++) {
    for (const name of TARGETS) {
      const result = await load(targets[name], { concurrency: 1, body: targets[name].body, requests, warmup: Math.min(200, requests / 5) });
      const samples = pick === 'ttfb' ? result.ttfbMs : result.latenciesMs;
      const figures = { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), errors: result.errors };
      out[name].push(figures);
      log(`${label} #${r + 1} ${name.padEnd(7)} p50 ${figures.p50Ms.toFixed(3)} ms  p99 ${figures.p99Ms.toFixed(3)} ms${errorNote(result.errors, result.firstError)}`);
    }
  }
  return out;
}

export interface Throughput {
  rps: number;
  errors: number;
  /** CPU the subject process used per request (µs), when its pid was given. */
  cpuUsPerRequest?: number;
}

/** Closed-loop throughput at concurrency c; `after` runs after each target's run (to read RSS under load). */
export async function throughput(
  targets: PerTarget<BodyTarget>,
  plan: Plan,
  after?: (name: TargetName) => void,
  subjectPids: Partial<PerTarget<number>> = {},
): Promise<PerTarget<Throughput[]>> {
  const out: PerTarget<Throughput[]> = { direct: [], proxy: [], gateway: [] };
  for (let r = 0; r < plan.repeats; r++) {
    for (const name of TARGETS) {
      const pid = subjectPids[name];
      const cpuBefore = pid === undefined ? Number.NaN : cpuSeconds(pid);
      const result = await load(targets[name], { concurrency: plan.throughputConcurrency, body: targets[name].body, seconds: plan.throughputSeconds });
      const cpuUsPerRequest = pid === undefined ? Number.NaN : ((cpuSeconds(pid) - cpuBefore) * 1e6) / result.requests;
      after?.(name);
      const figures: Throughput = { rps: result.requests / result.seconds, errors: result.errors, ...(Number.isFinite(cpuUsPerRequest) ? { cpuUsPerRequest } : {}) };
      out[name].push(figures);
      const cpuNote = figures.cpuUsPerRequest === undefined ? '' : `, ${figures.cpuUsPerRequest.toFixed(0)} µs CPU per request`;
      log(`c=${plan.throughputConcurrency} #${r + 1} ${name.padEnd(7)} ${figures.rps.toFixed(0)} req/s${cpuNote}${errorNote(result.errors, result.firstError)}`);
    }
  }
  return out;
}

function errorNote(errors: number, first?: string): string {
  return errors ? `  (${errors} errors, first: ${first})` : '';
}

export const medianOf = <T>(runs: T[], pick: (run: T) => number) => median(runs.map(pick));

/** Added figure per repeat (through X minus direct in the same repeat), then the median. */
export function addedMedian(runs: PerTarget<Figures[]>, via: 'proxy' | 'gateway', pick: (f: Figures) => number): number {
  return median(runs[via].map((f, i) => pick(f) - pick(runs.direct[i]!)));
}

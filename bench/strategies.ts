// The fast path's overhead per routing strategy: single, fallback (@production), cost_optimized,
// latency_optimized, ab and rules (each routing on to one of the others), each measured at c=1 against direct and the bare proxy in the same run,
// held to the gateway issue's target (added p50 ≤ 1.5× the proxy's). The bench configs route to
// the pinned zero-latency simulator's OpenAI models, so only the strategy's own work differs.
import { request } from 'undici';
import type { Fixture } from './fixture.ts';
import { patchModels, ZERO_LATENCY } from './fixture.ts';
import { addedMedian, latencyAtC1, type BodyTarget, type PerTarget } from './measure.ts';

const MODELS = ['gpt-4o-mini', 'gpt-4.1-mini'];
// c=1 ratios of a few hundred µs move by ±10% run to run on this shared machine: more repeats
// make the median steadier (each repeat is about a second per target).
const REQUESTS = 2000;
export const STRATEGY_REPEATS = 5;

export const BENCH_STRATEGIES: Array<{ label: string; config: string; spec?: unknown }> = [
  { label: 'single', config: 'bench-single', spec: { strategy: 'single', model: 'gpt-4o-mini', timeout_ms: 2000 } },
  { label: 'fallback (@production)', config: 'production' },
  { label: 'cost_optimized', config: 'bench-cost', spec: { strategy: 'cost_optimized', allow: MODELS, timeout_ms: 2000 } },
  { label: 'latency_optimized', config: 'bench-latency', spec: { strategy: 'latency_optimized', candidates: MODELS.map((model) => ({ model, timeout_ms: 2000 })) } },
  { label: 'ab (single / latency_optimized)', config: 'bench-ab', spec: { strategy: 'ab', variants: [{ config: '@bench-single', weight: 50 }, { config: '@bench-latency', weight: 50 }], sticky_by: 'api_key' } },
  { label: 'rules (→ single)', config: 'bench-rules', spec: { strategy: 'rules', rules: [{ when: 'request.input_tokens < 100000 && budget.used_pct < 0.8', route: '@bench-single' }], default: '@bench-cost' } },
];

export interface StrategyFigures {
  label: string;
  addedP50Ms: { proxy: number; gateway: number };
  addedP99Ms: { proxy: number; gateway: number };
  ratio: number;
  pass: boolean;
}

export async function runStrategySection(f: Fixture, targets: (gatewayBody: string) => PerTarget<BodyTarget>, repeats: number): Promise<{ results: StrategyFigures[]; md: string }> {
  await patchModels(f.simulator.url, MODELS, ZERO_LATENCY);
  for (const strategy of BENCH_STRATEGIES) if (strategy.spec) await saveConfig(f, strategy.config, strategy.spec);
  // Config changes reach the gateway's cache through NOTIFY; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const results: StrategyFigures[] = [];
  for (const strategy of BENCH_STRATEGIES) {
    console.log(`\nstrategy ${strategy.label}: c=1 latency (${REQUESTS} requests × ${repeats})`);
    const runs = await latencyAtC1(targets(`@${strategy.config}`), REQUESTS, repeats, strategy.label);
    const addedP50Ms = { proxy: addedMedian(runs, 'proxy', (x) => x.p50Ms), gateway: addedMedian(runs, 'gateway', (x) => x.p50Ms) };
    const addedP99Ms = { proxy: addedMedian(runs, 'proxy', (x) => x.p99Ms), gateway: addedMedian(runs, 'gateway', (x) => x.p99Ms) };
    const ratio = addedP50Ms.gateway / addedP50Ms.proxy;
    results.push({ label: strategy.label, addedP50Ms, addedP99Ms, ratio, pass: ratio <= 1.5 });
  }
  const ms = (n: number) => `${n.toFixed(3)} ms`;
  const md = [
    '## Fast-path overhead per strategy (c=1, 0 ms upstream)',
    '',
    `Medians over ${repeats} repeats of ${REQUESTS} requests; added = through X minus direct in the same repeat; target: added p50 ≤ 1.5× the bare proxy's.`,
    '',
    '| strategy | proxy added p50 | Switchyard added p50 | ratio | Switchyard added p99 | verdict |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...results.map((r) => `| ${r.label} | +${ms(r.addedP50Ms.proxy)} | +${ms(r.addedP50Ms.gateway)} | ${r.ratio.toFixed(2)}× | +${ms(r.addedP99Ms.gateway)} | ${r.pass ? 'PASS' : '**MISS**'} |`),
  ].join('\n');
  return { results, md };
}

async function saveConfig(f: Fixture, name: string, spec: unknown): Promise<void> {
  const response = await request(`${f.gateway.url}/api/v1/projects/demo/configs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${f.stack.info.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, spec }),
  });
  const text = await response.body.text();
  // 409: the config exists from an earlier bench run on the same data; save a new version instead.
  if (response.statusCode === 409) {
    const version = await request(`${f.gateway.url}/api/v1/projects/demo/configs/${name}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.stack.info.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ spec }),
    });
    await version.body.dump();
    return;
  }
  if (response.statusCode !== 201) throw new Error(`saving bench config ${name}: ${response.statusCode} ${text}`);
}

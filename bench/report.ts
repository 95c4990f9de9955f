// Turns the measured figures into the checks (ratios against the bare proxy measured in
// the same run, plus two absolute limits) and a markdown table.
export interface Check {
  metric: string;
  direct: string;
  proxy: string;
  gateway: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}

export interface Summary {
  /** Added latency at c=1, zero-latency upstream (through X minus direct), median over repeats. */
  addedP50Ms: { proxy: number; gateway: number };
  addedP99Ms: { proxy: number; gateway: number };
  c1P50Ms: { direct: number; proxy: number; gateway: number };
  rpsC64: { direct: number; proxy: number; gateway: number };
  /**
   * CPU the subject used per request in the c=64 runs. On a machine where the simulator and the
   * load generator share one core, that core can bound both subjects before their own does; this
   * is the throughput each would reach per core of its own.
   */
  cpuUsPerRequestC64: { proxy: number; gateway: number };
  slowP99Ms: { direct: number; proxy: number; gateway: number };
  ttfbP50Ms: { direct: number; proxy: number; gateway: number };
  addedTtfbMs: { proxy: number; gateway: number };
  gatewayRssMb: number;
}

const ms = (n: number) => `${n.toFixed(3)} ms`;
const perCore = (cpuUs: number) => (1e6 / cpuUs).toFixed(0);

export function checks(s: Summary): Check[] {
  const addedRatio = s.addedP50Ms.gateway / s.addedP50Ms.proxy;
  const rpsRatio = s.rpsC64.gateway / s.rpsC64.proxy;
  const slowRatio = s.slowP99Ms.gateway / s.slowP99Ms.proxy;
  return [
    {
      metric: 'added p50 latency, c=1, 0 ms upstream',
      direct: `${ms(s.c1P50Ms.direct)} (total)`,
      proxy: `+${ms(s.addedP50Ms.proxy)}`,
      gateway: `+${ms(s.addedP50Ms.gateway)}`,
      value: addedRatio,
      unit: '× proxy',
      target: '≤ 1.5× proxy',
      pass: addedRatio <= 1.5,
    },
    {
      metric: 'added p99 latency, c=1, 0 ms upstream (info)',
      direct: '',
      proxy: `+${ms(s.addedP99Ms.proxy)}`,
      gateway: `+${ms(s.addedP99Ms.gateway)}`,
      value: s.addedP99Ms.gateway / s.addedP99Ms.proxy,
      unit: '× proxy',
      target: '(none)',
      pass: true,
    },
    {
      metric: 'requests/s, c=64, 1 ms upstream',
      direct: s.rpsC64.direct.toFixed(0),
      proxy: s.rpsC64.proxy.toFixed(0),
      gateway: s.rpsC64.gateway.toFixed(0),
      value: rpsRatio,
      unit: '× proxy',
      target: '≥ 0.6× proxy',
      pass: rpsRatio >= 0.6,
    },
    {
      metric: 'CPU per request, c=64 (info: requests/s per core of its own)',
      direct: '',
      proxy: `${s.cpuUsPerRequestC64.proxy.toFixed(0)} µs (${perCore(s.cpuUsPerRequestC64.proxy)}/s)`,
      gateway: `${s.cpuUsPerRequestC64.gateway.toFixed(0)} µs (${perCore(s.cpuUsPerRequestC64.gateway)}/s)`,
      value: s.cpuUsPerRequestC64.proxy / s.cpuUsPerRequestC64.gateway,
      unit: '× proxy',
      target: '(none)',
      pass: true,
    },
    {
      metric: 'p99 latency, c=1, 20 ms upstream',
      direct: ms(s.slowP99Ms.direct),
      proxy: ms(s.slowP99Ms.proxy),
      gateway: ms(s.slowP99Ms.gateway),
      value: slowRatio,
      unit: '× proxy',
      target: '≤ 1.2× proxy',
      pass: slowRatio <= 1.2,
    },
    {
      metric: 'streaming added TTFB p50, c=1, 0 ms upstream',
      direct: `${ms(s.ttfbP50Ms.direct)} (total)`,
      proxy: `+${ms(s.addedTtfbMs.proxy)}`,
      gateway: `+${ms(s.addedTtfbMs.gateway)}`,
      value: s.addedTtfbMs.gateway,
      unit: 'ms',
      target: '≤ 0.5 ms',
      pass: s.addedTtfbMs.gateway <= 0.5,
    },
    {
      metric: 'gateway RSS after load',
      direct: '',
      proxy: '',
      gateway: `${s.gatewayRssMb.toFixed(1)} MB`,
      value: s.gatewayRssMb,
      unit: 'MB',
      target: '≤ 120 MB',
      pass: s.gatewayRssMb <= 120,
    },
  ];
}

export function markdownTable(list: Check[]): string {
  const lines = [
    '| metric | direct | bare proxy | Switchyard | result | target | verdict |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const c of list) {
    const result = c.unit === 'MB' || c.unit === 'ms' ? `${c.value.toFixed(c.unit === 'ms' ? 3 : 1)} ${c.unit}` : `${c.value.toFixed(2)}${c.unit}`;
    const verdict = c.target === '(none)' ? '' : c.pass ? 'PASS' : '**MISS**';
    lines.push(`| ${c.metric} | ${c.direct} | ${c.proxy} | ${c.gateway} | ${result} | ${c.target} | ${verdict} |`);
  }
  return lines.join('\n');
}

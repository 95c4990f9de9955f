// Small statistics helpers for benchmarks: medians and percentiles over repeated samples.
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export async function sample(count: number, run: () => Promise<void>, warmup = Math.min(20, count)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

export function summary(name: string, samples: number[]): string {
  const f = (n: number) => n.toFixed(2).padStart(8);
  return `${name.padEnd(48)} n=${String(samples.length).padStart(4)}  p50 ${f(percentile(samples, 50))} ms  p95 ${f(percentile(samples, 95))} ms  p99 ${f(percentile(samples, 99))} ms`;
}

// The arithmetic of comparing A/B variants: 95% intervals for a success rate (Wilson score, sound
// for small samples and rates near 0 or 1) and for a mean (normal approximation; needs two or more
// samples). Pure, so the REST API and the replay simulator report the same numbers.

const Z95 = 1.959964;

export interface Interval {
  low: number;
  high: number;
}

export function wilsonInterval(successes: number, n: number): Interval | undefined {
  if (n <= 0) return undefined;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // At p = 0 or 1 the bound is exactly 0 or 1; floating point would land a hair inside it.
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}

/** mean ± 1.96·sd/√n, from the sample standard deviation. */
export function meanInterval(mean: number, sampleSd: number, n: number): Interval | undefined {
  if (n < 2 || !Number.isFinite(sampleSd)) return undefined;
  const half = (Z95 * sampleSd) / Math.sqrt(n);
  return { low: mean - half, high: mean + half };
}

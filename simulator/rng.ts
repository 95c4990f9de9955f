// Seeded randomness. Everything random in the simulator (latency jitter, fault draws, answer text,
// ids) comes from here so that a scenario seed or a request seed reproduces a run exactly.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a, 32 bit: a stable, dependency-free string hash for deriving seeds. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: tiny, fast and good enough for simulation (not for cryptography). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}

/** An rng derived from a list of parts, e.g. (model, seed, prompt hash, choice index). */
export function rngFor(...parts: Array<string | number>): Rng {
  return createRng(hashString(parts.join('\u241f')));
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A provider-looking id such as `chatcmpl-…` or `toolu_01…`, drawn from `rng`. */
export function randomId(prefix: string, rng: Rng, length = 24): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(rng.next() * ALPHABET.length)];
  return out;
}

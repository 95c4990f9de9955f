// Produces a value that fits a (simple) JSON Schema, for response_format json_schema, Gemini
// responseSchema and tool-call arguments. Handles the subset models are typically given: objects,
// arrays, enums, const, primitive types (lower or Gemini's upper case), anyOf/oneOf and local $refs.
import type { Rng } from './rng.ts';

export interface SampleHints {
  /** Used for a string property whose name suggests an answer, when answering a bank question. */
  answerLabel?: string;
  words: readonly string[];
}

type Schema = Record<string, unknown>;

export function sampleFromSchema(schema: unknown, rng: Rng, hints: SampleHints): unknown {
  return sample(schema, rng, hints, (schema ?? {}) as Schema, 0, undefined);
}

function sample(schema: unknown, rng: Rng, hints: SampleHints, root: Schema, depth: number, name: string | undefined): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 8) return null;
  const s = schema as Schema;
  if (typeof s.$ref === 'string') return sample(resolveRef(root, s.$ref), rng, hints, root, depth + 1, name);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) {
    if (hints.answerLabel && s.enum.includes(hints.answerLabel)) return hints.answerLabel;
    return s.enum[0];
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = s[key];
    if (Array.isArray(list) && list.length > 0) {
      const nonNull = list.find((x) => typeof x === 'object' && x !== null && String((x as Schema).type).toLowerCase() !== 'null');
      return sample(nonNull ?? list[0], rng, hints, root, depth + 1, name);
    }
  }
  const rawType = Array.isArray(s.type) ? s.type.find((t) => String(t).toLowerCase() !== 'null') : s.type;
  const type = typeof rawType === 'string' ? rawType.toLowerCase() : s.properties ? 'object' : s.items ? 'array' : 'string';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      for (const [key, sub] of Object.entries(properties)) out[key] = sample(sub, rng, hints, root, depth + 1, key);
      return out;
    }
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 1;
      const max = typeof s.maxItems === 'number' ? s.maxItems : Math.max(min, 2);
      const count = Math.max(min, Math.min(max, rng.int(1, 2)));
      return Array.from({ length: count }, () => sample(s.items ?? {}, rng, hints, root, depth + 1, name));
    }
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : Math.max(min + 100, min);
      const value = min + rng.next() * (max - min);
      return type === 'integer' ? Math.round(value) : Math.round(value * 100) / 100;
    }
    case 'boolean':
      return rng.next() < 0.5;
    case 'null':
      return null;
    default: {
      if (hints.answerLabel && name && /answer|label|choice|option/i.test(name)) return hints.answerLabel;
      if (s.format === 'date-time') return '2025-01-01T00:00:00Z';
      if (s.format === 'date') return '2025-01-01';
      const count = rng.int(1, 3);
      return Array.from({ length: count }, () => rng.pick(hints.words)).join(' ');
    }
  }
}

function resolveRef(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (typeof node !== 'object' || node === null) return {};
    node = (node as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node ?? {};
}

// The scenario: which models exist and how each behaves (latency, accuracy, faults). Validated
// strictly with zod so a typo in a scenario file fails loudly with the path of the bad field.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const ProviderId = z.enum(['openai', 'anthropic', 'gemini']);
export type ProviderId = z.infer<typeof ProviderId>;

/** The injectable faults. `overloaded` is Anthropic's 529; other providers answer it with their 503. */
export const FaultKind = z.enum(['rate_limit', 'quota', 'server_error', 'unavailable', 'overloaded', 'hang', 'stall', 'disconnect', 'malformed']);
export type FaultKind = z.infer<typeof FaultKind>;

/** A latency figure: mean ± uniform jitter, drawn from the scenario's seeded rng. */
export const Distribution = z.strictObject({
  mean: z.number().nonnegative(),
  jitter: z.number().nonnegative().default(0),
});
export type Distribution = z.infer<typeof Distribution>;

const Probability = z.number().min(0).max(1);
// No defaults here, so a model that sets only `mean` inherits `jitter` from the scenario defaults.
const PartialDistribution = z.strictObject({ mean: z.number().nonnegative().optional(), jitter: z.number().nonnegative().optional() });

export const FaultRates = z.strictObject(Object.fromEntries(FaultKind.options.map((kind) => [kind, Probability.optional()])) as Record<FaultKind, z.ZodOptional<typeof Probability>>);

/** Every behaviour knob, fully resolved (after defaults are applied). */
export const ModelBehavior = z.strictObject({
  provider: ProviderId,
  displayName: z.string().min(1).optional(),
  /** The model name echoed in responses (e.g. a dated snapshot); defaults to the requested name. */
  responseModel: z.string().min(1).optional(),
  ttftMs: Distribution,
  tokensPerSecond: Distribution.refine((d) => d.mean > 0, 'tokensPerSecond.mean must be > 0'),
  /** Probability of answering a question-bank item correctly. */
  accuracy: Probability,
  faults: FaultRates,
  retryAfterSeconds: z.number().nonnegative(),
  /** Length range of free-text answers, in tokens. */
  answerTokens: z.strictObject({ min: z.number().int().positive(), max: z.number().int().positive() }).refine((r) => r.min <= r.max, 'answerTokens.min must be <= max'),
  /** Hidden reasoning tokens reported in usage (o-series, Gemini 2.5 thinking); they also add latency. */
  reasoningTokens: z.number().int().nonnegative(),
  contextWindow: z.number().int().positive(),
  maxOutputTokens: z.number().int().positive(),
  rateLimit: z.strictObject({ requestsPerMinute: z.number().int().positive(), tokensPerMinute: z.number().int().positive() }),
});
export type ModelBehavior = z.infer<typeof ModelBehavior>;

const PartialBehavior = z.strictObject({
  displayName: z.string().min(1).optional(),
  responseModel: z.string().min(1).optional(),
  ttftMs: PartialDistribution.optional(),
  tokensPerSecond: PartialDistribution.optional(),
  accuracy: Probability.optional(),
  faults: FaultRates.optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  answerTokens: z.strictObject({ min: z.number().int().positive().optional(), max: z.number().int().positive().optional() }).optional(),
  reasoningTokens: z.number().int().nonnegative().optional(),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  rateLimit: z.strictObject({ requestsPerMinute: z.number().int().positive().optional(), tokensPerMinute: z.number().int().positive().optional() }).optional(),
});
export type PartialBehavior = z.infer<typeof PartialBehavior>;

export const ModelEntry = PartialBehavior.extend({ provider: ProviderId });
export type ModelEntry = z.infer<typeof ModelEntry>;

export const ModelPatch = PartialBehavior.extend({ provider: ProviderId.optional() });
export type ModelPatch = z.infer<typeof ModelPatch>;

export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  /** Seeds fault draws and latency jitter; reset restarts the sequence. */
  seed: z.number().int().default(42),
  /** `reject` answers unknown models with the provider's 404; `accept` serves them with `defaults`. */
  unknownModels: z.enum(['reject', 'accept']).default('reject'),
  defaults: PartialBehavior.default({}),
  models: z.record(z.string().min(1), ModelEntry),
});
export type Scenario = z.input<typeof Scenario>;
export type ParsedScenario = z.infer<typeof Scenario>;

/** Built-in defaults under every scenario: fast enough for tests, plausible enough for demos. */
export const BUILTIN_DEFAULTS: Omit<ModelBehavior, 'provider'> = {
  ttftMs: { mean: 20, jitter: 5 },
  tokensPerSecond: { mean: 400, jitter: 50 },
  accuracy: 0.7,
  faults: {},
  retryAfterSeconds: 1,
  answerTokens: { min: 12, max: 40 },
  reasoningTokens: 0,
  contextWindow: 128_000,
  maxOutputTokens: 16_384,
  rateLimit: { requestsPerMinute: 10_000, tokensPerMinute: 10_000_000 },
};

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

export function parseScenario(input: unknown, source = 'scenario'): ParsedScenario {
  const result = Scenario.safeParse(input);
  if (!result.success) throw new ScenarioError(`invalid ${source}:\n${z.prettifyError(result.error)}`);
  // Resolve every model now so a bad combination (e.g. answerTokens.min > max) fails at load time.
  for (const name of Object.keys(result.data.models)) resolveModel(result.data, name);
  return result.data;
}

export function loadScenarioFile(path: string): ParsedScenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(`cannot read scenario file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`scenario file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseScenario(json, `scenario file ${path}`);
}

/** builtin ← scenario.defaults ← model entry, one level deep (objects such as ttftMs merge). */
export function resolveModel(scenario: ParsedScenario, name: string, provider?: ProviderId): ModelBehavior | undefined {
  const entry = scenario.models[name] ?? (scenario.unknownModels === 'accept' && provider ? { provider } : undefined);
  if (!entry) return undefined;
  const merged = mergeBehavior(mergeBehavior({ ...BUILTIN_DEFAULTS, provider: entry.provider }, scenario.defaults), entry);
  const result = ModelBehavior.safeParse(merged);
  if (!result.success) throw new ScenarioError(`invalid behaviour for model ${name}:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export function mergeBehavior<T extends Record<string, unknown>>(base: T, patch: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
  }
  return out as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

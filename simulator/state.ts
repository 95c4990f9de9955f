// The simulator's mutable state: current scenario, the seeded rng for fault/latency draws,
// counters, rate windows and the prompt cache. Owned by one server instance (no globals), so
// tests can run several simulators side by side.
import type { Clock } from './clock.ts';
import { RequestCounters } from './counters.ts';
import { PromptCache } from './prompt-cache.ts';
import { RateLimitWindows } from './rate-limit-window.ts';
import { createRng } from './rng.ts';
import type { Rng } from './rng.ts';
import { mergeBehavior, parseScenario, resolveModel, ScenarioError } from './scenario.ts';
import type { ModelBehavior, ModelPatch, ParsedScenario, ProviderId } from './scenario.ts';

export class SimulatorState {
  scenario: ParsedScenario;
  rng: Rng;
  readonly counters = new RequestCounters();
  readonly rateLimits: RateLimitWindows;
  readonly promptCache = new PromptCache();

  constructor(
    private readonly initial: ParsedScenario,
    readonly clock: Clock,
  ) {
    this.scenario = initial;
    this.rng = createRng(initial.seed);
    this.rateLimits = new RateLimitWindows(clock);
  }

  setScenario(input: unknown): ParsedScenario {
    this.scenario = parseScenario(input, 'scenario');
    this.rng = createRng(this.scenario.seed);
    return this.scenario;
  }

  /** Merges a partial behaviour into one model (creating it when `provider` is given). */
  patchModel(name: string, patch: ModelPatch): ModelBehavior {
    const current = this.scenario.models[name];
    if (!current && !patch.provider) throw new ScenarioError(`model ${name} is not in the scenario; include "provider" to add it`);
    // parseScenario validates the merged entry strictly and reports the bad field by path.
    const entry = mergeBehavior({ ...(current ?? {}) }, patch);
    const next = parseScenario({ ...this.scenario, models: { ...this.scenario.models, [name]: entry } }, `patch for model ${name}`);
    this.scenario = next;
    return resolveModel(next, name) as ModelBehavior;
  }

  /** Back to the scenario the server started with; counters, windows, cache and rng restart. */
  reset(): void {
    this.scenario = this.initial;
    this.rng = createRng(this.initial.seed);
    this.counters.reset();
    this.rateLimits.reset();
    this.promptCache.reset();
  }

  behaviorFor(model: string, provider: ProviderId): ModelBehavior | undefined {
    const behavior = resolveModel(this.scenario, model, provider);
    // A model configured for another provider does not exist on this one (as with real APIs).
    return behavior && behavior.provider === provider ? behavior : undefined;
  }

  modelsOf(provider: ProviderId): Array<[string, ModelBehavior]> {
    return Object.keys(this.scenario.models)
      .map((name) => [name, resolveModel(this.scenario, name)] as [string, ModelBehavior])
      .filter(([, b]) => b.provider === provider);
  }
}

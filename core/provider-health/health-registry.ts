// Every target's health in one process: a breaker and rolling window per (provider, model) and
// per provider, the limit on how many may be ejected at once, and an event for every state
// change. The gateway feeds it each attempt's outcome and asks it before each attempt; the
// planner reads it (as a HealthView) to order candidates by cost, latency and state.
import type { Admission, HealthEvent, HealthScope, HealthState, HealthView, TargetHealthSnapshot } from './health-types.ts';
import { modelTarget } from './health-types.ts';
import { DEFAULT_OUTLIER_POLICY, type OutlierPolicy } from './outlier-policy.ts';
import { TargetHealth, type Outcome } from './target-health.ts';

export interface HealthRegistryOptions {
  policy?: Partial<OutlierPolicy>;
  clock?: () => number;
  onEvent?: (event: HealthEvent) => void;
}

export class HealthRegistry implements HealthView {
  readonly policy: OutlierPolicy;
  private readonly models = new Map<string, TargetHealth>();
  private readonly providers = new Map<string, TargetHealth>();
  private readonly reported = new Map<TargetHealth, HealthState>();
  private readonly clock: () => number;
  private readonly onEvent: (event: HealthEvent) => void;
  /** Bumped on every recorded outcome: publishers skip unchanged views. */
  version = 0;

  constructor(options: HealthRegistryOptions = {}) {
    this.policy = { ...DEFAULT_OUTLIER_POLICY, ...options.policy };
    this.clock = options.clock ?? Date.now;
    this.onEvent = options.onEvent ?? (() => {});
  }

  /** May a request go to `model` at `provider` now? Checks the provider's breaker, then the model's. */
  admit(provider: string, model: string): Admission {
    const now = this.clock();
    const providerHealth = this.providers.get(provider);
    const modelHealth = this.models.get(modelTarget(provider, model));
    const byProvider = providerHealth?.admit(now) ?? { admitted: true, probe: false };
    if (providerHealth) this.observe(providerHealth, now, byProvider.admitted && byProvider.probe ? 'the ejection ended: one probe goes through' : undefined);
    if (!byProvider.admitted) return byProvider;
    const byModel = modelHealth?.admit(now) ?? { admitted: true, probe: false };
    if (modelHealth) this.observe(modelHealth, now, byModel.admitted && byModel.probe ? 'the ejection ended: one probe goes through' : undefined);
    if (!byModel.admitted) {
      if (byProvider.probe) providerHealth?.releaseProbe();
      return byModel;
    }
    return { admitted: true, probe: byProvider.probe || byModel.probe };
  }

  /** Records one attempt's outcome against the model and its provider. */
  record(provider: string, model: string, outcome: Outcome): void {
    const now = this.clock();
    this.version++;
    const modelHealth = this.target(this.models, modelTarget(provider, model), 'model');
    this.observe(modelHealth, now, modelHealth.record(outcome, now, model, () => this.mayEject(this.models, now)));
    // Rate limits are per model (and per key): they never cool a whole provider.
    if (!outcome.ok && (outcome.kind === 'rate_limited' || outcome.kind === 'quota_exhausted')) return;
    const providerHealth = this.target(this.providers, provider, 'provider');
    this.observe(providerHealth, now, providerHealth.record(outcome, now, model, () => this.mayEject(this.providers, now)));
  }

  model(provider: string, model: string): TargetHealthSnapshot | undefined {
    return this.models.get(modelTarget(provider, model))?.snapshot(this.clock());
  }

  provider(provider: string): TargetHealthSnapshot | undefined {
    return this.providers.get(provider)?.snapshot(this.clock());
  }

  /** Every known target (providers first), as of now. Also reports lazy changes (an ejection that ran out). */
  snapshot(): TargetHealthSnapshot[] {
    const now = this.clock();
    const all = [...this.providers.values(), ...this.models.values()];
    for (const target of all) this.observe(target, now);
    return all.map((target) => target.snapshot(now));
  }

  private target(map: Map<string, TargetHealth>, key: string, scope: HealthScope): TargetHealth {
    let target = map.get(key);
    if (!target) {
      target = new TargetHealth(key, scope, this.policy);
      map.set(key, target);
      this.reported.set(target, 'healthy');
    }
    return target;
  }

  /** Envoy's max_ejection_percent, with at least one ejection always allowed. */
  private mayEject(map: Map<string, TargetHealth>, now: number): boolean {
    let ejected = 0;
    for (const target of map.values()) if (target.isEjected(now)) ejected++;
    return ejected < Math.max(1, Math.floor((map.size * this.policy.maxEjectionPercent) / 100));
  }

  /** Emits an event when the target's state differs from the last one reported. */
  private observe(target: TargetHealth, now: number, reason?: string): void {
    const state = target.state(now);
    const previous = this.reported.get(target) ?? 'healthy';
    if (state === previous) return;
    this.reported.set(target, state);
    this.onEvent({ at: now, target: target.target, scope: target.scope, from: previous, to: state, reason: reason ?? lazyReason(previous, state) });
  }
}

/** Why a state changed with time alone. */
function lazyReason(from: HealthState, to: HealthState): string {
  if (from === 'cooling' && to === 'healthy') return 'the cool-down ended';
  if (from === 'ejected' && to === 'half_open') return 'the ejection ended: the next request is a probe';
  return `${from} → ${to}`;
}

export type { Outcome } from './target-health.ts';

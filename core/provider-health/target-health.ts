// One target's circuit breaker and rolling statistics: closed (healthy) → open (ejected) after
// consecutive failures → half-open once the ejection ends, letting one probe through → closed on
// its success, open again (for longer) on its failure. A rate limit only pauses the target
// (cooling) for the time the provider asked. Time is passed in, so the logic is deterministic.
import type { OutlierPolicy } from './outlier-policy.ts';
import type { Admission, HealthScope, HealthState, TargetHealthSnapshot } from './health-types.ts';
import { SampleWindow } from './sample-window.ts';

/** Failures that say the target is unwell (Envoy's "gateway failures"); the client's own errors do not. */
const BREAKER_FAILURES: ReadonlySet<string> = new Set(['server', 'overloaded', 'timeout', 'network']);

export type Outcome =
  | { ok: true; latencyMs?: number; ttftMs?: number }
  | { ok: false; kind: string; retryAfterMs?: number };

export class TargetHealth {
  private breaker: 'closed' | 'open' | 'half_open' = 'closed';
  private consecutive = 0;
  /** Distinct models in the current failure streak (a provider's breaker needs two or more). */
  private readonly streakModels = new Set<string>();
  private ejections = 0;
  private ejectedUntil = 0;
  private lastEjectionEnd = 0;
  private coolingUntil = 0;
  private probeSince: number | undefined;
  private reason: string | undefined;
  private lastFailureKind: string | undefined;
  private lastFailureAt: number | undefined;
  private lastSuccessAt: number | undefined;
  private readonly window: SampleWindow;

  constructor(
    readonly target: string,
    readonly scope: HealthScope,
    private readonly policy: OutlierPolicy,
  ) {
    this.window = new SampleWindow(policy.windowMs);
  }

  /** The state as of `now` (an ejection that has run out reads as half-open). */
  state(now: number): HealthState {
    if (this.breaker === 'open') return now >= this.ejectedUntil ? 'half_open' : 'ejected';
    if (this.breaker === 'half_open') return 'half_open';
    return now < this.coolingUntil ? 'cooling' : 'healthy';
  }

  isEjected(now: number): boolean {
    return this.state(now) === 'ejected';
  }

  /** May a request go to this target now? A half-open target admits one probe at a time. */
  admit(now: number): Admission {
    const state = this.state(now);
    switch (state) {
      case 'healthy':
        return { admitted: true, probe: false };
      case 'cooling':
        return { admitted: false, state, until: this.coolingUntil, reason: `${this.target} is cooling down for ${this.coolingUntil - now} ms more (${this.reason ?? 'rate limited'})` };
      case 'ejected':
        return { admitted: false, state, until: this.ejectedUntil, reason: `${this.target} is ejected for ${this.ejectedUntil - now} ms more (${this.reason ?? 'failures'})` };
      case 'half_open':
        if (this.probeSince !== undefined && now - this.probeSince < this.policy.probeTimeoutMs) {
          return { admitted: false, state, reason: `${this.target} is half-open and its probe is still running` };
        }
        this.breaker = 'half_open';
        this.probeSince = now;
        return { admitted: true, probe: true };
    }
  }

  /** Gives back a probe slot that was admitted but never used (another check refused the call). */
  releaseProbe(): void {
    this.probeSince = undefined;
  }

  /**
   * Records an outcome; returns why the state changed, when it did (the registry compares the
   * states and emits the event). `mayEject` is asked before ejecting (the registry's limit on how
   * many targets are out at once).
   */
  record(outcome: Outcome, now: number, model: string, mayEject: () => boolean): string | undefined {
    if (outcome.ok) {
      this.window.add(now, true, outcome.latencyMs ?? Number.NaN, outcome.ttftMs ?? Number.NaN);
      this.lastSuccessAt = now;
      this.consecutive = 0;
      this.streakModels.clear();
      if (this.breaker !== 'closed') {
        this.breaker = 'closed';
        this.probeSince = undefined;
        this.lastEjectionEnd = now;
        return 'the half-open probe succeeded';
      }
      return undefined;
    }
    this.lastFailureKind = outcome.kind;
    this.lastFailureAt = now;
    if (outcome.kind === 'rate_limited' || outcome.kind === 'quota_exhausted') {
      // The provider's pacing, not a fault: pause for as long as it asked, eject nothing.
      const ms = outcome.kind === 'quota_exhausted'
        ? this.policy.quotaCooldownMs
        : Math.min(outcome.retryAfterMs ?? this.policy.defaultCooldownMs, this.policy.maxCooldownMs);
      this.coolingUntil = Math.max(this.coolingUntil, now + ms);
      this.reason = outcome.kind === 'quota_exhausted' ? 'quota exhausted' : `rate limited: ${outcome.retryAfterMs !== undefined ? `retry-after ${outcome.retryAfterMs} ms` : `no retry-after, ${ms} ms default`}`;
      if (this.breaker === 'half_open') this.probeSince = undefined;
      return this.reason;
    }
    if (!BREAKER_FAILURES.has(outcome.kind)) return undefined;
    this.window.add(now, false, Number.NaN, Number.NaN);
    this.consecutive++;
    this.streakModels.add(model);
    if (this.breaker === 'half_open') return this.eject(now, `the half-open probe failed (${outcome.kind})`);
    const threshold = this.scope === 'model' ? this.policy.consecutiveFailures : this.policy.providerConsecutiveFailures;
    const spansModels = this.scope === 'model' || this.streakModels.size >= 2;
    if (this.breaker === 'closed' && this.consecutive >= threshold && spansModels && mayEject()) {
      return this.eject(now, `${this.consecutive} consecutive failures (last: ${outcome.kind})${this.scope === 'provider' ? ` across ${this.streakModels.size} models` : ''}`);
    }
    return undefined;
  }

  snapshot(now: number): TargetHealthSnapshot {
    const state = this.state(now);
    const window = this.window;
    return {
      target: this.target,
      scope: this.scope,
      state,
      consecutiveFailures: this.consecutive,
      ejections: this.ejections,
      // Computed when read: the cost planner reads every candidate's state on each request and
      // needs no percentiles; JSON.stringify and the API's output schema read it like a field.
      get window() {
        return window.stats(now);
      },
      ...(state === 'ejected' || state === 'half_open' ? { ejectedUntil: this.ejectedUntil } : {}),
      ...(state === 'cooling' ? { coolingUntil: this.coolingUntil } : {}),
      ...(state !== 'healthy' && this.reason ? { reason: this.reason } : {}),
      ...(this.lastFailureKind !== undefined ? { lastFailureKind: this.lastFailureKind, lastFailureAt: this.lastFailureAt } : {}),
      ...(this.lastSuccessAt !== undefined ? { lastSuccessAt: this.lastSuccessAt } : {}),
    };
  }

  private eject(now: number, reason: string): string {
    // A target that stayed healthy for a full maximum ejection starts counting again from one.
    if (this.lastEjectionEnd > 0 && now - this.lastEjectionEnd > this.policy.maxEjectionMs) this.ejections = 0;
    this.ejections++;
    this.breaker = 'open';
    this.probeSince = undefined;
    this.ejectedUntil = now + Math.min(this.policy.baseEjectionMs * this.ejections, this.policy.maxEjectionMs);
    this.reason = reason;
    return `${reason}; ejected for ${this.ejectedUntil - now} ms`;
  }
}

// How a target's health turns into routing decisions, in the spirit of Envoy's outlier detection:
// consecutive gateway failures eject a target for a while (longer each time it is ejected again),
// a limited share of targets may be ejected at once, and an ejected target comes back through a
// single probe (half-open). Rate limits cool a target down for the time the provider asked for
// instead of ejecting it. Pure data; the defaults are Envoy's where Envoy has one.

export interface OutlierPolicy {
  /** Consecutive 5xx / timeouts / network failures that eject a (provider, model) target. */
  consecutiveFailures: number;
  /** A provider is ejected as a whole after this many consecutive failures spanning 2+ of its models. */
  providerConsecutiveFailures: number;
  /** First ejection lasts this long; the n-th consecutive one n times as long (Envoy's base_ejection_time). */
  baseEjectionMs: number;
  /** Cap on one ejection (Envoy's max_ejection_time). */
  maxEjectionMs: number;
  /** At most this share of the known targets is ejected at once; at least one always may be. */
  maxEjectionPercent: number;
  /** Sliding window of the error rate and latency percentiles. */
  windowMs: number;
  /** A 429 without a Retry-After cools the target this long. */
  defaultCooldownMs: number;
  /** Out of credit (quota exhausted): the target cools this long, since retrying soon cannot help. */
  quotaCooldownMs: number;
  /** Longest cool-down a Retry-After may ask for. */
  maxCooldownMs: number;
  /** A half-open probe that never reports back frees the slot after this long. */
  probeTimeoutMs: number;
}

export const DEFAULT_OUTLIER_POLICY: OutlierPolicy = {
  consecutiveFailures: 5,
  providerConsecutiveFailures: 10,
  baseEjectionMs: 30_000,
  maxEjectionMs: 300_000,
  maxEjectionPercent: 50,
  windowMs: 60_000,
  defaultCooldownMs: 1_000,
  quotaCooldownMs: 60_000,
  maxCooldownMs: 300_000,
  probeTimeoutMs: 30_000,
};

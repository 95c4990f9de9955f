// Request counters per model and outcome kind, read by tests through GET /_sim/counters (e.g. to
// assert that a fallback really called the second model exactly once).

export type CounterKind = string;

export interface CounterSnapshot {
  total: number;
  models: Record<string, { total: number } & Record<CounterKind, number>>;
}

export class RequestCounters {
  private models = new Map<string, Map<CounterKind, number>>();
  private total = 0;

  record(model: string, kind: CounterKind): void {
    this.total++;
    let kinds = this.models.get(model);
    if (!kinds) this.models.set(model, (kinds = new Map()));
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }

  snapshot(): CounterSnapshot {
    const models: CounterSnapshot['models'] = {};
    for (const [model, kinds] of [...this.models].sort(([a], [b]) => a.localeCompare(b))) {
      const entry: { total: number } & Record<CounterKind, number> = { total: 0 };
      for (const [kind, count] of kinds) {
        entry[kind] = count;
        entry.total += count;
      }
      models[model] = entry;
    }
    return { total: this.total, models };
  }

  reset(): void {
    this.models.clear();
    this.total = 0;
  }
}

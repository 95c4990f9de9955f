// The ensemble's vote count, fed one member outcome at a time in the order they finish, so the
// outcome is decided as early as it can be and the members still running can be cancelled.
//
// Rules (docs/strategies.md):
// - Only valid answers vote (they passed the ensemble's accept checks); failed, rejected,
//   timed-out and cancelled members do not.
// - majority_vote: one vote per member; weighted_vote: the member's weight.
// - Decided early when the leading answer can no longer be caught: its weight is more than the
//   runner-up's plus everything still running, and the quorum of valid answers is met.
// - Otherwise decided when no member is running: the heaviest answer wins; a tie goes to the
//   answer given by the member listed first in the config (the config's order is its priority).
// - first_valid: the first valid answer to arrive wins at once.
// - Fewer valid answers than the quorum (default 1): the ensemble fails.
import type { AnswerKey } from './answer-key.ts';

export type Aggregation = 'majority_vote' | 'weighted_vote' | 'first_valid';

export type MemberOutcome =
  | { status: 'valid'; key: AnswerKey }
  | { status: 'rejected'; reasons: string[] }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' };

export interface VoteGroup {
  key: string;
  kind: AnswerKey['kind'];
  weight: number;
  /** Member indexes (config order) that gave this answer, in the order they finished. */
  members: number[];
}

export type TallyDecision =
  | { status: 'won'; winner: number; key: string; votes: VoteGroup[]; reason: string }
  | { status: 'failed'; votes: VoteGroup[]; reason: string };

export interface TallyOptions {
  aggregation: Aggregation;
  /** Per member, in config order (majority_vote ignores them). */
  weights: number[];
  quorum: number;
}

export class Tally {
  private readonly outcomes = new Map<number, MemberOutcome>();
  private readonly groups: VoteGroup[] = [];
  private firstValid: number | undefined;

  constructor(private readonly options: TallyOptions) {}

  record(member: number, outcome: MemberOutcome): void {
    if (this.outcomes.has(member)) return;
    this.outcomes.set(member, outcome);
    if (outcome.status !== 'valid') return;
    this.firstValid ??= member;
    let group = this.groups.find((g) => g.key === outcome.key.key);
    if (!group) {
      group = { key: outcome.key.key, kind: outcome.key.kind, weight: 0, members: [] };
      this.groups.push(group);
    }
    group.members.push(member);
    group.weight += this.weightOf(member);
  }

  /** Members with no outcome yet. */
  pending(): number[] {
    return this.options.weights.map((_, i) => i).filter((i) => !this.outcomes.has(i));
  }

  votes(): VoteGroup[] {
    return [...this.groups].sort((a, b) => b.weight - a.weight || firstMember(a) - firstMember(b));
  }

  /** The decision if the outcome is settled now; `final` treats every pending member as gone (overall timeout). */
  decide(final = false): TallyDecision | undefined {
    const pending = final ? [] : this.pending();
    const valid = this.groups.reduce((n, g) => n + g.members.length, 0);
    const votes = this.votes();
    const { aggregation, quorum } = this.options;

    if (aggregation === 'first_valid') {
      if (this.firstValid !== undefined) {
        const key = [...this.outcomes].find(([m]) => m === this.firstValid)?.[1] as { key: AnswerKey };
        return { status: 'won', winner: this.firstValid, key: key.key.key, votes, reason: `member ${this.firstValid + 1} gave the first valid answer` };
      }
      if (pending.length === 0) return { status: 'failed', votes, reason: `no member gave a valid answer (${this.failureSummary()})` };
      return undefined;
    }

    const leader = votes[0];
    if (pending.length === 0) {
      if (valid < quorum || !leader) return { status: 'failed', votes, reason: `${valid} valid answer(s), quorum ${quorum} not met (${this.failureSummary()})` };
      const tied = votes.filter((g) => g.weight === leader.weight).length > 1;
      return {
        status: 'won', winner: firstMember(leader), key: leader.key, votes,
        reason: `${describe(leader, aggregation)} of ${valid} valid answer(s)${tied ? '; tie broken by config order' : ''}`,
      };
    }
    if (!leader || valid < quorum) return undefined;
    const runnerUp = votes[1]?.weight ?? 0;
    const stillRunning = pending.reduce((sum, m) => sum + this.weightOf(m), 0);
    if (leader.weight > runnerUp + stillRunning) {
      return {
        status: 'won', winner: firstMember(leader), key: leader.key, votes,
        reason: `${describe(leader, aggregation)}, decided with ${pending.length} member(s) still running (they cannot change it)`,
      };
    }
    return undefined;
  }

  /** The decision when no more answers will come (every member finished, or the overall timeout). */
  conclude(): TallyDecision {
    const decision = this.decide(true);
    if (!decision) throw new Error('a final tally always decides');
    return decision;
  }

  private weightOf(member: number): number {
    return this.options.aggregation === 'weighted_vote' ? (this.options.weights[member] ?? 0) : 1;
  }

  private failureSummary(): string {
    const counts = new Map<string, number>();
    for (const outcome of this.outcomes.values()) counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
    const missing = this.options.weights.length - this.outcomes.size;
    if (missing > 0) counts.set('timed out', missing);
    return [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  }
}

function firstMember(group: VoteGroup): number {
  return Math.min(...group.members);
}

function describe(group: VoteGroup, aggregation: Aggregation): string {
  const label = group.key.length > 40 ? `${group.key.slice(0, 40)}…` : group.key;
  return aggregation === 'weighted_vote' ? `"${label}" won with weight ${group.weight}` : `"${label}" won with ${group.members.length} vote(s)`;
}

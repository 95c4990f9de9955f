// The rules language: CEL (@marcbachmann/cel-js) over a fixed, typed set of variables and
// functions, checked when a config is saved and evaluated per request.
//
//   request.tags (map<string, string>), request.user, request.model (as requested),
//   request.input_tokens (int, o200k), request.stream, request.tools (bool)
//   time.hour, time.minute, time.weekday (int, UTC; weekday 0 = Sunday)
//   budget.used_pct (double, 0-1; 0 until budgets exist)
//   estimated_cost_usd(model) (double: this request on that catalog model)
//   health_error_rate(target), health_p50_ms(target) (double), health_state(target) (string:
//   healthy / cooling / ejected / half_open), target = "provider/model" or "provider"
//
// Functions read the request being evaluated from `current`: evaluation is synchronous, so no
// other request can interleave.
import { Environment } from '@marcbachmann/cel-js';

export interface RuleInputs {
  /** `inputTokens` is absent when no rule of the config can read it (see readsPromptTokens). */
  request: { tags: Record<string, string>; user: string; model: string; inputTokens?: number; stream: boolean; tools: boolean };
  /** Epoch ms of the decision. */
  now: number;
  budgetUsedPct: number;
  estimatedCostUsd: (model: string) => number;
  health: (target: string) => { errorRate: number; p50Ms: number; state: string };
}

let current: RuleInputs | undefined;
const inputs = (): RuleInputs => {
  if (!current) throw new Error('a rule function was called outside a rule evaluation');
  return current;
};

const environment = new Environment()
  .registerVariable({ name: 'request', schema: { tags: 'map<string, string>', user: 'string', model: 'string', input_tokens: 'int', stream: 'bool', tools: 'bool' } })
  .registerVariable({ name: 'time', schema: { hour: 'int', minute: 'int', weekday: 'int' } })
  .registerVariable({ name: 'budget', schema: { used_pct: 'double' } })
  .registerFunction('estimated_cost_usd(string): double', (model: string) => inputs().estimatedCostUsd(model))
  .registerFunction('health_error_rate(string): double', (target: string) => inputs().health(target).errorRate)
  .registerFunction('health_p50_ms(string): double', (target: string) => inputs().health(target).p50Ms)
  .registerFunction('health_state(string): string', (target: string) => inputs().health(target).state);

/** A problem with an expression: what, and the 1-based position in it. */
export interface RuleProblem {
  message: string;
  position?: number;
}

/** Parses and type-checks `when`; it must be a bool. */
export function checkRule(when: string): RuleProblem | undefined {
  let result;
  try {
    result = environment.check(when);
  } catch (error) {
    return problemOf(error);
  }
  if (!result.valid) return problemOf(result.error);
  if (result.type !== 'bool') return { message: `must evaluate to a bool, not ${result.type}` };
  return undefined;
}

export interface CompiledRule {
  evaluate: (context: object) => unknown;
  /**
   * Whether the rule may read the prompt's size (request.input_tokens, estimated_cost_usd).
   * Counting tokens needs the o200k tokenizer, whose tables are ~60 MB of a gateway's memory and
   * which rules about tags, time or health never use.
   */
  readsPromptTokens: boolean;
}

export function compileRule(when: string): CompiledRule {
  const parsed = environment.parse(when);
  return { evaluate: parsed as (context: object) => unknown, readsPromptTokens: readsPromptTokens(parsed.ast) };
}

/** An AST node of the CEL library: an operator and its arguments (strings, values, nodes, lists of nodes). */
interface CelNode {
  op: string;
  args: unknown;
}

const isNode = (value: unknown): value is CelNode => typeof value === 'object' && value !== null && typeof (value as CelNode).op === 'string';
const isRequestId = (node: unknown) => isNode(node) && node.op === 'id' && node.args === 'request';

/**
 * Conservative: true unless the expression provably never reads the prompt's size. Reads are a
 * `.input_tokens` field anywhere, an `["input_tokens"]` index, a computed index into `request`,
 * `request` used whole, or a call of estimated_cost_usd.
 */
export function readsPromptTokens(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(readsPromptTokens);
  if (!isNode(node)) return false;
  const args = Array.isArray(node.args) ? (node.args as unknown[]) : [node.args];
  switch (node.op) {
    case 'id':
      return node.args === 'request';
    case '.':
    case '.?':
      return args[1] === 'input_tokens' || (!isRequestId(args[0]) && readsPromptTokens(args[0]));
    case '[]':
    case '[?]': {
      const [base, key] = args;
      if (isNode(key) && key.op === 'value') return key.args === 'input_tokens' || (!isRequestId(base) && readsPromptTokens(base));
      return isRequestId(base) || readsPromptTokens(base) || readsPromptTokens(key);
    }
    case 'call':
      return args[0] === 'estimated_cost_usd' || readsPromptTokens(args.slice(1));
    default:
      return readsPromptTokens(args);
  }
}

/** The values a rule sees (also recorded in the trace). */
export function ruleVariables(input: RuleInputs) {
  const date = new Date(input.now);
  return {
    request: {
      tags: input.request.tags, user: input.request.user, model: input.request.model, stream: input.request.stream, tools: input.request.tools,
      // Optional fields go last (docs/architecture.md, "object literals on the hot path").
      ...(input.request.inputTokens !== undefined ? { input_tokens: input.request.inputTokens } : {}),
    },
    time: { hour: date.getUTCHours(), minute: date.getUTCMinutes(), weekday: date.getUTCDay() },
    budget: { used_pct: input.budgetUsedPct },
  };
}

export type RuleOutcome = { matched: boolean; error?: string };

/**
 * Evaluates compiled rules in order until one matches; an evaluation error counts as no match.
 * `variables` are ruleVariables(input), passed in by a caller that also records them.
 */
export function evaluateRules(rules: readonly CompiledRule[], input: RuleInputs, variables = ruleVariables(input)): RuleOutcome[] {
  // CEL ints are BigInts.
  const context = {
    request: variables.request.input_tokens === undefined ? variables.request : { ...variables.request, input_tokens: BigInt(variables.request.input_tokens) },
    time: { hour: BigInt(variables.time.hour), minute: BigInt(variables.time.minute), weekday: BigInt(variables.time.weekday) },
    budget: variables.budget,
  };
  const outcomes: RuleOutcome[] = [];
  current = input;
  try {
    for (const rule of rules) {
      try {
        const matched = rule.evaluate(context) === true;
        outcomes.push({ matched });
        if (matched) break;
      } catch (error) {
        outcomes.push({ matched: false, error: problemOf(error).message });
      }
    }
  } finally {
    current = undefined;
  }
  return outcomes;
}

function problemOf(error: unknown): RuleProblem {
  const detail = error as { message?: string; range?: { start: number } } | undefined;
  const message = (detail?.message ?? String(error)).split('\n')[0]!;
  return detail?.range ? { message, position: detail.range.start + 1 } : { message };
}

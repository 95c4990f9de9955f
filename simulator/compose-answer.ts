// Deterministic answer text. The same request (model, prompt, seed, choice index) always yields
// the same output; bank questions are answered right or wrong per the model's accuracy.
import { sampleFromSchema } from './json-schema-sample.ts';
import { chooseAnswer, findQuestion } from './question-bank.ts';
import { hashString, randomId, rngFor } from './rng.ts';
import type { Rng } from './rng.ts';
import type { SimChoice, SimRequest, SimTool, SimToolCall } from './sim-request.ts';
import { splitTokens } from './tokens.ts';

const WORDS = [
  'the', 'gateway', 'routes', 'each', 'request', 'to', 'a', 'model', 'that', 'fits', 'budget', 'and', 'latency', 'while',
  'streaming', 'tokens', 'back', 'quickly', 'providers', 'return', 'usage', 'so', 'cost', 'can', 'be', 'measured', 'per',
  'project', 'simple', 'answers', 'often', 'suffice', 'for', 'most', 'questions', 'clear', 'results', 'matter',
] as const;

export interface ComposeOptions {
  accuracy: number;
  answerTokens: { min: number; max: number };
  scenarioSeed: number;
  /** Prefix of tool-call ids: `call_` for OpenAI, `toolu_01` for Anthropic, none for Gemini. */
  toolCallIdPrefix: string;
}

export function composeChoice(request: SimRequest, index: number, options: ComposeOptions): SimChoice {
  const rng = rngFor(request.model, request.seed ?? options.scenarioSeed, hashString(request.promptText), index);
  const tool = pickTool(request);
  if (tool) {
    const args = sampleFromSchema(tool.parameters ?? { type: 'object', properties: {} }, rng, { words: WORDS });
    const call: SimToolCall = { id: options.toolCallIdPrefix ? randomId(options.toolCallIdPrefix, rng, 24) : '', name: tool.name, argumentsJson: JSON.stringify(args) };
    return { index, text: '', toolCalls: [call], finish: 'tool_calls', outputTokens: splitTokens(call.argumentsJson).length + 8 };
  }
  const question = findQuestion(request.lastUserText);
  const label = question ? chooseAnswer(request.model, question, options.accuracy).label : undefined;
  const full = renderBody(request, rng, options, label, question ? question.options[label as 'A'] : undefined);
  return applyLimits(request, index, full);
}

/** Calls a tool when tools are offered, allowed, and the last turn is not already a tool result. */
function pickTool(request: SimRequest): SimTool | undefined {
  if (request.tools.length === 0 || request.toolChoice === 'none' || request.endsWithToolResult) return undefined;
  if (typeof request.toolChoice === 'object') {
    const forced = request.toolChoice.name;
    return request.tools.find((t) => t.name === forced) ?? request.tools[0];
  }
  return request.tools[0];
}

function renderBody(request: SimRequest, rng: Rng, options: ComposeOptions, label: string | undefined, optionText: string | undefined): string {
  const format = request.responseFormat;
  if (format.type === 'json_schema') return JSON.stringify(sampleFromSchema(format.schema, rng, { words: WORDS, ...(label ? { answerLabel: label } : {}) }));
  if (format.type === 'json_object') return JSON.stringify(label ? { answer: label } : { answer: sentence(rng, options.answerTokens) });
  if (label) return `Working through the options, the best choice is ${label}) ${optionText}.\n\nAnswer: ${label}`;
  return sentence(rng, options.answerTokens);
}

function sentence(rng: Rng, range: { min: number; max: number }): string {
  const target = rng.int(range.min, range.max);
  const words: string[] = [];
  while (splitTokens(words.join(' ')).length < target - 1) words.push(rng.pick(WORDS));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Stop sequences first (the text ends before the earliest one), then the max-token cut. */
function applyLimits(request: SimRequest, index: number, full: string): SimChoice {
  let text = full;
  let finish: SimChoice['finish'] = 'stop';
  let stopSequence: string | undefined;
  let cut = -1;
  for (const stop of request.stop) {
    const at = stop ? full.indexOf(stop) : -1;
    if (at >= 0 && (cut < 0 || at < cut)) {
      cut = at;
      stopSequence = stop;
    }
  }
  if (cut >= 0) {
    text = full.slice(0, cut);
    finish = 'stop_sequence';
  }
  const pieces = splitTokens(text);
  if (request.maxTokens !== undefined && pieces.length > request.maxTokens) {
    return { index, text: pieces.slice(0, request.maxTokens).join(''), toolCalls: [], finish: 'length', outputTokens: request.maxTokens };
  }
  // A stop sequence counts as generated (real providers bill it), hence the +1.
  return { index, text, toolCalls: [], finish, ...(stopSequence !== undefined ? { stopSequence } : {}), outputTokens: pieces.length + (stopSequence ? 1 : 0) };
}

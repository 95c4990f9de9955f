// What the planner needs to know of a request (core/plan.ts PlanRequestFacts): its prompt size by
// OpenAI's o200k tokenizer, its max_tokens, and the capabilities it needs. The tokenizer's tables
// cost ~150 ms and ~60 MB to load, so they load on the first request that needs them: a
// cost_optimized config, or a rules config with a rule that reads the prompt's size.
import type { ChatRequest } from '../../core/chat.ts';
import type { PlanRequestFacts } from '../../core/plan.ts';
import { measurePrompt } from '../../core/token-estimate.ts';

/** OpenAI's chat framing: about 3 tokens per message plus 3 to prime the reply (OpenAI cookbook). */
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING_TOKENS = 3;
/** An image's tokens depend on its size, which we do not fetch: a high-detail 512 px tile's 765 tokens. */
const IMAGE_TOKENS = 765;
const LOW_DETAIL_IMAGE_TOKENS = 85;

type CountTokens = (text: string) => number;
let tokenizer: Promise<CountTokens> | undefined;

function loadTokenizer(): Promise<CountTokens> {
  tokenizer ??= import('gpt-tokenizer/encoding/o200k_base').then((module) => module.countTokens);
  return tokenizer;
}

/** The facts that take no tokenizer: everything but the prompt's size. */
export type RequestShape = Omit<PlanRequestFacts, 'promptTokens'>;

export async function requestFacts(request: Omit<ChatRequest, 'model'>, stream: boolean): Promise<PlanRequestFacts> {
  const count = await loadTokenizer();
  const promptTokens = REPLY_PRIMING_TOKENS + measurePrompt(request, {
    text: count,
    image: (part) => (part.detail === 'low' ? LOW_DETAIL_IMAGE_TOKENS : IMAGE_TOKENS),
    perMessage: TOKENS_PER_MESSAGE,
  });
  // Copy, then set (docs/architecture.md, "object literals on the hot path").
  return Object.assign(requestShape(request, stream), { promptTokens });
}

/** Everything but the prompt's size: no tokenizer, and no walk over the prompt's text. */
export function requestShape(request: Omit<ChatRequest, 'model'>, stream: boolean): RequestShape {
  const vision = request.messages.some((message) => Array.isArray(message.content) && message.content.some((part) => part.type === 'image'));
  return {
    stream,
    needs: { tools: (request.tools?.length ?? 0) > 0, vision, jsonSchema: request.responseFormat?.type === 'json_schema' },
    ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
  };
}

/** Strategies whose plan depends on the request's size and needs. */
export const needsRequestFacts = (strategy: string) => strategy === 'cost_optimized';

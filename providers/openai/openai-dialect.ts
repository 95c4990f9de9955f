// OpenAI proper and the many servers that copy its Chat Completions API (vLLM, Ollama, Groq,
// Together, …) share one implementation; the dialect captures where they differ.
export type OpenAIDialect = 'openai' | 'openai-compatible';

export interface DialectTraits {
  /** OpenAI deprecated `max_tokens` (reasoning models reject it); compatible servers mostly know only `max_tokens`. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** Compatible servers predate the `developer` role; they get it as `system`. */
  developerRole: 'developer' | 'system';
  /** Accept a stream that ends cleanly without `data: [DONE]` when every choice has finished. */
  lenientStreamEnd: boolean;
}

export function dialectTraits(dialect: OpenAIDialect): DialectTraits {
  return dialect === 'openai'
    ? { maxTokensField: 'max_completion_tokens', developerRole: 'developer', lenientStreamEnd: false }
    : { maxTokensField: 'max_tokens', developerRole: 'system', lenientStreamEnd: true };
}

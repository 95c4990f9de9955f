// Any server speaking OpenAI's Chat Completions (vLLM, Ollama, Groq, Together, the simulator):
// the OpenAI adapter in its tolerant dialect (max_tokens, no developer role, usage optional).
import { createOpenAIAdapter } from '../openai/openai-adapter.ts';

export const openaiCompatibleAdapter = createOpenAIAdapter('openai-compatible');

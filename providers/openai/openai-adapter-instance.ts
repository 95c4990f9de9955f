import { createOpenAIAdapter } from './openai-adapter.ts';

export const openaiAdapter = createOpenAIAdapter('openai');

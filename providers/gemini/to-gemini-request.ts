// ChatRequest → a Gemini GenerateContentRequest (the model goes in the URL, not the body).
// Schemas are sent as JSON Schema (parametersJsonSchema, responseJsonSchema), which Gemini
// accepts as-is, rather than converted to its older OpenAPI-subset `parameters`/`responseSchema`.
import type { ChatRequest, ToolChoice } from '../../core/chat.ts';
import { toGeminiContents } from './to-gemini-contents.ts';

function toGeminiToolConfig(choice: ToolChoice): Record<string, unknown> {
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
}

export function toGeminiRequest(request: ChatRequest): Record<string, unknown> {
  const { systemInstruction, contents } = toGeminiContents(request.messages);
  const body: Record<string, unknown> = { contents };
  if (systemInstruction) body.systemInstruction = { parts: [{ text: systemInstruction }] };
  if (request.tools && request.tools.length > 0) {
    body.tools = [
      {
        functionDeclarations: request.tools.map((t) => ({
          name: t.name,
          ...(t.description ? { description: t.description } : {}),
          ...(t.parameters ? { parametersJsonSchema: t.parameters } : {}),
        })),
      },
    ];
    if (request.toolChoice !== undefined) body.toolConfig = toGeminiToolConfig(request.toolChoice);
  }
  const config: Record<string, unknown> = {};
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  if (request.stop && request.stop.length > 0) config.stopSequences = request.stop;
  if (request.n !== undefined && request.n !== 1) config.candidateCount = request.n;
  if (request.seed !== undefined) config.seed = request.seed;
  const format = request.responseFormat;
  if (format && format.type !== 'text') {
    config.responseMimeType = 'application/json';
    if (format.type === 'json_schema') config.responseJsonSchema = format.schema;
  }
  if (Object.keys(config).length > 0) body.generationConfig = config;
  return body;
}

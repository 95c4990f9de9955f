// Gemini GenerateContentRequest: schema and translation. The model and the streaming choice come
// from the path (`models/{model}:generateContent` vs `:streamGenerateContent`).
import { z } from 'zod';
import type { ParseResult, RouteInfo } from '../dialect.ts';
import type { ResponseFormat, SimRequest, ToolChoice } from '../sim-request.ts';
import { describeIssue } from '../zod-issue.ts';
import { geminiBadRequest } from './gemini-errors.ts';

const Part = z.looseObject({
  text: z.string().optional(),
  functionCall: z.looseObject({ name: z.string(), args: z.unknown().optional() }).optional(),
  functionResponse: z.looseObject({ name: z.string(), response: z.unknown().optional() }).optional(),
});
const Content = z.looseObject({ role: z.string().optional(), parts: z.array(Part) });

const FunctionDeclaration = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  parametersJsonSchema: z.unknown().optional(),
});

export const GeminiGenerateRequest = z.looseObject({
  contents: z.array(Content).min(1),
  systemInstruction: Content.partial({ parts: true }).optional(),
  tools: z.array(z.looseObject({ functionDeclarations: z.array(FunctionDeclaration).optional() })).optional(),
  toolConfig: z.looseObject({ functionCallingConfig: z.looseObject({ mode: z.string().optional(), allowedFunctionNames: z.array(z.string()).optional() }).optional() }).optional(),
  generationConfig: z
    .looseObject({
      stopSequences: z.array(z.string()).max(5).optional(),
      maxOutputTokens: z.number().int().positive().optional(),
      candidateCount: z.number().int().min(1).max(8).optional(),
      seed: z.number().int().optional(),
      responseMimeType: z.string().optional(),
      responseSchema: z.unknown().optional(),
      responseJsonSchema: z.unknown().optional(),
    })
    .optional(),
});

function partsText(parts: Array<z.infer<typeof Part>> | undefined, includeFunctions = true): string {
  return (parts ?? [])
    .map((p) => {
      if (p.text !== undefined) return p.text;
      if (!includeFunctions) return '';
      if (p.functionCall) return `${p.functionCall.name} ${JSON.stringify(p.functionCall.args ?? {})}`;
      if (p.functionResponse) return `${p.functionResponse.name} ${JSON.stringify(p.functionResponse.response ?? {})}`;
      return '';
    })
    .join('\n');
}

export function parseGeminiRequest(body: unknown, route: RouteInfo): ParseResult {
  const result = GeminiGenerateRequest.safeParse(body);
  if (!result.success) {
    const issue = describeIssue(result.error);
    return { ok: false, error: geminiBadRequest(`* GenerateContentRequest.${issue.param}: ${issue.missing ? 'required field is missing' : issue.message}`) };
  }
  const b = result.data;
  const declarations = (b.tools ?? []).flatMap((t) => t.functionDeclarations ?? []);
  const texts = [partsText(b.systemInstruction?.parts), ...b.contents.map((c) => partsText(c.parts)), ...declarations.map((d) => JSON.stringify(d))];
  const lastUser = [...b.contents].reverse().find((c) => (c.role ?? 'user') === 'user' && c.parts.some((p) => p.text !== undefined));
  const last = b.contents[b.contents.length - 1];
  const fcc = b.toolConfig?.functionCallingConfig;
  const mode = fcc?.mode?.toUpperCase();
  const allowed = fcc?.allowedFunctionNames?.[0];
  const toolChoice: ToolChoice = mode === 'NONE' ? 'none' : mode === 'ANY' ? (allowed ? { name: allowed } : 'required') : 'auto';
  const gc = b.generationConfig;
  const schema = gc?.responseJsonSchema ?? gc?.responseSchema;
  const responseFormat: ResponseFormat = gc?.responseMimeType === 'application/json' ? (schema ? { type: 'json_schema', schema } : { type: 'json_object' }) : { type: 'text' };
  const request: SimRequest = {
    provider: 'gemini',
    model: route.model ?? '',
    promptText: texts.join('\n'),
    lastUserText: partsText(lastUser?.parts, false),
    messageCount: b.contents.length,
    endsWithToolResult: last?.parts.some((p) => p.functionResponse !== undefined) ?? false,
    tools: declarations.map((d) => ({ name: d.name, description: d.description, parameters: d.parametersJsonSchema ?? d.parameters })),
    toolChoice,
    responseFormat,
    maxTokens: gc?.maxOutputTokens,
    stop: gc?.stopSequences ?? [],
    n: gc?.candidateCount ?? 1,
    seed: gc?.seed,
    stream: route.stream === true,
    streamUsage: true,
    cacheControl: false,
  };
  return { ok: true, request };
}

// The control API under /_sim: health, the scenario (GET/PUT), per-model patches, reset,
// counters and the question bank. Errors here use one plain shape: {"error":{"message","issues"?}}.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { readJsonBody, sendJson } from './http-util.ts';
import { QUESTION_BANK } from './question-bank.ts';
import type { Route, RouteContext } from './router.ts';
import { ModelPatch, resolveModel, ScenarioError } from './scenario.ts';
import type { ModelBehavior } from './scenario.ts';
import { SIMULATOR_VERSION } from './version.ts';

function controlError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { message } });
}

async function withBody(ctx: RouteContext, run: (body: unknown) => void): Promise<void> {
  const body = await readJsonBody(ctx.req);
  if (!body.ok) return controlError(ctx.res, 400, body.reason === 'too_large' ? 'body too large' : 'body is not valid JSON');
  try {
    run(body.value);
  } catch (error) {
    if (error instanceof ScenarioError) return controlError(ctx.res, 400, error.message);
    throw error;
  }
}

function resolvedModels(ctx: RouteContext): Record<string, ModelBehavior> {
  const out: Record<string, ModelBehavior> = {};
  for (const name of Object.keys(ctx.state.scenario.models)) out[name] = resolveModel(ctx.state.scenario, name) as ModelBehavior;
  return out;
}

export const controlRoutes: Route[] = [
  { method: 'GET', path: /^\/_sim\/health$/, handle: ({ res }) => sendJson(res, 200, { status: 'ok', version: SIMULATOR_VERSION }) },
  { method: 'GET', path: /^\/_sim\/scenario$/, handle: ({ res, state }) => sendJson(res, 200, state.scenario) },
  {
    method: 'PUT',
    path: /^\/_sim\/scenario$/,
    handle: (ctx) => withBody(ctx, (body) => sendJson(ctx.res, 200, ctx.state.setScenario(body))),
  },
  { method: 'GET', path: /^\/_sim\/models$/, handle: (ctx) => sendJson(ctx.res, 200, { models: resolvedModels(ctx) }) },
  {
    method: 'PATCH',
    path: /^\/_sim\/models\/([^/]+)$/,
    handle: (ctx) =>
      withBody(ctx, (body) => {
        const patch = ModelPatch.safeParse(body);
        if (!patch.success) return controlError(ctx.res, 400, `invalid model patch:\n${z.prettifyError(patch.error)}`);
        const name = decodeURIComponent(ctx.params[0] ?? '');
        sendJson(ctx.res, 200, { model: name, behavior: ctx.state.patchModel(name, patch.data) });
      }),
  },
  {
    method: 'POST',
    path: /^\/_sim\/reset$/,
    handle: ({ res, state }) => {
      state.reset();
      sendJson(res, 200, { status: 'reset' });
    },
  },
  { method: 'GET', path: /^\/_sim\/counters$/, handle: ({ res, state }) => sendJson(res, 200, state.counters.snapshot()) },
  {
    method: 'DELETE',
    path: /^\/_sim\/counters$/,
    handle: ({ res, state }) => {
      state.counters.reset();
      sendJson(res, 200, state.counters.snapshot());
    },
  },
  { method: 'GET', path: /^\/_sim\/questions$/, handle: ({ res }) => sendJson(res, 200, { count: QUESTION_BANK.length, questions: QUESTION_BANK }) },
];

// `npm run bench:quality`: "can ensembles of small models match a frontier model at a fraction of
// the cost?" as arithmetic on the product's own code paths. Every question of the simulator's
// labelled bank (50 multiple-choice questions) goes through the gateway under each strategy; the
// simulator answers each (model, question) right or wrong per its configured accuracy (scenario
// file), with its default latencies; cost is what the gateway logged (catalog list prices, every
// attempt and member counted, cancelled members at their estimated prompt). Accuracy is simulated:
// the figures show how the strategies combine accuracies and prices, not how real models score.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import pg from 'pg';
import { projectRoot } from '../runtime/paths.ts';
import { startTestStack, type TestStack } from '../test/helpers/stack.ts';
import { median } from './stats.ts';

const STRATEGIES: Record<string, Record<string, unknown>> = {
  'single frontier (claude-opus-4-1)': { strategy: 'single', model: 'claude-opus-4-1' },
  'single premium (claude-sonnet-4-5)': { strategy: 'single', model: 'claude-sonnet-4-5' },
  'single small (claude-haiku-4-5)': { strategy: 'single', model: 'claude-haiku-4-5' },
  'ensemble majority of 3 small': {
    strategy: 'ensemble', aggregation: 'majority_vote', timeout_ms: 10000,
    members: [{ model: 'claude-haiku-4-5' }, { model: 'gpt-4o-mini' }, { model: 'gemini-2.5-flash' }],
  },
  'ensemble weighted of 3 small (the seed\'s)': {
    strategy: 'ensemble', aggregation: 'weighted_vote', timeout_ms: 10000,
    members: [{ model: 'claude-haiku-4-5', weight: 1 }, { model: 'gpt-4o-mini', weight: 1 }, { model: 'gemini-2.5-flash', weight: 0.8 }],
  },
  'ensemble majority of 5 small': {
    strategy: 'ensemble', aggregation: 'majority_vote', timeout_ms: 10000,
    members: [{ model: 'claude-haiku-4-5' }, { model: 'gemini-2.5-flash' }, { model: 'gpt-4.1-mini' }, { model: 'gpt-4o-mini' }, { model: 'gemini-2.5-flash-lite' }],
  },
  'cascade haiku → sonnet (accept: labelled answer)': {
    strategy: 'cascade',
    attempts: [
      // A cut-off, refused or near-empty answer escalates (the checks cannot see a wrong label).
      { model: 'claude-haiku-4-5', timeout_ms: 10000, accept: { json: 'never', min_length: 10, no_refusal: true } },
      { model: 'claude-sonnet-4-5', timeout_ms: 10000 },
    ],
  },
};

interface Question { id: string; prompt: string; answer: string }
interface Row { strategy: string; accuracy: number; costPer1k: number; p50Ms: number; errors: number; escalatedOrExtra: string }

const CONCURRENCY = 4;

export async function runQualityBench(stack: TestStack): Promise<{ rows: Row[]; md: string }> {
  const { info } = stack;
  const questions = ((await (await fetch(`${info.simulatorUrl}/_sim/questions`)).json()) as { questions: Question[] }).questions;
  const client = new OpenAI({ apiKey: info.demoApiKey, baseURL: `${info.gatewayUrl}/v1`, maxRetries: 0, timeout: 60_000 });
  const db = new pg.Pool({ connectionString: info.databaseUrl, max: 2 });
  const rows: Row[] = [];
  try {
    for (const [label, spec] of Object.entries(STRATEGIES)) {
      const name = `quality-${rows.length}-${Date.now().toString(36)}`;
      const created = await fetch(`${info.gatewayUrl}/api/v1/projects/demo/configs`, {
        method: 'POST', headers: { authorization: `Bearer ${info.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, spec }),
      });
      if (created.status !== 201) throw new Error(`${label}: ${created.status} ${await created.text()}`);
      const outcomes: Array<{ id: string; correct: boolean; ms: number } | { error: string }> = [];
      const queue = [...questions];
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        for (let q = queue.shift(); q; q = queue.shift()) {
          const started = performance.now();
          try {
            const { data, response } = await client.chat.completions.create({ model: `@${name}`, messages: [{ role: 'user', content: q.prompt }] }).withResponse();
            const said = /Answer:\s*\(?([A-D])\)?\s*\.?\s*$/i.exec(data.choices[0]?.message.content ?? '')?.[1]?.toUpperCase();
            outcomes.push({ id: response.headers.get('x-switchyard-request-id')!, correct: said === q.answer, ms: performance.now() - started });
          } catch (error) {
            outcomes.push({ error: error instanceof Error ? error.message : String(error) });
          }
        }
      }));
      const answered = outcomes.filter((o): o is { id: string; correct: boolean; ms: number } => 'id' in o);
      const costs = await loggedCosts(db, answered.map((o) => o.id));
      const row: Row = {
        strategy: label,
        accuracy: answered.filter((o) => o.correct).length / questions.length,
        costPer1k: (costs.total / Math.max(1, answered.length)) * 1000,
        p50Ms: median(answered.map((o) => o.ms)),
        errors: outcomes.length - answered.length,
        escalatedOrExtra: costs.extra,
      };
      rows.push(row);
      console.log(`  ${label.padEnd(48)} accuracy ${(row.accuracy * 100).toFixed(0).padStart(3)}%  $${row.costPer1k.toFixed(4)} / 1k requests  p50 ${row.p50Ms.toFixed(0)} ms${row.errors ? `  ${row.errors} errors` : ''}  ${row.escalatedOrExtra}`);
    }
  } finally {
    await db.end();
  }
  return { rows, md: qualityMarkdown(rows, questions.length) };
}

/** Sum of logged costs (waits for the rows: fast-path logs are written in batches). */
async function loggedCosts(db: pg.Pool, ids: string[]): Promise<{ total: number; extra: string }> {
  for (let tries = 0; ; tries++) {
    const { rows } = await db.query<{ cost_usd: string; trace: { strategy: string; attempts: unknown[]; aggregation?: { cancelledMembers: number[] } } }>(
      'SELECT cost_usd, trace FROM request_logs WHERE id = ANY($1)', [ids]);
    if (rows.length === ids.length || tries > 50) {
      const attempts = rows.reduce((n, r) => n + r.trace.attempts.length, 0);
      const cancelled = rows.reduce((n, r) => n + (r.trace.aggregation?.cancelledMembers.length ?? 0), 0);
      const strategy = rows[0]?.trace.strategy;
      const extra = strategy === 'cascade' ? `${attempts - rows.length} escalation(s)` : strategy === 'ensemble' ? `${cancelled} member call(s) cancelled early` : '';
      return { total: rows.reduce((sum, r) => sum + Number(r.cost_usd), 0), extra };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function qualityMarkdown(rows: Row[], questions: number): string {
  const frontier = rows[0]!;
  return [
    `## Quality and cost over the simulator's question bank (${questions} questions, simulated accuracies)`,
    '',
    '| strategy | accuracy | cost / 1k requests | vs frontier cost | p50 latency | notes |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.strategy} | ${(r.accuracy * 100).toFixed(0)}% | $${r.costPer1k.toFixed(4)} | ${((r.costPer1k / frontier.costPer1k) * 100).toFixed(1)}% | ${r.p50Ms.toFixed(0)} ms | ${[r.escalatedOrExtra, r.errors ? `${r.errors} errors` : ''].filter(Boolean).join('; ')} |`),
    '',
    'Accuracies are the simulator\'s per-model settings (scenario file), applied per (model, question) deterministically; costs are the gateway\'s logged costs at catalog list prices. A cascade escalates only when its accept checks can tell a bad answer from a good one: the simulator\'s wrong answers are well-formed, so here it escalates only on malformed or failed answers. The simulator draws each model\'s mistakes independently of the others\', which flatters voting: real models\' errors are correlated, so real ensembles gain less.',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let stack: TestStack | undefined;
  try {
    console.log('starting the embedded stack…');
    stack = await startTestStack();
    const { md, rows } = await runQualityBench(stack);
    console.log(`\n${md}`);
    const dir = path.join(projectRoot, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'quality.json'), `${JSON.stringify({ at: new Date().toISOString(), rows }, null, 2)}\n`);
    writeFileSync(path.join(dir, 'quality.md'), md);
  } catch (error) {
    console.error('quality bench failed:', error);
    process.exitCode = 1;
  } finally {
    await stack?.stop();
    await stack?.cleanup();
  }
}

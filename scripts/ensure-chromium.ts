// Makes sure Debian's chromium is installed for the browser tests. `npx playwright install` cannot
// download browsers here (no internet beyond package registries), so playwright-core drives the
// distribution's build at /usr/bin/chromium instead. Idempotent: when the binary exists nothing
// runs. Usable as a module (`ensureChromium()`) and as a CLI (`node --import tsx scripts/ensure-chromium.ts`).
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export class ChromiumInstallError extends Error {
  override name = 'ChromiumInstallError';
}

interface RunResult {
  code: number | null;
  output: string;
}

function run(command: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    // noninteractive: debconf must never wait for a prompt in CI.
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => resolve({ code: 127, output: error.message }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The most telling line of apt's output: its last error (`E: ...`), else its last line. */
function lastError(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  return [...lines].reverse().find((line) => line.startsWith('E:')) ?? lines.at(-1) ?? 'no output';
}

// Another apt/dpkg run (a parallel test process, unattended-upgrades) may hold the lock; wait for
// it rather than failing at once.
const APT_LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=300'];

async function install(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new ChromiumInstallError(
      `${CHROMIUM_PATH} is missing and installing it needs root: run \`sudo apt-get install -y chromium\``,
    );
  }
  // `apt-get update` is slow and touches the network: only run it when the package lists do not
  // know chromium yet (a fresh image with empty /var/lib/apt/lists).
  const known = await run('apt-cache', ['show', '--no-all-versions', 'chromium']);
  if (known.code !== 0) {
    const update = await run('apt-get', [...APT_LOCK_WAIT, 'update']);
    if (update.code !== 0) {
      throw new ChromiumInstallError(`apt-get update failed (exit ${update.code}): ${lastError(update.output)}`);
    }
  }
  const result = await run('apt-get', [...APT_LOCK_WAIT, 'install', '-y', '--no-install-recommends', 'chromium']);
  if (result.code !== 0) {
    throw new ChromiumInstallError(`apt-get install -y chromium failed (exit ${result.code}): ${lastError(result.output)}`);
  }
  if (!(await isExecutable(CHROMIUM_PATH))) {
    throw new ChromiumInstallError(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing`);
  }
}

// Shared within one process so concurrent callers (several test files) trigger one install.
let pending: Promise<string> | undefined;

/** Resolves with the path of a usable chromium, installing Debian's package when it is missing. */
export function ensureChromium(): Promise<string> {
  pending ??= (async () => {
    if (!(await isExecutable(CHROMIUM_PATH))) await install();
    return CHROMIUM_PATH;
  })();
  // A failed attempt is not cached: a later call may succeed (e.g. after the apt lock frees up).
  pending.catch(() => (pending = undefined));
  return pending;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const started = Date.now();
  ensureChromium().then(
    (path) => console.log(`chromium: ${path} (${((Date.now() - started) / 1000).toFixed(1)} s)`),
    (error: unknown) => {
      console.error(`chromium: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

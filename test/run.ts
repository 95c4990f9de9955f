// `npm test` (after typecheck and lint): prepares build outputs, starts the real stack once
// (embedded Postgres, Temporal dev server, worker, gateway, simulator) in a temporary folder on
// free ports, runs every test file with Node's test runner against it, and always tears it down.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from '../scripts/ensure-chromium.ts';
import { prepareBuildOutputs } from '../scripts/prepare.ts';
import { projectRoot } from '../runtime/paths.ts';
import { startTestStack, tail, type TestStack } from './helpers/stack.ts';

const log = (line: string) => console.log(`test-harness: ${line}`);
const SUITE_LIMIT_MS = 20 * 60_000;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  }).sort();
}

async function main(): Promise<number> {
  const filter = process.argv.slice(2);
  const files = testFiles(path.join(projectRoot, 'test')).filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)));
  await prepareBuildOutputs(log);
  await ensureChromium();

  const started = Date.now();
  let stack: TestStack | undefined;
  let testProcess: ChildProcess | undefined;
  const teardown = async () => {
    if (testProcess && testProcess.exitCode === null) testProcess.kill('SIGKILL');
    if (!stack) return;
    const current = stack;
    stack = undefined;
    const code = await current.stop();
    if (code !== 0) console.error(`test-harness: the stack exited with code ${code} on stop:\n${tail(current.logFile)}`);
    await current.cleanup();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void teardown().finally(() => process.exit(130)));
  }
  // The whole suite must stay well under CI's limit; past this, tear down and fail loudly.
  const watchdog = setTimeout(() => {
    console.error(`test-harness: the suite ran longer than ${SUITE_LIMIT_MS / 60_000} minutes; stopping`);
    void teardown().finally(() => process.exit(124));
  }, SUITE_LIMIT_MS);
  watchdog.unref();

  try {
    stack = await startTestStack();
    log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${stack.logFile})`);
    const info = stack.info;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: info.databaseUrl,
      TEMPORAL_ADDRESS: info.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'switchyard',
      SWITCHYARD_GATEWAY_URL: info.gatewayUrl,
      SWITCHYARD_SIMULATOR_URL: info.simulatorUrl,
      SWITCHYARD_TEMPORAL_WEB_URL: info.temporalWebUrl,
      SWITCHYARD_ADMIN_TOKEN: info.adminToken,
      SWITCHYARD_DEMO_API_KEY: info.demoApiKey,
      SWITCHYARD_TEST_DATA_DIR: stack.dataDir,
    };
    // A stuck test fails after 2 minutes instead of holding CI until its own limit. One file at a
    // time: files share the stack and the simulator's behaviour settings.
    testProcess = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', '--test-timeout=120000', ...files], {
      cwd: projectRoot,
      env,
      stdio: 'inherit',
    });
    const running = testProcess;
    const code = await new Promise<number>((resolve) => running.once('exit', (c) => resolve(c ?? 1)));
    return code;
  } finally {
    await teardown();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('test-harness:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

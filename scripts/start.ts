// `npm start`: the embedded default (or production mode when DATABASE_URL and TEMPORAL_ADDRESS are
// set). Runs until Ctrl-C / SIGTERM, then stops every child it started.
import { parentGone } from '../runtime/child-process.ts';
import { parseEnv, runMain } from '../runtime/env.ts';
import { StartEnv } from '../runtime/start-env.ts';
import { startStack } from '../runtime/supervisor.ts';
import { prepareBuildOutputs } from './prepare.ts';

const log = (line: string) => console.log(`switchyard: ${line}`);
// Output may go to a pipe whose reader has gone (a test or bench process that died): a failed
// write must not kill the supervisor before it has stopped everything it started.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

runMain(async () => {
  // Started by a test or bench process over IPC: stop with it, even when it dies without asking
  // (listened for from the start, so a parent that dies during start-up is not missed).
  const orphaned = parentGone();
  const env = parseEnv(StartEnv);
  await prepareBuildOutputs(log);
  const stack = await startStack(env, log);
  let stopping: Promise<void> | undefined;
  const stop = (reason: string, code: number) => {
    stopping ??= (async () => {
      log(`${reason}; stopping…`);
      await stack.stop();
      log('stopped');
      process.exit(code);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void stop('SIGINT received', 0));
  process.on('SIGTERM', () => void stop('SIGTERM received', 0));
  void orphaned.then(() => stop('the process that started this stack went away', 0));
  void stack.failed.then((reason) => stop(reason, 1));

  console.log([
    '',
    'Switchyard is ready.',
    `  Gateway (OpenAI-compatible):  ${stack.gatewayUrl}/v1`,
    `  Admin UI:                     ${stack.gatewayUrl}/ui/`,
    `  Health:                       ${stack.gatewayUrl}/healthz`,
    ...(stack.temporalWebUrl ? [`  Temporal Web:                 ${stack.temporalWebUrl}`] : []),
    ...(stack.simulatorUrl ? [`  Provider simulator:           ${stack.simulatorUrl}`] : []),
    ...(stack.simulatorUrl
      ? [`  Admin token:                  ${stack.adminToken}`, `  Demo project API key:         ${stack.demoApiKey}`]
      : []),
    '',
    'Press Ctrl-C to stop.',
  ].join('\n'));
});

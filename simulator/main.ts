// CLI: `npm run simulator`. SIMULATOR_PORT (default 8089), SIMULATOR_HOST (default 127.0.0.1),
// SIMULATOR_SCENARIO (path to a scenario file, optional). Prints its URL, stops on SIGINT/SIGTERM.
import { z } from 'zod';
import { exitWithParent } from '../runtime/child-process.ts';
import { ScenarioError } from './scenario.ts';
import { startSimulator } from './server.ts';

const Env = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(8089),
  SIMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  SIMULATOR_SCENARIO: z.string().min(1).optional(),
});

async function main(): Promise<void> {
  const env = Env.safeParse(process.env);
  if (!env.success) {
    console.error(`simulator: invalid environment:\n${z.prettifyError(env.error)}`);
    process.exit(1);
  }
  const { SIMULATOR_PORT: port, SIMULATOR_HOST: host, SIMULATOR_SCENARIO: scenario } = env.data;
  let sim;
  try {
    sim = await startSimulator({ port, host, ...(scenario ? { scenario } : {}) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') console.error(`simulator: port ${port} is already in use; set SIMULATOR_PORT to use another port`);
    else if (error instanceof ScenarioError) console.error(`simulator: ${error.message}`);
    else console.error('simulator: failed to start:', error);
    process.exit(1);
  }
  console.log(`simulator listening on ${sim.url} (openai: ${sim.url}/openai/v1, anthropic: ${sim.url}/anthropic, gemini: ${sim.url}/gemini)`);
  const running = sim;
  const stop = () => void running.close().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Under `npm start`'s supervisor: exit when it goes away, even if it was killed outright.
  exitWithParent(() => running.close());
}

void main();

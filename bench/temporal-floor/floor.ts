// Runs bench/temporal-floor/run-floor.ts pinned to the gateway's core and reads its figures: the
// durable section's floor, what Temporal alone costs for the same plan shapes on this machine.
import { spawn } from 'node:child_process';
import { projectRoot } from '../../runtime/paths.ts';
import { pinnedNode } from '../processes.ts';
import type { FloorFigures, FloorPlan } from './run-floor.ts';

export type { FloorFigures } from './run-floor.ts';

export async function runTemporalFloor(options: { cpu: number; temporalAddress: string; temporalPid: number; plan: FloorPlan }): Promise<Record<'cascade' | 'ensemble', FloorFigures>> {
  const [command, args] = pinnedNode(options.cpu, ['--import', 'tsx', 'bench/temporal-floor/run-floor.ts']);
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: { ...process.env, TEMPORAL_ADDRESS: options.temporalAddress, FLOOR_TEMPORAL_PID: String(options.temporalPid), FLOOR_PLAN: JSON.stringify(options.plan) },
    // The IPC channel ends the run if the bench dies first (exitWithParent).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('exit', resolve);
    child.once('error', reject);
  });
  const line = stdout.split('\n').find((l) => l.startsWith('FLOOR '));
  if (code !== 0 || !line) throw new Error(`the Temporal floor run failed (exit ${code}): ${stderr.slice(-2000)}`);
  return JSON.parse(line.slice('FLOOR '.length)) as Record<'cascade' | 'ensemble', FloorFigures>;
}

// Running `npm run gateway` / `npm run worker` as separate processes against the harness's
// Postgres and Temporal (production mode), the way an operator would, and stopping them.
import { spawn, type ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../runtime/paths.ts';

export interface RoleProcess {
  child: ChildProcess;
  output: () => string;
}

const children: ChildProcess[] = [];

/** Runs the package.json script's own command line (without npm in between, so signals reach it). */
export function runRole(script: 'gateway' | 'worker', env: NodeJS.ProcessEnv): RoleProcess {
  let output = '';
  const { SIMULATOR_URL: _s, TEMPORAL_WEB_URL: _t, SWITCHYARD_MODE: _m, ...base } = process.env;
  const scripts = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = (scripts[script] ?? '').split(' ');
  assert.equal(command, 'node', `npm run ${script} runs node`);
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  children.push(child);
  return { child, output: () => output };
}

export async function waitForOutput(role: RoleProcess, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(role.output())) {
    if (role.child.exitCode !== null || role.child.signalCode !== null) throw new Error(`exited early:\n${role.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${role.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM every role process still running and wait for it (use in `after`). */
export async function stopRoles(): Promise<void> {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

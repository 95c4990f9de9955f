// Supervised child processes: output prefixed (or sent to a log file), stopped with SIGTERM then
// SIGKILL after a grace period, and an IPC channel for Node children so they exit by themselves
// when the supervisor disappears (no orphans even if the supervisor is killed with SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ManagedChild {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Lines are written here instead of the supervisor's output. */
  logFile?: string;
  /** Prefix each output line with the child's name on the supervisor's output. */
  echo?: (line: string) => void;
  /** Node children get an IPC channel; they exit when it closes. */
  ipc?: boolean;
}

export function spawnManaged(options: SpawnOptions): ManagedChild {
  const stdio: Array<'ignore' | 'pipe' | 'ipc'> = ['ignore', 'pipe', 'pipe'];
  if (options.ipc) stdio.push('ipc');
  const child = spawn(options.command, options.args, { env: options.env, cwd: options.cwd, stdio });
  let file: WriteStream | undefined;
  if (options.logFile) file = createWriteStream(options.logFile, { flags: 'a' });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    if (file) stream.pipe(file, { end: false });
    else createInterface({ input: stream }).on('line', (line) => options.echo?.(line));
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      file?.end();
      resolve({ code, signal });
    });
    child.once('error', () => resolve({ code: 127, signal: null }));
  });
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { name: options.name, process: child, exited, stop };
}

/** In a child started with `ipc: true`: run `shutdown` when the parent goes away. */
export function exitWithParent(shutdown: () => Promise<void> | void): void {
  void parentGone().then(() => Promise.resolve(shutdown()).finally(() => process.exit(0)));
}

/**
 * Resolves when the parent that started this process over IPC goes away (never without IPC),
 * including a parent that was already gone when this was called (it died while this process was
 * still loading). Listening does not keep the process alive: one that has finished its work exits.
 */
export function parentGone(): Promise<void> {
  // process.send exists only in a process started with an IPC channel, connected or not.
  if (typeof process.send !== 'function') return new Promise(() => undefined);
  if (!process.connected) return Promise.resolve();
  process.channel?.unref();
  return new Promise((resolve) => process.once('disconnect', () => resolve()));
}

/** In a child: tell the supervisor we are ready (no-op when not supervised). */
export function notifyReady(info: Record<string, unknown> = {}): void {
  process.send?.({ type: 'ready', ...info });
}

/** Resolves when a supervised Node child reports ready; rejects if it exits first. */
export function waitForReady(child: ManagedChild, timeoutMs: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${child.name} did not report ready within ${timeoutMs / 1000} s`)), timeoutMs);
    child.process.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready') {
        clearTimeout(timer);
        resolve(message as Record<string, unknown>);
      }
    });
    void child.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${child.name} exited during start-up (${signal ?? `code ${code}`})`));
    });
  });
}

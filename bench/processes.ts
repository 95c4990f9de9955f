// Benchmark processes: each one pinned to a CPU with `taskset` (when it exists), its output kept
// in a log file, ready once an HTTP probe answers, and stopped (SIGTERM, then SIGKILL) by the
// cleanup list even when the run fails half-way.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { request } from 'undici';

export interface BenchProcess {
  name: string;
  /** The Node process itself: taskset execs its command, so this pid is Node's. */
  pid: number;
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

const hasTaskset = spawnSync('taskset', ['--version']).status === 0;

/** Pins every thread of a running process (V8 and libuv threads too, hence `-a`). */
export function pinProcess(pid: number, cpu: number): boolean {
  if (!hasTaskset) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' }).status === 0;
}

export const pinningAvailable = hasTaskset;

/** The command and arguments that run `node <nodeArgs>` pinned to `cpu` (unpinned without taskset). */
export function pinnedNode(cpu: number, nodeArgs: string[]): [command: string, args: string[]] {
  return hasTaskset ? ['taskset', ['-c', String(cpu), process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
}

/**
 * The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses):
 * [0] state, [1] ppid, … [11] utime, [12] stime. Undefined once the process is gone.
 */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * A process and all its descendants (the embedded stack: Postgres with its backends, the Temporal
 * dev server, the stack's own idle gateway and simulator).
 */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (!fields) continue; // exited while we looked
    const parent = Number(fields[1]);
    const list = children.get(parent) ?? [];
    list.push(Number(entry));
    children.set(parent, list);
  }
  const tree: number[] = [];
  const pending = [rootPid];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** The kernel's name of a process ("postgres", "node"); '' once it is gone. */
export function processName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Sets the scheduling priority (nice value) of processes; children forked later inherit it. */
export function renice(pids: number[], nice: number): boolean {
  if (pids.length === 0) return true;
  return spawnSync('renice', ['-n', String(nice), '-p', ...pids.map(String)], { stdio: 'ignore' }).status === 0;
}

const running = new Set<BenchProcess>();

export interface StartOptions {
  name: string;
  cpu: number;
  /** Arguments after `node`, e.g. ['--import', 'tsx', 'bench/bare-proxy.ts']. */
  nodeArgs: string[];
  env: NodeJS.ProcessEnv;
  url: string;
  /** Path probed with GET until it answers below 500. */
  readyPath: string;
  /** Instead of probing a URL: ready once the process prints a matching line (a worker). */
  readyLine?: RegExp;
  logFile: string;
  cwd: string;
}

export async function startPinned(options: StartOptions): Promise<BenchProcess> {
  const [command, args] = pinnedNode(options.cpu, options.nodeArgs);
  const log = createWriteStream(options.logFile);
  // The IPC channel lets the child notice the bench dying without stopping it (exitWithParent).
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let output = '';
  if (options.readyLine) child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    running.delete(proc);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
  };
  const proc: BenchProcess = { name: options.name, pid: child.pid ?? -1, url: options.url, logFile: options.logFile, stop };
  running.add(proc);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited during start-up; see ${options.logFile}:\n${tail(options.logFile)}`);
    if (Date.now() > deadline) throw new Error(`${options.name} did not start within 60 s; see ${options.logFile}`);
    if (options.readyLine) {
      if (options.readyLine.test(output)) break;
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      const response = await request(`${options.url}${options.readyPath}`, { headersTimeout: 1000 });
      await response.body.dump();
      if (response.statusCode < 500) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return proc;
}

/**
 * Runs `cleanup`, then exits with 130, on Ctrl-C or SIGTERM: a bench stopped half-way leaves no
 * stack or pinned process behind to skew the next run.
 */
export function cleanUpOnInterrupt(cleanup: () => Promise<void>): void {
  const interrupted = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
}

/** Stops everything still running (the run's `finally`). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds (user + system, all threads) a process has used so far; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / clockTicks : Number.NaN;
}

/** Resident set size in MB from /proc (Linux), or NaN elsewhere. */
export function rssMb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

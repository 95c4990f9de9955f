// Aggregates a V8 .cpuprofile (from `node --cpu-prof`) into self time per function and per
// source (file, or package for node_modules), so a missed target says where the time goes.
// CLI: `node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]`.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectRoot } from '../runtime/paths.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: SelfTime[];
  sources: SelfTime[];
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const sources = new Map<string, number>();
  let totalUs = 0;
  // timeDeltas[i] is the time before sample i; charging it to sample i is V8's own convention.
  profile.samples.forEach((id, i) => {
    const us = Math.max(0, profile.timeDeltas[i] ?? 0);
    totalUs += us;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const source = sourceOf(frame.url, frame.functionName);
    const fn = `${frame.functionName || '(anonymous)'} ${source}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    sources.set(source, (sources.get(source) ?? 0) + us);
  });
  const rank = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: us / 1000, share: us / totalUs }));
  return { totalMs: totalUs / 1000, functions: rank(functions), sources: rank(sources) };
}

/** `node_modules/<pkg>` for dependencies, the project-relative path for our files, `node:` internals as-is. */
function sourceOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return `pkg:${modules[1]}`;
  const root = `${pathToFileURL(projectRoot).href}/`;
  if (url.startsWith(root)) return url.slice(root.length);
  return url.replace(/^file:\/\//, '');
}

export function formatSummary(summary: ProfileSummary): string {
  const row = (t: SelfTime) => `| ${t.name} | ${t.ms.toFixed(0)} | ${(t.share * 100).toFixed(1)}% |`;
  return [
    `Profile: ${summary.totalMs.toFixed(0)} ms sampled`,
    '',
    '| top self time by function | ms | share |',
    '| --- | ---: | ---: |',
    ...summary.functions.map(row),
    '',
    '| top self time by source | ms | share |',
    '| --- | ---: | ---: |',
    ...summary.sources.map(row),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(1);
  }
  console.log(formatSummary(summariseProfile(file, Number(process.argv[3] ?? 15))));
}

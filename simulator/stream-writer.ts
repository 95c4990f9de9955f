// Writes a dialect's SSE frames with realistic pacing (tokens/second) and injects the wire-level
// faults: a mid-stream disconnect, a stall (headers and some frames, then silence), or one
// malformed frame. Pacing keeps a virtual due time so fast rates batch instead of oversleeping.
import type { ServerResponse } from 'node:http';
import type { RequestPlan } from './behavior.ts';
import { untilAborted } from './clock.ts';
import type { Clock } from './clock.ts';
import { formatFrame } from './dialect.ts';
import type { SseFrame } from './dialect.ts';
import { writeChunk } from './http-util.ts';

export interface StreamOptions {
  res: ServerResponse;
  frames: SseFrame[];
  plan: RequestPlan;
  clock: Clock;
  signal: AbortSignal;
  headers: Record<string, string>;
}

export async function writeStream({ res, frames, plan, clock, signal, headers }: StreamOptions): Promise<void> {
  await clock.sleep(plan.ttftMs, signal);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers });
  res.flushHeaders();
  const faultAt = Math.min(plan.afterFrames ?? Math.floor(frames.length / 2), frames.length - 1);
  let due = clock.now();
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i] as SseFrame;
    if (i === faultAt && plan.outcome === 'disconnect') {
      dropConnection(res);
      return;
    }
    if (i === faultAt && plan.outcome === 'stall') {
      await untilAborted(signal);
      return;
    }
    if (i > 0 && frame.tokens > 0) {
      due += frame.tokens * plan.msPerToken;
      const wait = due - clock.now();
      // Sub-millisecond waits are batched: timers cannot sleep less than ~1 ms anyway.
      if (wait >= 1) await clock.sleep(wait, signal);
    }
    const text = i === faultAt && plan.outcome === 'malformed' ? corrupt(frame) : formatFrame(frame);
    await writeChunk(res, text);
  }
  res.end();
}

/** The frame with its JSON cut in half: parseable SSE framing, unparseable payload. */
function corrupt(frame: SseFrame): string {
  return formatFrame({ ...frame, data: frame.data.slice(0, Math.max(1, Math.floor(frame.data.length / 2))) });
}

/**
 * Ends the TCP connection mid-body, after the frames already written have been flushed (a plain
 * destroy could drop them). To the client this is a dropped upstream: an unterminated body.
 */
export function dropConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return void res.destroy();
  socket.once('finish', () => socket.destroy());
  socket.end();
}

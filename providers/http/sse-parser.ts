// An incremental Server-Sent Events parser (WHATWG event-stream rules): text arrives in arbitrary
// chunks, lines end in \n, \r\n or \r (a \r\n pair may straddle two chunks), `data:` lines of one
// event join with \n, a blank line dispatches, `:` lines are comments. Shared by every adapter.

export interface SseEvent {
  /** The `event:` field; undefined means the default "message" event. */
  event?: string;
  data: string;
  id?: string;
}

/** Upper bound on one event's buffered text, so a server that never sends a blank line cannot exhaust memory. */
export const DEFAULT_MAX_EVENT_CHARS = 16 * 1024 * 1024;

export class SseEventTooLargeError extends Error {
  override name = 'SseEventTooLargeError';
}

export class SseParser {
  private buffer = '';
  private dataLines: string[] = [];
  private dataChars = 0;
  private eventName: string | undefined;
  private lastId: string | undefined;
  private hasData = false;
  /** The previous chunk ended in \r: a \n starting the next chunk belongs to the same line end. */
  private pendingCr = false;
  private atStart = true;

  constructor(private readonly maxEventChars = DEFAULT_MAX_EVENT_CHARS) {}

  /** Feeds decoded text; returns the events completed by it. */
  push(text: string): SseEvent[] {
    if (text.length === 0) return [];
    let chunk = text;
    if (this.atStart) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.pendingCr) {
      this.pendingCr = false;
      if (chunk.startsWith('\n')) chunk = chunk.slice(1);
    }
    this.buffer += chunk;
    const out: SseEvent[] = [];
    let start = 0;
    const buffer = this.buffer;
    // The next \r at or after `start`, searched again only once `start` has passed it: servers
    // that end lines in \n alone would otherwise have the whole rest of the chunk scanned per line.
    let cr = -2;
    for (;;) {
      const lf = buffer.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = buffer.indexOf('\r', start);
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (end < 0) break;
      let next = end + 1;
      if (buffer[end] === '\r') {
        if (end + 1 < buffer.length) {
          if (buffer[end + 1] === '\n') next = end + 2;
        } else {
          this.pendingCr = true;
        }
      }
      this.processLine(buffer.slice(start, end), out);
      start = next;
    }
    this.buffer = buffer.slice(start);
    if (this.buffer.length + this.dataChars > this.maxEventChars) {
      throw new SseEventTooLargeError(`SSE event exceeds ${this.maxEventChars} characters`);
    }
    return out;
  }

  /** End of stream: a final event without its blank line is still delivered (lenient). */
  finish(): SseEvent[] {
    const out: SseEvent[] = [];
    if (this.buffer.length > 0) this.processLine(this.buffer, out);
    this.buffer = '';
    this.dispatch(out);
    return out;
  }

  private processLine(line: string, out: SseEvent[]): void {
    if (line === '') return this.dispatch(out);
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.dataLines.push(value);
        this.dataChars += value.length + 1;
        this.hasData = true;
        if (this.dataChars > this.maxEventChars) throw new SseEventTooLargeError(`SSE event exceeds ${this.maxEventChars} characters`);
        break;
      case 'event':
        this.eventName = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      default:
        // `retry` and unknown fields carry nothing an adapter needs.
        break;
    }
  }

  private dispatch(out: SseEvent[]): void {
    if (this.hasData) {
      const event: SseEvent = { data: this.dataLines.join('\n') };
      if (this.eventName !== undefined && this.eventName !== '') event.event = this.eventName;
      if (this.lastId !== undefined) event.id = this.lastId;
      out.push(event);
    }
    this.dataLines = [];
    this.dataChars = 0;
    this.hasData = false;
    this.eventName = undefined;
  }
}

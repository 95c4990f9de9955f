// The gateway's request log on its way to Postgres: rows are encoded to their COPY line when
// pushed and wait as UTF-8 bytes in a RecordSlab. A queued row used to keep its whole object graph
// (trace, attempts, captured bodies) alive for the flush interval, long enough to survive two
// young-generation collections, so every row was copied into the old generation; then a string
// (one flat object, but still ~1.8 KB promoted per request); now a small view of off-heap bytes.
// The bound, batching and retry behaviour are LogQueue's.
import type { SqlPool } from '../../db/sql.ts';
import { LogQueue, type LogQueueStats, type WriteFailureOutcome } from './log-queue.ts';
import type { RequestLogRow } from './log-row.ts';
import { encodeLogRecord, isRejectedData, writeEncodedLogs } from './log-writer.ts';
import { RecordSlab } from './record-slab.ts';

/** Where finished requests leave their row (the fast path, and durable plans run in-process). */
export interface RequestLogSink {
  push(row: RequestLogRow): void;
}

export class RequestLogQueue implements RequestLogSink {
  readonly #queue: LogQueue<Buffer>;
  readonly #slab = new RecordSlab();

  constructor(db: SqlPool, onError?: (error: unknown, outcome: WriteFailureOutcome) => void) {
    this.#queue = new LogQueue<Buffer>({ write: (records) => writeEncodedLogs(db, records), isRejection: isRejectedData, ...(onError ? { onError } : {}) });
  }

  /** Never waits and never throws: the caller is a request on its way out. */
  push(row: RequestLogRow): void {
    this.#queue.push(this.#slab.write(encodeLogRecord(row)));
  }

  snapshot(): LogQueueStats {
    return this.#queue.snapshot();
  }

  flush(timeoutMs?: number): Promise<void> {
    return this.#queue.flush(timeoutMs);
  }

  close(): void {
    this.#queue.close();
  }
}

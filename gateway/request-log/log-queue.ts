// Request logs leave the hot path through a bounded in-memory queue, written to Postgres in
// batches. When Postgres is down, rows wait (up to the bound, then the oldest are dropped and
// counted) and are written when it returns; a clean shutdown flushes what is queued. A batch that
// Postgres refuses for its data (one malformed row) is not retried as it is, which would block
// every row behind it forever: it is halved until the refused rows are found, and only those are
// dropped (counted as rejected).
export interface LogQueueStats {
  queued: number;
  written: number;
  dropped: number;
  /** Rows the database refused for their data, dropped after narrowing their batch down to them. */
  rejected: number;
  failedBatches: number;
  lastError?: string;
}

export interface LogQueueOptions<Row> {
  write: (rows: Row[]) => Promise<void>;
  maxQueued?: number;
  batchSize?: number;
  intervalMs?: number;
  /** True when the error is a refusal of the rows themselves, which retrying cannot fix. */
  isRejection?: (error: unknown) => boolean;
  onError?: (error: unknown, outcome: WriteFailureOutcome) => void;
}

/** What the queue does after a failed write: wait and retry the batch, halve it, or drop the row. */
export type WriteFailureOutcome = 'retrying' | 'narrowing' | 'rejected';

/** For the operator's log line. */
export const WRITE_FAILURE_OUTCOMES: Record<WriteFailureOutcome, string> = {
  retrying: 'rows kept, will retry',
  narrowing: 'the database refused a row of the batch; writing it in halves to find it',
  rejected: 'the database refused this row; dropped and counted',
};

export class LogQueue<Row> {
  private rows: Row[] = [];
  private readonly stats: Omit<LogQueueStats, 'queued'> = { written: 0, dropped: 0, rejected: 0, failedBatches: 0 };
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private backoffMs = 0;
  /** Rows of the batch being written right now (they still count against the bound). */
  private inFlight = 0;
  /** Rows at the front that were in a refused batch, and the size to write them in. */
  private suspect = 0;
  private suspectBatchSize = 0;
  private readonly maxQueued: number;
  private readonly batchSize: number;
  private readonly intervalMs: number;

  constructor(private readonly options: LogQueueOptions<Row>) {
    this.maxQueued = options.maxQueued ?? 50_000;
    this.batchSize = options.batchSize ?? 500;
    this.intervalMs = options.intervalMs ?? 200;
  }

  /** Never waits and never throws: the caller is a request on its way out. */
  push(row: Row): void {
    this.rows.push(row);
    this.enforceBound();
    this.schedule(this.rows.length >= this.batchSize ? 0 : this.intervalMs);
  }

  snapshot(): LogQueueStats {
    return { queued: this.rows.length + this.inFlight, ...this.stats };
  }

  /** Over the bound, the oldest waiting rows go (counted): recent traffic is the more useful. */
  private enforceBound(): void {
    const excess = this.rows.length + this.inFlight - this.maxQueued;
    if (excess <= 0) return;
    const drop = Math.min(excess, this.rows.length);
    this.rows.splice(0, drop);
    this.stats.dropped += drop;
    this.suspect = Math.max(0, this.suspect - drop);
  }

  /** Writes everything queued (used on shutdown and by tests); gives up after `timeoutMs`. */
  async flush(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.rows.length > 0 || this.writing) && Date.now() < deadline) {
      if (this.writing) await this.writing;
      else await this.writeBatch();
      if (this.rows.length > 0 && this.backoffMs > 0) await new Promise((r) => setTimeout(r, Math.min(this.backoffMs, 500)));
    }
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeBatch();
    }, Math.max(delayMs, this.backoffMs));
    this.timer.unref();
  }

  private writeBatch(): Promise<void> {
    if (this.writing || this.rows.length === 0) return this.writing ?? Promise.resolve();
    // Behind by several batches (a burst, or Postgres just came back): write bigger ones, which
    // cost less per row, so the backlog (and the memory it holds) shrinks instead of growing.
    const narrowing = this.suspect > 0;
    const size = narrowing ? this.suspectBatchSize : this.rows.length > this.batchSize * 4 ? this.batchSize * 4 : this.batchSize;
    const batch = this.rows.splice(0, size);
    this.inFlight = batch.length;
    this.writing = this.options.write(batch).then(
      () => {
        this.stats.written += batch.length;
        this.suspect = Math.max(0, this.suspect - batch.length);
        // Past the refused rows, the batches grow back (a single bad row costs ~2·log2(n) writes).
        if (narrowing) this.suspectBatchSize *= 2;
        this.backoffMs = 0;
      },
      (error: unknown) => {
        this.stats.failedBatches += 1;
        this.stats.lastError = error instanceof Error ? error.message : String(error);
        const outcome = this.afterFailure(batch, this.options.isRejection?.(error) ?? false);
        this.options.onError?.(error, outcome);
      },
    ).finally(() => {
      this.inFlight = 0;
      this.enforceBound();
      this.writing = undefined;
      if (this.rows.length > 0) this.schedule(0);
    });
    return this.writing;
  }

  private afterFailure(batch: Row[], rejected: boolean): WriteFailureOutcome {
    if (rejected && batch.length === 1) {
      this.stats.rejected += 1;
      this.suspect = Math.max(0, this.suspect - 1);
      return 'rejected';
    }
    // Otherwise the batch goes back to the front, in order.
    this.rows = batch.concat(this.rows);
    if (rejected) {
      // No backoff: the database is up, it only refused something in this batch.
      this.suspect = Math.max(this.suspect, batch.length);
      this.suspectBatchSize = Math.ceil(batch.length / 2);
      return 'narrowing';
    }
    this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 250), 5_000);
    return 'retrying';
  }
}

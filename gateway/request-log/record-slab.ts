// Encoded request-log records as bytes outside the V8 heap. A record waits in the queue for up to
// a flush interval (200 ms), long enough to survive two young-generation collections: as a
// string (~1.8 KB for `@production`) every one was copied twice by the scavenger and then
// promoted, and at c=64 those strings alone grew the old generation by ~8 MB a second. Copied
// into a slab, the string dies young and what survives is a small Buffer view; the batch sent to
// Postgres is assembled from the bytes (see log-writer.ts).

/** Large enough that most records share a slab, small enough that a few live rows do not pin much. */
const SLAB_BYTES = 256 * 1024;

export class RecordSlab {
  #slab: Buffer = Buffer.allocUnsafeSlow(0);
  #offset = 0;

  /** The record's UTF-8 bytes, in a view of the current slab (a slab is never written twice). */
  write(text: string): Buffer {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > SLAB_BYTES / 4) return Buffer.from(text, 'utf8');
    if (this.#offset + bytes > this.#slab.length) {
      this.#slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      this.#offset = 0;
    }
    const start = this.#offset;
    this.#offset += this.#slab.write(text, start, bytes, 'utf8');
    return this.#slab.subarray(start, this.#offset);
  }
}

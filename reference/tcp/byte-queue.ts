/**
 * A queue of bytes: written at the end, read (or dropped) from the front. A TCP connection has
 * two: the send queue (bytes the program wrote that the peer has not acknowledged yet, the
 * first of them at SND.UNA) and the receive queue (bytes that arrived in order and wait for the
 * program's recv).
 */

/** The smallest storage a queue allocates, so that many tiny writes do not reallocate each time. */
export const BYTE_QUEUE_MIN_CAPACITY = 4096;

/** A growable FIFO of bytes, stored contiguously between two offsets of one buffer. */
export class ByteQueue {
  #storage = new Uint8Array(0);
  /** Offset of the first queued byte in #storage. */
  #start = 0;
  /** Offset just past the last queued byte in #storage. */
  #end = 0;

  /** How many bytes are queued. */
  get length(): number {
    return this.#end - this.#start;
  }

  /** Append a copy of `data`. */
  push(data: Uint8Array): void {
    if (this.#end + data.length > this.#storage.length) this.#makeRoom(data.length);
    this.#storage.set(data, this.#end);
    this.#end += data.length;
  }

  /**
   * The `length` bytes starting `offset` bytes after the front, without removing them. The view
   * is only valid until the queue changes: copy it (or encode it into a packet) at once.
   */
  peek(offset: number, length: number): Uint8Array {
    const from = this.#start + Math.min(offset, this.length);
    return this.#storage.subarray(from, Math.min(from + length, this.#end));
  }

  /** Remove `count` bytes from the front (all of them if fewer are queued). */
  drop(count: number): void {
    this.#start += Math.min(count, this.length);
    if (this.#start === this.#end) this.#start = this.#end = 0;
  }

  /** Remove up to `count` bytes from the front and return them (a copy the caller owns). */
  take(count: number): Uint8Array {
    const taken = this.peek(0, count).slice();
    this.drop(taken.length);
    return taken;
  }

  /** Forget every queued byte. */
  clear(): void {
    this.#start = this.#end = 0;
  }

  /** Make room for `incoming` more bytes: move the queued bytes to the front, or grow the storage. */
  #makeRoom(incoming: number): void {
    const needed = this.length + incoming;
    if (needed > this.#storage.length) {
      const grown = new Uint8Array(Math.max(needed, 2 * this.#storage.length, BYTE_QUEUE_MIN_CAPACITY));
      grown.set(this.#storage.subarray(this.#start, this.#end));
      this.#storage = grown;
    } else {
      this.#storage.copyWithin(0, this.#start, this.#end);
    }
    this.#end = this.length;
    this.#start = 0;
  }
}

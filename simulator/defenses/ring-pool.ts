/**
 * The storage behind SlidingWindowLimiter: one ring of timestamps per key (a dense id), all
 * rings in one Float64Array.
 *
 * Why not an array per key: a limiter is consulted on every login attempt, against up to a
 * million proxy addresses. A JS array per key costs three dependent cache misses per check
 * (the slot, the array object, its elements); a segment of one typed array costs one, and a
 * segment's header and its first timestamps share a cache line.
 *
 * A segment is [HEAD, REFUSING, FILLED, CAPACITY, t0, t1, …]. It starts small (the limiter
 * asks for two timestamps: most keys under stuffing are seen once or twice) and doubles, up
 * to the limiter's limit, by moving to the end of the pool; the space left behind, and that of
 * forgotten keys, is reclaimed by compacting once it is over half the pool.
 */
export const HEAD = 0;
export const REFUSING = 1;
export const FILLED = 2;
export const CAPACITY = 3;
export const FIRST = 4;

const MIN_POOL_SLOTS = 4096;

export class RingPool {
  /** The pool; read it after every `create`/`grow` (they may replace it). */
  data = new Float64Array(MIN_POOL_SLOTS);
  /** Key → segment offset + 1 (0: the key has no ring). */
  private offsets = new Int32Array(1024);
  private end = 0;
  private garbage = 0;

  /** Offset of `key`'s segment, or -1 (also for a key that is not an index: negative, fractional). */
  offsetOf(key: number): number {
    const at = this.offsets[key];
    return at === undefined ? -1 : at - 1;
  }

  /** Keys that may have a segment are below this. */
  get keyBound(): number {
    return this.offsets.length;
  }

  /** A new, empty segment for `key` (which has none) with room for `capacity` timestamps. */
  create(key: number, capacity: number): number {
    if (key >= this.offsets.length) {
      let length = this.offsets.length;
      while (length <= key) length *= 2;
      const offsets = new Int32Array(length);
      offsets.set(this.offsets);
      this.offsets = offsets;
    }
    const o = this.allocate(FIRST + capacity);
    this.data[o + CAPACITY] = capacity;
    this.offsets[key] = o + 1;
    return o;
  }

  /** Moves `key`'s segment to one with room for `capacity` timestamps, contents kept; returns its offset. */
  grow(key: number, capacity: number): number {
    if (this.garbage > this.end >> 1) this.compact();
    const from = this.offsetOf(key);
    const old = this.data[from + CAPACITY]!;
    const o = this.allocate(FIRST + capacity);
    const data = this.data;
    data.copyWithin(o, from, from + FIRST + old);
    data[o + CAPACITY] = capacity;
    this.offsets[key] = o + 1;
    this.garbage += FIRST + old;
    return o;
  }

  /** Forgets `key`'s segment. */
  free(key: number): void {
    const o = this.offsetOf(key);
    if (o < 0) return;
    this.garbage += FIRST + this.data[o + CAPACITY]!;
    this.offsets[key] = 0;
    if (this.garbage > this.end >> 1) this.compact();
  }

  private allocate(slots: number): number {
    if (this.end + slots > this.data.length) {
      let length = this.data.length;
      while (length < this.end + slots) length *= 2;
      const data = new Float64Array(length);
      data.set(this.data.subarray(0, this.end));
      this.data = data;
    }
    // Everything from `end` on is still zero: space is only handed out at the end, and a
    // compaction starts a fresh pool.
    const o = this.end;
    this.end += slots;
    return o;
  }

  /** Copies every live segment, in key order, to the front of a fresh pool. */
  private compact(): void {
    const old = this.data;
    const live = this.end - this.garbage;
    let length = MIN_POOL_SLOTS;
    while (length < 2 * live) length *= 2;
    const data = new Float64Array(length);
    let end = 0;
    for (let key = 0; key < this.offsets.length; key++) {
      const at = this.offsets[key]!;
      if (at === 0) continue;
      const from = at - 1;
      const size = FIRST + old[from + CAPACITY]!;
      for (let i = 0; i < size; i++) data[end + i] = old[from + i]!; // segments are short: no subarray per key
      this.offsets[key] = end + 1;
      end += size;
    }
    this.data = data;
    this.end = end;
    this.garbage = 0;
  }
}

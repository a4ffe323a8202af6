/**
 * A number kept per pair of dense ids (an account's index and a client IP's id), in one
 * open-addressing table of typed arrays.
 *
 * Why not Map<number, Map<number, number>>: consecutive-fails reads this on every attempt on
 * a real account, and two nested maps cost three or four cache misses where one probe of
 * this table costs one (the two keys and the value of a slot sit in three parallel arrays
 * read at the same index). Linear probing; a deleted slot becomes a tombstone, and the table
 * is rebuilt when tombstones and live pairs together pass half of it.
 */
const EMPTY = -1;
const DELETED = -2;
const MIN_BITS = 10;

export class PairTable {
  private bits = MIN_BITS;
  private firsts = new Int32Array(1 << MIN_BITS).fill(EMPTY);
  private seconds = new Int32Array(1 << MIN_BITS);
  private values = new Float64Array(1 << MIN_BITS);
  /** Live pairs. */
  size = 0;
  private deleted = 0;

  /** The value of (first, second), or undefined. Both are dense ids: integers ≥ 0. */
  get(first: number, second: number): number | undefined {
    const slot = this.find(first, second);
    return this.firsts[slot] === first ? this.values[slot] : undefined;
  }

  set(first: number, second: number, value: number): void {
    if (!(first >= 0 && second >= 0 && first === (first | 0) && second === (second | 0))) {
      throw new RangeError(`pair keys must be dense ids (integers ≥ 0), got (${first}, ${second})`);
    }
    let slot = this.find(first, second);
    if (this.firsts[slot] !== first) {
      // A new pair: reuse the first tombstone on its probe path, if any.
      slot = this.freeSlot(first, second);
      if (this.firsts[slot] === DELETED) this.deleted--;
      this.firsts[slot] = first;
      this.seconds[slot] = second;
      this.size++;
    }
    this.values[slot] = value;
    if ((this.size + this.deleted) * 2 > this.firsts.length) this.rebuild();
  }

  /** Removes (first, second); says whether it was there. */
  delete(first: number, second: number): boolean {
    const slot = this.find(first, second);
    if (this.firsts[slot] !== first) return false;
    this.firsts[slot] = DELETED;
    this.size--;
    this.deleted++;
    return true;
  }

  /** Removes every pair whose value satisfies `drop`. */
  deleteWhere(drop: (value: number) => boolean): void {
    for (let slot = 0; slot < this.firsts.length; slot++) {
      if (this.firsts[slot]! >= 0 && drop(this.values[slot]!)) {
        this.firsts[slot] = DELETED;
        this.size--;
        this.deleted++;
      }
    }
    if (this.deleted > this.size) this.rebuild();
  }

  private home(first: number, second: number): number {
    return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca6b)) >>> (32 - this.bits);
  }

  /** The slot holding the pair, or the empty slot that ends its probe path. */
  private find(first: number, second: number): number {
    const mask = this.firsts.length - 1;
    let slot = this.home(first, second);
    for (;;) {
      const f = this.firsts[slot]!;
      if (f === EMPTY || (f === first && this.seconds[slot] === second)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Where a pair known to be absent goes: the first tombstone or the empty slot on its path. */
  private freeSlot(first: number, second: number): number {
    const mask = this.firsts.length - 1;
    let slot = this.home(first, second);
    while (this.firsts[slot]! >= 0) slot = (slot + 1) & mask;
    return slot;
  }

  /** Re-inserts the live pairs into a table sized for them (at most a quarter full). */
  private rebuild(): void {
    const { firsts, seconds, values } = this;
    let bits = MIN_BITS;
    while (this.size * 4 > 1 << bits) bits++;
    this.bits = bits;
    this.firsts = new Int32Array(1 << bits).fill(EMPTY);
    this.seconds = new Int32Array(1 << bits);
    this.values = new Float64Array(1 << bits);
    this.deleted = 0;
    for (let slot = 0; slot < firsts.length; slot++) {
      if (firsts[slot]! < 0) continue;
      const to = this.freeSlot(firsts[slot]!, seconds[slot]!);
      this.firsts[to] = firsts[slot]!;
      this.seconds[to] = seconds[slot]!;
      this.values[to] = values[slot]!;
    }
  }
}

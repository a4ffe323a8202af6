/**
 * A number kept per pair of dense ids (an account's index and a client IP's id), in one
 * open-addressing table in a typed array.
 *
 * Why not Map<number, Map<number, number>>: consecutive-fails reads this on every attempt on
 * a real account, and two nested maps cost three or four cache misses where one probe of
 * this table costs one (the two keys and the value of a slot sit side by side in one typed
 * array). Linear probing; a deleted slot becomes a tombstone, and the table is rebuilt when
 * tombstones and live pairs together pass half of it.
 */
const EMPTY = -1;
const DELETED = -2;
const MIN_BITS = 10;
/** Numbers per slot: first key, second key, value, and one unused so a slot never straddles a cache line. */
const STRIDE = 4;

export class PairTable {
  private bits = MIN_BITS;
  /**
   * Slot i at [STRIDE·i, STRIDE·i + 3): (first, second, value). One array, not three: a
   * probe reads keys and value from one cache line instead of one line in each of three
   * arrays (three misses on a table of hundreds of thousands of pairs).
   */
  private slots = emptySlots(MIN_BITS);
  /** Live pairs. */
  size = 0;
  private deleted = 0;

  /** The value of (first, second), or undefined. Both are dense ids: integers ≥ 0. */
  get(first: number, second: number): number | undefined {
    const at = this.find(first, second);
    return this.slots[at] === first ? this.slots[at + 2] : undefined;
  }

  set(first: number, second: number, value: number): void {
    if (!(first >= 0 && second >= 0 && first === (first | 0) && second === (second | 0))) {
      throw new RangeError(`pair keys must be dense ids (integers ≥ 0), got (${first}, ${second})`);
    }
    const slots = this.slots;
    let at = this.find(first, second);
    if (slots[at] !== first) {
      // A new pair: reuse the first tombstone on its probe path, if any.
      at = this.freeSlot(first, second);
      if (slots[at] === DELETED) this.deleted--;
      slots[at] = first;
      slots[at + 1] = second;
      this.size++;
    }
    slots[at + 2] = value;
    if ((this.size + this.deleted) * 2 > 1 << this.bits) this.rebuild();
  }

  /** Removes (first, second); says whether it was there. */
  delete(first: number, second: number): boolean {
    const at = this.find(first, second);
    if (this.slots[at] !== first) return false;
    this.slots[at] = DELETED;
    this.size--;
    this.deleted++;
    return true;
  }

  /** Removes every pair whose value satisfies `drop`. */
  deleteWhere(drop: (value: number) => boolean): void {
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += STRIDE) {
      if (slots[at]! >= 0 && drop(slots[at + 2]!)) {
        slots[at] = DELETED;
        this.size--;
        this.deleted++;
      }
    }
    if (this.deleted > this.size) this.rebuild();
  }

  private home(first: number, second: number): number {
    return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca6b)) >>> (32 - this.bits);
  }

  /** Where the slot holding the pair begins, or the empty slot that ends its probe path. */
  private find(first: number, second: number): number {
    const slots = this.slots;
    const mask = (1 << this.bits) - 1;
    let slot = this.home(first, second);
    for (;;) {
      const at = slot * STRIDE;
      const f = slots[at]!;
      if (f === EMPTY || (f === first && slots[at + 1] === second)) return at;
      slot = (slot + 1) & mask;
    }
  }

  /** Where a pair known to be absent goes: the first tombstone or the empty slot on its path. */
  private freeSlot(first: number, second: number): number {
    const slots = this.slots;
    const mask = (1 << this.bits) - 1;
    let slot = this.home(first, second);
    while (slots[slot * STRIDE]! >= 0) slot = (slot + 1) & mask;
    return slot * STRIDE;
  }

  /** Re-inserts the live pairs into a table sized for them (at most a quarter full). */
  private rebuild(): void {
    const old = this.slots;
    let bits = MIN_BITS;
    while (this.size * 4 > 1 << bits) bits++;
    this.bits = bits;
    this.slots = emptySlots(bits);
    this.deleted = 0;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at]! < 0) continue;
      const to = this.freeSlot(old[at]!, old[at + 1]!);
      this.slots[to] = old[at]!;
      this.slots[to + 1] = old[at + 1]!;
      this.slots[to + 2] = old[at + 2]!;
    }
  }
}

function emptySlots(bits: number): Float64Array {
  const slots = new Float64Array(STRIDE << bits);
  for (let at = 0; at < slots.length; at += STRIDE) slots[at] = EMPTY;
  return slots;
}

/**
 * Item ids in the order they were made: retention expires from the front, so a sweep costs
 * what it removes, not what is stored. The spent front is cut off once it is half the array.
 */
export class FifoIds {
  private ids: number[] = [];
  private head = 0;

  push(id: number): void {
    this.ids.push(id);
  }

  get length(): number {
    return this.ids.length - this.head;
  }

  /** Everything queued, emptied. */
  drain(): number[] {
    const out = this.head === 0 ? this.ids : this.ids.slice(this.head);
    this.ids = [];
    this.head = 0;
    return out;
  }

  /** Drops ids from the front while `drop(id)` says so; returns how many went. */
  dropWhile(drop: (id: number) => boolean): number {
    const start = this.head;
    while (this.head < this.ids.length && drop(this.ids[this.head]!)) this.head++;
    const dropped = this.head - start;
    if (this.head > 1024 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
    return dropped;
  }
}

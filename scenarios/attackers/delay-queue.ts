/**
 * A FIFO of work due at a virtual time. Items of one kind share one delay, so they arrive
 * in due order and a plain queue stays sorted: O(1) push and pop, no heap.
 */
export class DelayQueue<T extends { dueMs: number }> {
  private items: T[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  /** The next item due at or before `nowMs`, removed from the queue. */
  popDue(nowMs: number): T | undefined {
    const item = this.items[this.head];
    if (item === undefined || item.dueMs > nowMs) return undefined;
    this.items[this.head++] = undefined as unknown as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  get size(): number {
    return this.items.length - this.head;
  }
}

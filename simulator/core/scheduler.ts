/**
 * Discrete-event scheduler on a virtual clock.
 *
 * Events run in (time, insertion order): two events at the same instant run in the order they
 * were scheduled, which is itself deterministic, so ties never depend on the heap's layout.
 * Time only moves when `runNext()` pops an event; nothing here reads the wall clock.
 */
export type Task = () => void;

export interface TimerHandle {
  readonly id: number;
}

interface Entry {
  timeMs: number;
  seq: number;
  task: Task;
  id: number;
  periodMs: number;
  cancelled: boolean;
}

export class Scheduler {
  private nowMs = 0;
  private seq = 0;
  private heap: Entry[] = [];
  private readonly live = new Map<number, Entry>();
  private nextId = 1;
  /** Events executed so far: a cheap progress and cost measure. */
  executed = 0;

  now(): number {
    return this.nowMs;
  }

  /** Runs `task` at virtual time `timeMs` (never in the past: clamped to now). */
  at(timeMs: number, task: Task): TimerHandle {
    if (!Number.isFinite(timeMs)) throw new RangeError(`at(): timeMs must be finite, got ${timeMs}`);
    return this.push(Math.max(Math.round(timeMs), this.nowMs), task, 0);
  }

  after(delayMs: number, task: Task): TimerHandle {
    if (!(delayMs >= 0)) throw new RangeError(`after(): delayMs must be >= 0, got ${delayMs}`);
    return this.at(this.nowMs + delayMs, task);
  }

  /** Runs `task` every `periodMs`, first at now + (firstDelayMs ?? periodMs). */
  every(periodMs: number, task: Task, firstDelayMs = periodMs): TimerHandle {
    if (!(Math.round(periodMs) > 0)) throw new RangeError(`every(): periodMs must round to >= 1 ms, got ${periodMs}`);
    if (!Number.isFinite(firstDelayMs)) throw new RangeError(`every(): firstDelayMs must be finite, got ${firstDelayMs}`);
    return this.push(Math.max(Math.round(this.nowMs + firstDelayMs), this.nowMs), task, Math.round(periodMs));
  }

  cancel(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const entry = this.live.get(handle.id);
    if (entry) {
      entry.cancelled = true;
      this.live.delete(handle.id);
    }
  }

  /** Virtual time of the next pending event, or Infinity. */
  peekTimeMs(): number {
    this.dropCancelled();
    return this.heap.length > 0 ? this.heap[0]!.timeMs : Infinity;
  }

  pending(): number {
    return this.live.size;
  }

  /** Pops and runs the next event if it is due at or before `limitMs`; returns false otherwise. */
  runNext(limitMs: number): boolean {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top || top.timeMs > limitMs) return false;
    this.popTop();
    this.nowMs = top.timeMs;
    if (top.periodMs > 0) {
      top.timeMs += top.periodMs;
      top.seq = this.seq++;
      this.siftUp(this.heap.push(top) - 1);
    } else {
      this.live.delete(top.id);
    }
    this.executed++;
    top.task();
    return true;
  }

  /** Moves the clock forward to `timeMs` without running anything (end of a run). */
  advanceTo(timeMs: number): void {
    if (timeMs > this.nowMs) this.nowMs = timeMs;
  }

  private push(timeMs: number, task: Task, periodMs: number): TimerHandle {
    const entry: Entry = { timeMs, seq: this.seq++, task, id: this.nextId++, periodMs, cancelled: false };
    this.live.set(entry.id, entry);
    this.siftUp(this.heap.push(entry) - 1);
    return { id: entry.id };
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.popTop();
  }

  private popTop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
  }

  private less(a: Entry, b: Entry): boolean {
    return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const item = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(item, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.less(heap[child + 1]!, heap[child]!)) child++;
      if (!this.less(heap[child]!, item)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = item;
  }
}
